// Issue 21: the team's salt when members disagree (two first members who joined at the same moment).
import { describe, expect, it } from 'vitest';
import { teamSalt } from '../../../src/team/team';

const meta = (salt: string) => ({ salt, check: `check-${salt}`, member: 'M' });

describe('teamSalt', () => {
  it('is the salt most books carry, whatever their order', () => {
    const books = new Map([
      ['https://dav.example/team/anna/', meta('A')],
      ['https://dav.example/team/bob/', meta('B')],
      ['https://dav.example/team/carl/', meta('B')],
    ]);
    expect(teamSalt(books)).toBe('B');
    expect(teamSalt(new Map([...books].reverse()))).toBe('B');
  });

  it('between equally many, the one of the first book by address; books without a team card do not count', () => {
    const books = new Map([
      ['https://dav.example/team/gus/', meta('G')],
      ['https://dav.example/team/contacts/', null],
      ['https://dav.example/team/fay/', meta('F')],
    ]);
    expect(teamSalt(books)).toBe('F');
    expect(teamSalt(new Map([['https://dav.example/team/x/', null]]))).toBeNull();
    expect(teamSalt(new Map())).toBeNull();
  });
});
