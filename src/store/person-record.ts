/** Helpers that keep a person's derived fields (dates, due) true to their history. */
import { dueDate } from '../network/cadence';
import { summarize } from '../network/summary';
import type { KringDb } from './db';
import type { Person } from '../model/types';

/** A person with `due` set from their rhythm, or removed when no reminder applies. */
export function withDue(p: Person): Person {
  const due = p.status === 'network' ? dueDate(p) : undefined;
  const { due: _old, ...rest } = p;
  return due === undefined ? rest : { ...rest, due };
}

/** A person as first captured. */
export function newPerson(id: string, name: string | null, reason: Person['reason'], now: number): Person {
  return {
    id,
    name,
    status: 'seen',
    reason,
    firstContact: 0,
    lastContact: 0,
    lastIn: 0,
    lastOut: 0,
    lastSeen: 0,
    createdAt: now,
    cadenceDays: null,
    snoozedUntil: 0,
    addedAt: 0,
    notes: '',
    tags: [],
  };
}

/** The interactions of one person: a range read of [personId+at]. */
export function interactionsOf(db: KringDb, personId: string) {
  return db.interactions.where('[personId+at]').between([personId, -Infinity], [personId, Infinity]);
}

/** Recompute dates and due from the history. Call inside the caller's read-write transaction. */
export async function refreshPerson(db: KringDb, personId: string): Promise<Person | undefined> {
  const p = await db.people.get(personId);
  if (!p) return undefined;
  const updated = withDue({ ...p, ...summarize(await interactionsOf(db, personId).toArray()) });
  await db.people.put(updated);
  return updated;
}
