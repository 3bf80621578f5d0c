/**
 * When sync runs (issue 19): every 15 minutes by `chrome.alarms` while connected, a minute after a
 * change made in Kring (edits in a row become one sync), on "Sync now", and at once when the browser
 * takes away Kring's access to the server (the sync then stops and says so). The settings page's
 * messages land here; the work is src/sync/service.ts.
 */
import type { SyncMessage } from '../messaging/protocol';
import type { Deletions, SyncService } from './service';

export const SYNC_ALARM = 'kring-sync';
export const SYNC_SOON_ALARM = 'kring-sync-soon';
export const SYNC_EVERY_MINUTES = 15;
export const SYNC_SOON_MINUTES = 1;

/** chrome.alarms, or a stand-in in tests. */
export interface Alarms {
  create(name: string, info: { periodInMinutes?: number; delayInMinutes?: number }): Promise<void> | void;
  clear(name: string): Promise<boolean> | void;
  get(name: string): Promise<{ name: string } | undefined>;
}

export function createSyncRunner({ service, alarms, hasAccess, onSynced }: { service: SyncService; alarms: Alarms; hasAccess: (origin: string) => Promise<boolean>; onSynced: () => void }) {
  const run = async (deletions: Deletions = 'ask') => {
    const status = await service.run(deletions);
    onSynced();
    return status;
  };
  /** The 15-minute alarm exists exactly while connected. */
  const schedule = async () => {
    if (!(await service.config())) {
      await alarms.clear(SYNC_ALARM);
      await alarms.clear(SYNC_SOON_ALARM);
      return;
    }
    if (!(await alarms.get(SYNC_ALARM))) await alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_EVERY_MINUTES });
  };

  /** Something changed in Kring: sync in a minute (a later change moves it on). */
  const soon = async () => {
    if (await service.config()) await alarms.create(SYNC_SOON_ALARM, { delayInMinutes: SYNC_SOON_MINUTES });
  };

  return {
    schedule,
    soon,
    onAlarm: async (name: string) => {
      if (name === SYNC_ALARM || name === SYNC_SOON_ALARM) await run();
    },
    /** A permission went: if it was the server's, the next sync finds out, stops and says so. */
    onPermissionRemoved: async () => {
      const c = await service.config();
      if (c && !(await hasAccess(new URL(c.bookUrl).origin))) {
        await run();
        await schedule();
      }
    },
    handle: async (msg: SyncMessage): Promise<unknown> => {
      switch (msg.type) {
        case 'sync/discover':
          if (!(await hasAccess(safeOrigin(msg.serverUrl)))) return { ok: false, error: { kind: 'no-access', detail: msg.serverUrl.slice(0, 200) } };
          return service.discover(msg.serverUrl, msg.username, msg.password);
        case 'sync/use': {
          const target = 'url' in msg.book ? msg.book.url : msg.book.home;
          if (!(await hasAccess(safeOrigin(msg.serverUrl))) || !(await hasAccess(safeOrigin(target)))) return { at: Date.now(), ok: false, error: { kind: 'no-access', detail: target.slice(0, 200) } };
          const account = { serverUrl: msg.serverUrl, username: msg.username, password: msg.password, scope: msg.scope ?? ('network' as const) };
          const status = await service.use('url' in msg.book ? { ...account, bookUrl: msg.book.url, bookName: msg.book.name } : { ...account, make: msg.book.make, home: msg.book.home });
          await schedule();
          onSynced();
          return status;
        }
        case 'sync/now':
          return run(msg.deletions ?? 'ask');
        case 'sync/soon':
          await soon();
          return true;
        case 'sync/scope': {
          const status = await service.setScope(msg.scope);
          onSynced();
          return status;
        }
        case 'sync/stop':
          await service.stop();
          await schedule();
          return true;
      }
    },
  };
}

export type SyncRunner = ReturnType<typeof createSyncRunner>;

/** The origin of an address the page sent; an impossible one when it is not an address. */
export function safeOrigin(raw: string): string {
  try {
    const u = new URL(raw);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : 'invalid:';
  } catch {
    return 'invalid:';
  }
}
