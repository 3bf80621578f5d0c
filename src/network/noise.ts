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

const lists = rules.lists;
const listExact = new Set(lists.localPartExact);
const NAME_ENDING = new RegExp(`(?:^|[\\s\\-_])(?:${lists.nameEndings.map((w) => w.replace(/ /g, '[\\s-]?')).join('|')})$`, 'iu');
const NAME_VIA = new RegExp(`\\s(?:${lists.nameVia.join('|')})\\s+\\S`, 'iu');

/**
 * An address that shows the marks of a mailing list or group (noise-rules.json "lists"): a list
 * local part ("dev@", "announce@", "team-all@", "python-list@"), a list host ("lists.x.org",
 * googlegroups.com), a display name that is the list's ("OpenForge developers") or a poster's
 * shown via it ("Jan de Boer via OpenForge"). Such an address is not a person; its posters are.
 */
export function isListAddress(address: string, name?: string | null): boolean {
  const [local, domain] = split(address.toLowerCase());
  const bare = local.split('+')[0]!;
  if (listExact.has(bare) || lists.localPartSuffixes.some((s) => bare.endsWith(s) && bare.length > s.length)) return true;
  if (lists.domains.some((d) => onDomain(domain, d)) || lists.domainPrefixes.some((p) => domain.startsWith(p))) return true;
  const n = name?.trim();
  return !!n && n.length <= 120 && (NAME_ENDING.test(n) || NAME_VIA.test(n));
}
