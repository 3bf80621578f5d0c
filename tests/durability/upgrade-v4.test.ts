/** Schema upgrade from v4 (issue 19: the sync table); only a table is added, so a tenth of the full size. */
import { describe, it } from 'vitest';
import { expectFullUpgrade } from './upgrade-helpers';

describe('schema upgrade from v4', () => {
  it('v4 with 5,000 people and 20,000 interactions upgrades to the current version, counts and content hash kept, the sync table usable', () => expectFullUpgrade(4, { people: 5_000, interactions: 20_000 }), 120_000);
});
