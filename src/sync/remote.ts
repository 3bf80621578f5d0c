/**
 * The CardDAV calls sync makes (issue 19), on tsdav's primitives (the research brief: its smart
 * sync skips hrefs without ".vcf", throws on Radicale's invalid-token answer, and its Basic auth is
 * Latin-1 only, so the loop is Kring's own): what changed since a sync token (or, where the server
 * refuses the token or the report, every card's etag), cards in batches, and conditional writes.
 * Every request omits cookies (a user signed into the server's web UI would otherwise trip its CSRF
 * check) and carries UTF-8 Basic credentials.
 */
import { addressBookMultiGet, davRequest, syncCollection } from 'tsdav';

export interface Book {
  /** The address book's URL, ending in "/". */
  url: string;
  username: string;
  password: string;
  /** For tests and the service worker: the fetch to use. */
  fetch?: typeof fetch;
}

export interface RemoteCard {
  href: string;
  etag: string;
  data: string;
}

/** A server answer Kring cannot use: the status and what to tell the user. */
export class RemoteError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}

function utf8Base64(s: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(s)) bin += String.fromCharCode(b);
  return btoa(bin);
}

const headersOf = (book: Book) => ({ Authorization: `Basic ${utf8Base64(`${book.username}:${book.password}`)}` });
const OMIT: RequestInit = { credentials: 'omit' };
const doFetch = (book: Book): typeof fetch => book.fetch ?? ((input, init) => fetch(input, init));

/** An absolute URL for a server's href (servers answer with paths). */
export const absolute = (book: Book, href: string) => new URL(href, book.url).toString();

function explain(status: number, what: string): RemoteError {
  const why =
    status === 401 ? 'the server refused the user name or password' :
    status === 403 ? 'the server does not allow this account to do that' :
    status === 404 ? 'there is no address book at that address' :
    status >= 500 ? `the server failed (${status})` : `the server answered ${status}`;
  return new RemoteError(`${what}: ${why}`, status);
}

export interface Changes {
  /** Cards added or changed, with their etags. */
  changed: { href: string; etag: string }[];
  /** Cards gone since the token (a full listing reports none: the caller compares). */
  deleted: string[];
  /** The token to save after the changes are applied; null where the server gave none. */
  token: string | null;
  /** True when this is every card of the book (no token, or the token was refused). */
  full: boolean;
}

const etagOf = (props: Record<string, unknown> | undefined) => String(props?.getetag ?? '');

/** Every card's href and etag: a depth-1 PROPFIND (never addressbook-query, which Xandikos fails). */
async function listAll(book: Book): Promise<Changes> {
  const res = await davRequest({
    url: book.url,
    init: { method: 'PROPFIND', namespace: 'd', headers: { ...headersOf(book), Depth: '1' }, body: { propfind: { _attributes: { 'xmlns:d': 'DAV:', 'xmlns:cs': 'http://calendarserver.org/ns/' }, prop: { 'd:getetag': {}, 'd:sync-token': {}, 'd:resourcetype': {} } } } },
    fetchOptions: OMIT,
    fetch: doFetch(book),
  });
  if (res.length === 1 && !res[0]!.ok && res[0]!.status) throw explain(res[0]!.status, 'listing the address book');
  const self = new URL(book.url).pathname;
  let token: string | null = null;
  const changed: { href: string; etag: string }[] = [];
  for (const r of res) {
    if (!r.href) continue;
    if (new URL(r.href, book.url).pathname === self) {
      token = r.props?.syncToken != null ? String(r.props.syncToken) : null;
      continue;
    }
    if (r.ok && etagOf(r.props)) changed.push({ href: r.href, etag: etagOf(r.props) });
  }
  return { changed, deleted: [], token, full: true };
}

/**
 * What changed since `token` (sync-collection), or every card where there is no token or the
 * server refuses it (RFC 6578: 403 valid-sync-token; 405/501 where the report is not offered;
 * Xandikos: 500).
 */
export async function changesSince(book: Book, token: string | null): Promise<Changes> {
  if (!token) return listAll(book);
  const res = await syncCollection({ url: book.url, props: { 'd:getetag': {} }, syncLevel: 1, syncToken: token, headers: headersOf(book), fetchOptions: OMIT, fetch: doFetch(book) });
  const first = res[0];
  // A refused token or report: every card instead. Servers say so differently (Radicale 403
  // valid-sync-token; Xandikos 500 on a token it does not know); a server that is really broken
  // fails the listing too, with its error.
  if (res.length === 1 && first && !first.ok && first.status && !(first.raw as { multistatus?: unknown } | undefined)?.multistatus) return listAll(book);
  const multistatus = (first?.raw as { multistatus?: { syncToken?: unknown } } | undefined)?.multistatus;
  const changed: { href: string; etag: string }[] = [];
  const deleted: string[] = [];
  for (const r of res) {
    if (!r.href) continue;
    if (r.status === 404) deleted.push(r.href);
    else if (r.ok && etagOf(r.props)) changed.push({ href: r.href, etag: etagOf(r.props) });
  }
  return { changed, deleted, token: multistatus?.syncToken != null ? String(multistatus.syncToken) : null, full: false };
}

/** Cards by href, in batches of 50 (absolute hrefs: iCloud needs them). */
export async function fetchCards(book: Book, hrefs: string[]): Promise<RemoteCard[]> {
  const out: RemoteCard[] = [];
  for (let i = 0; i < hrefs.length; i += 50) {
    const batch = hrefs.slice(i, i + 50).map((h) => new URL(h, book.url).pathname);
    const res = await addressBookMultiGet({ url: book.url, props: { 'd:getetag': {}, 'card:address-data': {} }, objectUrls: batch, depth: '1', headers: headersOf(book), fetchOptions: OMIT, fetch: doFetch(book) });
    for (const r of res) {
      if (!r.ok) {
        if (!r.href) throw explain(r.status ?? 0, 'fetching cards');
        continue;
      }
      const data = (r.props?.addressData as { _cdata?: string; _text?: string } | string | undefined) ?? '';
      const text = typeof data === 'string' ? data : (data._cdata ?? data._text ?? '');
      if (r.href && text) out.push({ href: r.href, etag: etagOf(r.props), data: String(text) });
    }
  }
  return out;
}

export type PutResult = { ok: true; etag: string | null } | { ok: false; status: 412 | 409 };

/**
 * Write a card: `etag` null creates it (If-None-Match: *), else replaces that version (If-Match).
 * 412 (someone changed it since) and 409 (the UID is already on the server) are answers the loop
 * handles; anything else is an error.
 */
export async function putCard(book: Book, href: string, data: string, etag: string | null): Promise<PutResult> {
  const res = await doFetch(book)(absolute(book, href), {
    ...OMIT,
    method: 'PUT',
    headers: { ...headersOf(book), 'Content-Type': 'text/vcard; charset=utf-8', ...(etag ? { 'If-Match': etag } : { 'If-None-Match': '*' }) },
    body: data,
  });
  if (res.status === 412 || res.status === 409) return { ok: false, status: res.status };
  if (!res.ok) throw explain(res.status, 'saving a card');
  return { ok: true, etag: res.headers.get('etag') };
}

/** Delete that version of a card; false when it changed since (412: the change wins). */
export async function deleteCard(book: Book, href: string, etag: string): Promise<boolean> {
  const res = await doFetch(book)(absolute(book, href), { ...OMIT, method: 'DELETE', headers: { ...headersOf(book), 'If-Match': etag } });
  if (res.status === 412) return false;
  if (!res.ok && res.status !== 404) throw explain(res.status, 'deleting a card');
  return true;
}
