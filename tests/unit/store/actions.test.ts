import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY } from '../../../src/network/cadence';
import {
  addIgnoreRule,
  addOwnAddress,
  addToNetwork,
  applyRetention,
  forget,
  logContact,
  merge,
  promotePastMeetings,
  setCadence,
  setNotes,
  setTags,
  snooze,
  unforget,
  unmerge,
} from '../../../src/store/actions';
import type { KringDb } from '../../../src/store/db';
import { dueList } from '../../../src/store/queries';
import { ME, describeStore, email, freshDb, ingest, personByAddress } from '../../helpers/store';

let db: KringDb;
beforeEach(async () => {
  db = await freshDb('actions');
});
afterEach(async () => {
  await db.delete();
});

const NOW = Date.parse('2026-11-27T12:00:00Z');
const pieter = email('m1', ['pieter@devries.nl', 'Pieter de Vries'], [[ME, null]], '2026-11-17T10:05:00+01:00');

describe('network, cadence and due', () => {
  it('adding to the network gives the default cadence (3 months) and a due date', async () => {
    await ingest(db, pieter, NOW);
    const p = (await personByAddress(db, 'pieter@devries.nl'))!;
    await addToNetwork(db, p.id, NOW);
    const after = (await db.people.get(p.id))!;
    expect(after).toMatchObject({ status: 'network', cadenceDays: 90, addedAt: NOW });
    expect(after.due).toBe(p.lastContact + 90 * DAY);
  });

  it('the due list is network people overdue or due within 7 days, most overdue first', async () => {
    await ingest(db, pieter, NOW);
    await ingest(db, email('m2', ['maria@jansen.nl', 'Maria Jansen'], [[ME, null]], '2026-06-01T10:00:00+02:00'), NOW);
    await ingest(db, email('m3', ['tom@x.nl', 'Tom Hendriks'], [[ME, null]], '2026-10-01T10:00:00+02:00'), NOW);
    const [p, m, t] = await Promise.all(['pieter@devries.nl', 'maria@jansen.nl', 'tom@x.nl'].map((a) => personByAddress(db, a)));
    await addToNetwork(db, p!.id, NOW, 14); // due Dec 1: within 7 days
    await addToNetwork(db, m!.id, NOW, 90); // due Aug 30: ~1 cadence late
    await addToNetwork(db, t!.id, NOW, 30); // due Oct 31: ~0.9 cadence late
    const due = await dueList(db, NOW);
    expect(due.map((d) => d.person.name)).toEqual(['Maria Jansen', 'Tom Hendriks', 'Pieter de Vries']);
    await setCadence(db, m!.id, null);
    expect((await dueList(db, NOW)).map((d) => d.person.name)).toEqual(['Tom Hendriks', 'Pieter de Vries']);
  });

  it('"contacted today" logs a contact that restarts the cadence; snooze pushes the due date', async () => {
    await ingest(db, email('m3', ['tom@x.nl', 'Tom Hendriks'], [[ME, null]], '2026-10-01T10:00:00+02:00'), NOW);
    const t = (await personByAddress(db, 'tom@x.nl'))!;
    await addToNetwork(db, t.id, NOW, 30);
    expect((await dueList(db, NOW)).length).toBe(1);
    await logContact(db, t.id, NOW);
    const after = (await db.people.get(t.id))!;
    expect(after.lastContact).toBe(NOW);
    expect(after.due).toBe(NOW + 30 * DAY);
    expect(await dueList(db, NOW)).toEqual([]);
    await snooze(db, t.id, NOW + 60 * DAY);
    expect((await db.people.get(t.id))!.due).toBe(NOW + 60 * DAY);
  });
});

describe('forgetting', () => {
  it('deletes the person and their history, keeps only hashes, and never captures them again', async () => {
    await ingest(db, pieter, NOW);
    const p = (await personByAddress(db, 'pieter@devries.nl'))!;
    const addresses = await forget(db, p.id, NOW);
    // The address and the name (a page may show them by name only, issue 15).
    expect(addresses).toEqual(['pieter@devries.nl', '~name:pieter de vries']);
    expect(await db.people.count()).toBe(0);
    expect(await db.interactions.count()).toBe(0);
    const forgotten = await db.forgotten.toArray();
    expect(forgotten).toHaveLength(2);
    expect(JSON.stringify(forgotten)).not.toContain('pieter');

    await ingest(db, pieter, NOW);
    await ingest(db, email('m9', ['pieter@devries.nl', 'Pieter'], [[ME, null]], '2026-11-20T10:00:00+01:00'), NOW);
    expect(await db.people.count()).toBe(0);

    await unforget(db, addresses);
    await ingest(db, pieter, NOW);
    expect(await db.people.count()).toBe(1);
  });
});

