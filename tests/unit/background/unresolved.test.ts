// Outlook often shows names without addresses: such people are kept by name and resolved later.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DetectionPayload } from '../../../src/messaging/protocol';
import { forget } from '../../../src/store/actions';
import type { KringDb } from '../../../src/store/db';
import { freshDb, ingest } from '../../helpers/store';

let db: KringDb;
beforeEach(async () => {
  db = await freshDb('unresolved');
});
afterEach(async () => {
  await db.delete();
});

const NOW = Date.parse('2026-11-27T12:00:00Z');
const outlook = (id: string, at: string, people: DetectionPayload['items'][number]['people'], account: string | null = null, accountName: string | null = 'Sanne Bakker'): DetectionPayload => ({
  provider: 'outlook-mail',
  view: 'thread',
  account,
  accountName,
  items: [{ kind: 'email', id, subject: 'Budget 2027', at, people, threadId: 'c1' }],
});
const namesOnly = outlook('c1@2026-11-24T09:05:00+01:00', '2026-11-24T09:05:00+01:00', [
  { email: null, name: 'Omi Singh', role: 'from' },
  { email: null, name: 'Sanne Bakker', role: 'to' },
  { email: null, name: 'Maria Jansen', role: 'cc' },
]);

describe('people known by name only', () => {
  it('are stored by name, never with an invented address; the owner by name is nobody', async () => {
    await ingest(db, namesOnly, NOW);
    const addresses = (await db.addresses.toArray()).map((a) => a.address).sort();
    expect(addresses).toEqual(['~name:maria jansen', '~name:omi singh']);
    expect((await db.people.toArray()).map((p) => p.name).sort()).toEqual(['Maria Jansen', 'Omi Singh']);
    expect(JSON.stringify(await db.addresses.toArray())).not.toMatch(/@/);
  });

  it('are resolved when a later page shows an address for that name: one person, history kept, nothing counted twice', async () => {
    await ingest(db, namesOnly, NOW);
    const before = (await db.addresses.get('~name:omi singh'))!.personId;
    // The same message, now with addresses (persona card opened), and a new one.
    await ingest(db, outlook('c1@2026-11-24T09:05:00+01:00', '2026-11-24T09:05:00+01:00', [{ email: 'omi.singh@gmhc.example', name: 'Omi Singh', role: 'from' }, { email: 'sanne@contoso.nl', name: null, role: 'to' }], 'sanne@contoso.nl'), NOW);
    await ingest(db, outlook('c2@2026-11-25T10:00:00+01:00', '2026-11-25T10:00:00+01:00', [{ email: 'omi.singh@gmhc.example', name: 'Omi Singh', role: 'from' }, { email: 'sanne@contoso.nl', name: null, role: 'to' }], 'sanne@contoso.nl'), NOW);
    expect(await db.addresses.get('~name:omi singh')).toBeUndefined();
    expect((await db.addresses.get('omi.singh@gmhc.example'))!.personId).toBe(before);
    const history = await db.interactions.where('personId').equals(before).toArray();
    expect(history.map((i) => i.at).sort()).toEqual([Date.parse('2026-11-24T09:05:00+01:00'), Date.parse('2026-11-25T10:00:00+01:00')]);
    expect(new Set(history.map((i) => i.address))).toEqual(new Set(['omi.singh@gmhc.example']));
    expect(await db.people.count()).toBe(2);
  });

  it('a forgotten name-only person stays forgotten, also once their address appears', async () => {
    await ingest(db, namesOnly, NOW);
    await forget(db, (await db.addresses.get('~name:omi singh'))!.personId, NOW);
    await ingest(db, namesOnly, NOW);
    await ingest(db, outlook('c3@2026-11-26T10:00:00+01:00', '2026-11-26T10:00:00+01:00', [{ email: 'omi.singh@gmhc.example', name: 'Omi Singh', role: 'from' }], 'sanne@contoso.nl'), NOW);
    expect((await db.people.toArray()).map((p) => p.name)).toEqual(['Maria Jansen']);
  });

  it('a name shown alone is the person Kring knows with that display name (SOGo shows recipients by name)', async () => {
    const sogo = (id: string, at: string, people: DetectionPayload['items'][number]['people']): DetectionPayload => ({ provider: 'sogo', view: 'message', account: 'sanne@example.test', items: [{ kind: 'email', id, subject: 'Offerte', at, people, threadId: null }] });
    await ingest(db, sogo('INBOX/1', '2026-11-20T09:00:00+01:00', [{ email: 'pieter@devries.example', name: 'Pieter de Vries', role: 'from' }, { email: 'sanne@example.test', name: null, role: 'to' }]), NOW);
    // Sanne's answer: SOGo shows Pieter by name only.
    await ingest(db, sogo('Sent/1', '2026-11-21T10:00:00+01:00', [{ email: 'sanne@example.test', name: null, role: 'from' }, { email: null, name: 'Pieter de Vries', role: 'to' }]), NOW);
    expect(await db.people.count()).toBe(1);
    const pieter = (await db.people.toArray())[0]!;
    expect(pieter).toMatchObject({ lastIn: Date.parse('2026-11-20T09:00:00+01:00'), lastOut: Date.parse('2026-11-21T10:00:00+01:00') });
    expect((await db.addresses.toArray()).map((a) => a.address)).toEqual(['pieter@devries.example']);
    expect((await db.interactions.toArray()).map((i) => `${i.personId === pieter.id} ${i.direction}`).sort()).toEqual(['true in', 'true out']);
  });

  it('a name two people share stands for neither: the name-only mention is kept apart', async () => {
    const item = (id: string, people: DetectionPayload['items'][number]['people']): DetectionPayload => ({ provider: 'sogo', view: 'message', account: 'sanne@example.test', items: [{ kind: 'email', id, subject: 'Hallo', at: '2026-11-20T09:00:00+01:00', people, threadId: null }] });
    await ingest(db, item('INBOX/1', [{ email: 'jan@a.example', name: 'Jan de Vries', role: 'from' }]), NOW);
    await ingest(db, item('INBOX/2', [{ email: 'jan@b.example', name: 'Jan de Vries', role: 'from' }]), NOW);
    await ingest(db, item('Sent/1', [{ email: 'sanne@example.test', name: null, role: 'from' }, { email: null, name: 'Jan de Vries', role: 'to' }]), NOW);
    expect((await db.addresses.toArray()).map((a) => a.address).sort()).toEqual(['jan@a.example', 'jan@b.example', '~name:jan de vries']);
  });

  it('a forgotten person is not brought back by their name alone', async () => {
    const item = (id: string, people: DetectionPayload['items'][number]['people']): DetectionPayload => ({ provider: 'sogo', view: 'message', account: 'sanne@example.test', items: [{ kind: 'email', id, subject: 'Hallo', at: '2026-11-20T09:00:00+01:00', people, threadId: null }] });
    await ingest(db, item('INBOX/1', [{ email: 'eva@dewit.example', name: 'Eva de Wit', role: 'from' }]), NOW);
    await forget(db, (await db.addresses.get('eva@dewit.example'))!.personId, NOW);
    await ingest(db, item('Sent/1', [{ email: 'sanne@example.test', name: null, role: 'from' }, { email: null, name: 'Eva de Wit', role: 'to' }]), NOW);
    expect(await db.people.count()).toBe(0);
  });
});
