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

/**
 * Rhythm is measured between conversations, not between the messages of one (issue 17: replies a
 * day apart made a monthly contact look like a daily one). Contacts are grouped into episodes: a
 * contact more than EPISODE_GAP_DAYS after the previous one, or EPISODE_MAX_DAYS or more after the
 * episode began, starts a new episode. A reply a day or two later, a burst of mails over a few
 * days, or a conversation over a week are one episode; a colleague written to daily counts weekly.
 */
export const EPISODE_GAP_DAYS = 3;
export const EPISODE_MAX_DAYS = 7;
/** Episodes needed before Kring states a rhythm (four gaps between them): less says nothing. */
export const MIN_EPISODES = 5;
/** "Quiet for much longer than usual": silent for more than twice the usual gap, and at least two weeks. */
export const QUIET_FACTOR = 2;
export const QUIET_MIN_DAYS = 14;

/** When each episode of contact began, oldest first (contact times in epoch ms, any order). */
export function episodeStarts(contactTimes: readonly number[]): number[] {
  const times = [...contactTimes].sort((a, b) => a - b);
  const starts: number[] = [];
  let start = -Infinity;
  let last = -Infinity;
  for (const t of times) {
    if (t - last > EPISODE_GAP_DAYS * DAY || t - start >= EPISODE_MAX_DAYS * DAY) {
      starts.push(t);
      start = t;
    }
    last = t;
  }
  return starts;
}

/**
 * The usual gap between episodes, in days: the median (a burst or one long silence does not move
 * it), once there are MIN_EPISODES; null before.
 */
export function usualGapDays(contactTimes: readonly number[]): number | null {
  const starts = episodeStarts(contactTimes);
  if (starts.length < MIN_EPISODES) return null;
  return median(starts.slice(1).map((t, i) => (t - starts[i]!) / DAY));
}

/** A cadence offered from the person's own rhythm: the nearest choice to their usual gap. */
export function suggestedCadence(contactTimes: readonly number[]): number | null {
  const gap = usualGapDays(contactTimes);
  if (gap === null) return null;
  return CADENCE_CHOICES.reduce((best, c) => (Math.abs(c - gap) < Math.abs(best - gap) ? c : best), CADENCE_CHOICES[0]);
}

/** Quiet for much longer than usual: silent for more than QUIET_FACTOR times the usual gap, and QUIET_MIN_DAYS at least. */
export function quietLongerThanUsual(contactTimes: readonly number[], now: number): boolean {
  const gap = usualGapDays(contactTimes);
  if (gap === null || contactTimes.length === 0) return false;
  const last = Math.max(...contactTimes);
  return now - last > Math.max(QUIET_FACTOR * gap, QUIET_MIN_DAYS) * DAY;
}
