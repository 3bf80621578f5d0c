// Issue 19: two Kring stores syncing through one real CardDAV server (Debian's Radicale and Xandikos).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addPersonManually, addToNetwork, forget, merge, removeFromNetwork, setNotes, setTags, unforget, unmerge } from '../../../src/store/actions';
import { addressHash } from '../../../src/store/hash';
import { KringDb } from '../../../src/store/db';
import { SETTING } from '../../../src/store/settings';
import { NOTE_MARK } from '../../../src/sync/merge';
import { parseCard, writeCard } from '../../../src/sync/card';
import { readForgottenCard } from '../../../src/sync/forgotten';
import { syncOnce } from '../../../src/sync/loop';
import { changesSince, deleteCard, fetchCards, putCard, type Book } from '../../../src/sync/remote';
// @ts-expect-error plain ESM module without types
import { missingRadicale, missingXandikos, startRadicale, startXandikos } from './servers.mjs';

let n = 0;
const T = Date.parse('2026-12-02T10:00:00Z');
const personBy = async (db: KringDb, address: string) => {
  const a = await db.addresses.get(address);
  return a ? db.people.get(a.personId) : undefined;
};

/** Every card on the server: href and text. */
const cardsOn = async (book: Book) => fetchCards(book, (await changesSince(book, null)).changed.map((c) => c.href));
const path = (href: string) => new URL(href, 'http://x/').pathname;

// A contact as a phone wrote it (grouped lines, phones, a postal address, a photo, other apps' X-
// properties, a note with ";" and ","): Kring owns none of these lines but the note and the address.
const PHONE_CARD = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  'PRODID:-//Apple Inc.//iPhone OS 17.5//EN',
  'N:Jansen;Sanne;;;',
  'FN:Sanne Jansen',
  'ORG:Gemeente Utrecht;',
  'item1.EMAIL;type=INTERNET;type=pref:sanne.jansen@utrecht.nl',
  'item1.X-ABLabel:_$!<Work>!$_',
  'TEL;type=CELL;type=VOICE;type=pref:+31 6 87654321',
  'item2.ADR;type=WORK;type=pref:;;Stadsplateau 1;Utrecht;;3521 AZ;Nederland',
  'item2.X-ABADR:nl',
  'NOTE:Ontmoet op het congres; wil terugkomen op de aanbesteding\\, in januari',
  'PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRof',
  ' Hh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwh',
  'X-SOCIALPROFILE;type=linkedin:https://www.linkedin.com/in/sannejansen',
  'X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Sanne;1;;;;;;;;;;;;;',
  'UID:0C5E1F2A-1111-4C52-9E0E-0A1B2C3D4E5F',
  'REV:2026-11-30T08:00:00Z',
  'END:VCARD',
  '',
].join('\r\n');

