// The sidebar's one-click actions: its frame sits in a page that may hide or cover it, so none of
// them may take someone out of the network or delete anything (issue 16: one click-jacked "not a
// person" deleted a person's whole history). Forget and "not a person" are confirmed in the
// settings page instead (tests/e2e/network.spec.ts).
import { describe, expect, it } from 'vitest';
import { sidebarActions } from '../../../src/background/sidebar';
import { ME, describeStore, email, freshDb, ingest, personByAddress } from '../../helpers/store';

describe('sidebar actions', () => {
  it('are only adding to the network and choosing a cadence', async () => {
    const db = await freshDb('sidebar');
    expect(Object.keys(sidebarActions(db)).sort()).toEqual(['addToNetwork', 'setCadence']);
  });

  it('adding someone keeps everything Kring had of them', async () => {
    const db = await freshDb('sidebar');
    await ingest(db, email('m1', ['pieter@devries.nl', 'Pieter de Vries'], [[ME, null]], '2026-11-17T10:05:00+01:00'));
    const before = await describeStore(db);
    expect(await sidebarActions(db).addToNetwork('pieter@devries.nl', 'Pieter de Vries')).toBe(true);
    expect(await personByAddress(db, 'pieter@devries.nl')).toMatchObject({ status: 'network' });
    expect((await describeStore(db)).interactions).toEqual(before.interactions);
  });
});
