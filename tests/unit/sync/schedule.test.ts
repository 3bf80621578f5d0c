// Issue 19: when sync runs (src/sync/schedule.ts), who may ask for it (src/messaging/server.ts),
// a page's own changes asking for a sync soon (src/ui/sync-soon.ts), and the popup's warning.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { createSyncRunner, SYNC_ALARM, SYNC_SOON_ALARM, type Alarms } from '../../../src/sync/schedule';
import { createMessageServer } from '../../../src/messaging/server';
import { addPersonManually, setNotes } from '../../../src/store/actions';
import { KringDb } from '../../../src/store/db';
import type { SyncConfig, SyncStatus } from '../../../src/sync/config';
import type { SyncService } from '../../../src/sync/service';
import { syncSoonAfterChanges } from '../../../src/ui/sync-soon';
import { syncWarning } from '../../../src/ui/sync-state';

const DAY = 86_400_000;
const CONFIG: SyncConfig = { serverUrl: 'https://dav.example.org/', username: 'anna', password: 'geheim', bookUrl: 'https://dav.example.org/anna/kring/', bookName: 'Kring' };

function fakeAlarms() {
  const set = new Map<string, { periodInMinutes?: number; delayInMinutes?: number }>();
  const alarms: Alarms = {
    create: (name, info) => void set.set(name, info),
    clear: (name) => void set.delete(name),
    get: async (name) => (set.has(name) ? { name } : undefined),
  };
  return { set, alarms };
}

function fakeService(connected: boolean) {
  let config: SyncConfig | null = connected ? CONFIG : null;
  const runs: string[] = [];
  const service = {
    config: async () => config,
    status: async () => null,
    run: vi.fn(async (d: string = 'ask') => (runs.push(d), config ? ({ at: 1, ok: true } as SyncStatus) : null)),
    discover: vi.fn(async () => ({ ok: true as const, books: [], home: 'https://dav.example.org/anna/' })),
    use: vi.fn(async () => ((config = CONFIG), { at: 1, ok: true } as SyncStatus)),
    stop: vi.fn(async () => void (config = null)),
    setScope: vi.fn(async (scope: 'network' | 'everyone') => (config && (config = { ...config, scope }), { at: 1, ok: true } as SyncStatus)),
  } as unknown as SyncService;
  return { service, runs };
}

describe('when sync runs', () => {
  it('every 15 minutes while connected, and not at all otherwise; a change made in Kring syncs a minute later', async () => {
    const off = fakeAlarms();
    const idle = createSyncRunner({ ...fakeService(false), alarms: off.alarms, hasAccess: async () => true, onSynced: () => {} });
    await idle.schedule();
    await idle.soon();
    expect([...off.set.keys()]).toEqual([]);

    const on = fakeAlarms();
    const { service, runs } = fakeService(true);
    const synced = vi.fn();
    const runner = createSyncRunner({ service, alarms: on.alarms, hasAccess: async () => true, onSynced: synced });
    await runner.schedule();
    expect(on.set.get(SYNC_ALARM)).toEqual({ periodInMinutes: 15 });
    await runner.soon();
    expect(on.set.get(SYNC_SOON_ALARM)).toEqual({ delayInMinutes: 1 });
    await runner.onAlarm(SYNC_ALARM);
    await runner.onAlarm(SYNC_SOON_ALARM);
    await runner.onAlarm('something-else');
    expect(runs).toEqual(['ask', 'ask']);
    expect(synced).toHaveBeenCalledTimes(2);
    // Stop: the alarms go.
    await runner.handle({ type: 'sync/stop' });
    expect([...on.set.keys()]).toEqual([]);
  });

  it('the server\'s permission taken away: the sync runs at once (and finds out); another permission going changes nothing', async () => {
    const { set, alarms } = fakeAlarms();
    const { service, runs } = fakeService(true);
    let access = true;
    const runner = createSyncRunner({ service, alarms, hasAccess: async () => access, onSynced: () => {} });
    await runner.onPermissionRemoved();
    expect(runs).toEqual([]);
    access = false;
    await runner.onPermissionRemoved();
    expect(runs).toEqual(['ask']);
    expect(set.size).toBe(1); // still connected in the fake: the real service stops itself on that run
  });

  it('Connect and Start are refused for a server the browser did not grant; the deletion answer reaches the sync', async () => {
    const { alarms } = fakeAlarms();
    const { service, runs } = fakeService(true);
    const runner = createSyncRunner({ service, alarms, hasAccess: async (o) => o === 'https://dav.example.org', onSynced: () => {} });
    expect(await runner.handle({ type: 'sync/discover', serverUrl: 'https://evil.example/', username: 'a', password: 'b' })).toMatchObject({ ok: false, error: { kind: 'no-access' } });
    expect(await runner.handle({ type: 'sync/discover', serverUrl: 'javascript:alert(1)', username: 'a', password: 'b' })).toMatchObject({ ok: false, error: { kind: 'no-access' } });
    expect(await runner.handle({ type: 'sync/use', serverUrl: 'https://dav.example.org/', username: 'a', password: 'b', book: { url: 'https://evil.example/book/', name: 'x' } })).toMatchObject({ ok: false, error: { kind: 'no-access' } });
    expect(service.use).not.toHaveBeenCalled();
    expect(await runner.handle({ type: 'sync/discover', serverUrl: 'https://dav.example.org/', username: 'a', password: 'b' })).toMatchObject({ ok: true });
    await runner.handle({ type: 'sync/now', deletions: 'restore' });
    expect(runs).toEqual(['restore']);
    await runner.handle({ type: 'sync/scope', scope: 'everyone' });
    expect(service.setScope).toHaveBeenCalledWith('everyone');
    expect((await service.config())?.scope).toBe('everyone');
  });
});

