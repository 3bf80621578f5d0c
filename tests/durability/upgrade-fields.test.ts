// Schema v1 → current on a populated database: v2's new fields right, nothing lost, every new index usable.
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { setTags } from '../../src/store/actions';
import { KringDb, SCHEMA_V1, CURRENT_VERSION } from '../../src/store/db';
import { seedData } from '../helpers/seed';

async function writeV1(name: string, people: number, interactions: number) {
  const { persons, items } = seedData(people, interactions, 7);
  const v1 = new Dexie(name);
  v1.version(1).stores(SCHEMA_V1);
  const lastContact = new Map<string, number>();
  for (const i of items) if (i.direction !== 'cc') lastContact.set(i.personId, Math.max(lastContact.get(i.personId) ?? 0, i.at));
  await v1.table('people').bulkAdd(
    persons.map((p) => ({
      id: p.id,
      name: p.name,
      status: 'seen',
      reason: 'they-wrote',
      firstContact: 0,
      lastContact: lastContact.get(p.id) ?? 0,
      lastIn: 0,
      lastOut: 0,
      createdAt: 1,
    })),
  );
  await v1.table('addresses').bulkAdd(persons.flatMap((p) => p.addresses.map((address) => ({ address, personId: p.id }))));
  await v1.table('interactions').bulkAdd(
    items.map((i) => ({ ...i, provider: 'gmail', sourceId: i.id, atEstimated: false })),
  );
  await v1.table('settings').put({ key: 'ownAddresses', value: ['me@example.com'] });
  const dump = {
    people: await v1.table('people').toArray(),
    addresses: await v1.table('addresses').toArray(),
    interactions: await v1.table('interactions').toArray(),
    settings: await v1.table('settings').toArray(),
  };
  v1.close();
  return { dump, items };
}

describe('schema v1 → current', () => {
  it('upgrades 3,000 people and 20,000 interactions with nothing lost and the new indexes usable', async () => {
    const name = `upgrade-${Math.random()}`;
    const { dump, items } = await writeV1(name, 3000, 20000);
    const db = new KringDb(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);

    // Every v1 record is still there, every v1 field unchanged.
    expect(await db.interactions.toArray()).toEqual(dump.interactions);
    expect(await db.addresses.toArray()).toEqual(dump.addresses);
    expect(await db.settings.toArray()).toEqual(dump.settings);
    const people = await db.people.toArray();
    expect(people).toHaveLength(dump.people.length);
    const byId = new Map(people.map((p) => [p.id, p]));
    for (const old of dump.people) expect(byId.get(old.id)).toMatchObject(old);

    // New fields: defaults, and lastSeen from each person's history.
    const lastSeen = new Map<string, number>();
    for (const i of items) lastSeen.set(i.personId, Math.max(lastSeen.get(i.personId) ?? 0, i.at));
    for (const p of people) {
      expect(p).toMatchObject({ cadenceDays: null, snoozedUntil: 0, addedAt: 0, notes: '', tags: [] });
      expect(p.lastSeen).toBe(lastSeen.get(p.id) ?? p.lastContact);
      expect(p.due).toBeUndefined();
    }

    // New indexes answer queries.
    const cutoff = Date.parse('2025-01-01');
    const stale = await db.people.where('[status+lastSeen]').between(['seen', -Infinity], ['seen', cutoff]).count();
    expect(stale).toBe(people.filter((p) => p.lastSeen < cutoff).length);
    const meetings = await db.interactions.where('[direction+at]').between(['meeting', -Infinity], ['meeting', Infinity]).count();
    expect(meetings).toBe(items.filter((i) => i.direction === 'meeting').length);
    expect(await db.people.where('due').above(0).count()).toBe(0);
    await setTags(db, people[0]!.id, ['Client']);
    expect((await db.people.where('tags').equals('client').toArray()).map((p) => p.id)).toEqual([people[0]!.id]);
    expect(await db.forgotten.count()).toBe(0);
    await db.delete();
  }, 60_000);
});
