/**
 * Keep-in-touch rhythm. Pure. Due = last contact + cadence, restarted by every contact (not a
 * fixed timer: monicahq/monica #1814, #6571). Overdue people rank by how far past due they are
 * relative to their cadence, so a fortnightly contact two weeks late outranks a yearly one.
 */
export const DAY = 86_400_000;

/** The choices offered; `null` means "no reminder". 3 months is the default for new network members. */
export const CADENCE_CHOICES = [14, 30, 90, 180, 365] as const;
export const DEFAULT_CADENCE_DAYS = 90;

export interface Rhythm {
  lastContact: number;
  cadenceDays: number | null;
  snoozedUntil: number;
  /** When the person joined the network: the clock starts there if there was no contact yet. */
  addedAt: number;
}

/** The due date in epoch ms, or undefined when no reminder applies. */
export function dueDate(r: Rhythm): number | undefined {
  if (!r.cadenceDays || r.cadenceDays <= 0) return undefined;
  const from = r.lastContact || r.addedAt;
  return Math.max(from + r.cadenceDays * DAY, r.snoozedUntil || 0);
}

/** How far past due, in cadences (0.5 = half a cadence late); negative when not yet due. */
export function overdueness(r: Rhythm, now: number): number {
  const due = dueDate(r);
  if (due === undefined || !r.cadenceDays) return -Infinity;
  return (now - due) / (r.cadenceDays * DAY);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The median gap between contacts (distinct days), once there are at least 4 contacts. */
export function usualGapDays(contactTimes: readonly number[]): number | null {
  const days = [...new Set(contactTimes.map((t) => Math.floor(t / DAY)))].sort((a, b) => a - b);
  if (days.length < 4) return null;
  const gaps = days.slice(1).map((d, i) => d - days[i]!);
  return median(gaps);
}

/** A cadence offered from the person's own rhythm: the nearest choice to their usual gap. */
export function suggestedCadence(contactTimes: readonly number[]): number | null {
  const gap = usualGapDays(contactTimes);
  if (gap === null) return null;
  return CADENCE_CHOICES.reduce((best, c) => (Math.abs(c - gap) < Math.abs(best - gap) ? c : best), CADENCE_CHOICES[0]);
}

/** Quiet for much longer than usual: the silence exceeds three times the usual gap. */
export function quietLongerThanUsual(contactTimes: readonly number[], now: number): boolean {
  const gap = usualGapDays(contactTimes);
  if (gap === null || contactTimes.length === 0) return false;
  const last = Math.max(...contactTimes);
  return now - last > 3 * Math.max(gap, 1) * DAY;
}
