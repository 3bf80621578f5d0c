/**
 * Reminders (issue 20): a notification "3 people are due: Maria Jansen, Tom Hendriks and 1 more",
 * daily or weekly at the user's time (src/network/reminders.ts decides when), off by default. The
 * `notifications` permission is optional, asked by the settings page when the user turns them on;
 * without it Kring never tries. Clicking the notification opens the popup's Due list where the
 * browser allows it (chrome.action.openPopup), else the settings page.
 */
import { nextOccurrence, shouldRemind } from '../network/reminders';
import type { KringDb } from '../store/db';
import { reminderSettings } from '../store/reminders';
import { SETTING } from '../store/settings';

export { REMINDER_ALARM } from '../store/reminders';
export const REMINDER_NOTIFICATION = 'kring-due';
/** A name in a notification, at most this long. */
const NAME_MAX = 60;

/** People due now, network people only (the Due list's "overdue" and "due today"), with the first names. */
export async function dueNow(db: KringDb, now: number): Promise<{ count: number; names: string[] }> {
  const due = (await db.people.where('due').belowOrEqual(now).toArray()).filter((p) => p.status === 'network').sort((a, b) => (a.due ?? 0) - (b.due ?? 0));
  const names: string[] = [];
  for (const p of due.slice(0, 2)) {
    const address = p.name ? null : (await db.addresses.where('personId').equals(p.id).first())?.address;
    const name = p.name ?? address ?? '?';
    names.push(name.length > NAME_MAX ? `${name.slice(0, NAME_MAX - 1)}…` : name);
  }
  return { count: due.length, names };
}

export interface ReminderDeps {
  db: () => KringDb;
  /** Whether the browser granted `notifications`. */
  allowed: () => Promise<boolean>;
  notify: (id: string, title: string, message: string) => Promise<unknown>;
  /** Schedule the next precise check (chrome.alarms), or clear it (null). */
  schedule: (when: number | null) => Promise<unknown>;
  /** The localised text: i18n key and substitutions. */
  text: (key: 'reminderTitle' | 'reminderOne' | 'reminderTwo' | 'reminderMore', subs?: string[]) => string;
  now?: () => number;
}

export function createReminders(deps: ReminderDeps) {
  const now = deps.now ?? Date.now;
  /** One check at a time: the alarm and the hourly check can meet. */
  let running: Promise<boolean> = Promise.resolve(false);
  const check = async (): Promise<boolean> => {
    const db = deps.db();
    const t = now();
    const settings = await reminderSettings(db);
    await deps.schedule(nextOccurrence(t, settings));
    if (settings.mode === 'off' || !(await deps.allowed())) return false;
    const { count, names } = await dueNow(db, t);
    if (!shouldRemind(t, settings, settings.lastSent, count, settings.since)) return false;
    // Recorded before the notification: a crash between the two loses one reminder, never sends two.
    const claimed = await db.transaction('rw', db.settings, async () => {
      const current = await reminderSettings(db);
      if (!shouldRemind(t, current, current.lastSent, count, current.since)) return false;
      await db.settings.put({ key: SETTING.reminders, value: { ...current, lastSent: t } });
      return true;
    });
    if (!claimed) return false;
    const message =
      count === 1 ? deps.text('reminderOne', [names[0]!]) : count === 2 ? deps.text('reminderTwo', [names[0]!, names[1]!]) : deps.text('reminderMore', [String(count), names[0]!, names[1]!, String(count - 2)]);
    await deps.notify(REMINDER_NOTIFICATION, deps.text('reminderTitle'), message);
    return true;
  };
  return {
    /** Remind if it is time; schedule the next check. Resolves to whether a notification was sent. */
    check: () => (running = running.then(check, check)),
  };
}

export type Reminders = ReturnType<typeof createReminders>;
