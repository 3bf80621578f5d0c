// Issue 19: what one sync does, per card (the decisions, before anything is written).
import { describe, expect, it } from 'vitest';
import { contentKey, parseCard, writeCard, type SyncFields } from '../../../src/sync/card';
import { NOTE_MARK } from '../../../src/sync/merge';
import { planSync, type LocalPerson, type RemoteState, type Synced } from '../../../src/sync/plan';

const T = Date.parse('2026-12-01T10:00:00Z');
const f = (name: string, email: string, more: Partial<SyncFields> = {}): SyncFields => ({ name, emails: [email], notes: '', tags: [], status: 'network', cadenceDays: 30, lastContact: 0, ...more });
const card = (uid: string, fields: SyncFields, at = T) => parseCard(writeCard(null, uid, fields, at));
const synced = (uid: string, personId: string, base: SyncFields): Synced => ({ uid, personId, href: `/b/${uid}.vcf`, etag: `"e-${uid}"`, base, key: contentKey(card(uid, base)) });
const me = (personId: string, fields: SyncFields, at = T): LocalPerson => ({ personId, fields, at });
// REV has whole seconds: times here are a second or more apart.
const remote = (changed: [string, SyncFields, number?][] = [], deleted: string[] = []): RemoteState => ({
  changed: new Map(changed.map(([uid, fields, at]) => [`/b/${uid}.vcf`, { etag: `"e2-${uid}"`, card: card(uid, fields, at ?? T + 1000) }])),
  deleted: new Set(deleted.map((uid) => `/b/${uid}.vcf`)),
});
const kinds = (plan: ReturnType<typeof planSync>) => plan.steps.map((s) => `${s.do}:${s.uid}`);

const anna = f('Anna Jansen', 'anna@jansen.example', { notes: 'Koffie' });

describe('one side changed', () => {
  it('edited on the server only: Kring takes it and sends nothing back', () => {
    const plan = planSync([me('p1', anna)], [synced('u1', 'p1', anna)], remote([['u1', { ...anna, tags: ['zorg'] }]]));
    expect(plan.steps).toMatchObject([{ do: 'update-local', personId: 'p1', fields: { tags: ['zorg'] }, push: false, etag: '"e2-u1"' }]);
  });
  it('edited in Kring only: the card is updated', () => {
    expect(kinds(planSync([me('p1', { ...anna, cadenceDays: 14 })], [synced('u1', 'p1', anna)], remote()))).toEqual(['push-update:u1']);
  });
  it('reformatted by the server, unchanged on both: nothing', () => {
    const plan = planSync([me('p1', anna)], [synced('u1', 'p1', anna)], remote([['u1', anna]]));
    expect(plan.steps).toEqual([]);
  });
});

describe('both sides changed', () => {
  it('notes in Kring and tags on the server: both kept, and the merge is sent back', () => {
    const plan = planSync([me('p1', { ...anna, notes: 'Koffie bij de Dom' }, T + 5000)], [synced('u1', 'p1', anna)], remote([['u1', { ...anna, tags: ['zorg'] }, T + 9000]]));
    expect(plan.steps).toMatchObject([{ do: 'update-local', fields: { notes: 'Koffie bij de Dom', tags: ['zorg'] }, push: true }]);
  });
  it('the same note on both: both texts, marked', () => {
    const plan = planSync([me('p1', { ...anna, notes: 'Koffie, en fietsen' }, T + 5000)], [synced('u1', 'p1', anna)], remote([['u1', { ...anna, notes: 'Koffie bij de Dom' }, T + 9000]]));
    expect(plan.steps[0]).toMatchObject({ fields: { notes: `Koffie bij de Dom\n\n${NOTE_MARK}\nKoffie, en fietsen` }, push: true });
  });
});

describe('new on one side', () => {
  it('a card from another device is a new network person; a network person with no card gets one', () => {
    const bram = f('Bram Bakker', 'bram@bakker.example');
    expect(kinds(planSync([me('p2', bram)], [], remote([['u9', f('Lena', 'lena@visser.design')]])))).toEqual(['create-local:u9', 'push-create:p2']);
  });
  it('first sync: a card with an address Kring knows is that person, merged, never a duplicate', () => {
    const plan = planSync([me('p1', { ...anna, notes: 'Lokaal' })], [], remote([['phone-7', { ...anna, notes: 'Van de telefoon', tags: ['familie'], emails: ['anna@jansen.example', 'anna@gmail.example'] }]]));
    expect(plan.steps).toHaveLength(1);
    expect(plan.steps[0]).toMatchObject({ do: 'update-local', personId: 'p1', uid: 'phone-7', fields: { emails: ['anna@jansen.example', 'anna@gmail.example'], tags: ['familie'] }, push: true });
    expect((plan.steps[0] as { fields: SyncFields }).fields.notes).toContain('Lokaal');
  });
});

describe('deletions', () => {
  it('deleted on the server, unchanged in Kring: they leave the network; changed in Kring since: the change wins and the card comes back', () => {
    expect(kinds(planSync([me('p1', anna)], [synced('u1', 'p1', anna)], remote([], ['u1'])))).toEqual(['leave-network:u1']);
    expect(kinds(planSync([me('p1', { ...anna, notes: 'Nieuw' })], [synced('u1', 'p1', anna)], remote([], ['u1'])))).toEqual(['push-create:u1']);
  });
  it('left the network in Kring: the card is deleted, unless it changed on the server since', () => {
    expect(kinds(planSync([], [synced('u1', 'p1', anna)], remote()))).toEqual(['push-delete:u1']);
    expect(planSync([], [synced('u1', 'p1', anna)], remote([['u1', { ...anna, notes: 'Bijgewerkt' }]])).steps).toMatchObject([{ do: 'update-local', personId: 'p1', fields: { notes: 'Bijgewerkt' } }]);
  });
  it('more than three people and half the book gone at once: nothing applied, the user is asked', () => {
    const people = ['a', 'b', 'c', 'd', 'e', 'f'].map((x) => f(x, `${x}@x.nl`));
    const local = people.map((p, i) => me(`p${i}`, p));
    const stored = people.map((p, i) => synced(`u${i}`, `p${i}`, p));
    const gone = remote([], ['u0', 'u1', 'u2', 'u3']);
    expect(planSync(local, stored, gone)).toEqual({ steps: [], massDeletion: { deleted: 4, of: 6 } });
    expect(kinds(planSync(local, stored, gone, { allowMassDeletion: true }))).toEqual(['leave-network:u0', 'leave-network:u1', 'leave-network:u2', 'leave-network:u3']);
    // Three are not "a mass": applied.
    expect(planSync(local, stored, remote([], ['u0', 'u1', 'u2'])).massDeletion).toBeUndefined();
  });
});
