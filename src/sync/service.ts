/**
 * Sync as the user runs it (issue 19): the connection they made, one sync at a time, what the last
 * one did, and stopping. Runs in the background worker only (the alarm, "Sync now" and changes
 * made in Kring's pages all come here), so two syncs never overlap on one device.
 *
 * Where things are kept, and why:
 * - The connection (server, user name, password, address book) in extension storage on this device
 *   (`storage.local`): never in a backup (backups are the IndexedDB store), never in storage a
 *   browser syncs, and no page shows the password again.
 * - What the last sync did, for the settings page and the popup, next to it (`SYNC_STATUS`).
 * - The sync token and the agreed copy of each card in the store (loop.ts), written with the
 *   changes they describe.
 */
import type { KringDb } from '../store/db';
import { SETTING, getSetting, type SyncState } from '../store/settings';
import { syncOnce } from './loop';
import { SYNC_CONFIG, SYNC_STATUS, type Deletions, type SyncConfig, type SyncError, type SyncStatus } from './config';
import { RemoteError, discoverBooks, makeBook, type Book, type FoundBook } from './remote';

export * from './config';

/** chrome.storage.local, or a stand-in in tests. */
export interface KeyValueArea {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export interface SyncServiceDeps {
  db: () => KringDb;
  area: KeyValueArea;
  /** Whether the browser still lets Kring reach this origin (the permission asked at Connect). */
  hasAccess: (origin: string) => Promise<boolean>;
  fetch?: typeof fetch;
  now?: () => number;
}

/** An error as the user should read it. */
export function describeError(e: unknown): SyncError {
  const detail = (e instanceof Error ? e.message : String(e)).slice(0, 200);
  if (e instanceof RemoteError) return { kind: e.kind, detail };
  // fetch rejects with a TypeError for everything below HTTP: no route, refused, DNS, TLS certificate.
  if (e instanceof TypeError && /fetch|network|load/i.test(e.message)) return { kind: 'network', detail };
  return { kind: 'other', detail };
}

export function createSyncService(deps: SyncServiceDeps) {
  const now = deps.now ?? Date.now;
  let running: Promise<SyncStatus | null> | null = null;

  const config = async (): Promise<SyncConfig | null> => ((await deps.area.get([SYNC_CONFIG]))[SYNC_CONFIG] as SyncConfig | undefined) ?? null;
  const status = async (): Promise<SyncStatus | null> => ((await deps.area.get([SYNC_STATUS]))[SYNC_STATUS] as SyncStatus | undefined) ?? null;
  const bookOf = (c: SyncConfig): Book => ({ url: c.bookUrl, username: c.username, password: c.password, ...(deps.fetch ? { fetch: deps.fetch } : {}) });

  /** Forget what this device agreed with a book: the next sync is a first sync (matched by address). */
  const forgetBook = async () => {
    const db = deps.db();
    await db.transaction('rw', [db.syncCards, db.settings], async () => {
      await db.syncCards.clear();
      await db.settings.delete(SETTING.syncState);
    });
  };

  const record = async (next: Omit<SyncStatus, 'lastOk' | 'failingSince'>): Promise<SyncStatus> => {
    const before = await status();
    const s: SyncStatus = {
      ...next,
      ...(next.ok ? { lastOk: next.at } : before?.lastOk ? { lastOk: before.lastOk } : {}),
      ...(next.ok ? {} : { failingSince: before?.failingSince ?? next.at }),
    };
    await deps.area.set({ [SYNC_STATUS]: s });
    return s;
  };

  const runOnce = async (deletions: Deletions): Promise<SyncStatus | null> => {
    const c = await config();
    if (!c) return null;
    // The connection in extension storage must be the one Connect made: its book is also recorded in
    // the store, which no content script can write (storage.local they can; issue 16, finding 12).
    // Changed outside the settings page, it is not used: sync stops and says so.
    const agreed = await getSetting<SyncState | null>(deps.db(), SETTING.syncState, null);
    if (agreed?.bookUrl !== c.bookUrl) {
      await clear();
      return record({ at: now(), ok: false, error: { kind: 'changed-outside', detail: '' } });
    }
    if (!(await deps.hasAccess(new URL(c.bookUrl).origin))) {
      // The user took Kring's access to the server away in the browser: sync stops, and says so.
      await clear();
      return record({ at: now(), ok: false, error: { kind: 'access-removed', detail: new URL(c.bookUrl).host } });
    }
    try {
      const result = await syncOnce(deps.db(), bookOf(c), { now: now(), scope: c.scope ?? 'network', ...(deletions === 'apply' ? { allowMassDeletion: true } : deletions === 'restore' ? { restoreDeleted: true } : {}) });
      if (result.massDeletion) return record({ at: now(), ok: false, result, massDeletion: result.massDeletion });
      return record({ at: now(), ok: true, result });
    } catch (e) {
      return record({ at: now(), ok: false, error: describeError(e) });
    }
  };

  /** One sync now; a sync already running is waited for and its outcome returned (then a new one, if asked for). */
  const run = async (deletions: Deletions = 'ask'): Promise<SyncStatus | null> => {
    // The wait and the claim stay together: `running` is set in the same tick the loop ends (an
    // awaited helper in between let two callers start at once; the one-at-a-time test caught it).
    while (running) await running.catch(() => {});
    running = runOnce(deletions);
    try {
      return await running;
    } finally {
      running = null;
    }
  };

  /** The address books of an account (Connect): from the DAV base URL, or a clear error. */
  const discover = async (serverUrl: string, username: string, password: string): Promise<{ ok: true; books: FoundBook[]; home: string } | { ok: false; error: SyncError }> => {
    try {
      const found = await discoverBooks({ baseUrl: serverUrl, username, password, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
      return { ok: true, ...found };
    } catch (e) {
      return { ok: false, error: describeError(e) };
    }
  };

  /**
   * Sync with this book from now on (or make one named `make` in `home` first), then sync once.
   * A different book than before starts afresh: its cards are matched to people by address.
   */
  const use = async (c: Omit<SyncConfig, 'bookUrl' | 'bookName'> & ({ bookUrl: string; bookName: string } | { make: string; home: string })): Promise<SyncStatus> => {
    let bookUrl: string;
    let bookName: string;
    try {
      if ('make' in c) {
        bookUrl = await makeBook({ username: c.username, password: c.password, ...(deps.fetch ? { fetch: deps.fetch } : {}) }, c.home, c.make);
        bookName = c.make;
      } else ({ bookUrl, bookName } = c);
    } catch (e) {
      return { at: now(), ok: false, error: describeError(e) };
    }
    while (running) await running.catch(() => {});
    const before = await config();
    const agreed = await getSetting<SyncState | null>(deps.db(), SETTING.syncState, null);
    if (before?.bookUrl !== bookUrl || agreed?.bookUrl !== bookUrl) {
      await forgetBook();
      await deps.db().settings.put({ key: SETTING.syncState, value: { bookUrl, token: null } satisfies SyncState });
    }
    await deps.area.set({ [SYNC_CONFIG]: { serverUrl: c.serverUrl, username: c.username, password: c.password, bookUrl, bookName, scope: c.scope ?? 'network' } satisfies SyncConfig });
    await deps.area.remove([SYNC_STATUS]);
    return (await run())!;
  };

  const clear = async () => {
    await deps.area.remove([SYNC_CONFIG, SYNC_STATUS]);
    await forgetBook();
  };

  /** Sync the network or everyone from now on, and sync at once (cards of people no longer synced are deleted). */
  const setScope = async (scope: 'network' | 'everyone'): Promise<SyncStatus | null> => {
    while (running) await running.catch(() => {});
    const c = await config();
    if (!c) return null;
    await deps.area.set({ [SYNC_CONFIG]: { ...c, scope } satisfies SyncConfig });
    return run();
  };

  /** Stop syncing (after a sync under way ends): the credentials go, everything in Kring stays. */
  const stop = async () => {
    while (running) await running.catch(() => {});
    await clear();
  };

  return { config, status, run, discover, use, stop, setScope };
}

export type SyncService = ReturnType<typeof createSyncService>;
