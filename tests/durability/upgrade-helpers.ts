/**
 * Helpers for the schema-upgrade tests (issue 9): old-version stores from the seeded generator,
 * written with the old schema, and a content hash that an upgrade must keep. The tests are split
 * over files so they run side by side.
 */
import Dexie from 'dexie';
import { expect } from 'vitest';
import { createHash } from 'node:crypto';
import { KringDb, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, upgradeToV2, CURRENT_VERSION } from '../../src/store/db';
import { seedData } from '../helpers/seed';

export const FULL = { people: 50_000, interactions: 200_000 };
const PRIMARY: Record<string, string> = { people: 'id', addresses: 'address', interactions: 'id', settings: 'key', forgotten: 'hash', ignoreRules: 'rule', merges: 'id', dismissedPairs: 'pair' };
export type Row = Record<string, unknown>;
type Tables = Record<string, Row[]>;

/** Old-version records from the seeded generator, in the shape that version wrote. */
export function recordsAt(version: 1 | 2 | 3 | 4, people: number, interactions: number): Tables {
  const { persons, items } = seedData(people, interactions, 11);
  const last = new Map<string, number>();
  for (const i of items) last.set(i.personId, Math.max(last.get(i.personId) ?? 0, i.at));
  const DAY = 86_400_000;
  const tables: Tables = {
    people: persons.map((p, k) => {
      const lastContact = last.get(p.id) ?? 0;
      const row: Row = { id: p.id, name: p.name, status: k % 7 === 0 ? 'network' : 'seen', reason: 'they-wrote', firstContact: lastContact - 400 * DAY, lastContact, lastIn: lastContact, lastOut: k % 3 ? lastContact : 0, createdAt: 1_600_000_000_000 + k };
      if (version >= 2) {
        const cadenceDays = k % 7 === 0 ? 30 : null;
        Object.assign(row, { lastSeen: lastContact, cadenceDays, snoozedUntil: 0, addedAt: cadenceDays ? 1_650_000_000_000 : 0, notes: k % 50 === 0 ? `Met at the ${k} workshop` : '', tags: k % 11 === 0 ? ['client'] : [] });
        if (cadenceDays) row.due = lastContact + cadenceDays * DAY;
      }
      return row;
    }),
    addresses: persons.flatMap((p) => p.addresses.map((address) => ({ address, personId: p.id }))),
    interactions: items.map((i) => ({ ...i, provider: 'gmail', sourceId: i.id.split(':')[1], atEstimated: false, seenIn: 'page' })),
    settings: [{ key: 'ownAddresses', value: ['me@example.com'] }, { key: 'replyDays', value: 4 }],
  };
  if (version >= 2) {
    tables.forgotten = [{ hash: 'a'.repeat(64), at: 1_700_000_000_000 }];
    tables.ignoreRules = [{ rule: '@newsletter.example', addedAt: 1_700_000_000_000 }];
    tables.merges = [{ id: 'm1', keptId: persons[0]!.id, removed: { id: 'gone', name: 'Old Name' }, at: 1_700_000_000_000 }];
    tables.dismissedPairs = [{ pair: `${persons[1]!.id}|${persons[2]!.id}` }];
  }
  return tables;
}

export function oldDb(name: string, version: 1 | 2 | 3 | 4) {
  const d = new Dexie(name);
  d.version(1).stores(SCHEMA_V1);
  if (version >= 2) d.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2);
  if (version >= 3) d.version(3).stores(SCHEMA_V3);
  if (version >= 4) d.version(4).stores(SCHEMA_V4);
  return d;
}

export async function write(name: string, version: 1 | 2 | 3 | 4, tables: Tables) {
  const d = oldDb(name, version);
  await d.open();
  for (const [table, rows] of Object.entries(tables)) await d.table(table).bulkAdd(rows);
  d.close();
}

export async function readAll(d: Dexie, names: string[]): Promise<Tables> {
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await d.table(n).toArray()] as const)));
}

/**
 * A content hash of `tables`, each row reduced to the fields of the matching row in `shape` (the
 * old version's rows): an upgrade may add fields, never change or drop one.
 */
export function contentHash(tables: Tables, shape: Tables): string {
  const h = createHash('sha256');
  for (const name of Object.keys(shape).sort()) {
    const key = PRIMARY[name]!;
    const byKey = new Map((tables[name] ?? []).map((r) => [String(r[key]), r]));
    h.update(`${name}:${shape[name]!.length}\n`);
    for (const old of [...shape[name]!].sort((a, b) => (String(a[key]) < String(b[key]) ? -1 : 1))) {
      const row = byKey.get(String(old[key]));
      h.update(JSON.stringify(row ? Object.keys(old).sort().map((f) => [f, row[f]]) : null));
      h.update('\n');
    }
  }
  return h.digest('hex');
}

export const rawVersion = (name: string) =>
  new Promise<number>((resolve, reject) => {
    const r = indexedDB.open(name);
    r.onsuccess = () => {
      const v = r.result.version;
      r.result.close();
      resolve(v);
    };
    r.onerror = () => reject(r.error);
  });

export const within = <T>(ms: number, p: Promise<T>, what: string) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: still waiting after ${ms} ms`)), ms))]);

/**
 * A store at schema `version` with 50,000 people and 200,000 interactions, upgraded to the current
 * version: every table's count and the content hash of every old field kept, the new indexes usable.
 */
export async function expectFullUpgrade(version: 1 | 2 | 3 | 4, size = FULL): Promise<void> {
  const name = `durable-v${version}-${Math.random()}`;
  const before = recordsAt(version, size.people, size.interactions);
  await write(name, version, before);
  const expected = contentHash(before, before);

  const db = new KringDb(name);
  await db.open();
  expect(db.verno).toBe(CURRENT_VERSION);
  const after = await readAll(db, Object.keys(before));
  for (const [table, rows] of Object.entries(before)) expect(after[table], table).toHaveLength(rows.length);
  expect(contentHash(after, before)).toBe(expected);
  // The v3 and v4 indexes answer: replies owed reads `[direction+at]`, a person's history `[personId+at]`.
  const ins = before.interactions!.filter((i) => i.direction === 'in').length;
  expect(await db.interactions.where('[direction+at]').between(['in', -Infinity], ['in', Infinity]).count()).toBe(ins);
  const someone = before.interactions![0]!.personId as string;
  // v4: people by name.
  const named = before.people!.find((p) => p.id === someone)!;
  expect((await db.people.where('name').equals(named.name as string).toArray()).map((p) => p.id)).toContain(someone);
  expect(await db.interactions.where('[personId+at]').between([someone, -Infinity], [someone, Infinity]).count()).toBe(
    before.interactions!.filter((i) => i.personId === someone).length,
  );
  // v5: what sync remembers, empty until a sync runs, by person.
  expect(await db.syncCards.where('personId').equals(someone).count()).toBe(0);
  db.close();
  await Dexie.delete(name);
}
