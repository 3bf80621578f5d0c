/** Schema upgrade at full size from v2 (issue 9); in a file of its own so it runs beside the others. */
import { describe, it } from 'vitest';
import { expectFullUpgrade } from './upgrade-helpers';

describe('schema upgrade from v2', () => {
  it('v2 with 50,000 people and 200,000 interactions upgrades to the current version, counts and content hash kept', () => expectFullUpgrade(2), 240_000);
});
