// Issue 19: the CardDAV calls sync makes (src/sync/remote.ts), against Debian's Radicale and Xandikos.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCard, writeCard, type SyncFields } from '../../../src/sync/card';
import { changesSince, deleteCard, fetchCards, putCard, RemoteError, type Book } from '../../../src/sync/remote';
// @ts-expect-error plain ESM module without types
import { missingRadicale, missingXandikos, startRadicale, startXandikos } from './servers.mjs';

const NOW = Date.parse('2026-12-02T10:00:00Z');
const person = (name: string, email: string): SyncFields => ({ name, emails: [email], notes: `Notitie van ${name}; met, leestekens`, tags: ['klant'], status: 'network', cadenceDays: 30, lastContact: 0 });
const path = (href: string) => new URL(href, 'http://x').pathname;

function suite(name: string, open: () => Promise<{ book: Book; stop(): Promise<void>; uidConflict: boolean }>) {
  describe(name, () => {
    let book: Book;
    let stop: () => Promise<void>;
    let uidConflict = false;
    beforeAll(async () => {
      ({ book, stop, uidConflict } = await open());
    }, 30_000);
    afterAll(() => stop?.());

    it('lists, fetches, follows changes by sync token, refuses stale writes, and falls back to a full listing on a bad token', async () => {
      for (const [uid, who, mail] of [['a', 'Anna Jansen', 'anna@jansen.example'], ['b', 'Bram Bakker', 'bram@bakker.example']] as const) {
        expect(await putCard(book, `${uid}.vcf`, writeCard(null, uid, person(who, mail), NOW), null)).toMatchObject({ ok: true });
      }
      const all = await changesSince(book, null);
      expect(all.full).toBe(true);
      expect(all.changed.map((c) => path(c.href).split('/').pop()).sort()).toEqual(['a.vcf', 'b.vcf']);
      const cards = await fetchCards(book, all.changed.map((c) => c.href));
      expect(cards.map((c) => parseCard(c.data).fields.name).sort()).toEqual(['Anna Jansen', 'Bram Bakker']);
      const a = cards.find((c) => parseCard(c.data).uid === 'a')!;

      // Anna edited elsewhere, Bram deleted: the token says exactly that.
      const edited = writeCard(parseCard(a.data), 'a', { ...parseCard(a.data).fields, tags: ['klant', 'zorg'] }, NOW + 1);
      expect(await putCard(book, a.href, edited, a.etag)).toMatchObject({ ok: true });
      // The version Kring had is gone: writing over it is refused.
      expect(await putCard(book, a.href, edited, a.etag)).toEqual({ ok: false, status: 412 });
      const b = cards.find((c) => parseCard(c.data).uid === 'b')!;
      expect(await deleteCard(book, b.href, b.etag)).toBe(true);
      if (all.token) {
        const since = await changesSince(book, all.token);
        expect(since.full).toBe(false);
        expect(since.changed.map((c) => path(c.href))).toEqual([path(a.href)]);
        expect(since.deleted.map(path)).toEqual([path(b.href)]);
        expect(since.token).not.toBe(all.token);
        // Nothing changed since: nothing listed.
        expect(await changesSince(book, since.token)).toMatchObject({ changed: [], deleted: [] });
      }
      // A token the server does not know: every card again, no error.
      const bad = await changesSince(book, `${all.token ?? 'http://example.invalid/sync/'}-not-a-token`);
      expect(bad.full).toBe(true);
      expect(bad.changed.map((c) => path(c.href))).toEqual([path(a.href)]);
      // The same UID under a second name: the server says it is already there (the loop adopts it).
      // Radicale does not say where (its no-uid-conflict has no href; measured).
      if (uidConflict) expect(await putCard(book, 'other-name.vcf', edited, null)).toEqual({ ok: false, status: 409, href: null });
    });
  });
}

if (missingRadicale().length === 0) {
  suite('Radicale 3.1 (Debian)', async () => {
    const r = await startRadicale({ 'anna.ö': 'wachtwoord-ë' });
    const book: Book = { url: `${r.url}/anna.ö/kring/`, username: 'anna.ö', password: 'wachtwoord-ë' };
    const auth = { Authorization: `Basic ${Buffer.from('anna.ö:wachtwoord-ë', 'utf8').toString('base64')}` };
    const made = await fetch(new URL(book.url), { method: 'MKCOL', headers: { ...auth, 'Content-Type': 'application/xml' }, body: '<?xml version="1.0"?><mkcol xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><set><prop><resourcetype><collection/><C:addressbook/></resourcetype></prop></set></mkcol>' });
    expect(made.status).toBe(201);
    return { book, stop: r.stop, uidConflict: true };
  });
  describe('Radicale: a wrong password', () => {
    it('is a clear error', async () => {
      const r = await startRadicale({ anna: 'goed' });
      try {
        await expect(changesSince({ url: `${r.url}/anna/kring/`, username: 'anna', password: 'fout' }, null)).rejects.toThrow(new RemoteError('listing the address book: the server refused the user name or password', 401));
      } finally {
        await r.stop();
      }
    }, 30_000);
  });
}
if (missingXandikos().length === 0) {
  suite('Xandikos 0.2 (Debian)', async () => {
    const x = await startXandikos();
    return { book: { url: x.book, username: 'any', password: 'any' }, stop: x.stop, uidConflict: false };
  });
}
