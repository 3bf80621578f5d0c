import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingest } from '../../../src/background/ingest';
import type { DetectionPayload } from '../../../src/messaging/protocol';
import { KringDb } from '../../../src/store/db';
import { historyOf, peopleByLastContact } from '../../../src/store/people';
import { SETTING, getSetting, ownAddresses } from '../../../src/store/settings';
import { answerOwn } from '../../../src/store/actions';

let db: KringDb;
let n = 0;
beforeEach(async () => {
  db = new KringDb(`test-${++n}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

const ME = 'sanne.bakker@gmail.com';
const item = (id: string, from: string, to: string[], at: string, subject = 'Hello'): DetectionPayload['items'][number] => ({
  kind: 'email',
  id,
  subject,
  at,
  threadId: 't1',
  people: [{ email: from, name: from === ME ? null : `${from.split('@')[0]!.replace(/^./, (c) => c.toUpperCase())} Jansen`, role: 'from' }, ...to.map((e) => ({ email: e, name: null, role: 'recipient' as const }))],
});
const detection = (...items: DetectionPayload['items']): DetectionPayload => ({ provider: 'gmail', view: 'thread', account: ME, items });

async function snapshot(d: KringDb) {
  const people = await d.people.toArray();
  const addresses = await d.addresses.toArray();
  const interactions = await d.interactions.toArray();
  // Person ids are random; describe the store by address so two stores can be compared.
  const addrOf = new Map(addresses.map((a) => [a.personId, a.address]));
  return {
    people: people.map(({ id, createdAt, ...rest }) => ({ address: addrOf.get(id), ...rest })).sort((a, b) => a.address!.localeCompare(b.address!)),
    interactions: interactions.map(({ personId, ...rest }) => rest).sort((a, b) => a.id.localeCompare(b.id)),
  };
}

describe('ingest', () => {
  it('stores the sender of an incoming message with its history, and never the owner', async () => {
    await ingest(db, detection(item('m1', 'pieter@x.nl', [ME], '2026-11-17T10:05:00+01:00', 'Coffee')));
    const people = await peopleByLastContact(db);
    expect(people).toHaveLength(1);
    expect(people[0]).toMatchObject({ name: 'Pieter Jansen', status: 'seen', reason: 'they-wrote', lastContact: Date.parse('2026-11-17T10:05:00+01:00') });
    expect(await db.addresses.get(ME)).toBeUndefined();
    const history = await historyOf(db, people[0]!.id);
    expect(history.map((h) => [h.direction, h.subject])).toEqual([['in', 'Coffee']]);
    // The page's account is the user on that page, and theirs for good only once they say so.
    expect(await ownAddresses(db)).toEqual([]);
    expect(await getSetting(db, SETTING.pendingOwn, [])).toEqual([{ key: ME, provider: 'gmail', at: expect.any(Number) }]);
  });

  it('issue 16: an address a page claims is never the user for good without their yes; a no is for good', async () => {
    // A hostile page says Pieter is the one signed in: on that page he is not captured...
    await ingest(db, { ...detection(item('m1', 'pieter@x.nl', ['anna@y.nl'], '2026-11-17T10:05:00+01:00')), account: 'pieter@x.nl' });
    expect(await db.addresses.get('pieter@x.nl')).toBeUndefined();
    expect(await ownAddresses(db)).toEqual([]);
    // ...and once the user says "not me", never treated as the user again, whatever a page says.
    await answerOwn(db, 'pieter@x.nl', false);
    await ingest(db, { ...detection(item('m2', 'pieter@x.nl', [ME], '2026-11-18T10:05:00+01:00')), account: 'pieter@x.nl' });
    expect(await db.addresses.get('pieter@x.nl')).toBeDefined();
    expect(await getSetting(db, SETTING.pendingOwn, [])).toEqual([]);
    // The real account, confirmed, is theirs for good.
    await ingest(db, detection(item('m3', 'tom@z.nl', [ME], '2026-11-19T10:05:00+01:00')));
    await answerOwn(db, ME, true);
    expect(await ownAddresses(db)).toEqual([ME]);
    expect(await getSetting(db, SETTING.pendingOwn, [])).toEqual([]);
  });

  it('a message from the owner is outgoing to each recipient', async () => {
    await ingest(db, detection(item('m2', ME, ['a@x.nl', 'b@x.nl'], '2026-11-18T09:00:00+01:00')));
    const all = await db.interactions.toArray();
    expect(all.map((i) => [i.address, i.direction]).sort()).toEqual([['a@x.nl', 'out'], ['b@x.nl', 'out']]);
    const a = await db.people.get((await db.addresses.get('a@x.nl'))!.personId);
    expect(a).toMatchObject({ reason: 'you-wrote', lastOut: Date.parse('2026-11-18T09:00:00+01:00'), lastIn: 0 });
  });

  it('seeing the same message twice stores it once', async () => {
    const d = detection(item('m1', 'pieter@x.nl', [ME, 'tom@x.nl'], '2026-11-17T10:05:00+01:00'));
    const first = await ingest(db, d);
    const before = await snapshot(db);
    const second = await ingest(db, d);
    expect(first.stored).toBe(2);
    expect(second.stored).toBe(0);
    expect(await snapshot(db)).toEqual(before);
  });

  it('gives the same store whatever the order of detections, and when two tabs ingest at once', async () => {
    const items = [
      item('m1', 'pieter@x.nl', [ME], '2026-10-01T10:00:00+02:00'),
      item('m2', ME, ['pieter@x.nl', 'maria@y.nl'], '2026-11-01T10:00:00+01:00'),
      item('m3', 'maria@y.nl', [ME, 'pieter@x.nl'], '2026-11-10T10:00:00+01:00'),
    ];
    for (const it of items) await ingest(db, detection(it));
    const inOrder = await snapshot(db);

    const other = new KringDb(`test-${++n}`);
    await Promise.all([...items].reverse().map((it) => ingest(other, detection(it))));
    await Promise.all(items.map((it) => ingest(other, detection(it))));
    expect(await snapshot(other)).toEqual(inOrder);
    await other.delete();

    const pieter = inOrder.people.find((p) => p.address === 'pieter@x.nl')!;
    expect(pieter.firstContact).toBe(Date.parse('2026-10-01T10:00:00+02:00'));
    expect(pieter.lastContact).toBe(Date.parse('2026-11-01T10:00:00+01:00')); // the cc on m3 does not count
  });

  it('an undated message is stored at the moment it was seen, marked as such, and is no contact', async () => {
    const now = Date.parse('2026-11-27T12:00:00Z');
    await ingest(db, detection({ ...item('m9', 'a@x.nl', [ME], '2026-01-01T00:00:00Z'), at: null }), now);
    const [i] = await db.interactions.toArray();
    expect(i).toMatchObject({ at: now, atEstimated: true });
    // Issue 15: seen today is not written today; the person is known, not contacted.
    const a = await db.people.get(i!.personId);
    expect(a).toMatchObject({ firstContact: 0, lastContact: 0, lastIn: 0, lastSeen: now });
  });

  it('an undated message gets its date when a later page shows it, and then counts', async () => {
    const seen = Date.parse('2026-11-27T12:00:00Z');
    await ingest(db, detection({ ...item('m9', 'a@x.nl', [ME], '2026-01-01T00:00:00Z'), at: null }), seen);
    await ingest(db, detection(item('m9', 'a@x.nl', [ME], '2026-11-20T09:30:00+01:00')), seen + 60_000);
    const all = await db.interactions.toArray();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ at: Date.parse('2026-11-20T09:30:00+01:00'), atEstimated: false });
    const a = await db.people.get(all[0]!.personId);
    expect(a).toMatchObject({ firstContact: Date.parse('2026-11-20T09:30:00+01:00'), lastContact: Date.parse('2026-11-20T09:30:00+01:00'), lastIn: Date.parse('2026-11-20T09:30:00+01:00') });
    // Seen undated again afterwards: the date stays.
    await ingest(db, detection({ ...item('m9', 'a@x.nl', [ME], '2026-01-01T00:00:00Z'), at: null }), seen + 120_000);
    expect((await db.interactions.toArray())[0]).toMatchObject({ at: Date.parse('2026-11-20T09:30:00+01:00'), atEstimated: false });
  });

  it('a later, longer name replaces a shorter one', async () => {
    await ingest(db, detection({ ...item('m1', 'pv@x.nl', [ME], '2026-11-01T10:00:00+01:00'), people: [{ email: 'pv@x.nl', name: 'P.', role: 'from' }] }));
    await ingest(db, detection({ ...item('m2', 'pv@x.nl', [ME], '2026-11-02T10:00:00+01:00'), people: [{ email: 'pv@x.nl', name: 'Pieter de Vries', role: 'from' }] }));
    expect((await db.people.toArray())[0]!.name).toBe('Pieter de Vries');
  });
});

describe('ingest, as a property', () => {
  it('the same detections in any order, any number of times, give the same store', async () => {
    const fc = (await import('fast-check')).default;
    const { describeStore, freshDb } = await import('../../helpers/store');
    const pool = [
      item('m1', 'pieter@x.nl', [ME, 'maria@y.nl'], '2026-10-01T10:00:00+02:00', 'Plan'),
      item('m2', ME, ['pieter@x.nl', 'maria@y.nl'], '2026-10-02T10:00:00+02:00', 'Re: Plan'),
      item('m3', 'maria@y.nl', [ME], '2026-11-10T10:00:00+01:00', 'Offer'),
      item('m4', 'tom@z.nl', [ME, 'pieter@x.nl'], '2026-11-11T10:00:00+01:00', 'Intro'),
      { ...item('m5', 'tom@z.nl', [ME], '2026-11-12T10:00:00+01:00', 'Later'), people: [{ email: 'tom@z.nl', name: 'Tom Hendriks', role: 'from' as const }, { email: ME, name: null, role: 'recipient' as const }] },
    ];
    const reference = await freshDb('ref');
    for (const it of pool) await ingest(reference, detection(it), 1);
    const expected = await describeStore(reference);
    await reference.delete();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...pool.keys()), { minLength: pool.length, maxLength: 12 }).filter((xs) => pool.every((_, i) => xs.includes(i))), fc.boolean(), async (order, concurrent) => {
        const d = await freshDb('prop');
        if (concurrent) await Promise.all(order.map((i) => ingest(d, detection(pool[i]!), 1)));
        else for (const i of order) await ingest(d, detection(pool[i]!), 1);
        expect(await describeStore(d)).toEqual(expected);
        await d.delete();
      }),
      { numRuns: 30 },
    );
  });
});
