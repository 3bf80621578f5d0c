// Issue 21: "who of us knows them?" through a real Radicale with a team's rights: each member
// writes only their own book in team/, everyone reads them all.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPersonManually, addToNetwork } from '../../../src/store/actions';
import type { KringDb } from '../../../src/store/db';
import { putCard, type Book } from '../../../src/sync/remote';
import { createTeamService } from '../../../src/team/service';
import { parseBackup } from '../../../src/io/backup';
import { exportBackup, restoreBackup } from '../../../src/store/transfer';
import { joinTeam, leaveTeam, ownBook, publish, syncTeam, TeamError, whoKnows, whoKnowsOrg, type TeamMembership, type TeamServer } from '../../../src/team/team';
import { ME, email, freshDb, ingest, personByAddress } from '../../helpers/store';
// @ts-expect-error plain ESM module without types
import { missingRadicale, startRadicale, TEAM_RIGHTS } from './servers.mjs';

const NOW = Date.parse('2026-12-02T12:00:00Z');
const PASSPHRASE = 'zeven blauwe fietsen op de Neude';

/** Every file under a folder, as text (Radicale's cache included: it keeps a history of each card). */
function filesUnder(dir: string): { path: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [{ path: p, text: readFileSync(p, 'latin1') }];
  });
}
/** The cards a book holds, as the server stores them (not its cache). */
const cardFiles = (dir: string, book: string) => filesUnder(dir).filter((f) => f.path.includes(`/team/${book}/`) && !f.path.includes('.Radicale.cache') && f.text.includes('BEGIN:VCARD'));

