import { ingest } from '../../src/background/ingest';
import type { DetectionPayload } from '../../src/messaging/protocol';
import { KringDb } from '../../src/store/db';

let counter = 0;
export async function freshDb(prefix = 'db'): Promise<KringDb> {
  const db = new KringDb(`${prefix}-${++counter}-${Math.random().toString(36).slice(2)}`);
  await db.open();
  return db;
}

export const ME = 'sanne.bakker@gmail.com';

export function email(id: string, from: [string, string | null], to: [string, string | null][], at: string, subject = 'Hello', threadId = `t-${id}`): DetectionPayload {
  return {
    provider: 'gmail',
    view: 'thread',
    account: ME,
    items: [
      {
        kind: 'email',
        id,
        subject,
        at,
        threadId,
        people: [{ email: from[0], name: from[1], role: 'from' }, ...to.map(([e, n]) => ({ email: e, name: n, role: 'recipient' as const }))],
      },
    ],
  };
}

export async function personByAddress(db: KringDb, address: string) {
  const a = await db.addresses.get(address);
  return a ? db.people.get(a.personId) : undefined;
}

/** The whole store as plain data, ids replaced by addresses so two stores can be compared. */
export async function describeStore(db: KringDb) {
  const [people, addresses, interactions] = await Promise.all([db.people.toArray(), db.addresses.toArray(), db.interactions.toArray()]);
  const key = new Map<string, string>();
  for (const a of [...addresses].sort((x, y) => x.address.localeCompare(y.address))) if (!key.has(a.personId)) key.set(a.personId, a.address);
  return {
    people: people.map(({ id, createdAt, ...rest }) => ({ key: key.get(id), ...rest })).sort((a, b) => String(a.key).localeCompare(String(b.key))),
    addresses: addresses.map((a) => ({ address: a.address, person: key.get(a.personId) })).sort((a, b) => a.address.localeCompare(b.address)),
    interactions: interactions.map(({ personId, ...rest }) => ({ ...rest, person: key.get(personId) })).sort((a, b) => a.id.localeCompare(b.id)),
  };
}

export { ingest };
