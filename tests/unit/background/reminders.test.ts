// Issue 20: the reminder notification, from the store, with the browser's parts stood in.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReminders, dueNow } from '../../../src/background/reminders';
import { addToNetwork } from '../../../src/store/actions';
import type { KringDb } from '../../../src/store/db';
import { reminderSettings, setReminders } from '../../../src/store/reminders';
import { ME, email, freshDb, ingest, personByAddress } from '../../helpers/store';

const TZ = process.env.TZ;
process.env.TZ = 'Europe/Amsterdam';
afterAll(() => {
  if (TZ === undefined) delete process.env.TZ;
  else process.env.TZ = TZ;
});

const HOUR = 3_600_000;
// Tue 1 Dec 2026, 12:00 in Amsterdam.
const T0 = Date.parse('2026-12-01T11:00:00Z');
let db: KringDb;
beforeEach(async () => {
  db = await freshDb('reminders');
});
afterEach(() => db.delete());

const MESSAGES: Record<string, string> = {
  reminderTitle: 'Kring: keep in touch',
  reminderOne: '$1 is due.',
  reminderTwo: '2 people are due: $1 and $2.',
  reminderMore: '$1 people are due: $2, $3 and $4 more.',
};
const text = (key: string, subs: string[] = []) => MESSAGES[key]!.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');

async function network(who: [string, string][], cadence: number, writtenAt: string) {
  for (const [address, name] of who) {
    await ingest(db, email(`m-${address}`, [address, name], [[ME, null]], writtenAt), T0);
    await addToNetwork(db, (await personByAddress(db, address))!.id, T0, cadence);
  }
}

function harness(opts: { allowed?: boolean } = {}) {
  let now = T0;
  const sent: { title: string; message: string; at: number }[] = [];
  const scheduled: (number | null)[] = [];
  const reminders = createReminders({
    db: () => db,
    allowed: async () => opts.allowed ?? true,
    notify: async (_id, title, message) => sent.push({ title, message, at: now }),
    schedule: async (when) => scheduled.push(when),
    text,
    now: () => now,
  });
  return {
    sent,
    scheduled,
    reminders,
    setNow: (t: number) => void (now = t),
    /** Hourly checks until `until`, as the hourly alarm does. */
    async runUntil(until: number) {
      while (now + HOUR <= until) {
        now += HOUR;
        await reminders.check();
      }
    },
  };
}

describe('reminders', () => {
  it('off by default: nothing is sent, however many are due', async () => {
    await network([['maria@rijnmond-zorg.nl', 'Maria Jansen']], 14, '2026-10-01T10:00:00+02:00');
    const h = harness();
    await h.runUntil(T0 + 3 * 24 * HOUR);
    expect(h.sent).toEqual([]);
    expect((await reminderSettings(db)).mode).toBe('off');
  });

  it('daily at 9:00: "3 people are due: … and 1 more", once a day, nothing on a day nobody is due', async () => {
    await network(
      [
        ['maria@rijnmond-zorg.nl', 'Maria Jansen'],
        ['tom@hendriks.nl', 'Tom Hendriks'],
        ['pieter@devries-advies.nl', 'Pieter de Vries'],
      ],
      14,
      '2026-10-01T10:00:00+02:00',
    );
    await setReminders(db, { mode: 'daily', time: '09:00', weekday: 1 }, T0);
    const h = harness();
    // Turned on at noon: today's 9:00 is past and does not fire.
    await h.runUntil(T0 + 20 * HOUR);
    expect(h.sent).toEqual([]);
    // Wed 2 Dec, 9:00 in Amsterdam (08:00Z).
    await h.runUntil(T0 + 23 * HOUR);
    expect(h.sent).toEqual([{ title: 'Kring: keep in touch', message: expect.stringMatching(/^3 people are due: .+, .+ and 1 more\.$/), at: Date.parse('2026-12-02T08:00:00Z') }]);
    // The rest of the day: nothing more, and the next precise check is tomorrow at 9:00.
    await h.runUntil(T0 + 35 * HOUR);
    expect(h.sent).toHaveLength(1);
    expect(h.scheduled.at(-1)).toBe(Date.parse('2026-12-03T08:00:00Z'));
    // Everyone contacted: nobody due, nothing sent on 3 Dec.
    await db.people.toCollection().modify((p) => {
      p.due = Date.parse('2026-12-20T00:00:00Z');
    });
    await h.runUntil(T0 + 47 * HOUR);
    expect(h.sent).toHaveLength(1);
  });

  it('one or two people are named in full', async () => {
    await network([['maria@rijnmond-zorg.nl', 'Maria Jansen']], 14, '2026-10-01T10:00:00+02:00');
    expect(await dueNow(db, T0)).toEqual({ count: 1, names: ['Maria Jansen'] });
    await setReminders(db, { mode: 'daily', time: '13:00', weekday: 1 }, T0);
    const h = harness();
    await h.runUntil(T0 + 2 * HOUR);
    expect(h.sent.map((s) => s.message)).toEqual(['Maria Jansen is due.']);
  });

  it('without the notifications permission, nothing is tried', async () => {
    await network([['maria@rijnmond-zorg.nl', 'Maria Jansen']], 14, '2026-10-01T10:00:00+02:00');
    await setReminders(db, { mode: 'daily', time: '13:00', weekday: 1 }, T0);
    const h = harness({ allowed: false });
    await h.runUntil(T0 + 30 * HOUR);
    expect(h.sent).toEqual([]);
  });

  it('two checks at the same moment (the precise alarm and the hourly one) send one notification', async () => {
    await network([['maria@rijnmond-zorg.nl', 'Maria Jansen']], 14, '2026-10-01T10:00:00+02:00');
    await setReminders(db, { mode: 'daily', time: '12:30', weekday: 1 }, T0);
    const h = harness();
    await h.runUntil(T0 + HOUR - 1); // nothing yet: no hourly check has passed 12:30
    expect(h.sent).toHaveLength(0);
    await h.runUntil(T0 + HOUR);
    expect(h.sent).toHaveLength(1);
    // Both alarms on the next day at once.
    const h2 = harness();
    h2.setNow(T0 + 25 * HOUR);
    const both = await Promise.all([h2.reminders.check(), h2.reminders.check()]);
    expect(both.filter(Boolean)).toHaveLength(1);
    expect(h2.sent).toHaveLength(1);
  });
});
