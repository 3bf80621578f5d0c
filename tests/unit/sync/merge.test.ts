// Issue 19: three-way merge of a person's synced fields.
import { describe, expect, it } from 'vitest';
import type { SyncFields } from '../../../src/sync/card';
import { mergeFields, NOTE_MARK } from '../../../src/sync/merge';

const base: SyncFields = { name: 'Pieter de Vries', emails: ['pieter@devries-advies.nl'], notes: 'Koffie', tags: ['klant'], status: 'network', cadenceDays: 30, lastContact: 1000 };
const side = (at: number, f: Partial<SyncFields>) => ({ at, fields: { ...base, ...f } });

describe('three-way merge', () => {
  it('a field one side changed takes that side; the untouched side changes nothing', () => {
    expect(mergeFields(base, side(1, { notes: 'Koffie bij de Dom' }), side(2, {}))).toEqual({ ...base, notes: 'Koffie bij de Dom' });
    expect(mergeFields(base, side(2, {}), side(1, { tags: ['klant', 'utrecht'] }))).toEqual({ ...base, tags: ['klant', 'utrecht'] });
  });

  it('notes in A and tags in B before either syncs: both kept', () => {
    expect(mergeFields(base, side(1, { notes: 'Nieuw' }), side(2, { tags: ['klant', 'fietsen'] }))).toEqual({ ...base, notes: 'Nieuw', tags: ['klant', 'fietsen'] });
  });

  it('the same note edited on both: both texts kept, the newer first, the other marked; merging again adds nothing', () => {
    const merged = mergeFields(base, side(5, { notes: 'Koffie, en fietsen' }), side(9, { notes: 'Koffie bij de Dom' }));
    expect(merged.notes).toBe(`Koffie bij de Dom\n\n${NOTE_MARK}\nKoffie, en fietsen`);
    const again = mergeFields({ ...base, notes: merged.notes }, side(10, { notes: merged.notes }), side(11, { notes: 'Koffie bij de Dom' }));
    expect(again.notes).toBe('Koffie bij de Dom');
  });

  it('addresses and tags: what each side added and removed', () => {
    const merged = mergeFields({ ...base, tags: ['klant', 'oud'] }, side(1, { emails: ['pieter@devries-advies.nl', 'p@a.nl'], tags: ['klant'] }), side(2, { emails: ['p@b.nl'], tags: ['klant', 'oud', 'nieuw'] }));
    expect(merged.emails).toEqual(['p@a.nl', 'p@b.nl']);
    expect(merged.tags).toEqual(['klant', 'nieuw']);
  });

  it('status, cadence and name follow the newer edit; last contact is the later date', () => {
    const merged = mergeFields(base, side(5, { cadenceDays: 14, name: 'P. de Vries', lastContact: 5000 }), side(9, { cadenceDays: 90, name: 'Pieter', lastContact: 3000 }));
    expect(merged).toMatchObject({ cadenceDays: 90, name: 'Pieter', lastContact: 5000 });
  });

  it('a first sync that matched by address merges both, never losing a note', () => {
    const merged = mergeFields(null, side(5, { notes: 'Lokaal', tags: ['klant'], status: 'seen' }), side(9, { notes: 'Van de telefoon', tags: ['familie'], status: 'network' }));
    expect(merged).toMatchObject({ tags: ['klant', 'familie'], status: 'network', notes: `Van de telefoon\n\n${NOTE_MARK}\nLokaal` });
  });
});
