import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseBackup, serializeBackup } from '../../../src/io/backup';
import type { ContactRecord } from '../../../src/io/contacts';
import { addIgnoreRule, answerOwn, addToNetwork, eraseEverything, forget, logContact, merge, setNotes, setTags, dismissSuggestion } from '../../../src/store/actions';
import { updateOrg } from '../../../src/store/organisations';
import type { KringDb } from '../../../src/store/db';
import { SETTING } from '../../../src/store/settings';
import { applyImport, contactRecords, exportBackup, previewImport, restoreBackup } from '../../../src/store/transfer';
import { ME, email, freshDb, ingest, personByAddress } from '../../helpers/store';

let db: KringDb;
beforeEach(async () => {
  db = await freshDb('transfer');
});
afterEach(async () => {
  await db.delete();
});
const NOW = Date.parse('2026-11-27T12:00:00Z');

async function populated() {
  await ingest(db, email('m1', ['pieter@devries.nl', 'Pieter de Vries'], [[ME, null], ['maria@jansen.nl', 'Maria Jansen']], '2026-11-17T10:05:00+01:00'), NOW);
  await ingest(db, email('m2', [ME, null], [['tom@x.nl', 'Tom Hendriks']], '2026-11-18T10:05:00+01:00'), NOW);
  await ingest(db, email('m3', ['p.devries@gmail.com', 'P. de Vries'], [[ME, null]], '2026-10-01T10:05:00+02:00'), NOW);
  await ingest(db, email('m4', ['old@friend.nl', 'Old Friend'], [[ME, null]], '2026-09-01T10:05:00+02:00'), NOW);
  const p = (await personByAddress(db, 'pieter@devries.nl'))!;
  await addToNetwork(db, p.id, NOW, 30);
  await setNotes(db, p.id, 'Koffie op dinsdag.');
  await setTags(db, p.id, ['client']);
  // "Contacted today" (an interaction without an address) and an organisation's cadence and note.
  await logContact(db, p.id, NOW);
  await updateOrg(db, 'devries.nl', { cadenceDays: 60, notes: 'Advies.' });
  await merge(db, p.id, (await personByAddress(db, 'p.devries@gmail.com'))!.id, NOW);
  await dismissSuggestion(db, 'a', 'b', NOW);
  await addIgnoreRule(db, '@spam.example', NOW);
  await forget(db, (await personByAddress(db, 'old@friend.nl'))!.id, NOW);
  // The account the pages were signed in as, confirmed by the user (issue 16).
  await answerOwn(db, ME, true);
}

const dump = async (d: KringDb) => Object.fromEntries(await Promise.all(d.tables.map(async (t) => [t.name, await t.toArray()] as const)));

describe('Kring backup', () => {
  it('export, erase, import gives back an identical store, field by field', async () => {
    await populated();
    const before = await dump(db);
    const text = serializeBackup(await exportBackup(db, NOW));
    await eraseEverything(db);
    expect(await db.people.count()).toBe(0);
    await restoreBackup(db, parseBackup(text));
    expect(await dump(db)).toEqual(before);
    expect((before.forgotten as unknown[]).length).toBe(2); // the address and the name
    expect((before.merges as unknown[]).length).toBe(1);
  });
  it('sync: its state is never in a backup; a restore keeps the book this device syncs with but not what it agreed (the next sync matches by address), even from a crafted backup', async () => {
    await populated();
    const state = { bookUrl: 'https://dav.example.org/anna/kring/', token: 'tok-7', forgotten: { href: '/anna/kring/kring-forgotten.vcf', etag: 'e', hashes: [] } };
    await db.settings.put({ key: SETTING.syncState, value: state });
    await db.syncCards.put({ uid: 'u1', personId: 'p1', href: '/anna/kring/u1.vcf', etag: 'e1', base: { name: 'P', emails: [], notes: '', tags: [], status: 'network', cadenceDays: null, lastContact: 0 }, key: 'k' });
    const backup = await exportBackup(db, NOW);
    expect(JSON.stringify(backup)).not.toContain('tok-7');
    expect(JSON.stringify(backup)).not.toContain('dav.example.org');
    const crafted = { ...backup, tables: { ...backup.tables, settings: [...backup.tables.settings, { key: SETTING.syncState, value: { bookUrl: 'https://evil.example/book/', token: 'x' } }] } };
    await restoreBackup(db, crafted);
    expect((await db.settings.get(SETTING.syncState))?.value).toEqual({ bookUrl: state.bookUrl, token: null });
    expect(await db.syncCards.count()).toBe(0);
  });
  it('a damaged backup is refused before anything changes', async () => {
    await populated();
    const before = await dump(db);
    const text = serializeBackup(await exportBackup(db, NOW));
    expect(() => parseBackup(text.slice(0, text.length / 2))).toThrow(/not valid JSON/);
    const broken = JSON.parse(text);
    broken.tables.interactions[0].personId = 'nobody';
    expect(() => parseBackup(JSON.stringify(broken))).toThrow('interactions[0]: interaction without its person or date');
    expect(await dump(db)).toEqual(before);
  });
});

