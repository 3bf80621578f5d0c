// Issue 19: sync as the user runs it (src/sync/service.ts) against Debian's Radicale: connecting,
// what the last sync did, stopping, and a server that fails in every way the issue names. Nothing
// stored in Kring is lost, and the user reads what went wrong.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addPersonManually, addToNetwork, setNotes } from '../../../src/store/actions';
import { KringDb } from '../../../src/store/db';
import { SETTING } from '../../../src/store/settings';
import { writeCard } from '../../../src/sync/card';
import { changesSince, putCard, type Book } from '../../../src/sync/remote';
import { SYNC_CONFIG, SYNC_STATUS, createSyncService, type KeyValueArea, type SyncConfig, type SyncStatus } from '../../../src/sync/service';
// @ts-expect-error plain ESM module without types
import { missingRadicale, startRadicale } from './servers.mjs';

const T = Date.parse('2026-12-02T10:00:00Z');
const USER = 'anna';
const PASSWORD = 'wachtwoord-ë';

/** chrome.storage.local in memory. */
function memoryArea(): KeyValueArea & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async (keys) => Object.fromEntries(keys.filter((k) => k in data).map((k) => [k, structuredClone(data[k])])),
    set: async (items) => void Object.assign(data, structuredClone(items)),
    remove: async (keys) => void keys.forEach((k) => delete data[k]),
  };
}

/** Everything Kring keeps about people, to compare before and after a failed sync. */
const snapshot = async (db: KringDb) => ({
  people: (await db.people.toArray()).sort((x, y) => x.id.localeCompare(y.id)),
  addresses: (await db.addresses.toArray()).sort((x, y) => x.address.localeCompare(y.address)),
  interactions: await db.interactions.count(),
});

