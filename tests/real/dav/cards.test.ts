// Issue 19, on the real thing: Kring's cards written to Debian's Radicale and Xandikos and read
// back, as the sync will. Plain HTTP from the test; the servers as the research brief measured them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCard, writeCard, type SyncFields } from '../../../src/sync/card';
// @ts-expect-error plain ESM module without types
import { missingRadicale, missingXandikos, startRadicale, startXandikos } from './servers.mjs';

const NOW = Date.parse('2026-12-02T10:00:00Z');
const fields: SyncFields = { name: 'Zoë Ødegård', emails: ['zoe@odegard.no', 'zoe.odegard@gmail.com'], notes: 'Ontmoet in Utrecht; samen met Pieter, Jan en Kees\nTweede regel', tags: ['klant', 'noordzee'], status: 'network', cadenceDays: 30, lastContact: Date.parse('2026-11-13T08:05:00Z') };
// A contact another app made: phone, postal address, photo, another app's X- property, a group label.
const foreign = ['TEL;TYPE=CELL:+47 912 34 567', 'item1.ADR;TYPE=WORK:;;Karl Johans gate 1;Oslo;;0154;Norge', 'item1.X-ABLabel:Kantoor', 'PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8U', 'X-SOCIALPROFILE;TYPE=linkedin:https://www.linkedin.com/in/zoe'];

interface Server {
  name: string;
  book: string;
  headers: Record<string, string>;
  stop(): Promise<void>;
}

async function roundTrips(server: Server) {
  const href = `${server.book}zoe.vcf`;
  // Made elsewhere: Kring's card with the other app's lines in it.
  const first = writeCard(null, 'zoe-1', fields, NOW).replace('END:VCARD', `${foreign.join('\r\n')}\r\nEND:VCARD`);
  let put = await fetch(href, { method: 'PUT', headers: { ...server.headers, 'Content-Type': 'text/vcard; charset=utf-8', 'If-None-Match': '*' }, body: first });
  expect(put.status, server.name).toBe(201);
  for (let i = 0; i < 3; i++) {
    const got = await fetch(href, { headers: server.headers });
    const etag = got.headers.get('etag')!;
    const card = parseCard(await got.text());
    expect(card.fields, `${server.name}, round ${i}`).toEqual({ ...fields, tags: i === 0 ? fields.tags : ['klant', `ronde-${i}`] });
    // Xandikos stores cards byte for byte: the other app's lines come back exactly. Radicale rewrites
    // what it stores (parameter case, escapes): their values come back unchanged.
    const unfolded = card.foreign.map((l) => l.replace(/\r\n[ \t]/g, ''));
    const value = (l: string) => l.slice(l.indexOf(':') + 1).replace(/\\([;,:])/g, '$1');
    for (const line of foreign) {
      if (server.name === 'Xandikos') expect(unfolded, line).toContain(line);
      else expect(unfolded.map(value), line).toContain(value(line));
    }
    const next = writeCard(card, card.uid, { ...card.fields, tags: ['klant', `ronde-${i + 1}`] }, NOW + i + 1);
    put = await fetch(href, { method: 'PUT', headers: { ...server.headers, 'Content-Type': 'text/vcard; charset=utf-8', 'If-Match': etag }, body: next });
    expect([201, 204], server.name).toContain(put.status);
    // A stale etag is refused: the sync's 412 path.
    const stale = await fetch(href, { method: 'PUT', headers: { ...server.headers, 'Content-Type': 'text/vcard; charset=utf-8', 'If-Match': etag }, body: next });
    expect(stale.status, server.name).toBe(412);
  }
  const last = parseCard(await (await fetch(href, { headers: server.headers })).text());
  expect(last.fields.notes).toBe(fields.notes); // no backslashes gained over three round trips
  expect(last.fields.tags).toEqual(['klant', 'ronde-3']);
}

describe.skipIf(missingRadicale().length > 0)('Radicale 3.1 (Debian)', () => {
  let server: Server;
  beforeAll(async () => {
    const r = await startRadicale({ alice: 'wachtwoord-ë' });
    const headers = { Authorization: `Basic ${Buffer.from('alice:wachtwoord-ë', 'utf8').toString('base64')}` };
    const book = `${r.url}/alice/kring/`;
    const made = await fetch(book, { method: 'MKCOL', headers: { ...headers, 'Content-Type': 'application/xml' }, body: '<?xml version="1.0"?><mkcol xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><set><prop><resourcetype><collection/><C:addressbook/></resourcetype><displayname>Kring</displayname></prop></set></mkcol>' });
    expect(made.status).toBe(201);
    server = { name: 'Radicale', book, headers, stop: r.stop };
  }, 30_000);
  afterAll(() => server?.stop());

  it('a card keeps Kring\'s fields and another app\'s lines over three round trips; a stale If-Match is refused', () => roundTrips(server));
});

describe.skipIf(missingXandikos().length > 0)('Xandikos 0.2 (Debian)', () => {
  let server: Server;
  beforeAll(async () => {
    const x = await startXandikos();
    server = { name: 'Xandikos', book: x.book, headers: {}, stop: x.stop };
  }, 30_000);
  afterAll(() => server?.stop());

  it('a card keeps Kring\'s fields and another app\'s lines over three round trips; a stale If-Match is refused', () => roundTrips(server));
});
