/**
 * Organisations (issue 20), the light half: what the popup's screens need to show and filter them.
 * The grouping itself (src/network/organisations.ts) carries the Public Suffix List and the list of
 * mail providers, ~400 KB; it loads when organisations are computed, not with the popup.
 */
import type { OrgRecord, Person } from '../model/types';

/** The trend compares contacts in the last 90 days with the 90 before. */
export const TREND_DAYS = 90;
/** Silent this long (nobody there in touch), an organisation with people in the network is cooling. */
export const COOLING_DAYS = 60;

/**
 * "rijnmond-zorg.nl" → "Rijnmond Zorg": the name shown when neither the user gave one nor the mail
 * shows one (network/organisations.ts mailName).
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
  /** What display names showed beside the name with this address (model/types.ts Address). */
  nameTails?: readonly string[];
}

export type Trend = 'up' | 'down' | 'steady' | 'new' | 'none';

export interface OrgSummary {
  domain: string;
  /** The user's name for it, else the one its people's mail shows, else one made from the domain. */
  name: string;
  /** The name its people's mail shows ("Maria Jansen | Rijnmond Zorg"), when it shows one. */
  mailName?: string;
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
