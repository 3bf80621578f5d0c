/** Reads the UI needs, each an index read whose cost follows what is shown, not the whole history. */
import { DAY, overdueness } from '../network/cadence';
import { suggestMerges, type Suggestion } from '../network/identity';
import { DEFAULT_REPLY_DAYS, repliesOwed } from '../network/replies';
import type { KringDb } from './db';
import { SETTING, getSetting } from './settings';
import type { Person } from '../model/types';

export interface DuePerson {
  person: Person;
  /** How far past due, in cadences (negative: due within the window but not yet). */
  overdue: number;
}

/**
 * Network people overdue or due within `withinDays`, most overdue (relative to their cadence)
 * first. A range read of the `due` index, earliest first and at most `limit` records, so opening
 * the popup costs the same with 100 or 10,000 people due; "show all" passes no limit.
 */
export async function dueList(db: KringDb, now = Date.now(), withinDays = 7, limit = 200): Promise<DuePerson[]> {
  const range = db.people.where('due').belowOrEqual(now + withinDays * DAY);
  const people = await (Number.isFinite(limit) ? range.limit(limit) : range).toArray();
  return people
    .filter((p) => p.status === 'network')
    .map((person) => ({ person, overdue: overdueness(person, now) }))
    .sort((a, b) => b.overdue - a.overdue);
}

const RECENT_LIMIT = 3000;

/**
 * Replies owed, from the recent history only (an `at` range read); older silences are not "owed".
 * Only with people you correspond with (you have written to them, or they are in your network):
 * cold inbound mail you never answered is not a debt.
 */
export async function repliesOwedNow(db: KringDb, now = Date.now(), lookbackDays = 30) {
  const days = await getSetting<number>(db, SETTING.replyDays, DEFAULT_REPLY_DAYS);
  // Bounded, and read forward (one native getAll; a reversed read walks a cursor): the cost
  // follows recent mail, not the size of the history.
  // Only messages written count (copies and meetings never do), so two `[direction+at]` reads.
  // Half as far again before the window, to know who opened a conversation still open in it.
  const from = now - lookbackDays * 1.5 * DAY;
  const read = (direction: 'in' | 'out') =>
    db.interactions.where('[direction+at]').between([direction, from], [direction, now], true, true).limit(RECENT_LIMIT).toArray();
  const recent = (await Promise.all([read('in'), read('out')])).flat();
  const owed = repliesOwed(recent, now, days, now - lookbackDays * DAY);
  const ids = [...new Set(owed.youOwe.map((o) => o.personId))];
  const people = await db.people.bulkGet(ids);
  const corresponds = new Set(people.flatMap((p) => (p && (p.lastOut > 0 || p.status === 'network') ? [p.id] : [])));
  return { youOwe: owed.youOwe.filter((o) => corresponds.has(o.personId)), theyOwe: owed.theyOwe };
}

/** Merge suggestions involving one person (for their page). */
export async function suggestionsFor(db: KringDb, personId: string): Promise<Suggestion[]> {
  const [people, addresses, dismissed] = await Promise.all([
    db.people.toArray(),
    db.addresses.toArray(),
    db.dismissedPairs.toArray(),
  ]);
  return suggestMerges(people, addresses, new Set(dismissed.map((d) => d.pair))).filter((s) => s.a === personId || s.b === personId);
}