describe.skipIf(missingRadicale().length > 0)('sync as the user runs it, on Radicale 3.1 (Debian)', () => {
  let r: { url: string; stop(): Promise<void> };
  let n = 0;
  let db: KringDb;
  let area: ReturnType<typeof memoryArea>;
  let clock = T;
  /** What the "server" answers: Radicale, unless a test puts something in between. */
  let between: ((input: RequestInfo | URL, init?: RequestInit) => Promise<Response> | null) | null = null;
  let access = true;
  const service = () =>
    createSyncService({
      db: () => db,
      area,
      hasAccess: async () => access,
      fetch: (input, init) => between?.(input, init) ?? fetch(input, init),
      now: () => clock,
    });

  beforeAll(async () => {
    r = await startRadicale({ [USER]: PASSWORD });
  }, 30_000);
  afterAll(() => r?.stop());
  beforeEach(async () => {
    db = new KringDb(`service-${++n}`);
    await db.open();
    area = memoryArea();
    between = null;
    access = true;
    clock = T;
  });

  /** Connect as the settings page does: find the books, make "Kring", first sync. */
  const connect = async (name = `Kring ${n}`) => {
    const s = service();
    const found = await s.discover(`${r.url}/`, USER, PASSWORD);
    if (!found.ok) throw new Error(found.error.detail);
    return s.use({ serverUrl: `${r.url}/`, username: USER, password: PASSWORD, make: name, home: found.home });
  };
  const book = (): Book => {
    const c = area.data[SYNC_CONFIG] as SyncConfig;
    return { url: c.bookUrl, username: c.username, password: c.password };
  };

  it('connects (finds the account\'s books, makes "Kring"), syncs, and records what it did; the password stays in extension storage only', async () => {
    const pieter = await addPersonManually(db, 'pieter@devries-advies.nl', 'Pieter de Vries', T);
    await addToNetwork(db, pieter, T, 30);
    const status = await connect('Kring');
    expect(status).toMatchObject({ ok: true, result: { sent: 1 }, lastOk: T });
    expect(area.data[SYNC_CONFIG]).toMatchObject({ username: USER, password: PASSWORD, bookName: 'Kring' });
    expect((area.data[SYNC_CONFIG] as SyncConfig).bookUrl).toMatch(/\/anna\/kring\/$/);
    // The store holds no credentials (backups are the store).
    expect(JSON.stringify(await db.settings.toArray())).not.toContain(PASSWORD);
    // The book is now found by Connect.
    const found = await service().discover(`${r.url}/`, USER, PASSWORD);
    expect(found.ok && found.books.map((b) => b.name)).toContain('Kring');
  });

  it('Test connection says plainly what is wrong: wrong password, not a CardDAV server, nothing listening', async () => {
    expect(await service().discover(`${r.url}/`, USER, 'fout')).toMatchObject({ ok: false, error: { kind: 'auth' } });
    between = () => Promise.resolve(new Response('<html><body>Welkom</body></html>', { status: 200, headers: { 'Content-Type': 'text/html' } }));
    expect(await service().discover('http://127.0.0.1:9/', USER, PASSWORD)).toMatchObject({ ok: false, error: { kind: 'not-carddav' } });
    between = null;
    expect(await service().discover('http://127.0.0.1:9/', USER, PASSWORD)).toMatchObject({ ok: false, error: { kind: 'network' } });
  });

  it('a server that fails (500, garbage XML, 401 mid-sync) is a clear error; nothing stored is lost and the next sync finishes the job', async () => {
    const pieter = await addPersonManually(db, 'pieter@devries-advies.nl', 'Pieter de Vries', T);
    await addToNetwork(db, pieter, T, 30);
    await setNotes(db, pieter, 'Koffie; fietsen, zeilen');
    expect(await connect()).toMatchObject({ ok: true });
    // Another device adds someone; this device edits Pieter.
    const other: Book = book();
    await putCard(other, 'lena.vcf', writeCard(null, 'lena-uid', { name: 'Lena Visser', emails: ['lena@visser.design'], notes: 'Van de telefoon', tags: [], status: 'network', cadenceDays: 90, lastContact: 0 }, T), null);
    await setNotes(db, pieter, 'Koffie; fietsen, zeilen, schaken');
    const before = await snapshot(db);
    const token = (await db.settings.get(SETTING.syncState))?.value;

    clock = T + 60_000;
    between = () => Promise.resolve(new Response('Internal Server Error', { status: 500 }));
    expect(await service().run()).toMatchObject({ ok: false, error: { kind: 'server' }, failingSince: T + 60_000, lastOk: T });
    expect(await snapshot(db)).toEqual(before);

    clock = T + 120_000;
    between = () => Promise.resolve(new Response('<?xml version="1.0"?><multistatus><<<>>> not xml', { status: 207, headers: { 'Content-Type': 'application/xml' } }));
    const garbage = await service().run();
    expect(garbage).toMatchObject({ ok: false, failingSince: T + 60_000 });
    expect(garbage!.error!.detail.length).toBeLessThanOrEqual(200);
    expect(await snapshot(db)).toEqual(before);
    expect((await db.settings.get(SETTING.syncState))?.value).toEqual(token);

    // 401 once the changes are read: what came in is kept, what was to go out waits.
    clock = T + 180_000;
    between = (_input, init) => (init?.method === 'PUT' ? Promise.resolve(new Response('', { status: 401 })) : null);
    expect(await service().run()).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect(await db.addresses.get('lena@visser.design')).toBeTruthy();
    expect((await db.people.get(pieter))?.notes).toBe('Koffie; fietsen, zeilen, schaken');

    clock = T + 240_000;
    between = null;
    const healed = await service().run();
    expect(healed).toMatchObject({ ok: true, lastOk: T + 240_000, result: { sent: 1 } });
    expect(healed).not.toHaveProperty('failingSince');
    expect((await db.people.toArray()).map((p) => p.name).sort()).toEqual(['Lena Visser', 'Pieter de Vries']);
  });

  it('a 10 MB card is not read and does not stop the others', async () => {
    expect(await connect()).toMatchObject({ ok: true });
    const photo = 'A'.repeat(10 * 1024 * 1024);
    const huge = `BEGIN:VCARD\r\nVERSION:3.0\r\nUID:huge\r\nFN:Groot Bestand\r\nEMAIL:groot@bestand.nl\r\nPHOTO;ENCODING=b;TYPE=JPEG:${photo}\r\nEND:VCARD\r\n`;
    expect(await putCard(book(), 'huge.vcf', huge, null)).toMatchObject({ ok: true });
    await putCard(book(), 'lena.vcf', writeCard(null, 'lena-uid', { name: 'Lena Visser', emails: ['lena@visser.design'], notes: '', tags: [], status: 'network', cadenceDays: 90, lastContact: 0 }, T), null);
    const status = await service().run();
    expect(status).toMatchObject({ ok: true, result: { received: 1, unreadable: 1 } });
    expect(await db.addresses.get('groot@bestand.nl')).toBeUndefined();
    expect(await db.addresses.get('lena@visser.design')).toBeTruthy();
  }, 60_000);

  it('access to the server taken away in the browser: sync stops, says so, forgets the password; Kring keeps everyone', async () => {
    const pieter = await addPersonManually(db, 'pieter@devries-advies.nl', 'Pieter de Vries', T);
    await addToNetwork(db, pieter, T, 30);
    expect(await connect()).toMatchObject({ ok: true });
    access = false;
    expect(await service().run()).toMatchObject({ ok: false, error: { kind: 'access-removed', detail: new URL(r.url).host } });
    expect(area.data[SYNC_CONFIG]).toBeUndefined();
    expect(await db.syncCards.count()).toBe(0);
    expect(await db.people.get(pieter)).toMatchObject({ status: 'network' });
    // Not connected: nothing runs.
    expect(await service().run()).toBeNull();
  });

  it('a connection changed outside the settings page (storage.local, which content scripts can write) is not used: nothing is sent, sync stops and says so', async () => {
    const pieter = await addPersonManually(db, 'pieter@devries-advies.nl', 'Pieter de Vries', T);
    await addToNetwork(db, pieter, T, 30);
    expect(await connect()).toMatchObject({ ok: true });
    const elsewhere: string[] = [];
    between = (input) => {
      elsewhere.push(String(input));
      return Promise.resolve(new Response('', { status: 500 }));
    };
    area.data[SYNC_CONFIG] = { ...(area.data[SYNC_CONFIG] as SyncConfig), bookUrl: 'https://mail.google.com/kring/' };
    expect(await service().run()).toMatchObject({ ok: false, error: { kind: 'changed-outside' } });
    expect(elsewhere).toEqual([]);
    expect(area.data[SYNC_CONFIG]).toBeUndefined();
    expect(await db.people.get(pieter)).toMatchObject({ status: 'network' });
  });

  it('Stop syncing keeps everything local and forgets the credentials; connecting again matches by address, no duplicates', async () => {
    const pieter = await addPersonManually(db, 'pieter@devries-advies.nl', 'Pieter de Vries', T);
    await addToNetwork(db, pieter, T, 30);
    expect(await connect('Kring stop')).toMatchObject({ ok: true });
    const url = (area.data[SYNC_CONFIG] as SyncConfig).bookUrl;
    await service().stop();
    expect(area.data).toEqual({});
    expect(await db.syncCards.count()).toBe(0);
    expect(await db.settings.get(SETTING.syncState)).toBeUndefined();
    expect(await db.people.get(pieter)).toMatchObject({ status: 'network' });
    // Back to the same book: a first sync, matched by address.
    expect(await service().use({ serverUrl: `${r.url}/`, username: USER, password: PASSWORD, bookUrl: url, bookName: 'Kring stop' })).toMatchObject({ ok: true });
    expect(await db.people.count()).toBe(1);
    expect((await changesSince(book(), null)).changed).toHaveLength(1);
  });

  it('one sync at a time: "Sync now" during the alarm\'s sync waits for it, then runs', async () => {
    expect(await connect()).toMatchObject({ ok: true });
    let inFlight = 0;
    let most = 0;
    between = (input, init) => {
      inFlight++;
      most = Math.max(most, inFlight);
      return fetch(input, init).finally(() => inFlight--);
    };
    const s = service();
    const [x, y] = await Promise.all([s.run(), s.run()]);
    expect(most).toBe(1);
    expect([x?.ok, y?.ok]).toEqual([true, true]);
    expect((area.data[SYNC_STATUS] as SyncStatus).ok).toBe(true);
  });
});
