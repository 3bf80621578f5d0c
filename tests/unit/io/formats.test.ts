import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFile, ImportError, sniffFormat, type ContactRecord } from '../../../src/io/contacts';
import { parseContactsCsv, serializeGoogleCsv } from '../../../src/io/csv';
import { parseVCards, readVCards, serializeVCards } from '../../../src/io/vcard';
import { FIXTURES } from '../../helpers/fixtures';

const file = (name: string) => readFileSync(join(FIXTURES, 'contacts', name));
const text = (name: string) => decodeFile(new Uint8Array(file(name))).text;

describe('vCard import, as address books write them', () => {
  it('reads iPhone 3.0 (groups, folding, base64 photo) and Android 3.0 (quoted-printable)', () => {
    const cards = parseVCards(text('phone-3.0.vcf'));
    expect(cards).toEqual([
      {
        name: 'Zoë Ødegård',
        emails: ['zoe@odegard.no', 'zoe.odegard@gmail.com'],
        notes: 'Ontmoet op het congres in Utrecht, samen met Pieter. Wil graag in het voorjaar weer afspreken.',
        tags: ['vrienden', 'noordzee'],
      },
      { name: 'Céline Jansen', emails: ['celine.jansen@bakkerij-bos.nl'], notes: 'Bestelt elke vrijdag\nvoor het kantoor, altijd op tijd. Bel vooraf.', tags: [] },
    ]);
  });
  it('reads 4.0 with LF line ends', () => {
    expect(parseVCards(text('addressbook-4.0.vcf'))).toEqual([{ name: 'Lena Visser', emails: ['lena@visser.design', 'lena.visser@ziggo.nl'], notes: '', tags: ['designer'] }]);
  });
});

describe('CSV import', () => {
  it('reads Google Contacts (today\'s header): quoting, " ::: " lists, labels', () => {
    expect(parseContactsCsv(text('google-contacts.csv'))).toEqual([
      { name: 'Pieter de Vries', emails: ['pieter@devries-advies.nl', 'p.devries@gmail.com'], notes: 'Met at the kickoff, 2024.\nLikes "straight talk".', tags: ['client'] },
      { name: 'Zoë Ødegård', emails: ['zoe@odegard.no'], notes: '', tags: [] },
      { name: 'Maria Jansen', emails: ['m.jansen@rijnmond-zorg.nl', 'maria.jansen@rijnmond-zorg.nl'], notes: '', tags: ['client', 'noordzee'] },
      { name: 'Bakkerij Bos', emails: [], notes: 'No address here', tags: [] },
    ]);
  });
  it('reads Google\'s older header and Outlook\'s', () => {
    expect(parseContactsCsv(text('google-contacts-legacy.csv'))).toEqual([{ name: 'Tom Hendriks', emails: ['tom.hendriks@example.com'], notes: 'Fietst naar werk', tags: ['friends'] }]);
    const outlook = parseContactsCsv(text('outlook-contacts.csv'));
    expect(outlook.map((r) => [r.name, r.emails, r.tags])).toEqual([
      ['Omi Singh', ['omi.singh@gmhc.example'], ['client', 'board']],
      ['Gabe Albert', ['gabe.albert@contoso.nl', 'gabe@albert.example'], []],
      ['=HYPERLINK("http://evil.example","click")', ['formula@evil.example'], []],
    ]);
  });
});

