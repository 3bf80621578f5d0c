/** Schema upgrades that fail, and an old page holding the database open (issue 9). */
import Dexie, { type Transaction } from 'dexie';
import { describe, expect, it } from 'vitest';
import { KringDb, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, upgradeToV2, CURRENT_VERSION } from '../../src/store/db';
import { contentHash, oldDb, rawVersion, readAll, recordsAt, within, write, type Row } from './upgrade-helpers';

describe('schema upgrades that fail or wait', () => {
  const failing = {
    'throws halfway through rewriting people': async (tx: Transaction) => {
      let n = 0;
      await tx.table('people').toCollection().modify((p: Row) => {
        p.notes = 'half-written';
        if (++n === 2_500) throw new Error('power cut');
      });
    },
    'throws after every record was rewritten': async (tx: Transaction) => {
      await upgradeToV2(tx);
      throw new Error('power cut');
    },
  };
  for (const [how, upgrade] of Object.entries(failing)) {
    it(`an upgrade that ${how} leaves v1 intact and readable, and the real upgrade still succeeds`, async () => {
      const name = `durable-fail-${Math.random()}`;
      const before = recordsAt(1, 5_000, 20_000);
      await write(name, 1, before);
      const expected = contentHash(before, before);

      const broken = new Dexie(name);
      broken.version(1).stores(SCHEMA_V1);
      broken.version(2).stores(SCHEMA_V2).upgrade(upgrade);
      broken.version(3).stores(SCHEMA_V3);
      await expect(broken.open()).rejects.toThrow(/power cut/);
      broken.close();

      // Still version 1 (Dexie stores version × 10), every record as it was.
      expect(await rawVersion(name)).toBe(10);
      const v1 = oldDb(name, 1);
      await v1.open();
      expect(contentHash(await readAll(v1, Object.keys(before)), before)).toBe(expected);
      expect(await v1.table('people').filter((p: Row) => p.notes === 'half-written').count()).toBe(0);
      v1.close();

      const db = new KringDb(name);
      await db.open();
      expect(db.verno).toBe(CURRENT_VERSION);
      expect(contentHash(await readAll(db, Object.keys(before)), before)).toBe(expected);
      db.close();
      await Dexie.delete(name);
    }, 120_000);
  }

  it('a page holding the old version open (a popup) does not block the upgrade, and its next read settles', async () => {
    const name = `durable-open-${Math.random()}`;
    const before = recordsAt(2, 2_000, 8_000);
    await write(name, 2, before);
    const popup = oldDb(name, 2);
    await popup.open();
    expect(await popup.table('people').count()).toBe(2_000);
    // A live read in flight while the new version asks to upgrade.
    const inFlight = popup.table('interactions').toArray();

    const db = new KringDb(name);
    await within(20_000, db.open(), 'upgrade with the old version open');
    expect(db.verno).toBe(CURRENT_VERSION);
    expect((await inFlight).length).toBe(8_000);
    expect(await db.people.count()).toBe(2_000);
    // The old page gave its connection up; a later read either reopens or fails, never hangs.
    await within(20_000, popup.table('people').count().then(() => 'read', () => 'failed'), 'old page read after the upgrade');
    // …and the current version still reads everything afterwards.
    expect(await within(20_000, db.people.count(), 'current version read after the old page')).toBe(2_000);
    expect(await within(20_000, db.interactions.orderBy('[direction+at]').count(), 'index read')).toBe(8_000);
    popup.close();
    db.close();
    await Dexie.delete(name);
  }, 60_000);
});
