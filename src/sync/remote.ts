/**
 * The CardDAV calls sync makes (issue 19), on tsdav's primitives (the research brief: its smart
 * sync skips hrefs without ".vcf", throws on Radicale's invalid-token answer, and its Basic auth is
 * Latin-1 only, so the loop is Kring's own): what changed since a sync token (or, where the server
 * refuses the token or the report, every card's etag), cards in batches, and conditional writes.
 * Every request omits cookies (a user signed into the server's web UI would otherwise trip its CSRF
 * check) and carries UTF-8 Basic credentials.
 */
import { addressBookMultiGet, davRequest, syncCollection } from 'tsdav';
import { parseCard } from './card';

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

/** What went wrong, for the user (the settings page words each kind in their language). */
export type RemoteErrorKind = 'auth' | 'forbidden' | 'not-found' | 'server' | 'not-carddav' | 'no-books' | 'too-big' | 'other';

/** A server answer Kring cannot use: the status, its kind and what to tell the user. */
export class RemoteError extends Error {
  readonly kind: RemoteErrorKind;
  constructor(
    message: string,
    readonly status: number,
    kind?: RemoteErrorKind,
  ) {
    super(message);
    this.name = 'RemoteError';
    this.kind = kind ?? (status === 401 ? 'auth' : status === 403 ? 'forbidden' : status === 404 ? 'not-found' : status >= 500 ? 'server' : 'other');
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
  /** From a full listing: whether the book takes vCard 4.0. */
  vcard4?: boolean;
}

/**
 * The answer, if it is a WebDAV multistatus; else the server's error, or "not a CardDAV answer"
 * (tsdav hands back a page or unparseable XML as a single "ok" entry: taken as an empty answer, a
 * sync would save a token past changes it never read).
 */
function davAnswer<T extends { ok: boolean; status?: number; raw?: unknown }>(res: T[], what: string): T[] {
  if (res.some((r) => typeof r.raw === 'object' && r.raw !== null && 'multistatus' in r.raw)) return res;
  const status = res[0]?.status ?? 0;
  if (status && (status < 200 || status >= 300)) throw explain(status, what);
  throw new RemoteError(`${what}: this does not look like a CardDAV server`, status, 'not-carddav');
}

const etagOf = (props: Record<string, unknown> | undefined) => String(props?.getetag ?? '');

/** Every card's href and etag: a depth-1 PROPFIND (never addressbook-query, which Xandikos fails). */
async function listAll(book: Book): Promise<Changes> {
  const res = await davRequest({
    url: book.url,
    init: { method: 'PROPFIND', namespace: 'd', headers: { ...headersOf(book), Depth: '1' }, body: { propfind: { _attributes: { 'xmlns:d': 'DAV:', 'xmlns:cs': 'http://calendarserver.org/ns/', 'xmlns:card': 'urn:ietf:params:xml:ns:carddav' }, prop: { 'd:getetag': {}, 'd:sync-token': {}, 'd:resourcetype': {}, 'card:supported-address-data': {} } } } },
    fetchOptions: OMIT,
    fetch: doFetch(book),
  });
  if (res.length === 1 && !res[0]!.ok && res[0]!.status) throw explain(res[0]!.status, 'listing the address book');
  davAnswer(res, 'listing the address book');
  const self = new URL(book.url).pathname;
  let token: string | null = null;
  let vcard4 = false;
  const changed: { href: string; etag: string }[] = [];
  for (const r of res) {
    if (!r.href) continue;
    if (new URL(r.href, book.url).pathname === self) {
      token = r.props?.syncToken != null ? String(r.props.syncToken) : null;
      // The book says it takes vCard 4.0 (RFC 6352 supported-address-data): new cards are written so.
      vcard4 = /"version":"4\.0"/.test(JSON.stringify(r.props?.supportedAddressData ?? null));
      continue;
    }
    if (r.ok && etagOf(r.props)) changed.push({ href: r.href, etag: etagOf(r.props) });
  }
  return { changed, deleted: [], token, full: true, vcard4 };
}

/**
 * What changed since `token` (sync-collection), or every card where there is no token or the
 * server refuses it (RFC 6578: 403 valid-sync-token; 405/501 where the report is not offered;
 * Xandikos: 500).
 */
export async function changesSince(book: Book, token: string | null): Promise<Changes> {
  if (!token) return listAll(book);
  // SOGo's token is the second of the last change, and it reports only what changed after that
  // second (measured: a change made in the same second as another device's sync was never
  // reported). Asked from a second earlier, it also reports that second; what did not change is
  // skipped by its etag.
  const asked = /^\d{9,12}$/.test(token) ? String(Number(token) - 1) : token;
  const res = await syncCollection({ url: book.url, props: { 'd:getetag': {} }, syncLevel: 1, syncToken: asked, headers: headersOf(book), fetchOptions: OMIT, fetch: doFetch(book) });
  const first = res[0];
  // A refused token or report: every card instead. Servers say so differently (Radicale 403
  // valid-sync-token; Xandikos 500 on a token it does not know); a server that is really broken
  // fails the listing too, with its error.
  if (res.length === 1 && first && !first.ok && first.status && !(first.raw as { multistatus?: unknown } | undefined)?.multistatus) return listAll(book);
  davAnswer(res, 'asking what changed');
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
    const res = davAnswer(await addressBookMultiGet({ url: book.url, props: { 'd:getetag': {}, 'card:address-data': {} }, objectUrls: batch, depth: '1', headers: headersOf(book), fetchOptions: OMIT, fetch: doFetch(book) }), 'fetching cards');
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

/** 409: `href` is where the server has the card with this UID, where it says (RFC 6352 no-uid-conflict). */
/** The href of the card with this UID, among the cards whose hrefs are not in `skip` (a full listing). */
export async function findCard(book: Book, uid: string, skip: Set<string>): Promise<string | null> {
  const unknown = (await listAll(book)).changed.map((c) => c.href).filter((h) => !skip.has(new URL(h, book.url).pathname));
  for (const card of await fetchCards(book, unknown)) {
    try {
      if (parseCard(card.data).uid === uid) return card.href;
    } catch {
      // not a card Kring can read: not this one
    }
  }
  return null;
}

export type PutResult = { ok: true; etag: string | null } | { ok: false; status: 412 } | { ok: false; status: 409; href: string | null };

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
  if (res.status === 412) return { ok: false, status: 412 };
  if (res.status === 409) {
    const body = (await res.text().catch(() => '')).slice(0, 10_000);
    const href = /no-uid-conflict[^]*?<(?:[\w-]+:)?href>\s*([^<\s]+)\s*</i.exec(body)?.[1] ?? null;
    return { ok: false, status: 409, href };
  }
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

export interface FoundBook {
  url: string;
  name: string;
}

/** A PROPFIND's answers, or a clear error. */
async function propfind(server: Omit<Book, 'url'>, url: string, depth: '0' | '1', prop: Record<string, unknown>, what: string) {
  const res = await davRequest({
    url,
    init: { method: 'PROPFIND', namespace: 'd', headers: { ...headersOf({ url, ...server }), Depth: depth }, body: { propfind: { _attributes: { 'xmlns:d': 'DAV:', 'xmlns:card': 'urn:ietf:params:xml:ns:carddav' }, prop } } },
    fetchOptions: OMIT,
    fetch: doFetch({ url, ...server }),
  });
  if (res.length === 1 && !res[0]!.ok && res[0]!.status) throw explain(res[0]!.status, what);
  return davAnswer(res, what);
}

const hrefIn = (v: unknown): string | null => {
  const h = (v as { href?: unknown } | undefined)?.href;
  return typeof h === 'string' ? h : Array.isArray(h) && typeof h[0] === 'string' ? h[0] : null;
};

/**
 * The address books an account has, from the DAV base URL the user gave (its principal, then the
 * principal's address-book home; RFC 6352). `.well-known` is not followed: browsers hide the
 * redirect (the research brief), so the user gives the DAV URL itself. Also returns the home, where
 * a book named "Kring" can be made.
 */
export async function discoverBooks(server: Omit<Book, 'url'> & { baseUrl: string }): Promise<{ home: string; books: FoundBook[] }> {
  const what = 'finding the address books';
  const [root] = await propfind(server, server.baseUrl, '0', { 'd:current-user-principal': {} }, what);
  const principal = hrefIn(root?.props?.currentUserPrincipal);
  if (!principal) throw new RemoteError(`${what}: this does not look like a CardDAV server`, 0, 'not-carddav');
  const principalUrl = new URL(principal, server.baseUrl).toString();
  const [p] = await propfind(server, principalUrl, '0', { 'card:addressbook-home-set': {} }, what);
  const home = hrefIn(p?.props?.addressbookHomeSet);
  if (!home) throw new RemoteError(`${what}: the server has no address books for this account`, 0, 'no-books');
  const homeUrl = new URL(home, server.baseUrl).toString();
  const listed = await propfind(server, homeUrl, '1', { 'd:resourcetype': {}, 'd:displayname': {} }, what);
  const books = listed
    .filter((r) => r.ok && r.href && (r.props?.resourcetype as Record<string, unknown> | undefined)?.addressbook !== undefined)
    .map((r) => {
      const url = new URL(r.href!, server.baseUrl).toString();
      const name = r.props?.displayname;
      return { url, name: typeof name === 'string' && name ? name : decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop() ?? url) };
    });
  return { home: homeUrl, books };
}

/** Make an address book named `name` in the account's home (MKCOL, RFC 5689); its URL. */
export async function makeBook(server: Omit<Book, 'url'>, home: string, name: string): Promise<string> {
  const url = new URL(`${encodeURIComponent(name.toLowerCase().replace(/[^a-z0-9-]+/g, '-'))}/`, home).toString();
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const res = await doFetch({ url, ...server })(url, {
    ...OMIT,
    method: 'MKCOL',
    headers: { ...headersOf({ url, ...server }), 'Content-Type': 'application/xml; charset=utf-8' },
    body: `<?xml version="1.0" encoding="utf-8"?><d:mkcol xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav"><d:set><d:prop><d:resourcetype><d:collection/><card:addressbook/></d:resourcetype><d:displayname>${esc(name)}</d:displayname></d:prop></d:set></d:mkcol>`,
  });
  if (!res.ok) throw explain(res.status, `making the address book "${name}"`);
  return url;
}

/** The address books directly inside a collection (a team's folder: one book per member). */
export async function listBooks(server: Omit<Book, 'url'>, url: string): Promise<string[]> {
  const listed = await propfind(server, url, '1', { 'd:resourcetype': {} }, 'listing the team folder');
  const self = new URL(url).pathname;
  return listed
    .filter((r) => r.ok && r.href && new URL(r.href, url).pathname !== self && (r.props?.resourcetype as Record<string, unknown> | undefined)?.addressbook !== undefined)
    .map((r) => new URL(r.href!, url).toString());
}
