// Issue 19 on a third real server: SOGo 5.8's CardDAV (Debian), started by the SOGo harness of
// tests/real/sogo (PostgreSQL, memcached, Dovecot, nginx on loopback). Connect's discovery from the
// user's DAV address, and two stores syncing through the user's "personal" address book.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPersonManually, addToNetwork, setNotes, setTags } from '../../../src/store/actions';
import { KringDb } from '../../../src/store/db';
import { parseCard } from '../../../src/sync/card';
import { syncOnce } from '../../../src/sync/loop';
import { changesSince, discoverBooks, fetchCards, putCard, type Book } from '../../../src/sync/remote';
// @ts-expect-error plain ESM module without types
import { LOGIN, PASSWORD } from '../sogo/mailbox.mjs';
// @ts-expect-error plain ESM module without types
import { missing, startSogo } from '../sogo/server.mjs';

const T = Date.parse('2026-12-02T10:00:00Z');

describe.skipIf(missing().length > 0)('SOGo 5.8 (Debian)', () => {
  let sogo: { httpPort: number; stop(): Promise<void> };
  beforeAll(async () => {
    sogo = await startSogo();
  }, 120_000);
  afterAll(() => sogo?.stop(), 60_000);

  it('Connect finds the personal address book from the DAV address; two stores sync through it, both edits kept', async () => {
    const base = `http://127.0.0.1:${sogo.httpPort}/SOGo/dav/${LOGIN}/`;
    const found = await discoverBooks({ baseUrl: base, username: LOGIN, password: PASSWORD });
    expect(found.books.length).toBeGreaterThan(0);
    const personal = found.books.find((b) => /personal/.test(b.url))!;
    expect(personal).toBeTruthy();
    await expect(discoverBooks({ baseUrl: base, username: LOGIN, password: 'fout' })).rejects.toMatchObject({ kind: 'auth' });

    const book: Book = { url: personal.url, username: LOGIN, password: PASSWORD };
    const a = new KringDb('sogo-a');
    const b = new KringDb('sogo-b');
    await Promise.all([a.open(), b.open()]);
    const pieter = await addPersonManually(a, 'pieter@devries-advies.nl', 'Pieter de Vries', T);
    await addToNetwork(a, pieter, T, 30);
    await setNotes(a, pieter, 'Koffie bij de Dom; houdt van fietsen, zeilen');
    expect(await syncOnce(a, book, { now: T + 1000 })).toMatchObject({ sent: 1 });
    expect(await syncOnce(b, book, { now: T + 2000 })).toMatchObject({ received: 1 });
    const inB = (await b.people.get((await b.addresses.get('pieter@devries-advies.nl'))!.personId))!;
    expect(inB).toMatchObject({ name: 'Pieter de Vries', status: 'network', cadenceDays: 30, notes: 'Koffie bij de Dom; houdt van fietsen, zeilen' });
    // Notes in A, tags in B before either syncs: both kept. Then nothing left to do.
    await setNotes(a, pieter, 'Belt in maart');
    await setTags(b, inB.id, ['klant']);
    // All within a second or two: SOGo's tokens count whole seconds, and a change made in the same
    // second as another device's sync was not reported (measured); the sync must not lose either edit.
    await syncOnce(a, book, { now: T + 3000 });
    await syncOnce(b, book, { now: T + 4000 });
    await syncOnce(a, book, { now: T + 5000 });
    for (const db of [a, b]) expect(await db.people.get((await db.addresses.get('pieter@devries-advies.nl'))!.personId)).toMatchObject({ notes: 'Belt in maart', tags: ['klant'] });
    expect(await syncOnce(a, book, { now: T + 6000 })).toMatchObject({ sent: 0, received: 0, conflicts: 0 });
    const cards = await fetchCards(book, (await changesSince(book, null)).changed.map((c) => c.href));
    expect(cards.map((c) => parseCard(c.data).fields.name)).toEqual(['Pieter de Vries']);
    // A write over a version that is gone is refused, as it should be.
    expect(await putCard(book, cards[0]!.href, cards[0]!.data, '"gcs00000000"')).toEqual({ ok: false, status: 412 });
  }, 60_000);
});