describe('who may drive sync', () => {
  const OWN = 'kringkringkringkringkringkringkr';
  const ORIGIN = `chrome-extension://${OWN}`;
  const sync = vi.fn(async () => 'ok');
  const noop = vi.fn(async () => undefined);
  const listen = createMessageServer({
    ownId: OWN,
    extensionOrigin: ORIGIN,
    handlers: { 'capture/detected': noop, 'capture/page': noop, 'capture/sidebar': noop, 'sidebar/get-page': noop, 'sidebar/add-to-network': noop, 'sidebar/set-cadence': noop, sync },
  });
  const connect = { type: 'sync/use', serverUrl: 'https://dav.example.org/', username: 'a', password: 'b', book: { make: 'Kring', home: 'https://dav.example.org/a/' } };

  it('the settings page may; the popup only to say something changed; the sidebar in a webmail tab and web pages may not', async () => {
    expect(await listen(connect, { id: OWN, origin: ORIGIN, url: `${ORIGIN}/options.html`, tab: { id: 3 } })).toBe('ok');
    expect(await listen({ type: 'sync/soon' }, { id: OWN, origin: ORIGIN, url: `${ORIGIN}/popup.html` })).toBe('ok');
    expect(await listen({ type: 'sync/now' }, { id: OWN, origin: ORIGIN, url: `${ORIGIN}/popup.html` })).toBeUndefined();
    expect(await listen({ type: 'sync/stop' }, { id: OWN, origin: ORIGIN, url: `${ORIGIN}/sidebar.html?k=1`, tab: { id: 7, url: 'https://mail.google.com/' }, frameId: 3 })).toBeUndefined();
    expect(await listen({ type: 'sync/stop' }, { id: OWN, origin: 'https://mail.google.com', url: `${ORIGIN}/options.html`, tab: { id: 7 }, frameId: 0 })).toMatchObject({ refused: 'not-allowed' });
    expect(await listen({ ...connect, password: 'x'.repeat(5000) }, { id: OWN, origin: ORIGIN, url: `${ORIGIN}/options.html` })).toBeUndefined();
    expect(sync).toHaveBeenCalledTimes(2);
  });
});

describe('a change made in a page', () => {
  it('asks for a sync once, after the edits stop; reads do not', async () => {
    const db = new KringDb(`soon-${Math.random()}`);
    await db.open();
    const send = vi.fn(async () => true);
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    syncSoonAfterChanges(db, send, 1000);
    await db.people.toArray();
    await wait(1200);
    expect(send).not.toHaveBeenCalled();
    const id = await addPersonManually(db, 'pieter@devries-advies.nl', 'Pieter', 1);
    for (const note of ['K', 'Ko', 'Koffie']) {
      await setNotes(db, id, note);
      await wait(50);
    }
    expect(send).not.toHaveBeenCalled();
    await wait(1500);
    expect(send).toHaveBeenCalledTimes(1);
  });
});

describe('the popup\'s sync warning', () => {
  const now = Date.parse('2026-12-02T12:00:00Z');
  it('is quiet while sync works or has failed for less than a day; speaks after a day, when access went, or when deletions wait', () => {
    expect(syncWarning(null, now)).toBeNull();
    expect(syncWarning({ at: now, ok: true, lastOk: now }, now)).toBeNull();
    expect(syncWarning({ at: now, ok: false, error: { kind: 'network', detail: '' }, failingSince: now - DAY + 60_000 }, now)).toBeNull();
    expect(syncWarning({ at: now, ok: false, error: { kind: 'network', detail: '' }, failingSince: now - DAY }, now)).toBe('failing');
    expect(syncWarning({ at: now, ok: false, error: { kind: 'access-removed', detail: 'dav.example.org' }, failingSince: now }, now)).toBe('access-removed');
    expect(syncWarning({ at: now, ok: false, massDeletion: { deleted: 40, of: 60 }, failingSince: now }, now)).toBe('deletions');
  });
});

describe('Connect', () => {
  it('asks for the server\'s origin only; for iCloud also its partition hosts; takes only http(s) DAV addresses without credentials in them', async () => {
    const { originsToAsk, serverAddress } = await import('../../../src/sync/config');
    expect(originsToAsk(serverAddress('https://cloud.example.org/remote.php/dav')!)).toEqual(['https://cloud.example.org/*']);
    expect(originsToAsk(serverAddress('https://contacts.icloud.com')!)).toEqual(['https://contacts.icloud.com/*', 'https://*.icloud.com/*']);
    expect(originsToAsk(serverAddress('https://icloud.com.evil.example/')!)).toEqual(['https://icloud.com.evil.example/*']);
    expect(serverAddress('https://cloud.example.org/remote.php/dav')!.toString()).toBe('https://cloud.example.org/remote.php/dav/');
    expect(serverAddress(' http://127.0.0.1:5232 ')!.toString()).toBe('http://127.0.0.1:5232/');
    for (const bad of ['ftp://x.example/', 'https://anna:geheim@dav.example.org/', 'javascript:alert(1)', 'dav.example.org', '']) expect(serverAddress(bad), bad).toBeNull();
  });
});