describe('round trips', () => {
  const records: ContactRecord[] = [
    { name: 'Pieter de Vries', emails: ['pieter@devries-advies.nl', 'p.devries@gmail.com'], notes: 'Line one\nLine two; with, punctuation\\ and a backslash', tags: ['client', 'noordzee'], kring: { status: 'network', cadenceDays: 30, lastContact: Date.parse('2026-11-13T08:05:00Z') } },
    { name: 'Zoë Ødegård-Ñúñez met een hele lange naam die over vijfenzeventig tekens heen gaat', emails: ['zoe@odegard.no'], notes: '', tags: [], kring: { status: 'seen', cadenceDays: null } },
  ];
  it.each(['4.0', '3.0'] as const)('vCard %s keeps names, addresses, notes, tags and Kring\'s fields', (version) => {
    const vcf = serializeVCards(records, version);
    expect(vcf).toContain(`VERSION:${version}`);
    expect(vcf.split('\r\n').every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
    expect(parseVCards(vcf)).toEqual(records);
  });
  it('Google CSV keeps names, addresses, notes and tags, and escapes formulas', () => {
    const hostile: ContactRecord = { name: '=HYPERLINK("http://evil.example")', emails: ['x@evil.example'], notes: '+SUM(A1)', tags: ['@work'] };
    const csv = serializeGoogleCsv([...records, hostile]);
    expect(csv).not.toMatch(/(^|,)"[=+\-@]/m);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(csv).toContain(`"'+SUM(A1)"`);
    const back = parseContactsCsv(csv);
    expect(back.slice(0, 2).map(({ name, emails, notes, tags }) => ({ name, emails, notes, tags }))).toEqual(records.map(({ kring, ...r }) => r));
  });
});

describe('bad input gets a clear error naming where', () => {
  const err = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(ImportError);
      return (e as Error).message;
    }
    throw new Error('no error');
  };
  it('a truncated vCard: the cards before the cut import, the cut one is named', () => {
    const whole = text('phone-3.0.vcf');
    const cut = whole.slice(0, whole.lastIndexOf('EMAIL;TYPE=WORK'));
    const read = readVCards(cut);
    expect(read.records.map((r) => r.name)).toEqual(['Zoë Ødegård']);
    expect(read.problems).toEqual([{ where: expect.stringMatching(/^card 2 \(line \d+\)$/), reason: 'the file ends inside a card (no END:VCARD): is it cut short?' }]);
    expect(err(() => parseVCards(whole.slice(0, whole.indexOf('END:VCARD'))))).toMatch(/no card could be read; the first: card 1 \(line 1\): the file ends inside a card/);
  });
  it('a truncated CSV (open quote)', () => {
    const whole = text('google-contacts.csv');
    const cut = whole.slice(0, whole.indexOf('Likes'));
    expect(err(() => parseContactsCsv(cut))).toMatch(/line \d+: unbalanced quotes/);
  });
  it('a wrong format', () => {
    expect(err(() => sniffFormat('\u0089PNG\r\n\u001a\n binary'))).toMatch(/not a vCard/);
    expect(err(() => sniffFormat('{"hello": 1}'))).toMatch(/not a vCard/);
  });
  it('a 50 MB file is refused before reading', () => {
    expect(err(() => decodeFile(new Uint8Array(50 * 1024 * 1024)))).toMatch(/50\.0 MB; Kring reads contact files up to 25 MB/);
  });
  it('a card with 10,000 addresses', () => {
    const big = `BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Spam\r\n${Array.from({ length: 10_000 }, (_, i) => `EMAIL:a${i}@x.nl`).join('\r\n')}\r\nEND:VCARD\r\n`;
    expect(readVCards(`BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ok\r\nEMAIL:ok@x.nl\r\nEND:VCARD\r\n${big}`)).toEqual({
      records: [{ name: 'Ok', emails: ['ok@x.nl'], notes: '', tags: [] }],
      problems: [{ where: 'card 2 (line 6)', reason: '10000 addresses on one card; Kring takes at most 50' }],
    });
  });
  it('not UTF-8: read as Windows-1252, and the preview is told it is a guess', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('BEGIN:VCARD\nFN:Ok\n'), 0xff, 0xfe, 0x41]);
    expect(decodeFile(bytes)).toEqual({ text: 'BEGIN:VCARD\nFN:Ok\nÿþA', encoding: 'windows-1252', guessed: true });
  });
  it('a CSV without an e-mail column', () => {
    expect(err(() => parseContactsCsv('Name,Phone\r\nJan,0612345678\r\n'))).toMatch(/^line 1: no column of e-mail addresses/);
  });
});
