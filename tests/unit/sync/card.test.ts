// Issue 19: a person as a vCard on a CardDAV server: Kring's fields in, everything else kept.
import { describe, expect, it } from 'vitest';
import { contentKey, parseCard, writeCard, type SyncFields } from '../../../src/sync/card';

const NOW = Date.parse('2026-12-02T10:00:00Z');
// A contact as a phone writes it: grouped lines, a label, phones, a postal address, a photo,
// another app's X- properties, a note with ";" and ",", and no Kring lines at all.
const PHONE = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  'PRODID:-//Apple Inc.//iPhone OS 17.5//EN',
  'N:de Vries;Pieter;;;',
  'FN:Pieter de Vries',
  'ORG:De Vries Advies;',
  'item1.EMAIL;type=INTERNET;type=pref:pieter@devries-advies.nl',
  'item1.X-ABLabel:_$!<Work>!$_',
  'EMAIL;type=INTERNET;type=HOME:p.devries@gmail.com',
  'TEL;type=CELL;type=VOICE;type=pref:+31 6 12345678',
  'item2.ADR;type=WORK;type=pref:;;Oudegracht 1;Utrecht;;3511 AA;Nederland',
  'item2.X-ABADR:nl',
  'NOTE:Koffie bij de Dom; houdt van fietsen\\, zeilen en schaken',
  'PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRof',
  ' Hh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwh',
  'X-SOCIALPROFILE;type=linkedin:https://www.linkedin.com/in/pieterdevries',
  'UID:4F2A0C1E-7B7D-4C52-9E0E-0A1B2C3D4E5F',
  'REV:2026-11-30T08:00:00Z',
  'END:VCARD',
  '',
].join('\r\n');
const foreignOf = (raw: string) => parseCard(raw).foreign;

/** What Radicale does to a stored card (measured, research brief): lines reordered, `;` in a value escaped. */
function radicale(raw: string): string {
  const lines = raw.replace(/\r\n[ \t]/g, '\u0000').split('\r\n').filter(Boolean);
  const body = lines.slice(1, -1).sort().map((l) => (l.startsWith('NOTE:') ? `NOTE:${l.slice(5).replace(/(?<!\\);/g, '\\;')}` : l));
  return `${[lines[0], ...body, lines.at(-1)].map((l) => l!.replace(/\u0000/g, '\r\n ')).join('\r\n')}\r\n`;
}

describe('a card made by another app', () => {
  it('is read: its name, addresses and note; a contact without Kring\'s lines is a network person', () => {
    const card = parseCard(PHONE);
    expect(card.uid).toBe('4F2A0C1E-7B7D-4C52-9E0E-0A1B2C3D4E5F');
    expect(card.fields).toEqual({ name: 'Pieter de Vries', emails: ['pieter@devries-advies.nl', 'p.devries@gmail.com'], notes: 'Koffie bij de Dom; houdt van fietsen, zeilen en schaken', tags: [], status: 'network', cadenceDays: null, lastContact: 0 });
    expect(card.rev).toBe(Date.parse('2026-11-30T08:00:00Z'));
  });

  it('keeps every line Kring does not own byte for byte through three round trips with changes', () => {
    let raw = PHONE;
    const before = foreignOf(PHONE);
    for (const [i, tags] of [['klant'], ['klant', 'utrecht'], ['utrecht']].entries()) {
      const card = parseCard(raw);
      raw = writeCard(card, card.uid, { ...card.fields, tags, cadenceDays: 30 + i }, NOW + i);
      raw = radicale(raw);
      expect(foreignOf(raw).sort()).toEqual([...before].sort().map((l) => l)); // Radicale reorders; nothing else changes
    }
    const end = parseCard(raw).fields;
    expect(end).toMatchObject({ tags: ['utrecht'], cadenceDays: 32, notes: 'Koffie bij de Dom; houdt van fietsen, zeilen en schaken' });
    // The addresses kept their own lines (types, group, label) since they did not change.
    expect(raw).toContain('item1.EMAIL;type=INTERNET;type=pref:pieter@devries-advies.nl');
    expect(raw).toContain('EMAIL;type=INTERNET;type=HOME:p.devries@gmail.com');
  });

  it('is not rewritten when nothing changed: the same text goes back', () => {
    const card = parseCard(PHONE);
    const withKring = writeCard(card, card.uid, { ...card.fields, status: 'network' }, NOW);
    // Kring's own lines were missing: written once …
    expect(withKring).not.toBe(PHONE);
    expect(withKring).toContain('X-KRING-STATUS:network');
    // … and then nothing to write.
    const again = parseCard(withKring);
    expect(writeCard(again, again.uid, again.fields, NOW + 1000)).toBe(withKring);
  });
});

