/**
 * Organisations (issue 20): people grouped by their address's registrable domain, and how warm
 * Kring's user is with each. Pure: the popup's query (src/store/organisations.ts) hands in people,
 * addresses and the recent contacts.
 *
 * - An address at a mail provider for the public (gmail.com, outlook.com, ziggo.nl…) belongs to no
 *   organisation: the list is the maintained `email-providers` package (derhuerst, 8,760 domains),
 *   plus the domains the user marked as personal.
 * - Subdomains fold into their registrable domain through the Public Suffix List (the maintained
 *   `tldts` package): mail.rijnmond-zorg.nl → rijnmond-zorg.nl, x.example.co.uk → example.co.uk.
 */
import providers from 'email-providers/all.json';
import { getDomain, getDomainWithoutSuffix } from 'tldts';
import type { OrgRecord, Person } from '../model/types';
import { COOLING_DAYS, nameFromDomain, trendOf, type ContactRef, type OrgPerson, type OrgSummary } from './org-summary';
import { DAY } from './cadence';
import { normaliseName } from './names';

export * from './org-summary';

const PROVIDERS: ReadonlySet<string> = new Set(providers as string[]);

/** The registrable domain of an address ("m.jansen@mail.rijnmond-zorg.nl" → "rijnmond-zorg.nl"), or null. */
export function registrableDomain(address: string): string | null {
  const at = address.lastIndexOf('@');
  if (at < 1) return null;
  const host = address.slice(at + 1).toLowerCase().replace(/\.$/, '');
  if (!host.includes('.')) return null;
  return getDomain(host) ?? null;
}

/** Whether a domain is a mail provider for the public (its addresses are people's own, not an organisation's). */
export function isMailProvider(domain: string): boolean {
  return PROVIDERS.has(domain);
}

/** The organisation an address belongs to: its registrable domain, unless that is a mail provider or marked personal. */
export function organisationOf(address: string, personal: ReadonlySet<string> = new Set()): string | null {
  const d = registrableDomain(address);
  if (!d) return null;
  const host = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  // Providers are listed by the host people write (e.g. "yahoo.co.uk", "mail.ru"): check both.
  if (PROVIDERS.has(d) || PROVIDERS.has(host) || personal.has(d)) return null;
  return d;
}

/**
 * Words of roles, departments and titles (English and Dutch): a display-name part with one of them
 * ("Jan | Sales", "Pieter (CEO)", "Anna [EXTERNAL]") is not taken for an organisation's name just
 * because several people there show it. A part that spells the domain is taken regardless.
 */
const ROLE_WORDS = new Set(
  (
    'external extern externe internal intern stagiair student ceo cto cfo coo cio cmo founder cofounder co oprichter owner eigenaar ' +
    'partner associate manager director directeur head hoofd lead adviseur advisor adviser consultant specialist analyst engineer ' +
    'developer ontwikkelaar designer recruiter accountmanager projectleider projectmanager medewerker beleidsmedewerker ' +
    'sales verkoop inkoop marketing communicatie communications support helpdesk service finance financien hr it legal ' +
    'juridisch team afdeling department office secretary secretaresse secretariaat assistant assistent ' +
    'he him she her they them hij hem zij haar ooo afwezig away phd msc mba bsc ma ba dr prof ir ing drs mr'
  ).split(' '),
);

/** A normalised name (normaliseName) without its spaces: how names are compared and counted. */
const squashed = (normalised: string) => normalised.replace(/ /g, '');

/** The domain's own name, letters and digits only: "rijnmond-zorg.nl" → "rijnmondzorg". */
const domainLabel = (domain: string) => (getDomainWithoutSuffix(domain) ?? domain.split('.')[0] ?? '').replace(/[^a-z0-9]/g, '');

/**
 * Whether a name spells the domain: the same letters ("De Vries Advies", devries-advies.nl), its
 * initials ("Koninklijke Luchtvaart Maatschappij", klm.nl), or, `loose`, one holds the other
 * ("Gemeente Utrecht", utrecht.nl; "ABN AMRO Bank", abnamro.com).
 */
export function spellsDomain(name: string, domain: string, loose = true): boolean {
  return spellsLabel(name, domainLabel(domain), loose);
}

function spellsLabel(name: string, label: string, loose: boolean): boolean {
  return spellsNormalised(normaliseName(name), label, loose);
}

/** spellsLabel for a name already normalised (normaliseName): mailName normalises each name once. */
function spellsNormalised(normalised: string, label: string, loose: boolean): boolean {
  const sq = squashed(normalised);
  if (!label || !sq) return false;
  const words = normalised.split(' ');
  if (sq === label || (words.length > 1 && words.map((w) => w[0]).join('') === label)) return true;
  return loose && ((label.length >= 4 && sq.includes(label)) || (sq.length >= 4 && label.includes(sq)));
}

const roleLike = (part: string) => normaliseName(part).split(' ').some((w) => ROLE_WORDS.has(w));

/**
 * The organisation's name as its people's mail shows it: the display-name part most of its
 * addresses show ("Maria Jansen | Rijnmond Zorg"), or a whole display name that spells the domain
 * ("De Vries Advies <info@devries-advies.nl>"). A part counts when it spells the domain, or when at
 * least two addresses show it and it is no role ("Sales", "CEO"). Ties: the one spelling the domain.
 */