describe('contact import', () => {
  const records: ContactRecord[] = [
    { name: 'Pieter de Vries', emails: ['pieter@devries.nl', 'pieter@new-address.nl'], notes: 'From my phone', tags: ['phone'] },
    { name: 'Nieuw Iemand', emails: ['nieuw@iemand.nl'], notes: '', tags: [] },
    { name: 'Nieuw Iemand (work)', emails: ['NIEUW@iemand.nl', 'werk@iemand.nl'], notes: '', tags: ['work'] },
    { name: 'Nobody', emails: [], notes: '', tags: [] },
    { name: 'Me', emails: [ME], notes: '', tags: [] },
    { name: 'Spam', emails: ['x@spam.example'], notes: '', tags: [] },
    { name: 'Old Friend', emails: ['old@friend.nl'], notes: '', tags: [] },
  ];
  it('previews new, merged and skipped with reasons, then writes it as chosen', async () => {
    await populated();
    const { plan, counts } = await previewImport(db, records.map((r) => ({ ...r, emails: r.emails.map((e) => e.toLowerCase()) })));
    expect(counts).toEqual({ new: 1, merged: 1, skipped: 4 });
    expect(plan.skipped.map((s) => s.reason)).toEqual(['no-address', 'own-address', 'ignored', 'forgotten']);
    expect(plan.create[0]!.emails).toEqual(['nieuw@iemand.nl', 'werk@iemand.nl']);
    const progress: number[] = [];
    await applyImport(db, plan, { network: true, now: NOW, onProgress: (d) => progress.push(d) });
    expect(progress.at(-1)).toBe(2);
    const pieter = (await personByAddress(db, 'pieter@new-address.nl'))!;
    expect(pieter).toMatchObject({ name: 'Pieter de Vries', status: 'network', cadenceDays: 30, tags: ['client', 'phone'] });
    expect(pieter.notes).toBe('Koffie op dinsdag.\n\nFrom my phone');
    expect(await personByAddress(db, 'werk@iemand.nl')).toMatchObject({ name: 'Nieuw Iemand', status: 'network', cadenceDays: 90, reason: 'manual' });
  });
  it('people stay "seen" when the user chooses so', async () => {
    const { plan } = await previewImport(db, [records[1]!]);
    await applyImport(db, plan, { network: false, now: NOW });
    expect(await personByAddress(db, 'nieuw@iemand.nl')).toMatchObject({ status: 'seen', cadenceDays: null });
  });
  it('is all or nothing: a failure halfway leaves the store as it was', async () => {
    await populated();
    const before = await dump(db);
    const many: ContactRecord[] = Array.from({ length: 2500 }, (_, i) => ({ name: `P ${i}`, emails: [`p${i}@bulk.example`], notes: '', tags: [] }));
    const { plan } = await previewImport(db, many);
    // Someone else takes an address between preview and import: the write fails in chunk 3.
    plan.create[2100]!.emails.push('tom@x.nl');
    await expect(applyImport(db, plan, { network: false, now: NOW })).rejects.toThrow();
    expect(await dump(db)).toEqual(before);
  });
  it('vCard export of everyone or one person carries Kring\'s fields', async () => {
    await populated();
    const all = await contactRecords(db);
    expect(all.map((r) => r.name).sort()).toEqual(['Maria Jansen', 'Pieter de Vries', 'Tom Hendriks']);
    const pieter = (await personByAddress(db, 'pieter@devries.nl'))!;
    const one = await contactRecords(db, pieter.id);
    expect(one).toEqual([
      { name: 'Pieter de Vries', emails: ['p.devries@gmail.com', 'pieter@devries.nl'], notes: 'Koffie op dinsdag.', tags: ['client'], kring: { status: 'network', cadenceDays: 30, lastContact: pieter.lastContact } },
    ]);
  });
});
