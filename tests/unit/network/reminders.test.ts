import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { lastOccurrence, localDay, nextOccurrence, shouldRemind, type ReminderRule } from '../../../src/network/reminders';

// Local time is the machine's: these tests set the zone (Node reads TZ again when it changes).
const TZ = process.env.TZ;
const zone = (tz: string) => {
  process.env.TZ = tz;
};
beforeEach(() => zone('Europe/Amsterdam'));
afterAll(() => {
  if (TZ === undefined) delete process.env.TZ;
  else process.env.TZ = TZ;
});

const daily: ReminderRule = { mode: 'daily', time: '09:00', weekday: 1 };
const weekly: ReminderRule = { mode: 'weekly', time: '08:30', weekday: 1 }; // Mondays
const at = (iso: string) => Date.parse(iso);

describe('the reminder schedule', () => {
  it('daily at 9:00 local: the latest and next moments, across the autumn clock change', () => {
    // Wed 2 Dec 2026, 10:00 in Amsterdam (09:00 UTC).
    expect(lastOccurrence(at('2026-12-02T09:00:00Z'), daily)).toBe(at('2026-12-02T08:00:00Z'));
    expect(nextOccurrence(at('2026-12-02T09:00:00Z'), daily)).toBe(at('2026-12-03T08:00:00Z'));
    // Before 9:00: yesterday's.
    expect(lastOccurrence(at('2026-12-02T07:00:00Z'), daily)).toBe(at('2026-12-01T08:00:00Z'));
    // Sat 24 Oct (CEST, UTC+2) → Sun 25 Oct 2026 (CET, UTC+1): 9:00 local both days.
    expect(nextOccurrence(at('2026-10-24T08:00:00Z'), daily)).toBe(at('2026-10-25T08:00:00Z'));
    expect(lastOccurrence(at('2026-10-24T08:00:00Z'), daily)).toBe(at('2026-10-24T07:00:00Z'));
  });

  it('weekly on Monday 8:30 local', () => {
    // Wed 2 Dec 2026: the latest was Mon 30 Nov, the next is Mon 7 Dec.
    expect(lastOccurrence(at('2026-12-02T12:00:00Z'), weekly)).toBe(at('2026-11-30T07:30:00Z'));
    expect(nextOccurrence(at('2026-12-02T12:00:00Z'), weekly)).toBe(at('2026-12-07T07:30:00Z'));
    // Monday 8:00 local: last week's.
    expect(lastOccurrence(at('2026-12-07T07:00:00Z'), weekly)).toBe(at('2026-11-30T07:30:00Z'));
  });

  it('off: nothing, ever', () => {
    expect(lastOccurrence(at('2026-12-02T12:00:00Z'), { ...daily, mode: 'off' })).toBeNull();
    expect(shouldRemind(at('2026-12-02T12:00:00Z'), { ...daily, mode: 'off' }, 0, 5)).toBe(false);
  });
});

describe('whether to remind', () => {
  it('daily, driven by the hourly check over three days with fake timers: once a day, at the first check after 9:00, only when someone is due', () => {
    vi.useFakeTimers();
    vi.setSystemTime(at('2026-12-01T22:00:00Z')); // 23:00 in Amsterdam
    let lastSent = 0;
    const sent: string[] = [];
    const dueByDay: Record<string, number> = { '2026-12-02': 3, '2026-12-03': 0, '2026-12-04': 1 };
    const check = () => {
      const now = Date.now();
      if (shouldRemind(now, daily, lastSent, dueByDay[localDay(now)] ?? 0)) {
        lastSent = now;
        sent.push(new Date(now).toISOString());
      }
    };
    const timer = setInterval(check, 3_600_000);
    vi.advanceTimersByTime(3 * 24 * 3_600_000);
    clearInterval(timer);
    vi.useRealTimers();
    // 2 Dec at 9:00 local (08:00Z); nobody due on 3 Dec; 4 Dec at 9:00.
    expect(sent).toEqual(['2026-12-02T08:00:00.000Z', '2026-12-04T08:00:00.000Z']);
  });

  it('weekly, over three weeks of hourly checks: one reminder each Monday', () => {
    vi.useFakeTimers();
    vi.setSystemTime(at('2026-12-02T00:00:00Z'));
    // Turned on now: the Monday already past does not count.
    const since = Date.now();
    let lastSent = 0;
    const sent: string[] = [];
    const timer = setInterval(() => {
      if (shouldRemind(Date.now(), weekly, lastSent, 2, since)) {
        lastSent = Date.now();
        sent.push(new Date(lastSent).toISOString());
      }
    }, 3_600_000);
    vi.advanceTimersByTime(21 * 24 * 3_600_000);
    clearInterval(timer);
    vi.useRealTimers();
    // Hourly checks on the hour: the first after 8:30 local (07:30Z) is 08:00Z.
    expect(sent).toEqual(['2026-12-07T08:00:00.000Z', '2026-12-14T08:00:00.000Z', '2026-12-21T08:00:00.000Z']);
  });

  it('a machine off at 9:00 reminds when it wakes that morning, not the next night', () => {
    expect(shouldRemind(at('2026-12-02T13:00:00Z'), daily, 0, 1)).toBe(true); // 14:00 local
    expect(shouldRemind(at('2026-12-02T22:30:00Z'), daily, 0, 1)).toBe(false); // 23:30 local: 14.5 h late
    // A weekly one is still worth sending on Wednesday (after 8:30), not at night, not on Friday.
    expect(shouldRemind(at('2026-12-02T09:00:00Z'), weekly, 0, 1)).toBe(true);
    expect(shouldRemind(at('2026-12-02T01:00:00Z'), weekly, 0, 1)).toBe(false);
    expect(shouldRemind(at('2026-12-04T09:00:00Z'), weekly, 0, 1)).toBe(false);
  });

  it('across a time-zone change: at 9:00 in the new zone, and never twice in one local day', () => {
    // Reminded at 9:00 in Amsterdam on 2 Dec (08:00Z), then the laptop flies to New York (UTC-5).
    const sentAmsterdam = at('2026-12-02T08:00:00Z');
    zone('America/New_York');
    // 2 Dec, 9:00 in New York (14:00Z): the same local day as the last reminder there? In New York
    // it was 03:00 on 2 Dec: the same day, so no second reminder.
    expect(shouldRemind(at('2026-12-02T14:00:00Z'), daily, sentAmsterdam, 4)).toBe(false);
    // 3 Dec, 8:00 New York: not yet; 9:00 New York: yes.
    expect(shouldRemind(at('2026-12-03T13:00:00Z'), daily, sentAmsterdam, 4)).toBe(false);
    expect(shouldRemind(at('2026-12-03T14:00:00Z'), daily, sentAmsterdam, 4)).toBe(true);
    expect(nextOccurrence(at('2026-12-03T14:30:00Z'), daily)).toBe(at('2026-12-04T14:00:00Z'));
    // And back east: Tokyo (UTC+9), reminded 9:00 New York on 3 Dec (14:00Z) = 23:00 in Tokyo;
    // 4 Dec 9:00 Tokyo (00:00Z) is another local day: reminded.
    zone('Asia/Tokyo');
    expect(shouldRemind(at('2026-12-04T00:00:00Z'), daily, at('2026-12-03T14:00:00Z'), 4)).toBe(true);
  });
});
