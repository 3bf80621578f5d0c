import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseBackup } from '../../../src/io/backup';
import { addToNetwork, logContact } from '../../../src/store/actions';
import type { KringDb } from '../../../src/store/db';
import { organisations, orgRecords, updateOrg } from '../../../src/store/organisations';
import { exportBackup, restoreBackup } from '../../../src/store/transfer';
import { ME, email, freshDb, ingest, personByAddress } from '../../helpers/store';

let db: KringDb;
beforeEach(async () => {
  db = await freshDb('orgs');
});
afterEach(async () => {
  await db.delete();
});

const NOW = Date.parse('2026-12-02T12:00:00Z');

describe('organisations from the store', () => {
  it('groups captured people by domain, counts recent contacts, and keeps what the user sets through a backup', async () => {
    await ingest(db, email('m1', ['m.jansen@mail.rijnmond-zorg.nl', 'Maria Jansen | Rijnmond Zorg'], [[ME, null]], '2026-11-20T10:00:00+01:00'), NOW);
    await ingest(db, email('m2', [ME, null], [['tom@rijnmond-zorg.nl', 'Tom Hendriks']], '2026-07-01T10:00:00+02:00'), NOW);
    await ingest(db, email('m3', ['friend@gmail.com', 'A Friend'], [[ME, null]], '2026-11-25T10:00:00+01:00'), NOW);
    const maria = (await personByAddress(db, 'm.jansen@mail.rijnmond-zorg.nl'))!;
    await addToNetwork(db, maria.id, NOW);
    let orgs = await organisations(db, NOW);
    expect(orgs).toHaveLength(1);
    expect(orgs[0]).toMatchObject({ domain: 'rijnmond-zorg.nl', name: 'Rijnmond Zorg', networkCount: 1, recent: 1, before: 1, trend: 'steady' });
    expect(orgs[0]!.people.map((p) => p.name)).toEqual(['Maria Jansen', 'Tom Hendriks']);

    // "Contacted today" with Maria counts for the organisation.
    await logContact(db, maria.id, NOW);
    orgs = await organisations(db, NOW);
    expect(orgs[0]).toMatchObject({ lastContact: NOW, recent: 2 });

    await updateOrg(db, 'rijnmond-zorg.nl', { name: '  Rijnmond Zorggroep ', cadenceDays: 30, tags: ['zorg', ' zorg', ''], notes: 'Partner in Noordzee.' });
    expect((await orgRecords(db))['rijnmond-zorg.nl']).toMatchObject({ name: 'Rijnmond Zorggroep', cadenceDays: 30, tags: ['zorg'], notes: 'Partner in Noordzee.' });
    const backup = parseBackup(JSON.stringify(await exportBackup(db, NOW)));
    await updateOrg(db, 'rijnmond-zorg.nl', { name: '', cadenceDays: null, tags: [], notes: '' });
    expect(await orgRecords(db)).toEqual({});
    await restoreBackup(db, backup);
    orgs = await organisations(db, NOW);
    expect(orgs[0]).toMatchObject({ name: 'Rijnmond Zorggroep', due: NOW + 30 * 86_400_000 });
  });

  it('a contact whose date the page did not show does not move the trend', async () => {
    await ingest(db, email('e1', ['m.jansen@rijnmond-zorg.nl', 'Maria Jansen'], [[ME, null]], 'not a date'), NOW);
    const maria = (await personByAddress(db, 'm.jansen@rijnmond-zorg.nl'))!;
    await addToNetwork(db, maria.id, NOW);
    expect((await db.interactions.toArray()).map((i) => i.atEstimated)).toEqual([true]);
    const [org] = await organisations(db, NOW);
    expect(org).toMatchObject({ domain: 'rijnmond-zorg.nl', recent: 0, before: 0, trend: 'none' });
  });

  it("is named as its people's mail shows it, from what the capture kept beside their names, through a backup", async () => {
    await ingest(db, email('u1', ['jan@utrecht.nl', 'Jan Bakker | Gemeente Utrecht'], [[ME, null]], '2026-11-20T10:00:00+01:00'), NOW);
    await ingest(db, email('u2', [ME, null], [['els@utrecht.nl', 'Els de Wit (Sales)']], '2026-11-21T10:00:00+01:00'), NOW);
    expect((await db.addresses.get('jan@utrecht.nl'))!.nameTails).toEqual(['Gemeente Utrecht']);
    // The name is stored clean; "(Sales)" is a role and names nothing.
    expect((await personByAddress(db, 'els@utrecht.nl'))!.name).toBe('Els de Wit');
    let [org] = await organisations(db, NOW);
    expect(org).toMatchObject({ domain: 'utrecht.nl', name: 'Gemeente Utrecht', mailName: 'Gemeente Utrecht' });

    // Kept through a backup; the latest display name replaces what an address showed before.
    const backup = parseBackup(JSON.stringify(await exportBackup(db, NOW)));
    await restoreBackup(db, backup);
    expect((await db.addresses.get('jan@utrecht.nl'))!.nameTails).toEqual(['Gemeente Utrecht']);
    await ingest(db, email('u3', ['jan@utrecht.nl', 'Jan Bakker - Gemeente Utrecht - Team Wonen'], [[ME, null]], '2026-11-25T10:00:00+01:00'), NOW);
    expect((await db.addresses.get('jan@utrecht.nl'))!.nameTails).toEqual(['Team Wonen', 'Gemeente Utrecht']);
    [org] = await organisations(db, NOW);
    expect(org!.name).toBe('Gemeente Utrecht');
  });

  it('a backup with a malformed organisation record is refused, naming it', async () => {
    const backup = await exportBackup(db, NOW);
    backup.tables.settings.push({ key: 'organisations', value: { 'x.nl': { cadenceDays: 'soon', at: 0 } } });
    expect(() => parseBackup(JSON.stringify(backup))).toThrow(/settings\[\d+\]|cadenceDays/);
  });
});
