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
import { DAY } from './cadence';

const PROVIDERS: ReadonlySet<string> = new Set(providers as string[]);

/** The trend compares contacts in the last 90 days with the 90 before. */
export const TREND_DAYS = 90;
/** Silent this long (nobody there in touch), an organisation with people in the network is cooling. */
export const COOLING_DAYS = 60;

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
 * "rijnmond-zorg.nl" → "Rijnmond Zorg": the name shown until the user gives one. (The organisation
 * part of display names, "Maria Jansen | Rijnmond Zorg", is cut off at capture: network/names.ts.)
 */
export function nameFromDomain(domain: string): string {
  const label = domain.split('.')[0] ?? domain;
  return label
    .split(/[-_]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toLocaleUpperCase() + w.slice(1))
    .join(' ');
}

/** One contact: the address it was with, or the person (a contact logged by hand). */
export interface ContactRef {
  address?: string;
  personId?: string;
}

export interface OrgPerson {
  person: Person;
  address: string;
}

export type Trend = 'up' | 'down' | 'steady' | 'new' | 'none';

export interface OrgSummary {
  domain: string;
  name: string;
  /** People at this organisation Kring keeps, network first, then by last contact. */
  people: Person[];
  networkCount: number;
  /** The last contact with anyone there (epoch ms), 0 for none. */
  lastContact: number;
  /** Contacts in the last TREND_DAYS and in the TREND_DAYS before. */
  recent: number;
  before: number;
  trend: Trend;
  record: OrgRecord | undefined;
  /** When the organisation's own cadence falls due (last contact + cadence); absent without one. */
  due?: number;
  /** Due, or people in the network and nobody in touch for COOLING_DAYS (or never). */
  cooling: boolean;
}

export function trendOf(recent: number, before: number): Trend {
  if (recent === 0 && before === 0) return 'none';
  if (before === 0) return 'new';
  if (recent >= before * 1.25) return 'up';
  if (recent <= before * 0.75) return 'down';
  return 'steady';
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

/** Organisations shown in the tab: those with someone in the network, or that the user gave a cadence, tag or note. */
export const listed = (o: OrgSummary) => o.networkCount > 0 || Boolean(o.record && (o.record.cadenceDays || o.record.tags?.length || o.record.notes));

/** Whether an organisation matches a search ("utrecht", "gemeente-utrecht.nl", "rijnmond zorg"). */
export function orgMatches(o: OrgSummary, query: string): boolean {
  const text = `${o.domain}\n${o.name}\n${(o.record?.tags ?? []).join('\n')}`.toLowerCase();
  return query
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => text.includes(w));
}
