/**
 * A person's rhythm (issue 17): measured between episodes of contact, not between the messages of
 * one conversation; from five episodes at least; "quiet" only past twice the usual gap and two
 * weeks. Each history below is what a mailbox of that kind stores as contact times.
 */
import { describe, expect, it } from 'vitest';
import { DAY, episodeStarts, MIN_EPISODES, quietLongerThanUsual, suggestedCadence, usualGapDays } from '../../../src/network/cadence';
import { rng } from '../../helpers/seed'; // mulberry32: "irregular" is the same history every run

const START = Date.parse('2025-06-02T09:00:00Z');
const HOUR = 3_600_000;


/** A conversation every `everyDays`: they write, you answer a day or two later, sometimes they reply again. */
function conversations(everyDays: number, count: number, seed = 1): number[] {
  const r = rng(seed);
  const out: number[] = [];
  for (let k = 0; k < count; k++) {
    const t = START + k * everyDays * DAY + Math.floor(r() * 10) * HOUR;
    out.push(t, t + (1 + Math.floor(r() * 2)) * DAY);
    if (r() < 0.5) out.push(t + 2 * DAY + 5 * HOUR);
  }
  return out;
}

describe('rhythm', () => {
  it('weekly conversations with replies a day or two later: a weekly rhythm, not a daily one', () => {
    const weekly = conversations(7, 40);
    expect(usualGapDays(weekly)).toBeCloseTo(7, 0);
    expect(suggestedCadence(weekly)).toBe(14);
    const last = Math.max(...weekly);
    // Written 10 days ago is not quiet for a weekly contact (2 × 7 = 14 days); three weeks is.
    expect(quietLongerThanUsual(weekly, last + 10 * DAY)).toBe(false);
    expect(quietLongerThanUsual(weekly, last + 21 * DAY)).toBe(true);
  });

  it('monthly: every month, not every two weeks', () => {
    const monthly = conversations(30, 18, 2);
    expect(usualGapDays(monthly)).toBeCloseTo(30, 0);
    expect(suggestedCadence(monthly)).toBe(30);
    const last = Math.max(...monthly);
    expect(quietLongerThanUsual(monthly, last + 10 * DAY)).toBe(false);
    expect(quietLongerThanUsual(monthly, last + 45 * DAY)).toBe(false);
    expect(quietLongerThanUsual(monthly, last + 8 * 30 * DAY)).toBe(true);
  });

  it('quarterly: every three months', () => {
    const quarterly = conversations(91, 6, 3);
    expect(usualGapDays(quarterly)).toBeCloseTo(91, 0);
    expect(suggestedCadence(quarterly)).toBe(90);
    const last = Math.max(...quarterly);
    expect(quietLongerThanUsual(quarterly, last + 120 * DAY)).toBe(false);
    expect(quietLongerThanUsual(quarterly, last + 200 * DAY)).toBe(true);
  });

  it('irregular: the median gap, so one long silence does not move it', () => {
    const r = rng(4);
    const times: number[] = [];
    let t = START;
    for (let k = 0; k < 12; k++) {
      times.push(t);
      t += (20 + Math.floor(r() * 30)) * DAY; // 20 to 49 days apart
    }
    times.push(t + 200 * DAY); // and once after a long silence
    const gap = usualGapDays(times)!;
    expect(gap).toBeGreaterThanOrEqual(20);
    expect(gap).toBeLessThan(50);
    expect(suggestedCadence(times)).toBe(30);
  });

  it('bursty: a burst of mails over a few days is one episode; the rhythm is between bursts', () => {
    const times: number[] = [];
    for (let k = 0; k < 6; k++) {
      const b = START + k * 90 * DAY;
      // Eight mails over five days, every few hours to two days apart.
      for (const h of [0, 3, 20, 26, 50, 75, 100, 120]) times.push(b + h * HOUR);
    }
    expect(episodeStarts(times)).toHaveLength(6);
    expect(usualGapDays(times)).toBe(90);
    expect(suggestedCadence(times)).toBe(90);
  });

  it('a colleague written to every working day counts weekly, not as one endless conversation', () => {
    const times: number[] = [];
    for (let d = 0; d < 120; d++) if (new Date(START + d * DAY).getUTCDay() % 6 !== 0) times.push(START + d * DAY);
    expect(usualGapDays(times)).toBe(7);
    expect(quietLongerThanUsual(times, Math.max(...times) + 10 * DAY)).toBe(false);
    expect(quietLongerThanUsual(times, Math.max(...times) + 15 * DAY)).toBe(true);
  });

  it('too little history: no rhythm, no suggestion, never quiet', () => {
    const few = conversations(30, MIN_EPISODES - 1, 5);
    expect(episodeStarts(few)).toHaveLength(MIN_EPISODES - 1);
    expect(usualGapDays(few)).toBeNull();
    expect(suggestedCadence(few)).toBeNull();
    expect(quietLongerThanUsual(few, Math.max(...few) + 365 * DAY)).toBe(false);
    // Many messages in one conversation are still one episode.
    const oneThread = [0, 1, 2, 3, 4, 5].map((d) => START + d * 12 * HOUR);
    expect(usualGapDays(oneThread)).toBeNull();
    expect(usualGapDays([])).toBeNull();
  });

  it('the old measure failed these: replies a day apart made every gap a day', () => {
    // Monthly: the gap between a message and its answer (1–2 days) must not be the usual gap.
    const monthly = conversations(30, 10, 6);
    expect(usualGapDays(monthly)).toBeGreaterThan(25);
  });
});