function suite(name: string, open: () => Promise<{ book: () => Book; stop(): Promise<void> }>, opts: { uidConflict: boolean }) {
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

    it('removed from the network in A while B edits: the edit wins and the card comes back; forgotten in A: forgotten in B too, un-forgotten in B: in A too; a bad token resyncs without duplicates', async () => {
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

      // Forgotten in A: the card goes, an edit made in B meanwhile does not bring her back to A, and
      // B forgets her too (her person and history; never captured again there either).
      await forget(a, (await personBy(a, 'lena@visser.design'))!.id, T + 4500);
      await setNotes(b, inB.id, 'Nog een keer gebeld');
      await syncOnce(b, book, { now: T + 4600 });
      await syncOnce(a, book, { now: T + 4700 });
      expect(await personBy(a, 'lena@visser.design')).toBeUndefined();
      await syncOnce(b, book, { now: T + 4800 });
      expect(await personBy(b, 'lena@visser.design')).toBeUndefined();
      expect(await b.people.get(inB.id)).toBeUndefined();
      const hash = await addressHash('lena@visser.design');
      expect(await b.forgotten.get(hash)).toBeTruthy();
      expect(await a.syncCards.count()).toBe(0);
      expect(await b.syncCards.count()).toBe(0);
      // What the server learned: one hash per forgotten address, in the one list card, and no person.
      const onServer = await cardsOn(book);
      expect(onServer).toHaveLength(1);
      expect(readForgottenCard(onServer[0]!.data)).toEqual([hash]); // (Radicale folds the line)
      expect(onServer[0]!.data).not.toContain('lena');
      // Nothing changed: nothing sent, nothing written again.
      expect(await syncOnce(a, book, { now: T + 4850 })).toMatchObject({ sent: 0, received: 0, conflicts: 0 });

      // B un-forgets her (settings) and adds her again: A un-forgets her too and receives her.
      await unforget(b, ['lena@visser.design']);
      const again = await addPersonManually(b, 'lena@visser.design', 'Lena Visser', T + 4900);
      await addToNetwork(b, again, T + 4900, 90);
      await syncOnce(b, book, { now: T + 4950 });
      await syncOnce(a, book, { now: T + 4990 });
      expect(await a.forgotten.get(hash)).toBeUndefined();
      expect(await personBy(a, 'lena@visser.design')).toMatchObject({ status: 'network', name: 'Lena Visser' });
      expect((await cardsOn(book)).flatMap((c) => readForgottenCard(c.data))).toEqual([]);

      // A token the server does not know: everything listed again, matched, nothing doubled.
      const people = await b.people.count();
      await b.settings.put({ key: SETTING.syncState, value: { bookUrl: book.url, token: 'http://radicale.org/ns/sync/0000000000000000' } });
      await syncOnce(b, book, { now: T + 5000 });
      expect(await b.people.count()).toBe(people);
      expect(await b.syncCards.count()).toBe(await a.syncCards.count());
    });

    it('two people merged in A: one card updated, the other deleted, and B merges them too (in the sync\'s one transaction: stopped, nothing of it); undone in A: apart again in B', async () => {
      const book = server.book();
      const work = await addPersonManually(a, 'pieter@devries-advies.nl', 'Pieter de Vries', T);
      const home = await addPersonManually(a, 'p.devries@gmail.com', 'P. de Vries', T);
      await addToNetwork(a, work, T, 30);
      await addToNetwork(a, home, T, 90);
      await setNotes(a, home, 'Privé-adres');
      await syncOnce(a, book, { now: T + 1000 });
      await syncOnce(b, book, { now: T + 2000 });
      expect(await b.people.count()).toBe(2);
      const mergeId = (await merge(a, work, home, T + 3000))!;
      await syncOnce(a, book, { now: T + 4000 });
      expect(await cardsOn(book)).toHaveLength(1);
      // B's sync stopped as it saves its token: nothing of it is in the store, the merge neither.
      const crash = () => {
        throw new Error('stopped');
      };
      const before = JSON.stringify([await b.people.toArray(), await b.addresses.toArray(), await b.merges.count(), await b.syncCards.toArray()]);
      b.settings.hook('updating').subscribe(crash);
      await expect(syncOnce(b, book, { now: T + 4500 })).rejects.toThrow();
      b.settings.hook('updating').unsubscribe(crash);
      expect(JSON.stringify([await b.people.toArray(), await b.addresses.toArray(), await b.merges.count(), await b.syncCards.toArray()])).toBe(before);
      await syncOnce(b, book, { now: T + 5000 });
      expect(await b.people.count()).toBe(1);
      const inB = (await personBy(b, 'p.devries@gmail.com'))!;
      expect(inB).toMatchObject({ name: 'Pieter de Vries', status: 'network' });
      expect(inB.notes).toContain('Privé-adres');
      expect((await personBy(b, 'pieter@devries-advies.nl'))!.id).toBe(inB.id);
      // Settled: nothing goes back and forth.
      expect(await syncOnce(a, book, { now: T + 6000 })).toMatchObject({ sent: 0, received: 0 });
      expect(await syncOnce(b, book, { now: T + 6500 })).toMatchObject({ sent: 0, received: 0 });

      expect(await unmerge(a, mergeId)).toBe(true);
      await syncOnce(a, book, { now: T + 7000 });
      await syncOnce(b, book, { now: T + 8000 });
      expect(await cardsOn(book)).toHaveLength(2);
      expect((await personBy(b, 'p.devries@gmail.com'))!.id).not.toBe((await personBy(b, 'pieter@devries-advies.nl'))!.id);
    });

    it('everyone Kring keeps, in A; the network only, in B: B takes only network people and deletes nobody; back to the network in A deletes the others\' cards', async () => {
      const book = server.book();
      const pieter = await addPersonManually(a, 'pieter@devries-advies.nl', 'Pieter de Vries', T);
      await addToNetwork(a, pieter, T, 30);
      await addPersonManually(a, 'lena@visser.design', 'Lena Visser', T); // seen, not in the network
      expect(await syncOnce(a, book, { now: T + 1000, scope: 'everyone' })).toMatchObject({ sent: 2 });
      expect(await syncOnce(b, book, { now: T + 2000 })).toMatchObject({ received: 1 });
      expect(await personBy(b, 'lena@visser.design')).toBeUndefined();
      expect(await syncOnce(b, book, { now: T + 2500 })).toMatchObject({ sent: 0, received: 0 });
      expect(await cardsOn(book)).toHaveLength(2);
      // Pieter leaves A's network: his card says so; B takes him out of its network and keeps the card.
      await removeFromNetwork(a, pieter);
      await syncOnce(a, book, { now: T + 3000, scope: 'everyone' });
      await syncOnce(b, book, { now: T + 4000 });
      expect(await personBy(b, 'pieter@devries-advies.nl')).toMatchObject({ status: 'seen' });
      expect(await cardsOn(book)).toHaveLength(2);
      // A syncs the network only again: the cards of people outside it go.
      await addToNetwork(a, pieter, T + 5000, 30);
      await syncOnce(a, book, { now: T + 5500 });
      expect((await cardsOn(book)).map((c) => parseCard(c.data).fields.name)).toEqual(['Pieter de Vries']);
      expect(await a.people.count()).toBe(2);
    });

    it('the forgotten list deleted from the server un-forgets nobody: it is written again', async () => {
      const book = server.book();
      const lena = await addPersonManually(a, 'lena@visser.design', 'Lena Visser', T);
      await addToNetwork(a, lena, T, 90);
      await syncOnce(a, book, { now: T + 1000 });
      await forget(a, lena, T + 2000);
      await syncOnce(a, book, { now: T + 3000 });
      const [list] = await cardsOn(book);
      expect(await deleteCard(book, list!.href, list!.etag)).toBe(true);
      await syncOnce(a, book, { now: T + 4000 });
      const hash = await addressHash('lena@visser.design');
      expect(await a.forgotten.get(hash)).toBeTruthy();
      expect((await cardsOn(book)).flatMap((c) => readForgottenCard(c.data))).toEqual([hash]);
      // B, new to the book, never sees her and will never capture her.
      await syncOnce(b, book, { now: T + 5000 });
      expect(await b.people.count()).toBe(0);
      expect(await b.forgotten.get(hash)).toBeTruthy();
    });

    it('412: the card changed on the server between listing and writing: fetched, merged, sent once more, both edits kept', async () => {
      const book = server.book();
      const pieter = await addPersonManually(a, 'pieter@devries-advies.nl', 'Pieter de Vries', T);
      await addToNetwork(a, pieter, T, 30);
      await syncOnce(a, book, { now: T + 1000 });
      await syncOnce(b, book, { now: T + 2000 });
      const inB = (await personBy(b, 'pieter@devries-advies.nl'))!;
      await setNotes(a, pieter, 'Belt in maart');
      await setTags(b, inB.id, ['klant']);
      // B's sync lands after A listed the book and before A writes.
      let raced = false;
      const racing: Book = { ...book, fetch: async (input, init) => {
        if (init?.method === 'PUT' && !raced) {
          raced = true;
          expect(await syncOnce(b, book, { now: T + 3000 })).toMatchObject({ sent: 1 });
        }
        return book.fetch!(input, init);
      } };
      expect(await syncOnce(a, racing, { now: T + 4000 })).toMatchObject({ sent: 1, conflicts: 1 });
      expect(raced).toBe(true);
      await syncOnce(b, book, { now: T + 5000 });
      for (const db of [a, b]) expect(await personBy(db, 'pieter@devries-advies.nl'), name).toMatchObject({ notes: 'Belt in maart', tags: ['klant'] });
      expect(await cardsOn(book)).toHaveLength(1);
    });

    it.skipIf(!opts.uidConflict)('409: the UID is already on the server under another name: that card is adopted and written, not doubled', async () => {
      const book = server.book();
      const pieter = await addPersonManually(a, 'pieter@devries-advies.nl', 'Pieter de Vries', T);
      await addToNetwork(a, pieter, T, 30);
      await setNotes(a, pieter, 'Van de borrel');
      // Another client writes a card with the same UID under its own name just before Kring creates it.
      let raced = false;
      const racing: Book = { ...book, fetch: async (input, init) => {
        if (init?.method === 'PUT' && !raced) {
          raced = true;
          const other = writeCard(null, pieter, { name: 'P. de Vries', emails: ['pieter@devries-advies.nl'], notes: '', tags: ['borrel'], status: 'network', cadenceDays: 30, lastContact: T }, T);
          expect(await putCard(book, 'elders.vcf', other, null)).toMatchObject({ ok: true });
        }
        return book.fetch!(input, init);
      } };
      const r409 = await syncOnce(a, racing, { now: T + 1000 });
      expect(r409).toMatchObject({ sent: 1, conflicts: 1 });
      const cards = await cardsOn(book);
      expect(cards.map((c) => path(c.href).split('/').pop())).toEqual(['elders.vcf']);
      expect(parseCard(cards[0]!.data).fields).toMatchObject({ notes: 'Van de borrel', tags: ['borrel'], emails: ['pieter@devries-advies.nl'] });
      expect((await a.syncCards.get(pieter))?.href).toBe(path(cards[0]!.href));
      expect(await syncOnce(a, book, { now: T + 2000 })).toMatchObject({ sent: 0, received: 0, conflicts: 0 });
    });

    it('a card made by a phone survives three round trips: its lines as the server keeps them, unchanged', async () => {
      const book = server.book();
      expect(await putCard(book, 'sanne.vcf', PHONE_CARD, null)).toMatchObject({ ok: true });
      const foreign = async () => parseCard((await cardsOn(book))[0]!.data).foreign;
      const first = await foreign();
      expect(first.join('\n')).toContain('X-ANDROID-CUSTOM');
      expect(await syncOnce(a, book, { now: T + 1000 })).toMatchObject({ received: 1 });
      await syncOnce(b, book, { now: T + 1500 });
      const inA = (await personBy(a, 'sanne.jansen@utrecht.nl'))!;
      const inB = (await personBy(b, 'sanne.jansen@utrecht.nl'))!;
      expect(inA).toMatchObject({ name: 'Sanne Jansen', status: 'network', notes: 'Ontmoet op het congres; wil terugkomen op de aanbesteding, in januari' });
      for (let i = 0; i < 3; i++) {
        await setNotes(a, inA.id, `Ronde ${i}; gebeld, gemaild`);
        await syncOnce(a, book, { now: T + 2000 + i * 1000 });
        await setTags(b, inB.id, [`ronde-${i}`]);
        await syncOnce(b, book, { now: T + 2500 + i * 1000 });
        await syncOnce(a, book, { now: T + 2800 + i * 1000 });
      }
      expect(await foreign()).toEqual(first);
      const card = parseCard((await cardsOn(book))[0]!.data);
      expect(card.fields).toMatchObject({ notes: 'Ronde 2; gebeld, gemaild', tags: ['ronde-2'] });
      expect(card.uid).toBe('0C5E1F2A-1111-4C52-9E0E-0A1B2C3D4E5F');
    });

    it('the deletion guard: most of the book deleted elsewhere applies nothing until the user says remove or put back', async () => {
      const book = server.book();
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) {
        const id = await addPersonManually(a, `collega${i}@bureau.nl`, `Collega ${i}`, T);
        await addToNetwork(a, id, T, 30);
        ids.push(id);
      }
      expect(await syncOnce(a, book, { now: T + 1000 })).toMatchObject({ sent: 6 });
      const wipe = async () => {
        for (const c of (await cardsOn(book)).slice(0, 5)) expect(await deleteCard(book, c.href, c.etag)).toBe(true);
      };
      await wipe();
      const inNetwork = () => a.people.where('status').equals('network').count();
      expect(await syncOnce(a, book, { now: T + 2000 })).toMatchObject({ massDeletion: { deleted: 5, of: 6 } });
      expect(await inNetwork()).toBe(6);
      // Asked again without an answer: still nothing.
      expect(await syncOnce(a, book, { now: T + 2500 })).toMatchObject({ massDeletion: { deleted: 5, of: 6 } });
      // Put back: the cards return.
      expect(await syncOnce(a, book, { now: T + 3000, restoreDeleted: true })).toMatchObject({ sent: 5 });
      expect(await cardsOn(book)).toHaveLength(6);
      expect(await inNetwork()).toBe(6);
      // Deleted again, and this time removed: they leave the network, their history stays.
      await wipe();
      expect(await syncOnce(a, book, { now: T + 4000, allowMassDeletion: true })).toMatchObject({ received: 5 });
      expect(await inNetwork()).toBe(1);
      expect(await a.people.count()).toBe(6);
      expect(await syncOnce(a, book, { now: T + 5000 })).toMatchObject({ sent: 0, received: 0 });
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
  }, { uidConflict: true });
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
  }, { uidConflict: false });
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
