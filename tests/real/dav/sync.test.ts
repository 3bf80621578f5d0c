// Issue 19: two Kring stores syncing through one real CardDAV server (Debian's Radicale and Xandikos).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addPersonManually, addToNetwork, forget, removeFromNetwork, setNotes, setTags } from '../../../src/store/actions';
import { KringDb } from '../../../src/store/db';
import { SETTING } from '../../../src/store/settings';
import { NOTE_MARK } from '../../../src/sync/merge';
import { syncOnce } from '../../../src/sync/loop';
import type { Book } from '../../../src/sync/remote';
// @ts-expect-error plain ESM module without types
import { missingRadicale, missingXandikos, startRadicale, startXandikos } from './servers.mjs';

let n = 0;
const T = Date.parse('2026-12-02T10:00:00Z');
const personBy = async (db: KringDb, address: string) => {
  const a = await db.addresses.get(address);
  return a ? db.people.get(a.personId) : undefined;
};

function suite(name: string, open: () => Promise<{ book: () => Book; stop(): Promise<void> }>) {
  describe(name, () => {
    let server: { book: () => Book; stop(): Promise<void> };
    let a: KringDb;
    let b: KringDb;
    beforeAll(async () => {
      server = await open();
    }, 30_000);
    afterAll(() => server?.stop());
    beforeEach(async () => {
      a = new KringDb(`sync-a-${++n}`);
      b = new KringDb(`sync-b-${n}`);
      await Promise.all([a.open(), b.open()]);
    });

    it('add in A appears in B; notes in A and tags in B before either syncs are both kept; the same note on both keeps both texts', async () => {
      const book = server.book();
      const pieter = await addPersonManually(a, 'pieter@devries-advies.nl', 'Pieter de Vries', T);
      await addToNetwork(a, pieter, T, 30);
      await setNotes(a, pieter, 'Koffie bij de Dom; houdt van fietsen, zeilen');
      expect(await syncOnce(a, book, { now: T + 1000 })).toMatchObject({ sent: 1 });
      expect(await syncOnce(b, book, { now: T + 2000 })).toMatchObject({ received: 1, sent: 0 });
      const inB = (await personBy(b, 'pieter@devries-advies.nl'))!;
      expect(inB).toMatchObject({ name: 'Pieter de Vries', status: 'network', cadenceDays: 30, notes: 'Koffie bij de Dom; houdt van fietsen, zeilen' });

      // Nothing changed: nothing sent, nothing received; then, with the token current, one request and not a write.
      expect(await syncOnce(a, book, { now: T + 3000 })).toMatchObject({ sent: 0, received: 0 });
      let requests = 0;
      let writes = 0;
      const counted: Book = { ...book, fetch: (input, init) => (requests++, book.fetch!(input, init)) };
      const count = () => void writes++;
      for (const t of a.tables) (t.hook('creating').subscribe(count), t.hook('updating').subscribe(count), t.hook('deleting').subscribe(count));
      expect(await syncOnce(a, counted, { now: T + 3500 })).toMatchObject({ sent: 0, received: 0, conflicts: 0 });
      for (const t of a.tables) (t.hook('creating').unsubscribe(count), t.hook('updating').unsubscribe(count), t.hook('deleting').unsubscribe(count));
      expect({ requests, writes }).toEqual({ requests: 1, writes: 0 });

      // Notes in A, tags in B, before either syncs.
      await setNotes(a, pieter, 'Koffie bij de Dom; houdt van fietsen, zeilen en schaken');
      await setTags(b, inB.id, ['klant']);
      await syncOnce(a, book, { now: T + 4000 });
      await syncOnce(b, book, { now: T + 5000 });
      await syncOnce(a, book, { now: T + 6000 });
      for (const db of [a, b]) expect(await personBy(db, 'pieter@devries-advies.nl'), name).toMatchObject({ notes: 'Koffie bij de Dom; houdt van fietsen, zeilen en schaken', tags: ['klant'] });

      // The same note edited on both: both texts, the other marked.
      await setNotes(a, pieter, 'Versie A');
      await setNotes(b, inB.id, 'Versie B');
      await syncOnce(a, book, { now: T + 7000 });
      await syncOnce(b, book, { now: T + 8000 });
      await syncOnce(a, book, { now: T + 9000 });
      const notes = (await personBy(a, 'pieter@devries-advies.nl'))!.notes;
      expect(notes).toContain('Versie A');
      expect(notes).toContain('Versie B');
      expect(notes).toContain(NOTE_MARK);
      expect((await personBy(b, 'pieter@devries-advies.nl'))!.notes).toBe(notes);
    });

    it('removed from the network in A while B edits: the edit wins and the card comes back; forgotten in A: the card goes and never comes back to A; a bad token resyncs without duplicates', async () => {
      const book = server.book();
      const lena = await addPersonManually(a, 'lena@visser.design', 'Lena Visser', T);
      await addToNetwork(a, lena, T, 90);
      await syncOnce(a, book, { now: T + 1000 });
      await syncOnce(b, book, { now: T + 2000 });
      const inB = (await personBy(b, 'lena@visser.design'))!;
      await removeFromNetwork(a, lena);
      await setNotes(b, inB.id, 'Belt volgende week');
      await syncOnce(b, book, { now: T + 3000 });
      await syncOnce(a, book, { now: T + 4000 });
      expect(await personBy(a, 'lena@visser.design')).toMatchObject({ status: 'network', notes: 'Belt volgende week' });

      // Forgotten in A: the card goes, and an edit made in B meanwhile does not bring them back to A.
      await forget(a, (await personBy(a, 'lena@visser.design'))!.id, T + 4500);
      await setNotes(b, inB.id, 'Nog een keer gebeld');
      await syncOnce(b, book, { now: T + 4600 });
      await syncOnce(a, book, { now: T + 4700 });
      expect(await personBy(a, 'lena@visser.design')).toBeUndefined();
      await syncOnce(b, book, { now: T + 4800 });
      expect(await personBy(b, 'lena@visser.design')).toMatchObject({ status: 'seen' }); // left B's network; B keeps the history
      expect(await a.syncCards.count()).toBe(0);
      await addToNetwork(b, inB.id, T + 4900, 90); // B adds her back; A still never sees her
      await syncOnce(b, book, { now: T + 4950 });
      await syncOnce(a, book, { now: T + 4990 });
      expect(await personBy(a, 'lena@visser.design')).toBeUndefined();

      // A token the server does not know: everything listed again, matched, nothing doubled.
      const people = await b.people.count();
      await b.settings.put({ key: SETTING.syncState, value: { bookUrl: book.url, token: 'http://radicale.org/ns/sync/0000000000000000' } });
      await syncOnce(b, book, { now: T + 5000 });
      expect(await b.people.count()).toBe(people);
      expect(await b.syncCards.count()).toBe(await a.syncCards.count());
    });
  });
}

