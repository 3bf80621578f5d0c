// Issue 19, Connect: from the DAV base URL to the account's address books, and a book made for Kring.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverBooks, makeBook } from '../../../src/sync/remote';
// @ts-expect-error plain ESM module without types
import { missingRadicale, missingXandikos, startRadicale, startXandikos } from './servers.mjs';

describe.skipIf(missingRadicale().length > 0)('Radicale 3.1 (Debian)', () => {
  let r: { url: string; stop(): Promise<void> };
  beforeAll(async () => {
    r = await startRadicale({ anna: 'wachtwoord' });
  }, 30_000);
  afterAll(() => r?.stop());

  it('finds none, makes "Kring", then finds it; a wrong password and a server that is not CardDAV are clear errors', async () => {
    const account = { baseUrl: `${r.url}/`, username: 'anna', password: 'wachtwoord' };
    const first = await discoverBooks(account);
    expect(first).toEqual({ home: `${r.url}/anna/`, books: [] });
    const url = await makeBook(account, first.home, 'Kring');
    expect(url).toBe(`${r.url}/anna/kring/`);
    expect((await discoverBooks(account)).books).toEqual([{ url, name: 'Kring' }]);
    await expect(discoverBooks({ ...account, password: 'fout' })).rejects.toThrow('finding the address books: the server refused the user name or password');
    // A web server that is not CardDAV (a site's home page).
    const site = createServer((_, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body>Welkom</body></html>'));
    await new Promise<void>((done) => site.listen(0, '127.0.0.1', done));
    try {
      await expect(discoverBooks({ ...account, baseUrl: `http://127.0.0.1:${(site.address() as AddressInfo).port}/` })).rejects.toThrow('finding the address books: this does not look like a CardDAV server');
    } finally {
      site.close();
    }
  });
});

describe.skipIf(missingXandikos().length > 0)('Xandikos 0.2 (Debian)', () => {
  let x: { url: string; book: string; stop(): Promise<void> };
  beforeAll(async () => {
    x = await startXandikos();
  }, 30_000);
  afterAll(() => x?.stop());

  it('finds its default address book from the base URL, and makes "Kring" beside it', async () => {
    const account = { baseUrl: `${x.url}/`, username: 'any', password: 'any' };
    const found = await discoverBooks(account);
    expect(found.home).toBe(`${x.url}/user/contacts/`);
    expect(found.books.map((b) => b.url)).toEqual([x.book]);
    const url = await makeBook(account, found.home, 'Kring');
    expect((await discoverBooks(account)).books.map((b) => b.url).sort()).toEqual([x.book, url].sort());
  });
});
