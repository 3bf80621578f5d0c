import type { KringDb } from './db';
import type { Interaction, Person } from '../model/types';

/** People, most recent contact first: a read of the `lastContact` index. */
export function peopleByLastContact(db: KringDb, limit = 500): Promise<Person[]> {
  return db.people.orderBy('lastContact').reverse().limit(limit).toArray();
}

export async function addressesOf(db: KringDb, personId: string): Promise<string[]> {
  const rows = await db.addresses.where('personId').equals(personId).toArray();
  return rows.map((r) => r.address).sort();
}

/** A person's history, newest first: a range read of the `[personId+at]` index. */
export function historyOf(db: KringDb, personId: string, limit = 1000): Promise<Interaction[]> {
  return db.interactions
    .where('[personId+at]')
    .between([personId, -Infinity], [personId, Infinity])
    .reverse()
    .limit(limit)
    .toArray();
}
