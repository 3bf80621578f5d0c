/**
 * "Who of us knows them?" (issue 21): a team's warm network on a CardDAV server the team runs,
 * without pooling mail or names. Each member has one book in the team's folder (`folder/<user>/`),
 * writable only by them and readable by the team (README, "Team": the rights for Radicale and
 * Nextcloud). In it:
 * - a meta card (team/entry.ts) with the team's salt, the check value of the team key and the
 *   member's chosen name;
 * - one entry per person they share: keyed hashes of the addresses and organisation domains, a
 *   strength 1–3 and the month of the last contact.
 *
 * Joining reads the salt from the books already there (or makes one), derives the key from the
 * passphrase and compares check values: a wrong passphrase is said, and nothing is published.
 * Teammates' books are synced into the store (`teamEntries`) with sync tokens and etags, so a
 * lookup is an index read, offline. Leaving deletes every card of the member's book.
 *
 * The network calls happen outside Dexie transactions (an awaited fetch would let IndexedDB commit
 * a transaction early); each store change is one transaction.
 */
import type { KringDb } from '../store/db';
import type { TeamEntryRow } from '../model/types';
import { isNameKey } from '../network/names';
import { changesSince, deleteCard, fetchCards, listBooks, makeBook, putCard, RemoteError, type Book } from '../sync/remote';
import { checkValue, deriveTeamKey, newSalt, normaliseAddress, tagger, type Tagger } from './crypto';
import { META_UID, monthOf, readTeamCard, strengthOf, writeEntry, writeMeta, type TeamEntry, type TeamMeta } from './entry';

export interface TeamServer {
  /** The team's folder, ending in "/": its members' books are inside it. */
  folder: string;
  username: string;
  password: string;
  fetch?: typeof fetch;
}

/** What joining established and what publishing and syncing need (kept in extension storage). */
export interface TeamMembership extends TeamServer {
  /** The team key's bytes (base64url): derived once, at joining. */
  key: string;
  salt: string;
  /** The member's name as the team sees it. */
  member: string;
}

/** Who is shared: the network (the default), or only people with this tag. Never someone marked "Don't share". */
export type ShareScope = { kind: 'network' } | { kind: 'tag'; tag: string };

export type TeamErrorKind = 'wrong-passphrase' | 'no-book' | 'forbidden';

export class TeamError extends Error {
  constructor(
    readonly kind: TeamErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'TeamError';
  }
}

/** The member's own book: `<folder>/<user name>/`. */
export const ownBook = (s: TeamServer): Book => ({ url: new URL(`${encodeURIComponent(s.username)}/`, s.folder).toString(), username: s.username, password: s.password, ...(s.fetch ? { fetch: s.fetch } : {}) });
const bookAt = (s: TeamServer, url: string): Book => ({ url, username: s.username, password: s.password, ...(s.fetch ? { fetch: s.fetch } : {}) });
const path = (href: string, base: string) => new URL(href, base).pathname;

/** Each book's meta card (or null), by book URL. */
async function metas(s: TeamServer, books: string[]): Promise<Map<string, TeamMeta | null>> {
  const out = new Map<string, TeamMeta | null>();
  for (const url of books) {
    const cards = await fetchCards(bookAt(s, url), [new URL(`${META_UID}.vcf`, url).pathname]).catch(() => []);
    const read = cards[0] ? readTeamCard(cards[0].data) : null;
    out.set(url, read && 'meta' in read ? read.meta : null);
  }
  return out;
}

/**
 * The team's salt among the meta cards of a folder: the one most books carry, and between equally
 * many, the one of the first book by URL. Every member computes the same from the same folder, so
 * two first members who joined at the same moment (each making a salt) agree on which one stays.
 */
export function teamSalt(metasByBook: ReadonlyMap<string, TeamMeta | null>): string | null {
  const count = new Map<string, { n: number; first: string }>();
  for (const [url, m] of [...metasByBook].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    if (!m) continue;
    const c = count.get(m.salt);
    if (c) c.n++;
    else count.set(m.salt, { n: 1, first: url });
  }
  let best: [string, { n: number; first: string }] | null = null;
  for (const e of count) if (!best || e[1].n > best[1].n || (e[1].n === best[1].n && e[1].first < best[1].first)) best = e;
  return best?.[0] ?? null;
}

