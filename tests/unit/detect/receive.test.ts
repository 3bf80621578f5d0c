// What is done to a detection on receipt rather than in the tab (src/detect/receive.ts).
import { describe, expect, it } from 'vitest';
import { checked, oncePerRole, receive } from '../../../src/detect/receive';
import type { DetectedPerson, Detection } from '../../../src/detect/types';

const p = (email: string | null, role: DetectedPerson['role'], name: string | null = null): DetectedPerson => ({ email, name, role });

describe('oncePerRole', () => {
  it('keeps the first of each role and address, in order; the same person in another role stays', () => {
    const people = [p('a@x.nl', 'from', 'A'), p('b@x.nl', 'to'), p('a@x.nl', 'from', 'A again'), p('a@x.nl', 'cc'), p('b@x.nl', 'to', 'B')];
    expect(oncePerRole(people)).toEqual([p('a@x.nl', 'from', 'A'), p('b@x.nl', 'to'), p('a@x.nl', 'cc')]);
  });

  it('tells people without an address apart by name, and never takes a name for an address', () => {
    const people = [p(null, 'attendee', 'Jan'), p(null, 'attendee', 'Piet'), p(null, 'attendee', 'Jan'), p(null, 'attendee', null), p(null, 'attendee', null)];
    expect(oncePerRole(people)).toEqual([p(null, 'attendee', 'Jan'), p(null, 'attendee', 'Piet'), p(null, 'attendee', null)]);
    // A name that looks like a role-and-address key is still a name.
    expect(oncePerRole([p('jan@x.nl', 'to'), p(null, 'to', 'jan@x.nl')])).toHaveLength(2);
  });

  it('gives back the same list when nothing repeats', () => {
    const people = [p('a@x.nl', 'from'), p('b@x.nl', 'to')];
    expect(oncePerRole(people)).toBe(people);
  });
});

describe('checked', () => {
  it('drops a person whose address is not one, lower-cases and trims addresses, tidies names', () => {
    const people = [
      p(' Anna.Bos@Example.org ', 'from', '  Anna\n   Bos '),
      p('not an address', 'to', 'Junk'),
      p('mailto:piet@x.nl', 'to', 'piet@x.nl'),
      p(null, 'attendee', ' Jan '),
      p('a'.repeat(250) + '@x.nl', 'cc', 'Long'),
    ];
    expect(checked(people)).toEqual([p('anna.bos@example.org', 'from', 'Anna Bos'), p('piet@x.nl', 'to', null), p(null, 'attendee', 'Jan')]);
  });

  it('gives back the same list, untouched, when every person is already checked', () => {
    const people = [p('a@x.nl', 'from', 'A'), p(null, 'attendee', 'Jan'), p('b@x.nl', 'to')];
    expect(checked(people)).toBe(people);
    // And checking twice changes nothing more.
    const once = checked([p(' B@X.nl ', 'to', ' B ')]);
    expect(checked(once)).toBe(once);
  });
});

describe('receive', () => {
  it('reads printed dates and keeps each person once, on every item; an item with neither is unchanged', () => {
    const item = { kind: 'email' as const, id: '1', subject: 'S', at: null, people: [p('a@x.nl', 'from'), p('a@x.nl', 'from')], threadId: null };
    const plain = { ...item, id: '2', at: '2026-01-02T03:04:00+01:00', people: [p('b@x.nl', 'from')] };
    const d: Detection = { provider: 'gmail', view: 'thread', account: null, items: [{ ...item, atText: ['no date: 1:2', 'Fri, Nov 20, 2026, 3:42 PM'] }, plain] };
    const got = receive(d);
    expect(got.items[0]!.people).toEqual([p('a@x.nl', 'from')]);
    expect(got.items[0]!.at).toMatch(/^2026-11-20T15:42:00[+-]\d\d:\d\d$/);
    expect('atText' in got.items[0]!).toBe(false);
    expect(got.items[1]).toEqual(plain);
  });
});
