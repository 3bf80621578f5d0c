import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY, dueDate, overdueness } from '../../../src/network/cadence';
import { suggestMerges } from '../../../src/network/identity';
import { cleanDisplayName, displayNameTails } from '../../../src/network/names';
import { isAutomated, isIgnored, isPossibleContact, normaliseIgnoreRule } from '../../../src/network/noise';
import { repliesOwed } from '../../../src/network/replies';
import { hasExpired } from '../../../src/network/retention';
import { FIXTURES } from '../../helpers/fixtures';

describe('who counts', () => {
  it('on the real 2014 inbox, of the senders only Chris Cowan is a person (fixture ground truth)', () => {
    const html = readFileSync(`${FIXTURES}/gmail/inbox-list-2014.html`, 'utf8');
    const senders = new Set([...html.matchAll(/<span class="(?:zF|yP)" email="([^"]+)"/g)].map((m) => m[1]!));
    const own = new Set(['streak.web.test.1@gmail.com']);
    expect([...senders].filter((a) => isPossibleContact(a, own, []))).toEqual(['cowan@streak.com']);
  });

  it.each([
    'noreply@x.com', 'no-reply@accounts.google.com', 'do_not_reply@bank.nl', 'donotreply@x.nl', 'no.reply@x.nl',
    'info@bedrijf.nl', 'support@x.io', 'team@x.io', 'news@twilio.com', 'notifications@github.com', 'info+nl@x.nl',
    'noreply-94292212@plus.google.com', 'mailer-daemon@googlemail.com', 'calendar-notification@google.com',
  ])('%s is automated', (a) => expect(isAutomated(a)).toBe(true));

  it.each(['pieter@devries-advies.nl', 'informatie.jansen@x.nl', 'teamlead.anna@x.nl', 'news.anchor.kim@x.nl'.replace('news.', ''), 'hello.kitty@x.nl'])(
    '%s is a possible person',
    (a) => expect(isAutomated(a)).toBe(false),
  );

  it('ignore rules: exact address, or a domain with its subdomains', () => {
    const rules = ['jan@x.nl', '@acme.com'];
    expect(isIgnored('jan@x.nl', rules)).toBe(true);
    expect(isIgnored('piet@x.nl', rules)).toBe(false);
    expect(isIgnored('anyone@acme.com', rules)).toBe(true);
    expect(isIgnored('anyone@mail.eu.acme.com', rules)).toBe(true);
    expect(isIgnored('anyone@notacme.com', rules)).toBe(false);
    expect(normaliseIgnoreRule(' *@ACME.com ')).toBe('@acme.com');
    expect(normaliseIgnoreRule('Jan@X.nl')).toBe('jan@x.nl');
    expect(normaliseIgnoreRule('acme')).toBeNull();
    expect(normaliseIgnoreRule('@')).toBeNull();
  });
});

describe('names', () => {
  it.each([
    ['Doe, John', 'j@x.com', 'John Doe'],
    ['Vries, Pieter de', 'p@x.com', 'Pieter de Vries'],
    ['"Jan Jansen"', 'j@x.com', 'Jan Jansen'],
    ["'Anna Bos'", 'a@x.com', 'Anna Bos'],
    ['Jan Jansen (Sales)', 'j@x.com', 'Jan Jansen'],
    ['Jan Jansen | Acme BV', 'j@x.com', 'Jan Jansen'],
    ['Jan Jansen - CEO', 'j@x.com', 'Jan Jansen'],
    ['jan.jansen@x.nl', 'jan.jansen@x.nl', null],
    ['john.doe', 'john.doe@x.com', null],
    ['John Doe', 'john.doe@x.com', 'John Doe'],
    ['   ', 'x@x.com', null],
    ['Maria\u202eJansen', 'm@x.com', 'MariaJansen'],
  ])('%j → %j', (raw, address, name) => expect(cleanDisplayName(raw, address)).toBe(name));

  // What the name is stripped of is kept apart: roles and organisation names, told apart later.
  it.each([
    ['Jan Jansen | Acme BV', ['Acme BV']],
    ['Maria Jansen (Rijnmond Zorg)', ['Rijnmond Zorg']],
    ['Jan Jansen - CEO - Acme', ['Acme', 'CEO']],
    ['Jan Jansen – Gemeente Utrecht', ['Gemeente Utrecht']],
    ['Pieter namens Gemeente Utrecht', ['Gemeente Utrecht']],
    ['"Doe, John (Acme)"', ['Acme']],
    ['Anna Bos [EXTERNAL]', ['EXTERNAL']],
    ['Maria via LinkedIn', []],
    ['Jan (jan@x.nl)', []],
    ['Anna-Lisa de Boer', []],
    ['Jan Jansen', []],
    [null, []],
  ])('tails of %j → %j', (raw, tails) => expect(displayNameTails(raw)).toEqual(tails));
});

describe('cadence', () => {
  const base = { lastContact: Date.parse('2026-09-01'), cadenceDays: 30, snoozedUntil: 0, addedAt: Date.parse('2026-01-01') };
  it('due = last contact + cadence; the clock starts at joining when there was no contact', () => {
    expect(dueDate(base)).toBe(Date.parse('2026-10-01'));
    expect(dueDate({ ...base, lastContact: 0 })).toBe(Date.parse('2026-01-31'));
    expect(dueDate({ ...base, cadenceDays: null })).toBeUndefined();
  });
  it('a snooze pushes the due date, a later contact beyond it wins', () => {
    expect(dueDate({ ...base, snoozedUntil: Date.parse('2026-10-20') })).toBe(Date.parse('2026-10-20'));
  });
  it('ranks overdue people by how late they are relative to their cadence', () => {
    const now = Date.parse('2026-11-30');
    const fortnightly = overdueness({ ...base, cadenceDays: 14, lastContact: Date.parse('2026-11-02') }, now); // 2 weeks late: 1 cadence
    const yearly = overdueness({ ...base, cadenceDays: 365, lastContact: Date.parse('2025-10-01') }, now); // 2 months late
    expect(fortnightly).toBeCloseTo(1, 5);
    expect(fortnightly).toBeGreaterThan(yearly);
  });
  it('property: any new contact moves the due date forward, never back', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4e12 }),
        fc.integer({ min: 1, max: 4e10 }),
        fc.integer({ min: 1, max: 3650 }),
        fc.integer({ min: 0, max: 4e12 }),
        (last, gap, cadence, snooze) => {
          const before = dueDate({ lastContact: last, cadenceDays: cadence, snoozedUntil: snooze, addedAt: 1 })!;
          const after = dueDate({ lastContact: last + gap, cadenceDays: cadence, snoozedUntil: snooze, addedAt: 1 })!;
          return after >= before && after >= last + gap + cadence * DAY;
        },
      ),
    );
  });
});

