/** Schema upgrade at full size from v1 (issue 9); see upgrade-helpers.ts. */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { KringDb } from '../../src/store/db';
import { FULL, contentHash, readAll, recordsAt, write } from './upgrade-helpers';

const version = 1 as const;

describe('schema upgrade from v1', () => {
  it(`v${version} with 50,000 people and 200,000 interactions upgrades to v3, counts and content hash kept`, async () => {
    const name = `durable-v${version}-${Math.random()}`;
    const before = recordsAt(version, FULL.people, FULL.interactions);
    await write(name, version, before);
    const expected = contentHash(before, before);

    const db = new KringDb(name);
    await db.open();
    expect(db.verno).toBe(3);
    const after = await readAll(db, Object.keys(before));
    for (const [table, rows] of Object.entries(before)) expect(after[table], table).toHaveLength(rows.length);
    expect(contentHash(after, before)).toBe(expected);
    // The v3 indexes answer: replies owed reads `[direction+at]`, a person's history `[personId+at]`.
    const ins = before.interactions!.filter((i) => i.direction === 'in').length;
    expect(await db.interactions.where('[direction+at]').between(['in', -Infinity], ['in', Infinity]).count()).toBe(ins);
    const someone = before.interactions![0]!.personId as string;
    expect(await db.interactions.where('[personId+at]').between([someone, -Infinity], [someone, Infinity]).count()).toBe(
      before.interactions!.filter((i) => i.personId === someone).length,
    );
    db.close();
    await Dexie.delete(name);
  }, 240_000);
});
