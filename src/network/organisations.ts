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
import { getDomain } from 'tldts';
import type { OrgRecord, Person } from '../model/types';
import { COOLING_DAYS, nameFromDomain, trendOf, type ContactRef, type OrgPerson, type OrgSummary } from './org-summary';
import { DAY } from './cadence';

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
  const orgOfPerson = new Map<string, string>();
  for (const { person, address } of people) {
    const org = orgOf(address);
    if (!org) continue;
    let members = byOrg.get(org);
    if (!members) byOrg.set(org, (members = new Map()));
    members.set(person.id, person);
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
    out.push({
      domain,
      name: record?.name || nameFromDomain(domain),
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

