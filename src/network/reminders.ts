/**
 * When Kring reminds (issue 20): daily or weekly at a local time the user picks, only when someone
 * is due, never more than once a day. Pure, in the machine's local time as it is at each check: a
 * user who flies from Amsterdam to New York is reminded at 9:00 New York time, once.
 *
 * The background checks at the precise time (an alarm at `nextCheckAt`) and every hour besides, so
 * a machine asleep at 9:00 reminds when it wakes (within 12 hours for a daily reminder, three days
 * for a weekly one).
 */
export type ReminderMode = 'off' | 'daily' | 'weekly';

export interface ReminderRule {
  mode: ReminderMode;
  /** Local time, "HH:MM". */
  time: string;
  /** For weekly: 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

export const DEFAULT_REMINDER: ReminderRule = { mode: 'off', time: '09:00', weekday: 1 };

/**
 * A reminder not sent within this long after its time is dropped (the machine was off): a daily one
 * waits for the next day's time, a weekly one is still sent in the first three days.
 */
const STALE_MS: Record<Exclude<ReminderMode, 'off'>, number> = { daily: 12 * 3_600_000, weekly: 3 * 24 * 3_600_000 };

function hm(time: string): [number, number] {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time);
  const h = m ? Math.min(23, Number(m[1])) : 9;
  const min = m ? Math.min(59, Number(m[2])) : 0;
  return [h, min];
}

/** The latest scheduled moment at or before `now` (local time), or null when reminders are off. */
export function lastOccurrence(now: number, rule: ReminderRule): number | null {
  if (rule.mode === 'off') return null;
  const [h, m] = hm(rule.time);
  const d = new Date(now);
  d.setHours(h, m, 0, 0);
  if (rule.mode === 'daily') {
    if (d.getTime() > now) d.setDate(d.getDate() - 1);
    // setDate keeps the wall-clock time across a daylight-saving change; re-apply it (a time that
    // does not exist that day, 02:30 on the spring change, becomes the next valid one).
    d.setHours(h, m, 0, 0);
    return d.getTime();
  }
  const back = (d.getDay() - rule.weekday + 7) % 7;
  d.setDate(d.getDate() - back);
  d.setHours(h, m, 0, 0);
  if (d.getTime() > now) {
    d.setDate(d.getDate() - 7);
    d.setHours(h, m, 0, 0);
  }
  return d.getTime();
}

/** The next scheduled moment after `now`, or null when off. */
export function nextOccurrence(now: number, rule: ReminderRule): number | null {
  const last = lastOccurrence(now, rule);
  if (last === null) return null;
  const [h, m] = hm(rule.time);
  const d = new Date(last);
  d.setDate(d.getDate() + (rule.mode === 'daily' ? 1 : 7));
  d.setHours(h, m, 0, 0);
  // Guard against a zone change that puts the computed moment at or before now.
  return d.getTime() > now ? d.getTime() : now + 60_000;
}

/** The local calendar day of a moment, as "YYYY-MM-DD". */
export function localDay(t: number): string {
  const d = new Date(t);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Whether to remind now: reminders are on, the latest scheduled moment has passed without a
 * reminder since (not too long ago; a late one at the picked time of day), nothing was sent earlier
 * today, someone is due, and the moment is not before `since` (when reminders were turned on).
 */
export function shouldRemind(now: number, rule: ReminderRule, lastSent: number, dueCount: number, since = 0): boolean {
  if (dueCount <= 0) return false;
  const last = lastOccurrence(now, rule);
  if (last === null || rule.mode === 'off' || now - last > STALE_MS[rule.mode]) return false;
  // Not for a moment before reminders were turned on, nor one already reminded of.
  if (last < since || lastSent >= last) return false;
  // A late one (the machine was off) comes at the picked time of a later day, not at night.
  const [h, m] = hm(rule.time);
  const d = new Date(now);
  if (localDay(now) !== localDay(last) && d.getHours() * 60 + d.getMinutes() < h * 60 + m) return false;
  if (lastSent > 0 && localDay(lastSent) === localDay(now)) return false;
  return true;
}
