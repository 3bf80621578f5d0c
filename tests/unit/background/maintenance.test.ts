import { describe, expect, it } from 'vitest';
import { maintain } from '../../../src/background/maintenance';
import { DAY } from '../../../src/network/cadence';
import { ME, email, freshDb, ingest } from '../../helpers/store';

describe('maintain', () => {
  it('runs retention and meeting promotion at most once a day', async () => {
    const db = await freshDb('maint');
    const MARCH = Date.parse('2026-03-01T12:00:00Z');
    await ingest(db, email('o1', ['old@x.nl', 'Old Contact'], [[ME, null]], '2026-03-01T10:00:00+01:00'), MARCH);
    const now = MARCH + 200 * DAY;
    expect(await maintain(db, now)).toBe(true);
    expect(await db.people.count()).toBe(0);
    await ingest(db, email('o2', ['older@x.nl', 'Older Contact'], [[ME, null]], '2026-03-01T10:00:00+01:00'), MARCH);
    expect(await maintain(db, now + DAY / 2)).toBe(false);
    expect(await db.people.count()).toBe(1);
    expect(await maintain(db, now + DAY)).toBe(true);
    expect(await db.people.count()).toBe(0);
    await db.delete();
  });
});
