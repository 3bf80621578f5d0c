// Replies owed on a webmail that names no conversations (Roundcube, SOGo): ingest recognises them
// by subject and correspondent (issue 17).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingest } from '../../../src/background/ingest';
import type { DetectionPayload } from '../../../src/messaging/protocol';
import { DAY } from '../../../src/network/cadence';
import { KringDb } from '../../../src/store/db';
import { repliesOwedNow } from '../../../src/store/queries';

let db: KringDb;
let n = 0;
beforeEach(async () => {
  db = new KringDb(`conv-${++n}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

const ME = 'alice@kring.test';
const NOW = Date.parse('2026-12-01T12:00:00+01:00');
const iso = (daysAgo: number) => new Date(NOW - daysAgo * DAY).toISOString();
type Item = DetectionPayload['items'][number];
const mail = (uid: string, daysAgo: number, subject: string | null, from: string, to: string[], extra: Partial<Item> = {}): Item => ({
  kind: 'email',
  id: `INBOX/${uid}`,
  subject,
  at: iso(daysAgo),
  threadId: null,
  people: [{ email: from, name: null, role: 'from' }, ...to.map((email) => ({ email, name: null, role: 'to' as const }))],
  ...extra,
});
const page = (items: Item[], view = 'list'): DetectionPayload => ({ provider: 'roundcube', view, account: ME, items });
const personOf = async (address: string) => (await db.addresses.get(address))!.personId;

describe('conversations recognised by subject and correspondent', () => {
  it('replies owed both ways, and none where the conversation was answered', async () => {
    await ingest(
      db,
      page([
        // Lena asked 10 days ago; Alice answered her earlier mail in another conversation.
        mail('1', 40, 'Kick-off', 'lena@studio.test', [ME]),
        mail('2', 39, 'Re: Kick-off', ME, ['lena@studio.test']),
        mail('3', 10, 'Offerte voor 2027', 'lena@studio.test', [ME]),
        // Alice asked Tomás 12 days ago; no answer.
        mail('4', 12, 'Voorstel samenwerking', ME, ['tomas@partner.test']),
        // Piet wrote 20 days ago, Alice answered two days ago (with the Dutch mark): nothing owed yet.
        mail('5', 20, 'Planning', 'piet@firma.test', [ME]),
        mail('6', 2, 'Antw: Planning', ME, ['piet@firma.test']),
        // Bram answered Alice: nothing owed by him.
        mail('7', 15, 'Begroting', ME, ['bram@firma.test']),
        mail('8', 14, 'RE: Begroting', 'bram@firma.test', [ME]),
        mail('9', 13, 'AW: RE: Begroting', ME, ['bram@firma.test']),
        mail('10', 12, 'Re: Begroting', 'bram@firma.test', [ME]),
        mail('11', 11, 'Re: Begroting', ME, ['bram@firma.test']),
      ]),
      NOW,
    );
    const owed = await repliesOwedNow(db, NOW);
    expect(owed.youOwe.map((o) => [o.personId, o.subject])).toEqual([[await personOf('lena@studio.test'), 'Offerte voor 2027']]);
    expect(owed.theyOwe.map((o) => [o.personId, o.subject])).toEqual([
      [await personOf('tomas@partner.test'), 'Voorstel samenwerking'],
      [await personOf('bram@firma.test'), 'Re: Begroting'],
    ]);
    // Bram's five messages are one conversation, Lena's two subjects two.
    const threads = async (a: string) => new Set((await db.interactions.filter((i) => i.address === a).toArray()).map((i) => i.threadId)).size;
    expect(await threads('bram@firma.test')).toBe(1);
    expect(await threads('lena@studio.test')).toBe(2);
  });

  it('the same subject with two different people is two conversations', async () => {
    await ingest(db, page([mail('1', 10, 'Update', 'lena@studio.test', [ME]), mail('2', 9, 'Re: Update', ME, ['piet@firma.test'])]), NOW);
    const owed = await repliesOwedNow(db, NOW);
    // Alice wrote Piet (he owes her); Lena's mail stays unanswered, but Alice never wrote to Lena: no debt.
    expect(owed.theyOwe.map((o) => o.subject)).toEqual(['Re: Update']);
    expect(owed.youOwe).toEqual([]);
  });

  it('across pages, in any order: the answer seen later closes the question seen earlier', async () => {
    await ingest(db, page([mail('4', 12, 'Voorstel', ME, ['tomas@partner.test'])]), NOW);
    expect((await repliesOwedNow(db, NOW)).theyOwe).toHaveLength(1);
    await ingest(db, page([mail('12', 8, 'Re: Voorstel', 'tomas@partner.test', [ME])], 'message'), NOW);
    const owed = await repliesOwedNow(db, NOW);
    expect(owed.theyOwe).toEqual([]);
    // Tomás's answer now waits for Alice (she has written to him before).
    expect(owed.youOwe.map((o) => o.subject)).toEqual(['Re: Voorstel']);
  });

  it('the same subject more than 30 days later is a new conversation', async () => {
    await ingest(db, page([mail('1', 70, 'Kwartaaloverleg', ME, ['piet@firma.test']), mail('2', 69, 'Re: Kwartaaloverleg', 'piet@firma.test', [ME]), mail('3', 10, 'Kwartaaloverleg', ME, ['piet@firma.test'])]), NOW);
    const ids = (await db.interactions.toArray()).sort((a, b) => a.at - b.at).map((i) => i.threadId);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
    expect((await repliesOwedNow(db, NOW)).theyOwe.map((o) => o.subject)).toEqual(['Kwartaaloverleg']);
  });

  it("a page's own conversation id is kept; a mail with no subject is in none", async () => {
    await ingest(db, page([mail('1', 10, 'Offerte', 'lena@studio.test', [ME], { threadId: 'conv-42' }), mail('2', 9, null, 'piet@firma.test', [ME])]), NOW);
    const rows = await db.interactions.toArray();
    expect(rows.find((r) => r.address === 'lena@studio.test')!.threadId).toBe('conv-42');
    expect(rows.find((r) => r.address === 'piet@firma.test')!.threadId).toBeNull();
  });

  it('mail stored before conversations were recognised joins one when seen again; subjects need not be kept', async () => {
    await ingest(db, page([mail('4', 12, 'Voorstel', ME, ['tomas@partner.test'])]), NOW);
    await db.interactions.toCollection().modify({ threadId: null, subject: null });
    await db.settings.put({ key: 'keepSubjects', value: false });
    await ingest(db, page([mail('4', 12, 'Voorstel', ME, ['tomas@partner.test'])]), NOW);
    const [row] = await db.interactions.toArray();
    expect(row!.threadId).toMatch(/^~/);
    expect(row!.subject).toBeNull();
    expect(row!.threadId).not.toContain('voorstel');
    expect((await repliesOwedNow(db, NOW)).theyOwe).toHaveLength(1);
  });
});

describe('a list post seen in the list, then opened', () => {
  it('the row guessed mail to you; the opened post shows it went to the list: seen with the poster, no contact', async () => {
    const post = (view: string, people: Item['people']): DetectionPayload => page([{ kind: 'email', id: 'INBOX/30', subject: '[dev] Release 2.0', at: iso(5), threadId: null, people }], view);
    await ingest(db, page([mail('29', 40, 'Hallo', 'jan@openforge.org', [ME])]), NOW);
    await ingest(db, post('list', [{ email: 'jan@openforge.org', name: 'Jan', role: 'from' }, { email: ME, name: null, role: 'to' }]), NOW);
    const jan = await personOf('jan@openforge.org');
    expect((await db.people.get(jan))!.lastIn).toBe(NOW - 5 * DAY);
    await ingest(db, post('message', [{ email: 'jan@openforge.org', name: 'Jan', role: 'from' }, { email: 'dev@lists.openforge.org', name: 'OpenForge developers', role: 'to' }]), NOW);
    const rows = (await db.interactions.toArray()).filter((i) => i.sourceId === 'INBOX/30');
    expect(rows.map((r) => [r.address, r.direction, r.seenIn])).toEqual([['jan@openforge.org', 'cc', 'page']]);
    // His last mail to you is the one of 40 days ago again.
    expect((await db.people.get(jan))!).toMatchObject({ lastIn: NOW - 40 * DAY, lastContact: NOW - 40 * DAY });
    expect(await db.addresses.get('dev@lists.openforge.org')).toBeUndefined();
  });
});
