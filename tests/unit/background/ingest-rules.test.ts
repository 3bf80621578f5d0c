// Ingest rules beyond single messages: meetings, big gatherings, list rows, detection failures.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingest } from '../../../src/background/ingest';
import type { DetectionPayload } from '../../../src/messaging/protocol';
import { KringDb } from '../../../src/store/db';
import { SETTING, getSetting } from '../../../src/store/settings';

let db: KringDb;
let n = 0;
beforeEach(async () => {
  db = new KringDb(`rules-${++n}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

const ME = 'sanne.bakker@gmail.com';
const NOW = Date.parse('2026-11-27T12:00:00+01:00');
type Item = DetectionPayload['items'][number];
type P = Item['people'][number];

const meeting = (id: string, at: string, people: P[]): DetectionPayload => ({
  provider: 'google-calendar',
  view: 'event',
  account: ME,
  items: [{ kind: 'meeting', id, subject: 'Overleg', at, people }],
});
const guest = (email: string, role: P['role'] = 'attendee'): P => ({ email, name: null, role });
const byAddress = async (address: string) => {
  const a = await db.addresses.get(address);
  return a ? db.people.get(a.personId) : undefined;
};

describe('meetings', () => {
  it('a past meeting is contact with everyone else there; the owner is nobody', async () => {
    await ingest(db, meeting('e1', '2026-11-26T10:00:00+01:00', [guest('p@x.nl', 'organizer'), guest(ME), guest('m@y.nl')]), NOW);
    expect(await db.addresses.get(ME)).toBeUndefined();
    const p = await byAddress('p@x.nl');
    expect(p).toMatchObject({ reason: 'meeting', lastContact: Date.parse('2026-11-26T10:00:00+01:00') });
    expect((await db.interactions.toArray()).map((i) => i.direction)).toEqual(['meeting', 'meeting']);
  });

  it('a guest who declined did not meet you', async () => {
    await ingest(db, meeting('e2', '2026-11-26T10:00:00+01:00', [guest('p@x.nl', 'organizer'), guest(ME), { ...guest('no@y.nl'), response: 'declined' }, { ...guest('yes@y.nl'), response: 'accepted' }]), NOW);
    expect(await byAddress('no@y.nl')).toBeUndefined();
    expect(await byAddress('yes@y.nl')).toMatchObject({ reason: 'meeting' });
  });

  it('an upcoming meeting is shown but is not contact until it has happened', async () => {
    const d = meeting('e2', '2026-12-02T14:00:00+01:00', [guest('t@x.nl', 'organizer'), guest(ME)]);
    await ingest(db, d, NOW);
    expect(await byAddress('t@x.nl')).toMatchObject({ lastContact: 0 });
    expect((await db.interactions.toArray())[0]!.direction).toBe('upcoming');
    // Seen again after it took place: it becomes contact, still one interaction.
    await ingest(db, d, Date.parse('2026-12-03T09:00:00+01:00'));
    expect(await db.interactions.count()).toBe(1);
    expect((await db.interactions.toArray())[0]!.direction).toBe('meeting');
    expect(await byAddress('t@x.nl')).toMatchObject({ lastContact: Date.parse('2026-12-02T14:00:00+01:00') });
  });

  it('a meeting of more than 20 creates nobody new but is history for people already known', async () => {
    await ingest(db, meeting('small', '2026-11-01T10:00:00+01:00', [guest('known@x.nl'), guest(ME)]), NOW);
    const crowd = Array.from({ length: 22 }, (_, i) => guest(`g${i}@crowd.example`));
    await ingest(db, meeting('big', '2026-11-20T16:00:00+01:00', [guest('org@x.nl', 'organizer'), ...crowd, guest('known@x.nl'), guest(ME)]), NOW);
    expect(await db.people.count()).toBe(1);
    expect(await byAddress('known@x.nl')).toMatchObject({ lastContact: Date.parse('2026-11-20T16:00:00+01:00') });
    expect(await db.interactions.count()).toBe(2);
  });

  it('a meeting of exactly 20, the owner included, still creates people; 21 does not', async () => {
    const nineteen = Array.from({ length: 19 }, (_, i) => guest(`g${i}@crowd.example`));
    await ingest(db, meeting('twenty', '2026-11-20T16:00:00+01:00', [...nineteen, guest(ME)]), NOW);
    expect(await db.people.count()).toBe(19);
    await ingest(db, meeting('twentyone', '2026-11-21T16:00:00+01:00', [...nineteen, guest('extra@crowd.example'), guest(ME)]), NOW);
    expect(await db.addresses.get('extra@crowd.example')).toBeUndefined();
  });
});

describe('mail to many', () => {
  it('an email to more than 20 recipients creates nobody new', async () => {
    const to = Array.from({ length: 25 }, (_, i) => ({ email: `r${i}@x.nl`, name: null, role: 'to' as const }));
    await ingest(db, { provider: 'gmail', view: 'thread', account: ME, items: [{ kind: 'email', id: 'm', subject: 's', at: '2026-11-01T10:00:00+01:00', people: [{ email: ME, name: null, role: 'from' }, ...to] }] }, NOW);
    expect(await db.people.count()).toBe(0);
  });

  it('ten shown and fifteen folded away are 25: nobody new, history for people known; folded uncounted likewise', async () => {
    await ingest(db, { provider: 'roundcube', view: 'message', account: ME, items: [{ kind: 'email', id: 'INBOX/1', subject: 's', at: '2026-10-01T10:00:00+01:00', people: [{ email: ME, name: null, role: 'from' }, { email: 'r0@x.nl', name: null, role: 'to' }] }] }, NOW);
    const to = Array.from({ length: 10 }, (_, i) => ({ email: `r${i}@x.nl`, name: null, role: 'to' as const }));
    for (const [id, more] of [['INBOX/2', 15], ['Sent/3', 'unknown']] as const) {
      await ingest(db, { provider: 'roundcube', view: 'message', account: ME, items: [{ kind: 'email', id, subject: 's', at: '2026-11-01T10:00:00+01:00', moreRecipients: more, people: [{ email: ME, name: null, role: 'from' }, ...to] }] }, NOW);
    }
    expect(await db.people.count()).toBe(1);
    expect(await db.interactions.count()).toBe(3);
    // Ten and nothing folded: ten people.
    await ingest(db, { provider: 'roundcube', view: 'message', account: ME, items: [{ kind: 'email', id: 'INBOX/4', subject: 's', at: '2026-11-02T10:00:00+01:00', people: [{ email: ME, name: null, role: 'from' }, ...to] }] }, NOW);
    expect(await db.people.count()).toBe(10);
  });
});

describe('list rows and opened threads', () => {
  const row: DetectionPayload = {
    provider: 'gmail',
    view: 'list',
    account: ME,
    items: [{ kind: 'email', id: 'thread9', threadId: 'thread9', subject: 'Coffee', at: '2026-11-17T10:05:00+01:00', people: [{ email: 'p@x.nl', name: 'Pieter', role: 'from' }] }],
  };
  const opened: DetectionPayload = {
    provider: 'gmail',
    view: 'thread',
    account: ME,
    items: [{ kind: 'email', id: 'msg1', threadId: 'thread9', subject: 'Coffee', at: '2026-11-17T10:05:00+01:00', people: [{ email: 'p@x.nl', name: 'Pieter', role: 'from' }, { email: ME, name: null, role: 'recipient' }] }],
  };

  it('a row seen in the list and then opened counts once', async () => {
    await ingest(db, row, NOW);
    expect(await db.interactions.count()).toBe(1);
    await ingest(db, opened, NOW);
    const all = await db.interactions.toArray();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ sourceId: 'msg1', seenIn: 'page', direction: 'in' });
  });

  it('an opened message later seen as a list row counts once', async () => {
    await ingest(db, opened, NOW);
    await ingest(db, row, NOW);
    expect(await db.interactions.count()).toBe(1);
  });

  const crowd = Array.from({ length: 24 }, (_, i) => ({ email: `g${i}@events.example`, name: null, role: 'to' as const }));
  const crowdRow: DetectionPayload = {
    provider: 'roundcube',
    view: 'list',
    account: ME,
    items: [{ kind: 'email', id: 'INBOX/7', subject: 'Save the date', at: '2026-11-17T10:05:00+01:00', people: [{ email: 'gerda@events.example', name: 'Gerda', role: 'from' }] }],
  };
  const crowdOpened: DetectionPayload = {
    provider: 'roundcube',
    view: 'message',
    account: ME,
    items: [{ ...crowdRow.items[0]!, people: [{ email: 'gerda@events.example', name: 'Gerda', role: 'from' }, { email: ME, name: null, role: 'to' }, ...crowd] }],
  };

  it('a sender a list row created is taken back when the opened message shows a crowd', async () => {
    await ingest(db, crowdRow, NOW);
    expect(await byAddress('gerda@events.example')).toBeDefined();
    const result = await ingest(db, crowdOpened, NOW);
    expect(result).toMatchObject({ stored: 0, created: 0 });
    expect(await db.people.count()).toBe(0);
    expect(await db.addresses.count()).toBe(0);
    expect(await db.interactions.count()).toBe(0);
    // Back in the list: the row, which cannot tell, is known to be a crowd's now.
    await ingest(db, crowdRow, NOW);
    expect(await db.people.count()).toBe(0);
  });

  it('a crowd opened first keeps its list row from creating anyone; the crowd is remembered by conversation too', async () => {
    await ingest(db, crowdOpened, NOW);
    await ingest(db, crowdRow, NOW);
    expect(await db.people.count()).toBe(0);
    // Gmail's row is the conversation; its messages name it.
    await ingest(db, { ...crowdOpened, provider: 'gmail', view: 'thread', items: [{ ...crowdOpened.items[0]!, id: 'm42', threadId: 't42' }] }, NOW);
    await ingest(db, { ...crowdRow, provider: 'gmail', items: [{ ...crowdRow.items[0]!, id: 't42', threadId: 't42' }] }, NOW);
    expect(await db.people.count()).toBe(0);
    // Another message's row still creates its sender.
    await ingest(db, { ...crowdRow, items: [{ ...crowdRow.items[0]!, id: 'INBOX/8' }] }, NOW);
    expect(await db.people.count()).toBe(1);
  });

  it('a crowd does not take back a person with any other history, or one the user touched', async () => {
    await ingest(db, crowdRow, NOW);
    await ingest(db, { ...crowdRow, items: [{ ...crowdRow.items[0]!, id: 'INBOX/3', at: '2026-10-02T09:00:00+02:00' }] }, NOW);
    await ingest(db, crowdOpened, NOW);
    expect(await db.interactions.count()).toBe(2);
    expect(await byAddress('gerda@events.example')).toMatchObject({ lastContact: Date.parse('2026-11-17T10:05:00+01:00') });

    await db.delete();
    db = new KringDb(`rules-${++n}`);
    await db.open();
    await ingest(db, crowdRow, NOW);
    const gerda = (await byAddress('gerda@events.example'))!;
    await db.people.update(gerda.id, { notes: 'met at the fair' });
    await ingest(db, crowdOpened, NOW);
    expect(await db.people.get(gerda.id)).toMatchObject({ notes: 'met at the fair' });
    expect(await db.interactions.count()).toBe(1);
  });

  it('a different message of the same person is still counted', async () => {
    await ingest(db, row, NOW);
    await ingest(db, { ...opened, items: [{ ...opened.items[0]!, id: 'msg2', at: '2026-11-18T09:00:00+01:00' }] }, NOW);
    expect(await db.interactions.count()).toBe(2);
  });
});

describe('detection failures', () => {
  it('are counted per provider and view', async () => {
    const broken: DetectionPayload = { provider: 'gmail', view: 'thread', account: ME, items: [], failure: 'no-people' };
    await ingest(db, broken, NOW);
    await ingest(db, broken, NOW);
    await ingest(db, { ...broken, provider: 'google-calendar', view: 'event', failure: 'no-id' }, NOW);
    expect(await getSetting(db, SETTING.detectionFailures, {})).toEqual({ gmail: { thread: 2 }, 'google-calendar': { event: 1 } });
  });

  it('pages read through fallbacks are counted apart, with the hints that were missing', async () => {
    const guessed: DetectionPayload = { ...meeting('e9', '2026-11-26T10:00:00+01:00', [guest('p@x.nl', 'organizer'), guest(ME)]), degraded: ['google-calendar:edit-labels'] };
    await ingest(db, guessed, NOW);
    await ingest(db, { ...guessed, provider: 'gmail', view: 'thread', degraded: ['gmail:message-wrapper', 'gmail:sender'] }, NOW);
    await ingest(db, { ...guessed, provider: 'gmail', view: 'thread', degraded: ['gmail:sender'] }, NOW);
    expect(await getSetting(db, SETTING.detectionDegraded, {})).toEqual({ 'google-calendar': { event: 1 }, gmail: { thread: 2 } });
    expect(await getSetting(db, SETTING.degradedHints, {})).toEqual({ 'google-calendar': ['google-calendar:edit-labels'], gmail: ['gmail:message-wrapper', 'gmail:sender'] });
    expect(await getSetting(db, SETTING.detectionFailures, {})).toEqual({});
    // The people are stored as from any page.
    expect(await byAddress('p@x.nl')).toMatchObject({ reason: 'meeting' });
  });

  it('a meeting the page shows no date for is kept, but is no contact and no upcoming meeting', async () => {
    await ingest(db, { ...meeting('e10', '2026-11-26T10:00:00+01:00', [guest('q@x.nl', 'organizer'), guest(ME)]), items: [{ kind: 'meeting', id: 'e10', subject: 'Overleg', at: null, people: [guest('q@x.nl', 'organizer'), guest(ME)] }] }, NOW);
    expect(await byAddress('q@x.nl')).toMatchObject({ lastContact: 0, firstContact: 0 });
    expect((await db.interactions.toArray())[0]).toMatchObject({ atEstimated: true });
  });

  it('a mail first seen undated takes its real date when a page shows it, and only then counts as contact', async () => {
    const mail = (at: string | null, view = 'list'): DetectionPayload => ({
      provider: 'roundcube',
      view,
      account: ME,
      items: [{ kind: 'email', id: 'INBOX/7', subject: 'Offerte', at, people: [{ email: 'lena@x.nl', name: 'Lena', role: 'from' }, { email: ME, name: null, role: 'to' }] }],
    });
    await ingest(db, mail(null), NOW);
    expect(await byAddress('lena@x.nl')).toMatchObject({ lastContact: 0, lastIn: 0 });
    await ingest(db, mail('2026-11-25T16:00:00+01:00', 'message'), NOW + 60_000);
    const rows = await db.interactions.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ at: Date.parse('2026-11-25T16:00:00+01:00'), atEstimated: false, direction: 'in' });
    expect(await byAddress('lena@x.nl')).toMatchObject({ lastContact: Date.parse('2026-11-25T16:00:00+01:00'), lastIn: Date.parse('2026-11-25T16:00:00+01:00') });
    // Seen undated again later: the date stays.
    await ingest(db, mail(null), NOW + 120_000);
    expect((await db.interactions.toArray())[0]).toMatchObject({ at: Date.parse('2026-11-25T16:00:00+01:00'), atEstimated: false });
  });
});
