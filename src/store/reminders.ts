/** The reminder settings (issue 20): what the settings page writes and the background reads. */
import { DEFAULT_REMINDER, type ReminderRule } from '../network/reminders';
import type { KringDb } from './db';
import { SETTING, getSetting } from './settings';

/** The alarm of the next precise check; the settings page sets it to "now" after a change. */
export const REMINDER_ALARM = 'kring-reminder';

export interface ReminderSettings extends ReminderRule {
  /** When the last reminder was sent (epoch ms), 0 for never. */
  lastSent: number;
  /** When reminders were last turned on: a moment before this does not fire. */
  since: number;
}

export async function reminderSettings(db: KringDb): Promise<ReminderSettings> {
  return { ...DEFAULT_REMINDER, lastSent: 0, since: 0, ...(await getSetting<Partial<ReminderSettings>>(db, SETTING.reminders, {})) };
}

/** Save the user's choice. Turning reminders on starts the count now: a time already past today does not fire. */
export async function setReminders(db: KringDb, rule: ReminderRule, now = Date.now()): Promise<ReminderSettings> {
  return db.transaction('rw', db.settings, async () => {
    const before = await reminderSettings(db);
    const next: ReminderSettings = { ...rule, lastSent: before.lastSent, since: before.mode === 'off' && rule.mode !== 'off' ? now : before.since };
    await db.settings.put({ key: SETTING.reminders, value: next });
    await db.settings.put({ key: SETTING.remindersOffered, value: true });
    return next;
  });
}
