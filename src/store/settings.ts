import type { KringDb } from './db';

export const SETTING = {
  /** Addresses that are the user's own: learned from the pages Kring sees, plus any added. */
  ownAddresses: 'ownAddresses',
  /** The user's own display names, for pages that show names without addresses (name keys). */
  ownNames: 'ownNames',
  /**
   * Addresses (and name keys) a page said the user is signed in as, waiting for the user to say
   * "that is me" (issue 16: one page must not make anyone the user for good). `PendingOwn[]`.
   */
  pendingOwn: 'pendingOwn',
  /** Addresses and name keys the user said are not theirs: never the user, whatever a page says. */
  rejectedOwn: 'rejectedOwn',
  /** Messages the background dropped, by reason. */
  dropped: 'dropped',
  /** Pages that showed a message or event Kring could not read: `{ provider: { view: count } }`. */
  detectionFailures: 'detectionFailures',
  /** Pages read only through fallbacks (a hint was missing): `{ provider: { view: count } }`. */
  detectionDegraded: 'detectionDegraded',
  /** Which hints were missing, per provider, most recent last (at most 20): `{ provider: string[] }`. */
  degradedHints: 'degradedHints',
  /** Cadence in days given to people added to the network. */
  defaultCadenceDays: 'defaultCadenceDays',
  /** Days after which people Kring only saw are removed. */
  retentionDays: 'retentionDays',
  /** Days before an unanswered message counts as a reply owed. */
  replyDays: 'replyDays',
  /** Providers the user switched capture off for. */
  captureOff: 'captureOff',
  /** Store subjects (true) or only dates and people (false). */
  keepSubjects: 'keepSubjects',
  /** When retention last ran (epoch ms). */
  retentionRanAt: 'retentionRanAt',
  /**
   * Messages an opened page showed to be a crowd's (more than 20 people), as short hashes of
   * provider and message or conversation id, newest last (at most MAX_CROWD_ITEMS): their rows in a
   * list, which show one correspondent, create nobody either.
   */
  crowdItems: 'crowdItems',
  /**
   * CardDAV sync (issue 19): the address book's URL and the sync token saved with the last sync's
   * changes (`SyncState`). Never in a backup. The password is not here: extension storage only.
   */
  syncState: 'syncState',
  /** The count of people due and replies owed on the toolbar icon (issue 20); on unless false. */
  badge: 'badge',
  /**
   * Reminders (issue 20): `{ mode: 'off' | 'daily' | 'weekly', time: 'HH:MM', weekday, lastSent }`
   * (src/background/reminders.ts); off when absent.
   */
  reminders: 'reminders',
  /** The Due list offered reminders once (issue 20): true once shown and answered. */
  remindersOffered: 'remindersOffered',
  /** What the user set per organisation (issue 20): `{ [domain]: OrgRecord }`. In backups. */
  organisations: 'organisations',
  /** People the user marked "Don't share" with the team (issue 21): person ids, never published. In backups. */
  teamHidden: 'teamHidden',
  /**
   * The team this device joined (issue 21): `{ folder, username, check }`, written at joining. The
   * membership in extension storage is used only while it agrees (storage.local a content script
   * can write; this store it cannot). Never in a backup.
   */
  teamState: 'teamState',
} as const;

export interface TeamState {
  folder: string;
  username: string;
  /** The team key's check value (team/crypto.ts checkValue). */
  check: string;
}

export interface SyncState {
  bookUrl: string;
  token: string | null;
  /** The book's list of forgotten people (src/sync/forgotten.ts) as last agreed: where, which version, what. */
  forgotten?: { href: string; etag: string; hashes: string[] };
  /** The book takes vCard 4.0 (learnt from a full listing): Kring's new cards are 4.0, else 3.0. */
  vcard4?: boolean;
}

export const MAX_CROWD_ITEMS = 500;

export async function getSetting<T>(db: KringDb, key: string, fallback: T): Promise<T> {
  const row = await db.settings.get(key);
  return row === undefined ? fallback : (row.value as T);
}

export async function ownAddresses(db: KringDb): Promise<string[]> {
  return getSetting<string[]>(db, SETTING.ownAddresses, []);
}

/** Own addresses and own name keys: everything that is the user, never a contact. */
export async function ownKeys(db: KringDb): Promise<string[]> {
  return [...(await ownAddresses(db)), ...(await getSetting<string[]>(db, SETTING.ownNames, []))];
}

/** Count a dropped message; kept so a user (and a test) can see forged traffic was refused. */
export async function countDrop(db: KringDb, reason: string): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const counts = await getSetting<Record<string, number>>(db, SETTING.dropped, {});
    counts[reason] = (counts[reason] ?? 0) + 1;
    await db.settings.put({ key: SETTING.dropped, value: counts });
  });
}

export interface PendingOwn {
  /** An address, or a name key (network/names.ts) where the page shows the user by name. */
  key: string;
  /** The page's provider that said so, and when. */
  provider: string;
  at: number;
  /** The name as the page showed it, for a name key. */
  label?: string;
}
/** Pages claiming to be signed in as someone: at most this many wait for an answer. */
export const MAX_PENDING_OWN = 10;

export type FailureCounts = Record<string, Record<string, number>>;

/** Count a page Kring could not read, per provider and view (shown in the options page). */
export async function countDetectionFailure(db: KringDb, provider: string, view: string): Promise<void> {
  await countPage(db, SETTING.detectionFailures, provider, view);
}

/** Count a page read only through fallbacks, and remember which hints were missing. */
export async function countDetectionDegraded(db: KringDb, provider: string, view: string, hints: readonly string[]): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    await countPage(db, SETTING.detectionDegraded, provider, view);
    const all = await getSetting<Record<string, string[]>>(db, SETTING.degradedHints, {});
    const known = (all[provider] ?? []).filter((h) => !hints.includes(h));
    all[provider] = [...known, ...hints].slice(-20);
    await db.settings.put({ key: SETTING.degradedHints, value: all });
  });
}

async function countPage(db: KringDb, key: string, provider: string, view: string): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const counts = await getSetting<FailureCounts>(db, key, {});
    const p = (counts[provider] ??= {});
    p[view] = (p[view] ?? 0) + 1;
    await db.settings.put({ key, value: counts });
  });
}

/** Mark a person "Don't share" with the team, or share them again (issue 21). */
export async function setTeamShared(db: KringDb, personId: string, shared: boolean): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const hidden = new Set(await getSetting<string[]>(db, SETTING.teamHidden, []));
    if (shared) hidden.delete(personId);
    else hidden.add(personId);
    await db.settings.put({ key: SETTING.teamHidden, value: [...hidden] });
  });
}