/**
 * Join: find or make the member's book, take the team's salt from the other books there
 * (`teamSalt`; a new one for the first member), derive the key, and refuse a passphrase whose
 * check value no member with that salt has. Writes the meta card. A first member looks again once
 * it is written: another first member who joined at the same moment is settled by `teamSalt`.
 */
export async function joinTeam(db: KringDb, s: TeamServer, passphrase: string, member: string, rounds?: number): Promise<TeamMembership> {
  const own = ownBook(s);
  let books = await listBooks(s, s.folder);
  if (!books.some((b) => path(b, s.folder) === path(own.url, s.folder))) {
    try {
      await makeBook(s, s.folder, s.username);
    } catch (e) {
      if (e instanceof RemoteError && (e.status === 403 || e.status === 405 || e.status === 409)) {
        throw new TeamError('no-book', `there is no book for ${s.username} in the team folder, and the server does not let this account make one (${e.status}): ask the team's admin`);
      }
      throw e;
    }
    books = await listBooks(s, s.folder);
  }
  const othersOf = (all: string[]) => metas(s, all.filter((b) => path(b, s.folder) !== path(own.url, s.folder)));
  const memberName = member.replace(/\s+/g, ' ').trim().slice(0, 100) || s.username;
  /** The key for this salt, refused when members with that salt have another check value. */
  const keyFor = async (salt: string, others: ReadonlyMap<string, TeamMeta | null>) => {
    const key = await deriveTeamKey(passphrase, salt, rounds);
    const check = await checkValue(await tagger(key));
    const same = [...others.values()].filter((m): m is TeamMeta => m !== null && m.salt === salt);
    if (same.length > 0 && !same.some((m) => m.check === check)) {
      throw new TeamError('wrong-passphrase', 'the passphrase is not the one the team uses: no other member’s book has its check value');
    }
    return { key, check };
  };
  const others = await othersOf(books);
  const founder = teamSalt(others) === null;
  let salt = teamSalt(others) ?? newSalt();
  let { key, check } = await keyFor(salt, others);
  // The meta card at once: the salt is the team's from now on, and the member is known to it.
  await writeOwn(db, own, META_UID, writeMeta({ salt, check, member: memberName }), m403(s, own));
  if (founder) {
    const now = await othersOf(await listBooks(s, s.folder));
    const settled = teamSalt(new Map([...now, [own.url, { salt, check, member: memberName }]]));
    if (settled && settled !== salt) {
      salt = settled;
      ({ key, check } = await keyFor(salt, now));
      await writeOwn(db, own, META_UID, writeMeta({ salt, check, member: memberName }), m403(s, own));
    }
  }
  return { ...s, key, salt, member: memberName };
}

/** The people to share and what each entry says. Computed from the store; hashed outside any transaction. */
async function entriesToPublish(db: KringDb, t: Tagger, scope: ShareScope, hidden: ReadonlySet<string>, now: number): Promise<TeamEntry[]> {
  const { organisationOf } = await import('../network/organisations');
  const people = (await db.people.where('[status+lastContact]').between(['network', -Infinity], ['network', Infinity]).toArray()).filter(
    (p) => !hidden.has(p.id) && (scope.kind === 'network' || p.tags.includes(scope.tag)),
  );
  const addresses = await db.addresses.where('personId').anyOf(people.map((p) => p.id)).toArray();
  const byPerson = new Map<string, string[]>();
  for (const a of addresses) if (!isNameKey(a.address) && a.address.includes('@')) byPerson.set(a.personId, [...(byPerson.get(a.personId) ?? []), normaliseAddress(a.address)]);
  const year = now - 365 * 86_400_000;
  const out: TeamEntry[] = [];
  for (const p of people) {
    const mine = byPerson.get(p.id);
    if (!mine?.length) continue;
    const contacts = (await db.interactions.where('[personId+at]').between([p.id, year], [p.id, now], true, true).toArray()).filter(
      (i) => !i.atEstimated && (i.direction === 'in' || i.direction === 'out' || i.direction === 'meeting' || i.direction === 'manual'),
    );
    const orgs = [...new Set(mine.map((a) => organisationOf(a)).filter((o): o is string => o !== null))];
    out.push({
      uid: await t.tag('uid', p.id),
      addresses: await Promise.all(mine.map((a) => t.tag('address', a))),
      orgs: await Promise.all(orgs.map((o) => t.tag('org', o))),
      strength: strengthOf(p, contacts, now),
      lastMonth: monthOf(p.lastContact),
    });
  }
  return out;
}

