/**
 * Who is never a contact: the user's own addresses, automated senders, and the user's ignore rules.
 * Pure. The automated-sender list lives in one data file, noise-rules.json.
 */
import rules from './noise-rules.json';

const contains = rules.localPartContains;
const exact = new Set(rules.localPartExact);
const prefixes = rules.localPartPrefixes;
const domains = rules.domains;

const split = (address: string): [string, string] => {
  const at = address.lastIndexOf('@');
  return [address.slice(0, at), address.slice(at + 1)];
};

const onDomain = (domain: string, rule: string) => domain === rule || domain.endsWith(`.${rule}`);

/** An address that belongs to a machine, a list or a shared inbox, not a person. */
export function isAutomated(address: string): boolean {
  const [local, domain] = split(address.toLowerCase());
  const bare = local.split('+')[0]!; // "info+tag@x" is still "info"
  return (
    exact.has(bare) ||
    contains.some((c) => local.includes(c)) ||
    prefixes.some((p) => local.startsWith(p)) ||
    domains.some((d) => onDomain(domain, d))
  );
}

/**
 * An ignore rule is an exact address ("jan@x.nl") or a domain ("@x.nl"), which covers its
 * subdomains ("@mail.x.nl"). Rules are stored lower case.
 */
export function normaliseIgnoreRule(raw: string): string | null {
  const v = raw.trim().toLowerCase().replace(/^\*@/, '@');
  if (/^@[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(v)) return v;
  if (/^[^\s@]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(v)) return v;
  return null;
}

export function isIgnored(address: string, rules: readonly string[]): boolean {
  const a = address.toLowerCase();
  const domain = split(a)[1];
  return rules.some((r) => (r.startsWith('@') ? onDomain(domain, r.slice(1)) : r === a));
}

/** The one question ingest asks: may this address be stored as a contact at all? */
export function isPossibleContact(address: string, own: ReadonlySet<string>, ignoreRules: readonly string[]): boolean {
  return !own.has(address) && !isAutomated(address) && !isIgnored(address, ignoreRules);
}
