/**
 * Housekeeping, at most once a day, when the background wakes: upcoming meetings that have taken
 * place become contact, and people Kring only saw expire after the retention period.
 */
import { DAY } from '../network/cadence';
import { applyRetention, promotePastMeetings } from '../store/actions';
import type { KringDb } from '../store/db';
import { SETTING, getSetting } from '../store/settings';

export async function maintain(db: KringDb, now = Date.now()): Promise<boolean> {
  const last = await getSetting<number>(db, SETTING.retentionRanAt, 0);
  if (now - last < DAY) return false;
  await db.settings.put({ key: SETTING.retentionRanAt, value: now });
  await promotePastMeetings(db, now);
  await applyRetention(db, now);
  return true;
}