export interface PublishResult {
  written: number;
  deleted: number;
  unchanged: number;
}

/**
 * Publish: the meta card and one entry per shared person into the member's own book; entries of
 * people no longer shared are deleted. A card is written only when its text changed. A server that
 * refuses the writes (403) is said as a TeamError.
 */
export async function publish(db: KringDb, m: TeamMembership, scope: ShareScope, hidden: ReadonlySet<string>, now = Date.now()): Promise<PublishResult> {
  const t = await tagger(m.key);
  const book = ownBook(m);
  const wanted = new Map<string, string>();
  wanted.set(META_UID, writeMeta({ salt: m.salt, check: await checkValue(t), member: m.member }));
  for (const e of await entriesToPublish(db, t, scope, hidden, now)) wanted.set(e.uid, writeEntry(e));
  const known = new Map((await db.teamCards.toArray()).map((c) => [c.uid, c]));
  const result: PublishResult = { written: 0, deleted: 0, unchanged: 0 };
  try {
    for (const [uid, text] of wanted) {
      if (known.get(uid)?.text === text) {
        result.unchanged++;
        continue;
      }
      await writeOwn(db, book, uid, text);
      result.written++;
    }
    for (const [uid, had] of known) {
      if (wanted.has(uid)) continue;
      // Changed elsewhere since (412): still this member's entry, and no longer shared: deleted.
      if (!(await deleteCard(book, had.href, had.etag || '*'))) await deleteCard(book, had.href, '*');
      await db.teamCards.delete(uid);
      result.deleted++;
    }
  } catch (e) {
    throw m403(m, book)(e);
  }
  return result;
}

/** A refusal to write (403) as the user should hear it; other errors as they are. */
const m403 = (s: TeamServer, book: Book) => (e: unknown) =>
  e instanceof RemoteError && e.status === 403 ? new TeamError('forbidden', `the server does not let ${s.username} write into ${book.url} (403): ask the team's admin for write access to your own book`) : e;

/** Write one card of the member's own book, over whatever is there (this device's view wins), and remember it. */
async function writeOwn(db: KringDb, book: Book, uid: string, text: string, mapError: (e: unknown) => unknown = (e) => e): Promise<void> {
  const had = await db.teamCards.get(uid);
  const href = had?.href ?? new URL(`${uid}.vcf`, book.url).pathname;
  try {
    let res = await putCard(book, href, text, had?.etag ?? null);
    // Changed or made elsewhere (the member's other device, an earlier join): written over.
    if (!res.ok) {
      const current = (await changesSince(book, null)).changed.find((c) => path(c.href, book.url) === path(href, book.url));
      res = await putCard(book, href, text, current?.etag ?? null);
      if (!res.ok) throw new RemoteError(`saving a team card: the server answered ${res.status}`, res.status);
    }
    await db.teamCards.put({ uid, href, etag: res.etag ?? '', text });
  } catch (e) {
    throw mapError(e);
  }
}

export interface TeamSyncResult {
  /** Teammates' books read (not the member's own). */
  books: number;
  entries: number;
  /** Books whose check value is not this member's: another passphrase (their entries are not kept). */
  otherKey: string[];
  /**
   * The folder's books mostly carry another salt than this member's (`teamSalt`): they joined as
   * a first member at the same moment as another, and should join again. Names the members whose
   * salt is the team's.
   */
  saltLost?: string[];
}

/**
 * Sync the teammates' books into the store: what changed since each book's token, cards fetched
 * in batches, entries of a book whose check value differs from ours dropped, books gone from the
 * folder forgotten.
 */