export function mailName(domain: string, members: readonly OrgPerson[]): string | undefined {
  const label = domainLabel(domain);
  const parts = new Map<string, { label: string; count: number; spells: boolean }>();
  const add = (label: string, key: string, spells: boolean) => {
    if (!key) return;
    const c = parts.get(key);
    if (c) c.count++;
    else parts.set(key, { label, count: 1, spells });
  };
  // Each name is normalised once, not once per check (10,000 people on the Organisations tab).
  for (const m of members) {
    const seen = new Set<string>();
    for (const t of m.nameTails ?? []) {
      const normalised = normaliseName(t);
      const key = squashed(normalised);
      if (seen.has(key)) continue;
      seen.add(key);
      add(t, key, spellsNormalised(normalised, label, true));
    }
    if (!m.person.name) continue;
    const normalised = normaliseName(m.person.name);
    const key = squashed(normalised);
    if (!seen.has(key) && spellsNormalised(normalised, label, false)) add(m.person.name, key, true);
  }
  let best: { label: string; count: number; spells: boolean } | undefined;
  for (const c of parts.values()) {
    if (!c.spells && (c.count < 2 || roleLike(c.label))) continue;
    if (!best || c.count > best.count || (c.count === best.count && c.spells && !best.spells)) best = c;
  }
  return best?.label;
}

/**
 * Every organisation of these people: who is there, the last contact with anyone, the trend of
 * contacts (`contacts`: those of the last TREND_DAYS and of the TREND_DAYS before), the
 * user's record (name, cadence, tags, note). Ordered for the tab: cooling first (due ones by how
 * long overdue, then the longest silent), then the rest by last contact.
 */
export function summariseOrganisations(
  people: readonly OrgPerson[],
  contacts: { recent: readonly ContactRef[]; before: readonly ContactRef[] },
  records: Readonly<Record<string, OrgRecord>>,
  now: number,
): OrgSummary[] {
  const personal = new Set(Object.entries(records).filter(([, r]) => r.personal).map(([d]) => d));
  // 10,000 addresses at 2,000 organisations: each host is looked up once.
  const byHost = new Map<string, string | null>();
  const orgOf = (address: string) => {
    const host = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
    let org = byHost.get(host);
    if (org === undefined) byHost.set(host, (org = organisationOf(address, personal)));
    return org;
  };
  const byOrg = new Map<string, Map<string, Person>>();
  const addressesOf = new Map<string, OrgPerson[]>();
  const orgOfPerson = new Map<string, string>();
  for (const entry of people) {
    const { person, address } = entry;
    const org = orgOf(address);
    if (!org) continue;
    let members = byOrg.get(org);
    if (!members) byOrg.set(org, (members = new Map()));
    members.set(person.id, person);
    let list = addressesOf.get(org);
    if (!list) addressesOf.set(org, (list = []));
    list.push(entry);
    // A person with addresses at two organisations counts for each; contacts go to the first seen.
    if (!orgOfPerson.has(person.id)) orgOfPerson.set(person.id, org);
  }
  const count = (refs: readonly ContactRef[]) => {
    const out = new Map<string, number>();
    for (const c of refs) {
      // By the address written to (a contact counts for the organisation of that address), else
      // by the person ("Contacted today" names no address).
      const org = c.address?.includes('@') ? orgOf(c.address) : c.personId ? orgOfPerson.get(c.personId) : undefined;
      if (org && byOrg.has(org)) out.set(org, (out.get(org) ?? 0) + 1);
    }
    return out;
  };
  const recent = count(contacts.recent);
  const before = count(contacts.before);
  const out: OrgSummary[] = [];
  for (const [domain, members] of byOrg) {
    const list = [...members.values()].sort((a, b) => (a.status === b.status ? b.lastContact - a.lastContact : a.status === 'network' ? -1 : 1));
    const record = records[domain];
    const lastContact = list.reduce((m, p) => Math.max(m, p.lastContact), 0);
    const networkCount = list.filter((p) => p.status === 'network').length;
    const r = recent.get(domain) ?? 0;
    const b = before.get(domain) ?? 0;
    const cadence = record?.cadenceDays ?? null;
    const due = cadence ? (lastContact || now) + cadence * DAY : undefined;
    const silent = now - lastContact >= COOLING_DAYS * DAY;
    const shown = mailName(domain, addressesOf.get(domain)!);
    out.push({
      domain,
      name: record?.name || shown || nameFromDomain(domain),
      ...(shown ? { mailName: shown } : {}),
      people: list,
      networkCount,
      lastContact,
      recent: r,
      before: b,
      trend: trendOf(r, b),
      record,
      ...(due !== undefined ? { due } : {}),
      cooling: (due !== undefined && due <= now) || (networkCount > 0 && silent),
    });
  }
  return out.sort((a, b) => {
    if (a.cooling !== b.cooling) return a.cooling ? -1 : 1;
    if (a.cooling) {
      const ad = a.due !== undefined && a.due <= now;
      const bd = b.due !== undefined && b.due <= now;
      if (ad !== bd) return ad ? -1 : 1;
      if (ad && bd) return a.due! - b.due!;
      return a.lastContact - b.lastContact;
    }
    return b.lastContact - a.lastContact || a.domain.localeCompare(b.domain);
  });
}

