/**
 * "Who of us knows them?" (issue 21), the lookups: teammates' entries in the store matched by keyed
 * hashes of an address or an organisation domain. Local (an index read) and light: the popup and
 * the background use it without the team's DAV client.
 */
import type { KringDb } from '../store/db';
import type { TeamEntryRow } from '../model/types';
import { normaliseAddress, tagger, type Tagger } from './crypto';

/** One teammate who knows someone (or someone at an organisation). */
export interface Knower {
  member: string;
  strength: 1 | 2 | 3;
  /** "2026-10", or null. */
  lastMonth: string | null;
}

/** The key imported once per key: the sidebar asks again and again. */
const cache = new Map<string, Promise<Tagger>>();
const taggerFor = (key: string) => {
  let t = cache.get(key);
  if (!t) cache.set(key, (t = tagger(key)));
  return t;
};

function strongest(rows: TeamEntryRow[], books: Map<string, string>): Knower[] {
  const best = new Map<string, Knower>();
  for (const r of rows) {
    const member = books.get(r.book);
    if (member === undefined) continue;
    const had = best.get(r.book);
    if (!had || r.strength > had.strength || (r.strength === had.strength && (r.lastMonth ?? '') > (had.lastMonth ?? ''))) best.set(r.book, { member, strength: r.strength, lastMonth: r.lastMonth });
  }
  return [...best.values()].sort((a, b) => b.strength - a.strength || (b.lastMonth ?? '').localeCompare(a.lastMonth ?? '') || a.member.localeCompare(b.member));
}

const okBooks = async (db: KringDb) => new Map((await db.teamBooks.toArray()).filter((b) => b.state === 'ok').map((b) => [b.url, b.member]));

/** Which teammates know someone with one of these addresses: strongest first. Local: an index read. */
export async function whoKnows(db: KringDb, key: string, addresses: string[]): Promise<Knower[]> {
  const t = await taggerFor(key);
  const hashes = await Promise.all([...new Set(addresses.filter((a) => a.includes('@')).map(normaliseAddress))].map((a) => t.tag('address', a)));
  if (!hashes.length) return [];
  const [rows, books] = await Promise.all([db.teamEntries.where('addresses').anyOf(hashes).toArray(), okBooks(db)]);
  return strongest(rows, books);
}

/** Which teammates know someone at this organisation (its registrable domain), strongest first, with how many each. */
export async function whoKnowsOrg(db: KringDb, key: string, domain: string): Promise<(Knower & { people: number })[]> {
  const t = await taggerFor(key);
  const hash = await t.tag('org', domain.trim().toLowerCase());
  const [rows, books] = await Promise.all([db.teamEntries.where('orgs').equals(hash).toArray(), okBooks(db)]);
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.book, (counts.get(r.book) ?? 0) + 1);
  const byMember = new Map([...books].map(([url, member]) => [member, counts.get(url) ?? 0]));
  return strongest(rows, books).map((k) => ({ ...k, people: byMember.get(k.member) ?? 0 }));
}