describe.skipIf(missingRadicale().length > 0)('a team on Radicale', () => {
  let server: { url: string; collections: string; stop(): Promise<void> };
  const as = (username: string): TeamServer => ({ folder: `${server.url}/team/`, username, password: `${username}-pw` });
  let a: KringDb;
  let b: KringDb;
  let anna: TeamMembership;
  let bob: TeamMembership;

  beforeAll(async () => {
    // eve's own book is read-only to her: a member the admin has not given write access.
    const rights = TEAM_RIGHTS.replace('[team-own-book]', '[eve-read-only]\nuser: eve\ncollection: team/eve\npermissions: r\n\n[team-own-book]');
    server = await startRadicale({ admin: 'admin-pw', anna: 'anna-pw', bob: 'bob-pw', carl: 'carl-pw', eve: 'eve-pw' }, { rights });
    // The admin makes the team's folder, and eve's book (she cannot write it).
    const admin = { Authorization: `Basic ${btoa('admin:admin-pw')}` };
    expect((await fetch(`${server.url}/team/`, { method: 'MKCOL', headers: admin })).status).toBe(201);
    const book = '<?xml version="1.0"?><d:mkcol xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav"><d:set><d:prop><d:resourcetype><d:collection/><c:addressbook/></d:resourcetype></d:prop></d:set></d:mkcol>';
    expect((await fetch(`${server.url}/team/eve/`, { method: 'MKCOL', headers: { ...admin, 'Content-Type': 'application/xml' }, body: book })).status).toBe(201);

    // Anna's network: Pieter (two-way, often), Lena at gmail.com (a mail provider: no organisation),
    // and Joost, whom she marks "Don't share".
    a = await freshDb('team-a');
    b = await freshDb('team-b');
    const months = ['2026-06-10', '2026-07-15', '2026-08-20', '2026-09-10', '2026-10-05', '2026-11-20'];
    for (const [i, day] of months.entries()) {
      await ingest(a, email(`p-in-${i}`, ['pieter@devries-advies.nl', 'Pieter de Vries | De Vries Advies'], [[ME, null]], `${day}T10:00:00+01:00`), NOW);
      await ingest(a, email(`p-out-${i}`, [ME, null], [['pieter@devries-advies.nl', 'Pieter de Vries']], `${day}T15:00:00+01:00`), NOW);
    }
    await ingest(a, email('l1', ['lena.visser@gmail.com', 'Lena Visser'], [[ME, null]], '2026-10-02T09:00:00+02:00'), NOW);
    for (const address of ['pieter@devries-advies.nl', 'lena.visser@gmail.com']) await addToNetwork(a, (await personByAddress(a, address))!.id, NOW);
    const joost = await addPersonManually(a, 'joost@rijnmond-zorg.nl', 'Joost Mulder', NOW);
    await addToNetwork(a, joost, NOW);
    anna = await joinTeam(a, as('anna'), PASSPHRASE, 'Anna');
    // The meta card was written at joining; now one entry each for Pieter and Lena.
    expect(await publish(a, anna, { kind: 'network' }, new Set([joost]), NOW)).toEqual({ written: 2, deleted: 0, unchanged: 1 });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  it("B finds Anna for an address and for its organisation; a mail provider is no organisation; a person she does not share is not found", async () => {
    bob = await joinTeam(b, as('bob'), PASSPHRASE, 'Bob');
    // The team's salt came from Anna's book: one key for the team.
    expect(bob.salt).toBe(anna.salt);
    expect(bob.key).toBe(anna.key);
    // Anna's book, and Eve's and Carl's (empty); Bob's own is not read.
    expect(await syncTeam(b, bob)).toMatchObject({ entries: 2, otherKey: [] });
    expect(await whoKnows(b, bob.key, [' Pieter@DevRies-Advies.nl '])).toEqual([{ member: 'Anna', strength: 3, lastMonth: '2026-11' }]);
    expect(await whoKnows(b, bob.key, ['lena.visser@gmail.com'])).toEqual([{ member: 'Anna', strength: 1, lastMonth: '2026-10' }]);
    expect(await whoKnowsOrg(b, bob.key, 'devries-advies.nl')).toEqual([{ member: 'Anna', strength: 3, lastMonth: '2026-11', people: 1 }]);
    expect(await whoKnowsOrg(b, bob.key, 'gmail.com')).toEqual([]);
    expect(await whoKnows(b, bob.key, ['joost@rijnmond-zorg.nl'])).toEqual([]);
    expect(await whoKnowsOrg(b, bob.key, 'rijnmond-zorg.nl')).toEqual([]);
    expect(await whoKnows(b, bob.key, ['nobody@devries-advies.nl'])).toEqual([]);
  });

  it("a book in the folder that is no team member's (someone's contacts) is never read past its missing meta card", async () => {
    const admin = { Authorization: `Basic ${btoa('admin:admin-pw')}` };
    const mk = '<?xml version="1.0"?><d:mkcol xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav"><d:set><d:prop><d:resourcetype><d:collection/><c:addressbook/></d:resourcetype></d:prop></d:set></d:mkcol>';
    expect((await fetch(`${server.url}/team/contacts/`, { method: 'MKCOL', headers: { ...admin, 'Content-Type': 'application/xml' }, body: mk })).status).toBe(201);
    const card = 'BEGIN:VCARD\r\nVERSION:3.0\r\nUID:private-1\r\nFN:Iemand Privé\r\nEMAIL:iemand@prive.example\r\nEND:VCARD\r\n';
    expect((await fetch(`${server.url}/team/contacts/private-1.vcf`, { method: 'PUT', headers: { ...admin, 'Content-Type': 'text/vcard' }, body: card })).status).toBe(201);
    const seen: { url: string; method: string; body: string }[] = [];
    const watched = { ...bob, fetch: (input: RequestInfo | URL, init?: RequestInit) => (seen.push({ url: String(input), method: init?.method ?? 'GET', body: String(init?.body ?? '') }), fetch(input, init)) };
    await syncTeam(b, watched);
    const toContacts = seen.filter((r) => r.url.includes('/team/contacts/'));
    expect(toContacts.length).toBe(1);
    // One multiget, for the meta card only: never a listing, never its cards.
    expect(toContacts[0]!.method).toBe('REPORT');
    expect(toContacts[0]!.body).toContain('kring-team.vcf');
    expect(toContacts[0]!.body).not.toContain('private-1');
    expect(await b.teamBooks.get(`${server.url}/team/contacts/`)).toMatchObject({ state: 'no-meta' });
  });

  it('publishing again writes nothing unchanged; syncing again reads only what changed', async () => {
    expect(await publish(a, anna, { kind: 'network' }, new Set(), NOW)).toMatchObject({ written: 1, unchanged: 3 });
    const before = await b.teamEntries.count();
    let requests = 0;
    const counted = { ...bob, fetch: (input: RequestInfo | URL, init?: RequestInit) => (requests++, fetch(input, init)) };
    await syncTeam(b, counted);
    expect(await b.teamEntries.count()).toBe(before + 1);
    // The folder listing, then per book what changed since its token; one fetch for Anna's new card.
    expect(requests).toBeLessThanOrEqual(1 + 3 + 1);
    expect(await whoKnows(b, bob.key, ['joost@rijnmond-zorg.nl'])).toEqual([{ member: 'Anna', strength: 1, lastMonth: null }]);
    // Hidden again: the entry is deleted from the server and from Bob's copy.
    expect(await publish(a, anna, { kind: 'network' }, new Set([(await personByAddress(a, 'joost@rijnmond-zorg.nl'))!.id]), NOW)).toMatchObject({ deleted: 1 });
    await syncTeam(b, bob);
    expect(await whoKnows(b, bob.key, ['joost@rijnmond-zorg.nl'])).toEqual([]);
  });

  it('a published card holds no plain address or name: the raw server files', async () => {
    const files = filesUnder(server.collections).filter((f) => f.path.includes('/team/'));
    const cards = cardFiles(server.collections, 'anna');
    expect(cards.length).toBe(3);
    expect(cards.some((f) => f.text.includes('X-KRING-TEAM-MEMBER:Anna'))).toBe(true);
    // Every file of the team's folder, the server's cache and its history of deleted cards included.
    for (const f of files) {
      for (const secret of ['pieter', 'devries', 'de vries', 'lena', 'visser', 'gmail', 'joost', 'rijnmond', 'mulder']) {
        expect(f.text.toLowerCase(), `${f.path} holds "${secret}"`).not.toContain(secret);
      }
    }
    for (const f of cards) expect(f.text, f.path).not.toContain('@');
  });

  it('C with the wrong passphrase is told so and learns nothing', async () => {
    const c = await freshDb('team-c');
    await expect(joinTeam(c, as('carl'), 'zeven blauwe fietsen op het Vredenburg', 'Carl')).rejects.toMatchObject({ kind: 'wrong-passphrase' });
    // Nothing was written to Carl's book.
    expect(cardFiles(server.collections, 'carl')).toEqual([]);
    // A copy of the team key made from the wrong passphrase matches no book: nothing is kept.
    const forged: TeamMembership = { ...as('carl'), salt: anna.salt, key: 'A'.repeat(43), member: 'Carl' };
    const result = await syncTeam(c, forged);
    expect(result.entries).toBe(0);
    expect(result.otherKey.sort()).toEqual(['Anna', 'Bob']);
    expect(await c.teamEntries.count()).toBe(0);
    expect(await whoKnows(c, forged.key, ['pieter@devries-advies.nl'])).toEqual([]);
  });

  it("B cannot write into Anna's book (403), and a member without write access to their own book is told so", async () => {
    const intoAnna: Book = { ...ownBook(anna), username: 'bob', password: 'bob-pw' };
    await expect(putCard(intoAnna, `${new URL(ownBook(anna).url).pathname}forged.vcf`, 'BEGIN:VCARD\r\nVERSION:3.0\r\nUID:forged\r\nFN:x\r\nEND:VCARD\r\n', null)).rejects.toMatchObject({ status: 403 });
    const e = await freshDb('team-e');
    const refused = await joinTeam(e, as('eve'), PASSPHRASE, 'Eve').catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(TeamError);
    expect(refused).toMatchObject({ kind: 'forbidden' });
    expect(String((refused as Error).message)).toContain('403');
  });

  it("Anna leaves: her cards are deleted from the server, and Bob's next sync no longer finds her", async () => {
    expect(await leaveTeam(a, anna)).toBe(3);
    expect(await a.teamCards.count()).toBe(0);
    await syncTeam(b, bob);
    expect(await whoKnows(b, bob.key, ['pieter@devries-advies.nl'])).toEqual([]);
    expect(await whoKnowsOrg(b, bob.key, 'devries-advies.nl')).toEqual([]);
    expect(cardFiles(server.collections, 'anna')).toEqual([]);
  });

  it("the background's service: a join with no password uses the sync connection's (same server, same user); a wrong passphrase keeps nothing", async () => {
    const stored: Record<string, unknown> = { syncConfig: { serverUrl: `${server.url}/`, username: 'carl', password: 'carl-pw', bookUrl: `${server.url}/carl/kring/`, bookName: 'Kring' } };
    const area = {
      get: async (keys: string[]) => Object.fromEntries(keys.filter((k) => k in stored).map((k) => [k, stored[k]])),
      set: async (items: Record<string, unknown>) => void Object.assign(stored, items),
      remove: async (keys: string[]) => keys.forEach((k) => delete stored[k]),
    };
    const c = await freshDb('team-service');
    const service = createTeamService({ db: () => c, area, hasAccess: async () => true });
    const join = { folder: `${server.url}/team/`, username: 'carl', password: '', member: 'Carl', share: { kind: 'network' as const } };
    expect(await service.join({ ...join, passphrase: 'not the team’s passphrase' })).toMatchObject({ ok: false, error: { kind: 'wrong-passphrase' } });
    expect(stored.teamConfig).toBeUndefined();
    const status = await service.join({ ...join, passphrase: PASSPHRASE });
    expect(status).toMatchObject({ ok: true, shared: 0, otherKey: [] });
    expect(await service.connection()).toEqual({ folder: `${server.url}/team/`, username: 'carl', member: 'Carl', share: { kind: 'network' } });
    // Another user name: the sync password is not used.
    const d = await freshDb('team-service-2');
    const other = createTeamService({ db: () => d, area: { ...area, set: async () => {} }, hasAccess: async () => true });
    expect(await other.join({ ...join, username: 'bob', passphrase: PASSPHRASE })).toMatchObject({ ok: false, error: { kind: 'auth' } });
    // A backup carries nothing of the team joined; restoring one keeps this device's membership.
    const backup = parseBackup(JSON.stringify(await exportBackup(c)));
    expect(backup.tables.settings.map((r) => r.key)).not.toContain('teamState');
    await restoreBackup(c, backup);
    expect((await service.run())?.ok).toBe(true);
    expect(await service.leave()).toEqual({ ok: true, deleted: 1 });
    expect(stored.teamConfig).toBeUndefined();

    // The membership changed outside the settings page (extension storage, which a content script
    // can write): another key, or another server, is not used; nothing is sent there.
    expect((await service.join({ ...join, passphrase: PASSPHRASE })).ok).toBe(true);
    for (const change of [{ key: 'B'.repeat(43) }, { folder: 'http://127.0.0.1:9/team/' }]) {
      const joined = stored.teamConfig as Record<string, unknown>;
      stored.teamConfig = { ...joined, ...change };
      expect(await service.run()).toMatchObject({ ok: false, error: { kind: 'changed-outside' } });
      expect(stored.teamConfig).toBeUndefined();
      stored.teamConfig = joined;
    }
    expect(await service.leave()).toEqual({ ok: true, deleted: 1 });
  });
});

describe.skipIf(missingRadicale().length > 0)('two first members joining at the same moment (issue 21)', () => {
  /** A folder on a fresh Radicale with fay and gus, and each one's fetch, held back where the test says. */
  async function race() {
    const server: { url: string; stop(): Promise<void> } = await startRadicale({ admin: 'admin-pw', fay: 'fay-pw', gus: 'gus-pw' }, { rights: TEAM_RIGHTS });
    const admin = { Authorization: `Basic ${btoa('admin:admin-pw')}` };
    expect((await fetch(`${server.url}/team/`, { method: 'MKCOL', headers: admin })).status).toBe(201);
    const folder = `${server.url}/team/`;
    const until = async (ok: () => boolean) => {
      for (let i = 0; i < 2000 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
      expect(ok()).toBe(true);
    };
    const metaPut = (input: RequestInfo | URL, init?: RequestInit) => (init?.method ?? 'GET') === 'PUT' && String(input).endsWith('/kring-team.vcf');
    const folderList = (input: RequestInfo | URL, init?: RequestInit) => init?.method === 'PROPFIND' && new URL(String(input)).pathname === '/team/';
    type Hook = (input: RequestInfo | URL, init?: RequestInit) => unknown;
    const as = (username: string, hold: Hook, after: Hook = () => {}): TeamServer => ({
      folder,
      username,
      password: `${username}-pw`,
      fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
        await hold(input, init);
        const res = await fetch(input, init);
        after(input, init);
        return res;
      }) as typeof fetch,
    });
    return { server, folder, until, metaPut, folderList, as };
  }

  it('both write their team card before either looks again: they settle on one salt, and find each other', async () => {
    const { server, until, metaPut, folderList, as } = await race();
    try {
      const atPut = new Set<string>();
      const written = new Set<string>();
      const hold = (who: string) => async (input: RequestInfo | URL, init?: RequestInit) => {
        // Neither writes before both have read the folder (each sees no team card: each makes a salt)...
        if (metaPut(input, init)) {
          atPut.add(who);
          await until(() => atPut.size === 2);
        }
        // ...and neither looks again before both have written.
        if (folderList(input, init) && written.has(who)) await until(() => written.size === 2);
      };
      const [f, g] = [await freshDb('race-f'), await freshDb('race-g')];
      const wrote = (who: string) => (input: RequestInfo | URL, init?: RequestInit) => void (metaPut(input, init) && written.add(who));
      const [fay, gus] = await Promise.all([joinTeam(f, as('fay', hold('fay'), wrote('fay')), PASSPHRASE, 'Fay', 1000), joinTeam(g, as('gus', hold('gus'), wrote('gus')), PASSPHRASE, 'Gus', 1000)]);
      expect(fay.salt).toBe(gus.salt);
      expect(fay.key).toBe(gus.key);
      await ingest(f, email('p1', ['pieter@devries-advies.nl', 'Pieter de Vries'], [[ME, null]], '2026-11-20T10:00:00+01:00'), NOW);
      await addToNetwork(f, (await personByAddress(f, 'pieter@devries-advies.nl'))!.id, NOW);
      await publish(f, fay, { kind: 'network' }, new Set(), NOW);
      const synced = await syncTeam(g, gus);
      expect(synced).toMatchObject({ entries: 1, otherKey: [] });
      expect(synced.saltLost).toBeUndefined();
      expect((await whoKnows(g, gus.key, ['pieter@devries-advies.nl'])).map((k) => k.member)).toEqual(['Fay']);
    } finally {
      await server.stop();
    }
  }, 60_000);

  it('one finishes before the other writes: the one whose salt the folder does not keep is told to join again, and then both agree', async () => {
    const { server, until, metaPut, as } = await race();
    try {
      let gusJoined = false;
      let fayAtPut = false;
      // Fay reads the folder, then is held until Gus has joined; Gus writes once Fay has read it.
      const holdFay = async (input: RequestInfo | URL, init?: RequestInit) => {
        if (metaPut(input, init)) {
          fayAtPut = true;
          await until(() => gusJoined);
        }
      };
      const holdGus = async (input: RequestInfo | URL, init?: RequestInit) => {
        if (metaPut(input, init)) await until(() => fayAtPut);
      };
      const [f, g] = [await freshDb('race2-f'), await freshDb('race2-g')];
      const gusJoin = joinTeam(g, as('gus', holdGus), PASSPHRASE, 'Gus', 1000).then((m) => ((gusJoined = true), m));
      const [fay, gus] = await Promise.all([joinTeam(f, as('fay', holdFay), PASSPHRASE, 'Fay', 1000), gusJoin]);
      // Two salts: each is a first member. The folder keeps Fay's (one each; hers is the first book).
      expect(fay.salt).not.toBe(gus.salt);
      const toGus = await syncTeam(g, gus);
      expect(toGus.saltLost).toEqual(['Fay']);
      const toFay = await syncTeam(f, fay);
      expect(toFay.saltLost).toBeUndefined();
      expect(toFay.otherKey).toEqual(['Gus']);
      // Gus joins again with the same passphrase: Fay's salt, and they see each other.
      const again = await joinTeam(g, as('gus', async () => {}), PASSPHRASE, 'Gus', 1000);
      expect(again.salt).toBe(fay.salt);
      expect(await syncTeam(f, fay)).toMatchObject({ otherKey: [] });
      const synced = await syncTeam(g, again);
      expect(synced.otherKey).toEqual([]);
      expect(synced.saltLost).toBeUndefined();
    } finally {
      await server.stop();
    }
  }, 60_000);
});