describe('merge suggestions', () => {
  const people = [
    { id: 'a', name: 'Pieter de Vries' },
    { id: 'b', name: 'pieter de vries' },
    { id: 'c', name: 'Jan' },
    { id: 'd', name: 'Jan' },
    { id: 'e', name: 'Kim Vos' },
    { id: 'f', name: 'K. Vos' },
  ];
  const addresses = [
    { address: 'pieter@devries.nl', personId: 'a' },
    { address: 'p.devries@gmail.com', personId: 'b' },
    { address: 'jan@x.nl', personId: 'c' },
    { address: 'jan@y.nl', personId: 'd' },
    { address: 'kim@acme.com', personId: 'e' },
    { address: 'kim@acme.nl', personId: 'f' },
  ];
  it('same full name, or the same local part at one company, each with its reason', () => {
    expect(suggestMerges(people, addresses, new Set())).toEqual([
      { a: 'a', b: 'b', reason: 'same-name' },
      { a: 'e', b: 'f', reason: 'same-local-part' },
    ]);
  });
  it('a "not the same person" answer is remembered', () => {
    expect(suggestMerges(people, addresses, new Set(['a|b']))).toEqual([{ a: 'e', b: 'f', reason: 'same-local-part' }]);
  });
  it('the same local part at free mail providers says nothing', () => {
    expect(suggestMerges([], [{ address: 'kim@gmail.com', personId: 'x' }, { address: 'kim@hotmail.com', personId: 'y' }], new Set())).toEqual([]);
  });
});

describe('replies owed', () => {
  const now = Date.parse('2026-11-27T12:00:00Z');
  const ago = (d: number) => now - d * DAY;
  it('you owe a reply when their message is the latest and older than N days; they owe you when you opened the conversation and wrote last', () => {
    const r = repliesOwed(
      [
        { personId: 'p', threadId: 't1', direction: 'out', at: ago(10), subject: 'Q' },
        { personId: 'p', threadId: 't1', direction: 'in', at: ago(5), subject: 'Q' },
        { personId: 'm', threadId: 't2', direction: 'out', at: ago(4), subject: 'Offer' },
        { personId: 'k', threadId: 't3', direction: 'in', at: ago(1), subject: 'Too recent' },
        { personId: 'z', threadId: 't4', direction: 'in', at: ago(9), subject: 'Answered' },
        { personId: 'z', threadId: 't4', direction: 'out', at: ago(8), subject: 'Answered' },
        { personId: 'y', threadId: 't4', direction: 'cc', at: ago(2), subject: 'Answered' },
        // Opened by you, answered, and you wrote again: they owe you.
        { personId: 'q', threadId: 't5', direction: 'out', at: ago(20), subject: 'Follow-up' },
        { personId: 'q', threadId: 't5', direction: 'in', at: ago(18), subject: 'Follow-up' },
        { personId: 'q', threadId: 't5', direction: 'out', at: ago(15), subject: 'Follow-up' },
        // Opened by them before the window, answered by you inside it: closed.
        { personId: 'w', threadId: 't6', direction: 'in', at: ago(32), subject: 'Old question' },
        { personId: 'w', threadId: 't6', direction: 'out', at: ago(29), subject: 'Old question' },
        // Everything before the window: not judged.
        { personId: 'v', threadId: 't7', direction: 'out', at: ago(40), subject: 'Long ago' },
      ],
      now,
      3,
      ago(30),
    );
    expect(r.youOwe).toEqual([{ personId: 'p', threadId: 't1', subject: 'Q', since: ago(5) }]);
    // z opened t4 and you answered: nobody owes anything there.
    expect(r.theyOwe).toEqual([
      { personId: 'q', threadId: 't5', subject: 'Follow-up', since: ago(15) },
      { personId: 'm', threadId: 't2', subject: 'Offer', since: ago(4) },
    ]);
  });
});

describe('retention', () => {
  const now = Date.parse('2026-11-27');
  it('seen people unseen for longer than the retention expire; network people never do', () => {
    expect(hasExpired({ status: 'seen', lastSeen: now - 181 * DAY, createdAt: 0 }, now)).toBe(true);
    expect(hasExpired({ status: 'seen', lastSeen: now - 179 * DAY, createdAt: 0 }, now)).toBe(false);
    expect(hasExpired({ status: 'network', lastSeen: now - 2000 * DAY, createdAt: 0 }, now)).toBe(false);
  });
});