describe('Kring\'s fields', () => {
  const fields: SyncFields = { name: 'Maria Jansen', emails: ['m.jansen@rijnmond-zorg.nl', 'maria@jansen.example'], notes: 'Zorg; regio Rijnmond, sinds 2019\nTweede regel', tags: ['klant', 'zorg'], status: 'network', cadenceDays: 30, lastContact: Date.parse('2026-11-13T08:05:00Z') };

  it('a new card reads back as written, with a UID and REV', () => {
    const raw = writeCard(null, 'a1b2', fields, NOW);
    expect(raw).toMatch(/^BEGIN:VCARD\r\nVERSION:3\.0\r\nUID:urn:uuid:a1b2\r\n/);
    expect(raw).toContain('REV:2026-12-02T10:00:00Z');
    const card = parseCard(raw);
    expect(card).toMatchObject({ uid: 'a1b2', fields, rev: NOW });
  });

  it('a note with ";" and "," survives three round trips through Radicale without gaining backslashes', () => {
    let raw = writeCard(null, 'n1', fields, NOW);
    for (let i = 0; i < 3; i++) {
      raw = radicale(raw);
      const card = parseCard(raw);
      expect(card.fields.notes).toBe(fields.notes);
      raw = writeCard(card, card.uid, { ...card.fields, lastContact: fields.lastContact + i * 1000 }, NOW + i);
    }
    expect(parseCard(raw).fields.notes).toBe(fields.notes);
  });

  it('a changed field replaces its own lines in place: an address removed goes, one added comes, the rest stay', () => {
    const card = parseCard(PHONE);
    const raw = writeCard(card, card.uid, { ...card.fields, emails: ['pieter@devries-advies.nl', 'pieter@nieuw.example'] }, NOW);
    expect(raw).toContain('EMAIL;TYPE=INTERNET:pieter@nieuw.example');
    expect(raw).not.toContain('p.devries@gmail.com');
    expect(parseCard(raw).fields.emails).toEqual(['pieter@devries-advies.nl', 'pieter@nieuw.example']);
    expect(foreignOf(raw)).toEqual(foreignOf(PHONE));
  });

  it('content, not bytes: Radicale\'s reformatting is no change; a real edit is', () => {
    const raw = writeCard(null, 'k1', fields, NOW);
    expect(contentKey(parseCard(radicale(raw)))).toBe(contentKey(parseCard(raw)));
    const edited = writeCard(parseCard(raw), 'k1', { ...fields, tags: ['klant'] }, NOW + 1);
    expect(contentKey(parseCard(edited))).not.toBe(contentKey(parseCard(raw)));
  });

  it('a card without a UID is refused with a clear error', () => {
    expect(() => parseCard('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:X\r\nEND:VCARD\r\n')).toThrow('the card has no UID');
  });
});

describe('vCard 4.0, for a book that takes it', () => {
  it('a new card is written in 4.0 and reads back as written', () => {
    const fields: SyncFields = { name: 'Lena Visser', emails: ['lena@visser.design', 'l.visser@gmail.com'], notes: 'Ontwerp; logo, huisstijl', tags: ['klant'], status: 'network', cadenceDays: 90, lastContact: NOW - 86_400_000 };
    const text = writeCard(null, 'lena-1', fields, NOW, '4.0');
    expect(text).toMatch(/^BEGIN:VCARD\r\nVERSION:4\.0\r\n/);
    expect(text).toContain('EMAIL;PREF=1:lena@visser.design');
    const card = parseCard(text);
    expect(card.version).toBe('4.0');
    expect(card.fields).toEqual(fields);
  });
});


describe('who a card names', () => {
  it("a person Kring knows by name only (Outlook's reading pane) gets no made-up address on their card", async () => {
    const { fieldsOf } = await import('../../../src/sync/loop');
    const { nameKey } = await import('../../../src/network/names');
    const person = { id: 'p', name: 'Jan Jansen', status: 'network', notes: '', tags: [], cadenceDays: null, lastContact: 0 } as unknown as Parameters<typeof fieldsOf>[0];
    expect(fieldsOf(person, [nameKey('Jan Jansen'), 'jan@jansen.example']).emails).toEqual(['jan@jansen.example']);
    const card = writeCard(null, 'u1', fieldsOf(person, [nameKey('Jan Jansen')]), 0);
    expect(card).not.toMatch(/EMAIL/);
    expect(card).toContain('FN:Jan Jansen');
  });
});
