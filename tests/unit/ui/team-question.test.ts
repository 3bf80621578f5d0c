// Issue 21: what the People search asks the team about.
import { describe, expect, it } from 'vitest';
import { teamQuestion } from '../../../src/ui/popup/Team';

describe('a search that asks the team', () => {
  it.each([
    ['who knows pieter@devries-advies.nl?', { address: 'pieter@devries-advies.nl' }],
    ['Pieter@DevRies-Advies.nl', { address: 'pieter@devries-advies.nl' }],
    ['wie kent <pieter@devries-advies.nl>', { address: 'pieter@devries-advies.nl' }],
    ['who knows someone at devries-advies.nl?', { domain: 'devries-advies.nl' }],
    ['@gemeente.utrecht.nl', { domain: 'gemeente.utrecht.nl' }],
    ['devries-advies.nl', { domain: 'devries-advies.nl' }],
    ['pieter de vries', null],
    ['devries', null],
    ['3.5 hours', null],
  ])('%j → %j', (query, question) => expect(teamQuestion(query)).toEqual(question));
});
