/** Schema upgrade at full size from v1 (issue 9); in a file of its own so it runs beside the others. */
import { describe, it } from 'vitest';
import { expectFullUpgrade } from './upgrade-helpers';

describe('schema upgrade from v1', () => {
  it('v1 with 50,000 people and 200,000 interactions upgrades to the current version, counts and content hash kept', () => expectFullUpgrade(1), 240_000);
});