describe('ignore rules and own addresses', () => {
  it('"not a person" adds a rule, removes who it covers, and blocks recapture', async () => {
    await ingest(db, pieter, NOW);
    await ingest(db, email('m5', ['sales@acme.com', 'Acme Sales'], [[ME, null]], '2026-11-18T10:00:00+01:00'), NOW);
    expect(await addIgnoreRule(db, '@acme.com', NOW)).toBe('@acme.com');
    expect(await personByAddress(db, 'sales@acme.com')).toBeUndefined();
    await ingest(db, email('m6', ['kim@eu.acme.com', 'Kim'], [[ME, null]], '2026-11-19T10:00:00+01:00'), NOW);
    expect(await db.people.count()).toBe(1);
    expect(await addIgnoreRule(db, 'not a rule')).toBeNull();
  });

  it('an added own address is never a contact, and a person stored under it goes', async () => {
    await ingest(db, email('m7', ['sanne@werk.nl', 'Sanne Bakker'], [[ME, null]], '2026-11-18T10:00:00+01:00'), NOW);
    expect(await db.people.count()).toBe(1);
    await addOwnAddress(db, 'Sanne@Werk.nl');
    expect(await db.people.count()).toBe(0);
    await ingest(db, email('m8', ['sanne@werk.nl', 'Sanne Bakker'], [['pieter@devries.nl', 'Pieter de Vries']], '2026-11-19T10:00:00+01:00'), NOW);
    // Now a message from that address is outgoing.
    expect((await db.interactions.toArray()).map((i) => [i.address, i.direction])).toEqual([['pieter@devries.nl', 'out']]);
  });
});

