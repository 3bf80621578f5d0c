/** Schema upgrade at full size from v3 (issue 15: people by name); in a file of its own so it runs beside the others. */
import { describe, it } from 'vitest';
import { expectFullUpgrade } from './upgrade-helpers';

describe('schema upgrade from v3', () => {
  it('v3 with 50,000 people and 200,000 interactions upgrades to the current version, counts and content hash kept', () => expectFullUpgrade(3), 240_000);
});
