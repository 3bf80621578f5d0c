// Issue 16, findings 9-11: what a broken backup, a note with a stray line break and a message body
// with a header-like table could do, each reproduced against the code before its fix.
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect';
import { parseBackup, serializeBackup, BACKUP_FORMAT, BACKUP_VERSION } from '../../src/io/backup';
import { parseVCards } from '../../src/io/vcard';
import { serializeVCards } from '../../src/io/vcard-write';
import { loadDocument } from '../helpers/fixtures';

const person = {
  id: 'p1', name: 'Pieter de Vries', status: 'network', reason: 'they-wrote', firstContact: 1, lastContact: 2, lastIn: 2, lastOut: 0,
  lastSeen: 2, createdAt: 1, cadenceDays: 90, snoozedUntil: 0, addedAt: 1, notes: '', tags: ['klant'],
};
const backup = (people: unknown[]) =>
  JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: '2026-12-01T00:00:00Z', schema: 4, tables: { people, addresses: [], interactions: [], settings: [], forgotten: [], ignoreRules: [], merges: [], dismissedPairs: [] } });

describe('9: a backup whose records have the wrong types is refused, saying where', () => {
  it.each([
    ['tags: null', { ...person, tags: null }, 'people[0]: tags'],
    ['a name that is an object', { ...person, name: { first: 'Pieter' } }, 'people[0]: name'],
    ['a date as text', { ...person, lastContact: '2026-11-01' }, 'people[0]: lastContact'],
    ['an unknown status', { ...person, status: 'admin' }, 'people[0]: status'],
  ])('%s', (_, bad, where) => {
    expect(() => parseBackup(backup([bad]))).toThrow(where);
  });

  it('a setting of the wrong type is refused; a good backup still reads, unknown fields dropped', () => {
    const b = JSON.parse(backup([person]));
    b.tables.settings = [{ key: 'ownAddresses', value: null }];
    expect(() => parseBackup(JSON.stringify(b))).toThrow('settings[0]: value');
    b.tables.settings = [{ key: 'ownAddresses', value: ['me@x.nl'] }, { key: 'somethingNewer', value: { any: 1 } }];
    b.tables.people = [{ ...person, extra: 'dropped' }];
    const ok = parseBackup(JSON.stringify(b));
    expect(ok.tables.people[0]).toEqual(person);
    expect(JSON.parse(serializeBackup(ok)).tables.settings).toHaveLength(2);
  });
});

describe('10: a note with any kind of line break stays one note in an exported vCard', () => {
  it.each([['a lone CR', '\r'], ['LF', '\n'], ['CR LF', '\r\n'], ['NEL', '\u0085'], ['line separator', '\u2028'], ['paragraph separator', '\u2029'], ['vertical tab', '\v'], ['form feed', '\f']])('%s', (_, br) => {
    const note = `Belde op maandag.${br}EMAIL:evil@example.com${br}X-KRING-STATUS:network`;
    for (const version of ['4.0', '3.0'] as const) {
      const text = serializeVCards([{ name: 'Pieter de Vries', emails: ['pieter@devries.nl'], notes: note, tags: [], kring: { status: 'seen', cadenceDays: null } }], version);
      const [card] = parseVCards(text);
      expect(card!.emails).toEqual(['pieter@devries.nl']);
      expect(card!.kring?.status).toBe('seen');
      expect(card!.notes.replace(/\n/g, '')).toBe(note.replace(/[\r\n\u0085\u2028\u2029\v\f]+/g, ''));
    }
  });
});

describe('11: the generic reader takes every role from one header, never from a message body', () => {
  it('a Cc table in the body adds nobody', () => {
    const html = `<!doctype html><html><body><main>
      <h1>Offerte</h1>
      <table class="headers"><tr><th>From:</th><td>Joris Mulder &lt;joris@mulder.example&gt;</td></tr>
        <tr><th>To:</th><td><a href="mailto:sanne@example.test">Sanne</a></td></tr></table>
      <div class="body"><p>Zie hieronder.</p>
        <table><tr><td>Cc:</td><td><a href="mailto:never@mailed.example">Nooit Gemaild</a></td></tr>
        <tr><td>Bcc:</td><td>other@never.example</td></tr></table></div>
    </main></body></html>`;
    const d = detect(loadDocument(html, 'https://webmail.example.test/message/1', true), new URL('https://webmail.example.test/message/1'));
    expect(d.items[0]!.people.map((p) => `${p.role}:${p.email}`)).toEqual(['from:joris@mulder.example', 'to:sanne@example.test']);
  });
});