describe('merging', () => {
  async function twoPieters() {
    await ingest(db, email('a1', ['pieter@devries.nl', 'Pieter de Vries'], [[ME, null]], '2026-03-01T10:00:00+01:00'), NOW);
    await ingest(db, email('a2', [ME, null], [['pieter@devries.nl', 'Pieter de Vries']], '2026-05-01T10:00:00+02:00'), NOW);
    await ingest(db, email('b1', ['p.devries@gmail.com', 'P. de Vries'], [[ME, null]], '2026-01-10T10:00:00+01:00'), NOW);
    await ingest(db, email('b2', ['p.devries@gmail.com', 'P. de Vries'], [[ME, null]], '2026-09-10T10:00:00+02:00'), NOW);
    return [(await personByAddress(db, 'pieter@devries.nl'))!, (await personByAddress(db, 'p.devries@gmail.com'))!] as const;
  }

  it('combines history, notes, tags and addresses; earliest first and latest last contact kept', async () => {
    const [a, b] = await twoPieters();
    await setNotes(db, a.id, 'Met at the Noordzee kickoff.');
    await setTags(db, a.id, ['client']);
    await setNotes(db, b.id, 'Prefers mornings.');
    await setTags(db, b.id, ['Friend', 'client']);
    await addToNetwork(db, b.id, NOW, 30);
    await merge(db, a.id, b.id, NOW);
    expect(await db.people.count()).toBe(1);
    const m = (await db.people.get(a.id))!;
    expect(m).toMatchObject({
      name: 'Pieter de Vries',
      status: 'network',
      cadenceDays: 30,
      firstContact: Date.parse('2026-01-10T10:00:00+01:00'),
      lastContact: Date.parse('2026-09-10T10:00:00+02:00'),
      notes: 'Met at the Noordzee kickoff.\n\nPrefers mornings.',
      tags: ['client', 'friend'],
    });
    expect((await db.addresses.where('personId').equals(a.id).toArray()).map((x) => x.address).sort()).toEqual(['p.devries@gmail.com', 'pieter@devries.nl']);
    expect(await db.interactions.where('personId').equals(a.id).count()).toBe(4);
  });

  it('property: merge then undo gives back exactly the store before', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ from: fc.constantFrom(0, 1, 2), day: fc.integer({ min: 1, max: 300 }), out: fc.boolean() }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom([0, 1], [1, 0], [0, 2], [2, 1]),
        fc.string({ maxLength: 20 }),
        fc.boolean(),
        async (messages, [keep, other], note, network) => {
          const d = await freshDb('merge-prop');
          const addrs = ['anna@bos.nl', 'a.bos@gmail.com', 'bram@smit.nl'];
          for (const [i, m] of messages.entries()) {
            const who: [string, string | null] = [addrs[m.from]!, `Person ${m.from}`];
            const at = new Date(Date.UTC(2026, 0, m.day, 10)).toISOString();
            await ingest(d, m.out ? email(`x${i}`, [ME, null], [who], at) : email(`x${i}`, who, [[ME, null]], at), NOW);
          }
          const keepP = await personByAddress(d, addrs[keep]!);
          const otherP = await personByAddress(d, addrs[other]!);
          if (!keepP || !otherP) return void (await d.delete());
          await setNotes(d, otherP.id, note);
          if (network) await addToNetwork(d, keepP.id, NOW);
          const before = await describeStore(d);
          const mergeId = (await merge(d, keepP.id, otherP.id, NOW))!;
          expect(await describeStore(d)).not.toEqual(before);
          expect(await unmerge(d, mergeId)).toBe(true);
          expect(await describeStore(d)).toEqual(before);
          await d.delete();
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('retention and upcoming meetings', () => {
  it('removes seen people not seen for 180 days, never network people', async () => {
    const MARCH = Date.parse('2026-03-01T12:00:00Z');
    await ingest(db, email('o1', ['old@x.nl', 'Old Contact'], [[ME, null]], '2026-03-01T10:00:00+01:00'), MARCH);
    await ingest(db, email('o2', ['kept@x.nl', 'Kept Contact'], [[ME, null]], '2026-03-01T10:00:00+01:00'), MARCH);
    // Captured today from an old message: a grace period from capture, so not removed yet.
    await ingest(db, email('o3', ['late@x.nl', 'Late Capture'], [[ME, null]], '2026-03-01T10:00:00+01:00'), NOW);
    await ingest(db, pieter, NOW);
    await addToNetwork(db, (await personByAddress(db, 'kept@x.nl'))!.id, NOW);
    expect(await applyRetention(db, NOW)).toBe(1);
    expect(await personByAddress(db, 'old@x.nl')).toBeUndefined();
    expect(await db.interactions.filter((i) => i.address === 'old@x.nl').count()).toBe(0);
    expect(await db.people.count()).toBe(3);
  });

  it('upcoming meetings whose time has come become contact', async () => {
    await ingest(db, { provider: 'google-calendar', view: 'event', account: ME, items: [{ kind: 'meeting', id: 'e1', subject: 'Plan', at: '2026-12-02T14:00:00+01:00', people: [{ email: 'tom@x.nl', name: 'Tom', role: 'organizer' }, { email: ME, name: null, role: 'attendee' }] }] }, NOW);
    expect(await promotePastMeetings(db, NOW)).toBe(0);
    expect(await promotePastMeetings(db, Date.parse('2026-12-03'))).toBe(1);
    expect((await personByAddress(db, 'tom@x.nl'))!.lastContact).toBe(Date.parse('2026-12-02T14:00:00+01:00'));
  });
});

describe('replies owed, as the popup asks', () => {
  it('count only people you correspond with: cold inbound you never answered is no debt', async () => {
    const { repliesOwedNow } = await import('../../../src/store/queries');
    const now = Date.parse('2026-11-27T12:00:00Z');
    await ingest(db, email('c1', ['cold@x.nl', 'Cold Caller'], [[ME, null]], '2026-11-20T10:00:00+01:00', 'Offer', 'tc'), now);
    await ingest(db, email('w1', [ME, null], [['warm@x.nl', 'Warm Contact']], '2026-11-01T10:00:00+01:00', 'Plan', 'tw0'), now);
    await ingest(db, email('w2', ['warm@x.nl', 'Warm Contact'], [[ME, null]], '2026-11-20T10:00:00+01:00', 'Question', 'tw'), now);
    const owed = await repliesOwedNow(db, now);
    expect(owed.youOwe.map((o) => o.subject)).toEqual(['Question']);
    await addToNetwork(db, (await personByAddress(db, 'cold@x.nl'))!.id, now);
    expect((await repliesOwedNow(db, now)).youOwe.map((o) => o.subject).sort()).toEqual(['Offer', 'Question']);
  });
});
