// The sidebar's one-click actions: its frame sits in a page that may hide or cover it, so none of
// them may take someone out of the network, and "not a person" can be undone.
import { describe, expect, it } from 'vitest';
import { sidebarActions } from '../../../src/background/sidebar';
import { addToNetwork } from '../../../src/store/actions';
import { ME, describeStore, email, freshDb, ingest, personByAddress } from '../../helpers/store';

describe('sidebar actions', () => {
  it('"not a person" refuses a person in your network and changes nothing', async () => {
    const db = await freshDb('sidebar');
    await ingest(db, email('m1', ['pieter@devries.nl', 'Pieter de Vries'], [[ME, null]], '2026-11-17T10:05:00+01:00'));
    await addToNetwork(db, (await personByAddress(db, 'pieter@devries.nl'))!.id);
    const before = await describeStore(db);
    expect(await sidebarActions(db).notAPerson('pieter@devries.nl')).toBeNull();
    expect(await describeStore(db)).toEqual(before);
    expect(await db.ignoreRules.count()).toBe(0);
  });

  it('"not a person" removes someone only seen, and its undo restores them exactly', async () => {
    const db = await freshDb('sidebar');
    await ingest(db, email('m1', ['info@shop.example', 'Shop'], [[ME, null]], '2026-11-17T10:05:00+01:00'));
    const before = await describeStore(db);
    const actions = sidebarActions(db);
    const token = await actions.notAPerson('info@shop.example');
    expect(token).toEqual(expect.any(String));
    expect(await personByAddress(db, 'info@shop.example')).toBeUndefined();
    expect(await actions.undoNotAPerson(token!)).toBe(true);
    expect(await describeStore(db)).toEqual(before);
  });
});
