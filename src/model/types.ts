/** Stored records. Plain data: the network rules and import/export work on these types only. */

export type PersonStatus = 'seen' | 'network';
/** Why a person was captured, shown beside them. */
export type CaptureReason = 'you-wrote' | 'they-wrote' | 'meeting' | 'cc' | 'manual';
/** in/out: email; cc: both copied; meeting: past; upcoming: not yet; manual: "contacted today". */
export type Direction = 'in' | 'out' | 'cc' | 'meeting' | 'upcoming' | 'manual';

export interface Person {
  id: string;
  /** Best display name seen, or null when only an address is known. */
  name: string | null;
  status: PersonStatus;
  reason: CaptureReason;
  /** Epoch ms of the first and latest contact; 0 when there has been none (cc only, say). */
  firstContact: number;
  lastContact: number;
  lastIn: number;
  lastOut: number;
  /** The latest interaction of any kind (cc included): retention looks at this. */
  lastSeen: number;
  createdAt: number;
  /** Keep-in-touch cadence in days (network people); null for none. */
  cadenceDays: number | null;
  /** Due date (epoch ms), stored so "who is due" is an index read; absent when no reminder applies. */
  due?: number;
  snoozedUntil: number;
  /** When the user added them to the network; 0 when not in it. */
  addedAt: number;
  notes: string;
  tags: string[];
}

/** One-way hash of a forgotten address: Kring never captures it again, and cannot tell who it was. */
export interface Forgotten {
  hash: string;
  at: number;
}

export interface IgnoreRule {
  /** "jan@x.nl" or "@x.nl" (subdomains included). */
  rule: string;
  at: number;
}

/** What a merge changed, so it can be undone. */
export interface MergeRecord {
  id: string;
  at: number;
  keptId: string;
  keptBefore: Person;
  merged: Person;
  /** The merged person's addresses, which go back to them on undo. */
  addresses: string[];
}

/** Two people the user said are not the same person. */
export interface DismissedPair {
  pair: string;
  at: number;
}

export interface Address {
  /** Lower-cased; the primary key, so an address belongs to exactly one person. */
  address: string;
  personId: string;
  /**
   * What the latest display name shown with this address put beside the name, as written
   * ("Maria Jansen | Rijnmond Zorg" → ["Rijnmond Zorg"]): roles and organisation names, which
   * name the address's organisation when they agree (network/organisations.ts).
   */
  nameTails?: string[];
}

export interface Interaction {
  /** `${provider}:${item id}:${address}`: the same message seen twice is stored once. */
  id: string;
  personId: string;
  address: string;
  provider: string;
  /** The provider's message or event id the interaction came from. */
  sourceId: string;
  threadId: string | null;
  direction: Direction;
  /** Epoch ms. */
  at: number;
  /** True when the page gave no usable date and `at` is when Kring saw it. */
  atEstimated: boolean;
  subject: string | null;
  /** Where it was seen: an opened message or event ('page'), or only a row of a list ('list'). */
  seenIn?: 'page' | 'list';
}

export interface Setting {
  key: string;
  value: unknown;
}

/** What CardDAV sync remembers of one card (issue 19; src/sync). */
export interface SyncCard {
  uid: string;
  personId: string;
  /** The card's path on the server. */
  href: string;
  etag: string;
  /** The fields both sides last agreed on (src/sync/card.ts SyncFields), and the card's normalised content then. */
  base: { name: string | null; emails: string[]; notes: string; tags: string[]; status: PersonStatus; cadenceDays: number | null; lastContact: number };
  key: string;
}

/**
 * What the user set for an organisation (issue 20), by its registrable domain; kept in the settings
 * row `organisations`, so backups carry it. Everything else about it is computed from its people.
 */
export interface OrgRecord {
  /** The user's name for it; absent: the one the mail shows, else one made from the domain. */
  name?: string;
  /** Due when nobody there has been in touch for this many days. */
  cadenceDays?: number | null;
  tags?: string[];
  notes?: string;
  /** The user said its addresses are people's own (a mail provider the list misses). */
  personal?: boolean;
  at: number;
}

/** A teammate's published entry (issue 21, src/team), as synced from their book. */
export interface TeamEntryRow {
  /** `${book URL}|${card path}`. */
  id: string;
  book: string;
  href: string;
  etag: string;
  /** Keyed hashes of the person's addresses and of their organisations' domains. */
  addresses: string[];
  orgs: string[];
  strength: 1 | 2 | 3;
  /** "2026-10", or null. */
  lastMonth: string | null;
}

/** One teammate's book as last synced. */
export interface TeamBook {
  url: string;
  token: string | null;
  /** The member's name as their book's meta card gives it. */
  member: string;
  /** `ok`: same passphrase; `other-key`: their check value is not ours (their entries are not kept). */
  state: 'ok' | 'other-key' | 'no-meta';
}

/** What this member published: one card per shared person, and the book's meta card. */
export interface TeamCard {
  uid: string;
  href: string;
  etag: string;
  /** The card as written, so an unchanged entry is not written again. */
  text: string;
}
