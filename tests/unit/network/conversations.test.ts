// Conversations recognised where the page names none (issue 17): subject marks in eight languages,
// a shared correspondent, a 30-day chain.
import { describe, expect, it } from 'vitest';
import { DAY } from '../../../src/network/cadence';
import { conversationSubject, derivedKey, derivedThreadId, findConversation, subjectKey } from '../../../src/network/conversations';

describe('conversation subject', () => {
  it.each([
    ['Offerte', 'offerte'],
    ['Re: Offerte', 'offerte'],
    ['RE: Fwd: Offerte', 'offerte'],
    ['Re[2]: Offerte', 'offerte'],
    ['Re(3): Offerte', 'offerte'],
    ['Antw: Offerte', 'offerte'],
    ['Doorst: Offerte', 'offerte'],
    ['AW: WG: Offerte', 'offerte'],
    ['TR: Offerte', 'offerte'],
    ['RV: Offerte', 'offerte'],
    ['R: I: Offerte', 'offerte'],
    ['Rif: Offerte', 'offerte'],
    ['Res: Enc: Offerte', 'offerte'],
    ['Odp: PD: Offerte', 'offerte'],
    ['SV: VS: Offerte', 'offerte'],
    ['Ré: Offerte', 'ré: offerte'], // not a mark any client writes: kept
    ['Réf : Offerte', 'offerte'],
    ['[openforge-dev] Re: Release 2.0', 'release 2.0'],
    ['Re: [openforge-dev] Release 2.0', 'release 2.0'],
    ['Offerte (fwd)', 'offerte'],
    ['  Re:   Offerte   voor   2027 ', 'offerte voor 2027'],
    ['Réunion à Zürich', 'réunion à zürich'],
  ])('%j → %j', (raw, want) => {
    expect(conversationSubject(raw)).toBe(want);
  });

  it.each([null, '', '   ', 'Re:', 'Re: Fwd:', '[list]'])('nothing to go by in %j', (raw) => {
    expect(conversationSubject(raw)).toBeNull();
  });

  it('a subject that only starts like a mark is kept whole', () => {
    expect(conversationSubject('Reorganisatie')).toBe('reorganisatie');
    expect(conversationSubject('Iets anders')).toBe('iets anders');
    expect(conversationSubject('Trein: vertraging')).toBe('trein: vertraging');
  });

  it('keys are stable and tell subjects apart; a derived id gives its key back, a page id none', () => {
    expect(subjectKey('offerte')).toBe(subjectKey('offerte'));
    expect(subjectKey('offerte')).not.toBe(subjectKey('offertes'));
    const id = derivedThreadId(subjectKey('offerte'), 'INBOX/7');
    expect(derivedKey(id)).toBe(subjectKey('offerte'));
    expect(derivedKey('18c2f0a9b3e4d5f6')).toBeNull();
    expect(derivedKey(null)).toBeNull();
  });
});

describe('finding the conversation', () => {
  const k = subjectKey('offerte');
  const T0 = Date.parse('2026-10-01T10:00:00Z');
  const known = [
    { who: 'lena', at: T0, threadId: derivedThreadId(k, 'INBOX/1') },
    { who: 'tomas', at: T0, threadId: derivedThreadId(k, 'INBOX/2') },
    { who: 'lena', at: T0 + 90 * DAY, threadId: derivedThreadId(k, 'INBOX/9') },
  ];
  it('the same subject with the same person within 30 days', () => {
    expect(findConversation(known, k, new Set(['lena']), T0 + 2 * DAY)).toBe(derivedThreadId(k, 'INBOX/1'));
  });
  it('not with someone else, not under another subject, not after the window', () => {
    expect(findConversation(known, k, new Set(['anna']), T0 + DAY)).toBeNull();
    expect(findConversation(known, subjectKey('factuur'), new Set(['lena']), T0 + DAY)).toBeNull();
    expect(findConversation(known, k, new Set(['lena']), T0 + 45 * DAY)).toBeNull();
  });
  it('the nearest in time when two would do', () => {
    expect(findConversation(known, k, new Set(['lena']), T0 + 80 * DAY)).toBe(derivedThreadId(k, 'INBOX/9'));
    expect(findConversation(known, k, new Set(['lena', 'tomas']), T0 + DAY)).toBe(derivedThreadId(k, 'INBOX/1'));
  });
});
