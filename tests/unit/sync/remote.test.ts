// Issue 19: what Kring reads from a server's refusal to write a card.
import { describe, expect, it } from 'vitest';
import { putCard, type Book } from '../../../src/sync/remote';

const answering = (status: number, body: string): Book => ({ url: 'https://dav.example.org/anna/kring/', username: 'anna', password: 'x', fetch: async () => new Response(body, { status }) });

describe('a write refused', () => {
  it('409 names the card that has the UID where the server says so (RFC 6352 no-uid-conflict), else not', async () => {
    const rfc = '<?xml version="1.0"?><D:error xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><C:no-uid-conflict><D:href>/anna/kring/elders.vcf</D:href></C:no-uid-conflict></D:error>';
    expect(await putCard(answering(409, rfc), 'p.vcf', 'BEGIN:VCARD', null)).toEqual({ ok: false, status: 409, href: '/anna/kring/elders.vcf' });
    // Radicale's answer (measured): no href.
    const radicale = '<?xml version=\'1.0\' encoding=\'utf-8\'?>\n<error xmlns="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav"><CR:no-uid-conflict /></error>';
    expect(await putCard(answering(409, radicale), 'p.vcf', 'BEGIN:VCARD', null)).toEqual({ ok: false, status: 409, href: null });
    expect(await putCard(answering(412, ''), 'p.vcf', 'BEGIN:VCARD', 'e1')).toEqual({ ok: false, status: 412 });
  });

  it('anything else is an error of its kind', async () => {
    await expect(putCard(answering(401, ''), 'p.vcf', 'x', null)).rejects.toMatchObject({ kind: 'auth', status: 401 });
    await expect(putCard(answering(507, ''), 'p.vcf', 'x', null)).rejects.toMatchObject({ kind: 'server' });
  });
});

describe('a full listing', () => {
  const listing = (versions: string[]) =>
    `<?xml version="1.0"?><d:multistatus xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav"><d:response><d:href>/anna/kring/</d:href><d:propstat><d:prop><d:sync-token>tok-1</d:sync-token><card:supported-address-data>${versions.map((v) => `<card:address-data-type content-type="text/vcard" version="${v}"/>`).join('')}</card:supported-address-data></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response><d:response><d:href>/anna/kring/a.vcf</d:href><d:propstat><d:prop><d:getetag>"e1"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>`;
  const book = (body: string): Book => ({ url: 'https://dav.example.org/anna/kring/', username: 'anna', password: 'x', fetch: async () => new Response(body, { status: 207, headers: { 'Content-Type': 'application/xml; charset=utf-8' } }) });

  it('learns whether the book takes vCard 4.0 (then Kring writes new cards in 4.0), and lists cards with their etags', async () => {
    const { changesSince } = await import('../../../src/sync/remote');
    expect(await changesSince(book(listing(['3.0', '4.0'])), null)).toEqual({ changed: [{ href: '/anna/kring/a.vcf', etag: '"e1"' }], deleted: [], token: 'tok-1', full: true, vcard4: true });
    expect((await changesSince(book(listing(['3.0'])), null)).vcard4).toBe(false);
    expect((await changesSince(book(listing([])), null)).vcard4).toBe(false);
  });
});