export async function syncTeam(db: KringDb, m: TeamMembership): Promise<TeamSyncResult> {
  const check = await checkValue(await tagger(m.key));
  const own = path(ownBook(m).url, m.folder);
  const books = (await listBooks(m, m.folder)).filter((b) => path(b, m.folder) !== own);
  const result: TeamSyncResult = { books: books.length, entries: 0, otherKey: [] };
  const known = new Map((await db.teamBooks.toArray()).map((b) => [b.url, b]));
  const mine: TeamMeta = { salt: m.salt, check, member: m.member };
  /** Each book's meta card as this sync saw it (a teammate's unchanged one: ours, as their key is). */
  const seen = new Map<string, TeamMeta | null>([[ownBook(m).url, mine]]);
  const names = new Map<string, string>();
  for (const url of books) {
    const book = bookAt(m, url);
    const was = known.get(url);
    const metaPath = path(new URL(`${META_UID}.vcf`, url).toString(), url);
    if (was?.state !== 'ok') {
      // Not yet known as a teammate's book: its meta card alone decides whether anything else in it
      // is read (a folder may hold other books: a Nextcloud home holds the member's own contacts).
      const first = (await metas(m, [url])).get(url) ?? null;
      seen.set(url, first);
      if (!first || first.check !== check) {
        const member = first?.member || decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop() ?? url);
        names.set(url, member);
        await db.transaction('rw', db.teamEntries, db.teamBooks, async () => {
          await db.teamEntries.where('book').equals(url).delete();
          await db.teamBooks.put({ url, token: null, member, state: first ? 'other-key' : 'no-meta' });
        });
        if (first) result.otherKey.push(member);
        continue;
      }
    }
    const changes = await changesSince(book, was?.state === 'ok' ? was.token : null);
    const stored = new Map((await db.teamEntries.where('book').equals(url).toArray()).map((e) => [e.href, e]));
    const fetch = changes.changed.filter((c) => path(c.href, url) === metaPath || stored.get(path(c.href, url))?.etag !== c.etag).map((c) => c.href);
    const cards = await fetchCards(book, fetch);
    let meta: TeamMeta | null | undefined;
    const rows: TeamEntryRow[] = [];
    for (const c of cards) {
      const read = readTeamCard(c.data);
      if (!read) continue;
      if ('meta' in read) meta = read.meta;
      else rows.push({ id: `${url}|${path(c.href, url)}`, book: url, href: path(c.href, url), etag: c.etag, ...read.entry });
    }
    // A meta card unchanged since the token is not fetched again: the book stays a teammate's. Deleted: it is not.
    if (meta === undefined && (changes.full ? !changes.changed.some((c) => path(c.href, url) === metaPath) : changes.deleted.some((h) => path(h, url) === metaPath))) meta = null;
    const state: 'ok' | 'other-key' | 'no-meta' = meta === undefined ? 'ok' : meta === null ? 'no-meta' : meta.check === check ? 'ok' : 'other-key';
    const member = meta?.member || was?.member || decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop() ?? url);
    seen.set(url, meta === undefined ? mine : meta);
    names.set(url, member);
    const gone = changes.full ? [...stored.keys()].filter((h) => !changes.changed.some((c) => path(c.href, url) === h)) : changes.deleted.map((h) => path(h, url));
    await db.transaction('rw', db.teamEntries, db.teamBooks, async () => {
      if (state !== 'ok') {
        await db.teamEntries.where('book').equals(url).delete();
      } else {
        if (gone.length) await db.teamEntries.bulkDelete(gone.map((h) => `${url}|${h}`));
        if (rows.length) await db.teamEntries.bulkPut(rows);
      }
      await db.teamBooks.put({ url, token: state === 'ok' ? changes.token : null, member, state });
    });
    if (state === 'other-key') result.otherKey.push(member);
    if (state === 'ok') result.entries += await db.teamEntries.where('book').equals(url).count();
  }
  // Books gone from the folder (a member who left): their entries go too.
  const present = new Set(books);
  const left = [...known.keys()].filter((u) => !present.has(u));
  if (left.length) {
    await db.transaction('rw', db.teamEntries, db.teamBooks, async () => {
      for (const u of left) await db.teamEntries.where('book').equals(u).delete();
      await db.teamBooks.bulkDelete(left);
    });
  }
  const team = teamSalt(seen);
  if (team && team !== m.salt) result.saltLost = [...seen].filter(([u, x]) => x?.salt === team && names.has(u)).map(([u]) => names.get(u)!);
  return result;
}

export { whoKnows, whoKnowsOrg, type Knower } from './lookup';

/** Leave: every card of the member's own book is deleted, and the team's copies here are dropped. */
export async function leaveTeam(db: KringDb, s: TeamServer): Promise<number> {
  const book = ownBook(s);
  const all = (await changesSince(book, null)).changed;
  for (const c of all) await deleteCard(book, c.href, c.etag);
  await db.transaction('rw', db.teamEntries, db.teamBooks, db.teamCards, async () => {
    await db.teamEntries.clear();
    await db.teamBooks.clear();
    await db.teamCards.clear();
  });
  return all.length;
}
