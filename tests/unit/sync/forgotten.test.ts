// Issue 19: the book's list of forgotten people (src/sync/forgotten.ts).
import { describe, expect, it } from 'vitest';
import { isForgottenCard, mergeForgotten, readForgottenCard, writeForgottenCard } from '../../../src/sync/forgotten';

const h = (c: string) => c.repeat(64);

describe('the forgotten list', () => {
  it('is written as a group card with one line per hash and read back, also folded and reordered by a server', () => {
    const text = writeForgottenCard([h('b'), h('a'), h('a')], Date.parse('2026-12-02T10:00:00Z'));
    expect(text).toContain('X-ADDRESSBOOKSERVER-KIND:group');
    expect(isForgottenCard(text)).toBe(true);
    expect(readForgottenCard(text)).toEqual([h('a'), h('b')]);
    // Radicale folds long lines and sorts properties (measured).
    const folded = text.replace(`X-KRING-FORGOTTEN:${h('a')}`, `X-KRING-FORGOTTEN:${h('a').slice(0, 50)}\r\n ${h('a').slice(50)}`);
    expect(readForgottenCard(folded)).toEqual([h('a'), h('b')]);
  });

  it('takes nothing but 64-digit hashes from a card, and only a card with its UID is the list', () => {
    const hostile = 'BEGIN:VCARD\r\nVERSION:3.0\r\nUID:kring-forgotten\r\nX-KRING-FORGOTTEN:not-a-hash\r\nX-KRING-FORGOTTEN:' + h('c') + 'ff\r\nEMAIL:x@example.org\r\nX-KRING-FORGOTTEN:' + h('d') + '\r\nEND:VCARD\r\n';
    expect(readForgottenCard(hostile)).toEqual([h('d')]);
    expect(isForgottenCard('BEGIN:VCARD\r\nUID:kring-forgotten-not\r\nEND:VCARD')).toBe(false);
    expect(isForgottenCard('BEGIN:VCARD\r\nNOTE:UID:kring-forgotten\r\nEND:VCARD')).toBe(false);
  });

  it('merges three-way: what another device added stays, what this device added joins, what this device un-forgot leaves; a list gone from the server keeps the agreed one', () => {
    expect(mergeForgotten([h('a')], [h('a'), h('b')], [h('c')], [])).toEqual([h('a'), h('b'), h('c')]);
    expect(mergeForgotten([h('a'), h('b')], [h('a'), h('b')], [], [h('a')])).toEqual([h('b')]);
    expect(mergeForgotten([h('a')], null, [h('b')], [])).toEqual([h('a'), h('b')]);
  });
});