if (missingRadicale().length === 0) {
  let r: { url: string; stop(): Promise<void> };
  let k = 0;
  suite('Radicale 3.1 (Debian)', async () => {
    r = await startRadicale({ anna: 'wachtwoord' });
    return {
      // A fresh book per test.
      book: () => {
        const url = `${r.url}/anna/kring-${++k}/`;
        return { url, username: 'anna', password: 'wachtwoord', fetch: makeBookOnce(url) };
      },
      stop: () => r.stop(),
    };
  });
}
if (missingXandikos().length === 0) {
  let k = 0;
  suite('Xandikos 0.2 (Debian)', async () => {
    const x = await startXandikos();
    return {
      book: () => {
        const url = `${x.url}/user/contacts/kring-${++k}/`;
        return { url, username: 'any', password: 'any', fetch: makeBookOnce(url) };
      },
      stop: x.stop,
    };
  });
}

/** A fetch that first makes the address book (MKCOL), as Connect will. */
function makeBookOnce(url: string): typeof fetch {
  let made: Promise<unknown> | null = null;
  return async (input, init) => {
    made ??= fetch(url, {
      method: 'MKCOL',
      headers: { Authorization: (init?.headers as Record<string, string> | undefined)?.Authorization ?? '', 'Content-Type': 'application/xml' },
      body: '<?xml version="1.0"?><mkcol xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><set><prop><resourcetype><collection/><C:addressbook/></resourcetype></prop></set></mkcol>',
    });
    await made;
    return fetch(input, init);
  };
}
