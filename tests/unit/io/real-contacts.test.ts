// Contact files as the apps people use write them (issue 18): real exports in
// tests/fixtures/contacts/real (provenance in its README), and the other classes built here from
// the forms those apps write. Each with what a user must get: names, addresses, notes, tags.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFile, ImportError, sniffFormat } from '../../../src/io/contacts';
import { readContactsCsv } from '../../../src/io/csv';
import { parseVCards, readVCards } from '../../../src/io/vcard';
import { FIXTURES } from '../../helpers/fixtures';

const real = (name: string) => decodeFile(new Uint8Array(readFileSync(join(FIXTURES, 'contacts', 'real', name)))).text;
const BSD_NOTE_START = 'THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES';

describe('real exports', () => {
  it('macOS Address Book 3.0: Apple\'s PHOTO;BASE64, groups, \\" and \\: escapes, the whole note', () => {
    const [card, ...rest] = parseVCards(real('mac-address-book-3.0.vcf'));
    expect(rest).toEqual([]);
    expect(card).toMatchObject({ name: 'Mr. John Richter,James Doe Sr.', emails: ['john.doe@ibm.com'], tags: [] });
    expect(card!.notes.startsWith(BSD_NOTE_START)).toBe(true);
    expect(card!.notes).toContain('(INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS');
    expect(card!.notes.endsWith('EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.\nFavotire Color: Blue')).toBe(true);
    expect(card!.notes).not.toContain('\\');
  });

  it('Evolution 3.0: a note folded mid-word keeps every comma; an address folded mid-word; its category', () => {
    const [card] = parseVCards(real('evolution-3.0.vcf'));
    expect(card).toMatchObject({ name: 'Mr. John Richter, James Doe Sr.', emails: ['john.doe@ibm.com'], tags: ['vip'] });
    expect(card!.notes.startsWith(BSD_NOTE_START)).toBe(true);
    expect(card!.notes.endsWith('ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.')).toBe(true);
  });

  it('Gmail: a list of three without a final line end; one contact with five addresses, one grouped, and a note of lines', () => {
    expect(parseVCards(real('gmail-list-3.0.vcf'))).toEqual([
      { name: 'Arnold Smith', emails: ['asmithk@gmail.com'], notes: '', tags: [] },
      { name: 'Chris Beatle', emails: ['chrisy55d@yahoo.com'], notes: '', tags: [] },
      { name: 'Doug White', emails: ['dwhite@gmail.com'], notes: '', tags: [] },
    ]);
    expect(parseVCards(real('gmail-single-3.0.vcf'))).toEqual([
      {
        name: 'VCard Test',
        emails: ['email@example.com', 'homeemail@example.com', 'workemail@example.com', 'otheremail@example.com', 'customcategory@example.com'],
        notes: 'note line 1\nnote line 2\nCustomField: field value',
        tags: [],
      },
    ]);
  });

  it('Horde Turba 2.1: quoted-printable in a declared ISO-8859-1, a soft line break, PHOTO;ENCODING=b', () => {
    expect(readVCards(real('horde-turba-2.1.vcf'))).toEqual({
      records: [{ name: 'Jan Schneiderö', emails: ['jan@horde.org'], notes: 'A German guy (äöü)', tags: [] }],
      problems: [],
    });
  });

  it('KAddressBook 3.0 (kcontacts): LF line ends, VERSION last, another app\'s lower-case X- lines; an Evolution card with its UI-slot parameters', () => {
    expect(parseVCards(real('kaddressbook-3.0.vcf'))).toEqual([expect.objectContaining({ name: 'ian geiser', emails: ['geiseri@yahoo.com'], notes: '', tags: [] })]);
    const [card, ...rest] = parseVCards(real('kaddressbook-evolution-3.0.vcf'));
    expect(rest).toEqual([]);
    expect(card).toMatchObject({ name: 'Test User', tags: [] });
    expect([...card!.emails].sort()).toEqual(['johndoe@abc.com', 'thejoe@abc.com']);
    expect(sniffFormat(real('kaddressbook-3.0.vcf'))).toBe('vcard');
  });

  it('an Android phone 2.1: X-ANDROID-CUSTOM, bare TEL;CELL and EMAIL;HOME, CHARSET on a name; cards without an address read (the import plan skips them)', () => {
    const read = readVCards(real('android-phone-2.1.vcf'));
    expect(read).toEqual({
      records: [
        { name: 'descvs', emails: [], notes: '', tags: [] },
        { name: 'cc', emails: [], notes: '', tags: [] },
        { name: 'qwe', emails: ['wudhxjsjd@qq.com'], notes: 'old', tags: [] },
      ],
      problems: [],
    });
  });

  it('Outlook 2019 2.1: bare parameters, a quoted-printable label with soft line breaks, three addresses', () => {
    expect(readVCards(real('outlook-2019-2.1.vcf'))).toEqual({
      records: [{ name: 'Sir surename secondname forename jun.', emails: ['test1@test1.de', 'test2@test2.de', 'test3@test3.de'], notes: '', tags: [] }],
      problems: [],
    });
  });
});

// ---- Built from the forms the apps write ------------------------------------------------------

const crlf = (...lines: string[]) => lines.join('\r\n') + '\r\n';
const card21 = (...props: string[]) => crlf('BEGIN:VCARD', 'VERSION:2.1', ...props, 'END:VCARD');
const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

describe('vCard 2.1 as Outlook, Android, The Bat! and Netscape write it', () => {
  it('bare parameters, PHOTO;JPEG, a bare ;QUOTED-PRINTABLE with CHARSET, lower-case names', () => {
    const text = card21(
      'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Pe=C3=B1a;Jos=C3=A9;;;',
      'FN;CHARSET=UTF-8;QUOTED-PRINTABLE:Jos=C3=A9 Pe=C3=B1a',
      'TEL;WORK;VOICE:+31 20 123 4567',
      'email;internet:jose@example.mx',
      'EMAIL;PREF;INTERNET:jose.pena@empresa.example',
      'PHOTO;JPEG;ENCODING=BASE64:',
      ' /9j/4AAQSkZJRgABAQAAAQABAAD',
      '',
      'NOTE;ENCODING=QUOTED-PRINTABLE:Eerste regel, met komma=0D=0ATweede regel; puntkomma=',
      ' en meer',
    );
    expect(readVCards(text)).toEqual({
      records: [{ name: 'José Peña', emails: ['jose@example.mx', 'jose.pena@empresa.example'], notes: 'Eerste regel, met komma\nTweede regel; puntkomma en meer', tags: [] }],
      problems: [],
    });
  });

  it('quoted-printable in a declared charset, and without one in a Windows-1252 file', () => {
    const declared = card21('FN;CHARSET=windows-1252;ENCODING=QUOTED-PRINTABLE:Andr=E9 M=FCller', 'EMAIL;INTERNET:andre@muller.example');
    const undeclared = card21('FN;ENCODING=QUOTED-PRINTABLE:Zo=EB Visser', 'EMAIL;INTERNET:zoe@visser.example');
    expect(parseVCards(declared)[0]!.name).toBe('André Müller');
    expect(parseVCards(undeclared)[0]!.name).toBe('Zoë Visser');
  });

  it('Apple\'s bare PHOTO;BASE64 and ENCODING=b do not sink the card, and an error never quotes a photo', () => {
    const photo = 'A'.repeat(24_000);
    const text = crlf('BEGIN:VCARD', 'VERSION:3.0', 'FN:Lena Visser', `PHOTO;BASE64:${photo}`, 'EMAIL:lena@visser.design', 'END:VCARD', 'BEGIN:VCARD', 'VERSION:3.0', 'FN:Ok', 'PHOTO;ENCODING=b;TYPE=JPEG:AAAA', 'EMAIL:ok@x.nl', 'END:VCARD');
    expect(parseVCards(text).map((r) => r.emails[0])).toEqual(['lena@visser.design', 'ok@x.nl']);
    const broken = crlf('BEGIN:VCARD', 'VERSION:3.0', `FN;ENCODING=b:${'!'.repeat(24_000)}`, 'EMAIL:x@x.nl', 'END:VCARD', 'BEGIN:VCARD', 'VERSION:3.0', 'FN:Ok', 'EMAIL:ok@x.nl', 'END:VCARD');
    const read = readVCards(broken);
    expect(read.records.map((r) => r.name)).toEqual(['Ok']);
    expect(read.problems).toEqual([{ where: 'card 1 (line 3)', reason: 'FN is not valid base64' }]); // the line that failed, not the card's first
  });
});

describe('one bad card never sinks the file', () => {
  it('the cards that can be read import; each that cannot is named with its line and reason', () => {
    const text = crlf(
      'BEGIN:VCARD', 'VERSION:3.0', 'FN:Eén', 'EMAIL:een@x.nl', 'END:VCARD',
      'BEGIN:VCARD', 'VERSION:3.0', 'FN:Twee', `${Array.from({ length: 60 }, (_, i) => `EMAIL:a${i}@x.nl`).join('\r\n')}`, 'END:VCARD',
      'BEGIN:VCARD', 'VERSION:3.0', 'FN:Drie', 'EMAIL:drie@x.nl',
      'BEGIN:VCARD', 'VERSION:3.0', 'FN:Vier', 'EMAIL:vier@x.nl', 'END:VCARD',
      'BEGIN:VCARD', 'VERSION:3.0', 'FN:Vijf',
    );
    const read = readVCards(text);
    expect(read.records.map((r) => r.name)).toEqual(['Eén', 'Vier']);
    expect(read.problems).toEqual([
      { where: 'card 2 (line 6)', reason: '60 addresses on one card; Kring takes at most 50' },
      { where: 'card 3 (line 70)', reason: 'a new card begins before this one ended (no END:VCARD)' },
      { where: 'card 5 (line 79)', reason: 'the file ends inside a card (no END:VCARD): is it cut short?' },
    ]);
  });

  it('a file with no readable card is refused, naming the first problem', () => {
    expect(() => readVCards(crlf('BEGIN:VCARD', 'VERSION:3.0', 'FN:Half'))).toThrow(/no card could be read; the first: card 1 \(line 1\): the file ends inside a card/);
    expect(() => readVCards('hello')).toThrow(ImportError);
  });
});

describe('no quiet losses', () => {
  it('a 3.0 note keeps everything after its first comma; Google\'s system groups are not tags; \\" loses its backslash', () => {
    const text = crlf('BEGIN:VCARD', 'VERSION:3.0', 'FN:Pieter', 'EMAIL:p@x.nl', 'NOTE:Ontmoet in Utrecht, samen met Jan, in mei', 'CATEGORIES:myContacts,Klant', 'CATEGORIES:* starred', 'END:VCARD',
      'BEGIN:VCARD', 'VERSION:3.0', 'FN:Zeg \\"hoi\\"', 'EMAIL:z@x.nl', "NOTE:it\\'s fine", 'END:VCARD');
    expect(parseVCards(text)).toEqual([
      { name: 'Pieter', emails: ['p@x.nl'], notes: 'Ontmoet in Utrecht, samen met Jan, in mei', tags: ['klant'] },
      { name: 'Zeg "hoi"', emails: ['z@x.nl'], notes: "it's fine", tags: [] },
    ]);
  });
});

describe('encodings and line ends', () => {
  const vcf = crlf('BEGIN:VCARD', 'VERSION:3.0', 'FN:Zoë Ødegård', 'EMAIL:zoe@odegard.no', 'END:VCARD');
  const utf16 = (s: string, le: boolean) => {
    const out: number[] = [];
    for (const ch of s) {
      const c = ch.charCodeAt(0);
      out.push(...(le ? [c & 0xff, c >> 8] : [c >> 8, c & 0xff]));
    }
    return out;
  };
  it('UTF-16 with or without a byte-order mark, either byte order', () => {
    for (const [b, enc] of [
      [bytes([0xff, 0xfe], utf16(vcf, true)), 'utf-16le'],
      [bytes([0xfe, 0xff], utf16(vcf, false)), 'utf-16be'],
      [bytes(utf16(vcf, true)), 'utf-16le'],
      [bytes(utf16(vcf, false)), 'utf-16be'],
    ] as const) {
      const d = decodeFile(b);
      expect(d.encoding).toBe(enc);
      expect(parseVCards(d.text)[0]!.name).toBe('Zoë Ødegård');
    }
  });
  it('Windows-1252 without a declaration is read as such and marked a guess; a declared charset is used', () => {
    const latin = bytes('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zo', [0xeb], ' ', [0xd8], 'deg', [0xe5], 'rd\r\nEMAIL:zoe@odegard.no\r\nEND:VCARD\r\n');
    const d = decodeFile(latin);
    expect(d).toMatchObject({ encoding: 'windows-1252', guessed: true });
    expect(parseVCards(d.text)[0]!.name).toBe('Zoë Ødegård');
    const declared = bytes('BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=ISO-8859-2:Wac', [0xb3], 'aw\r\nEMAIL:w@x.pl\r\nEND:VCARD\r\n');
    expect(decodeFile(declared)).toMatchObject({ encoding: 'iso-8859-2', guessed: false });
    expect(parseVCards(decodeFile(declared).text)[0]!.name).toBe('Wacław');
  });
  it('a UTF-8 character split by line folding, and CR CR LF line ends', () => {
    const e = [...new TextEncoder().encode('ë')];
    const split = bytes('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zo', [e[0]!], '\r\n ', [e[1]!], ' Visser\r\nEMAIL:zoe@visser.example\r\nEND:VCARD\r\n');
    expect(decodeFile(split)).toMatchObject({ encoding: 'utf-8', guessed: false });
    expect(parseVCards(decodeFile(split).text)[0]!.name).toBe('Zoë Visser');
    const crcrlf = 'BEGIN:VCARD\r\r\nVERSION:3.0\r\r\nFN:Lange\r\r\n  Naam\r\r\nEMAIL:l@x.nl\r\r\nEND:VCARD\r\r\n';
    expect(parseVCards(crcrlf)).toEqual([{ name: 'Lange Naam', emails: ['l@x.nl'], notes: '', tags: [] }]);
  });
});

describe('CSV as people have it', () => {
  it('Outlook in Dutch, German and French, semicolon-separated as Excel writes in Europe, with a byte-order mark', () => {
    const nl = '\uFEFF"Voornaam";"Middelste naam";"Achternaam";"E-mailadres";"E-mailtype";"Weergavenaam e-mail";"E-mailadres 2";"Notities";"Categorieën"\r\n"Maria";"";"Jansen";"m.jansen@rijnmond-zorg.nl";"SMTP";"Maria Jansen (m.jansen@rijnmond-zorg.nl)";"maria@jansen.example";"Zorg, regio Rijnmond";"Klant;Zorg"\r\n';
    expect(readContactsCsv(decodeFile(bytes(nl)).text)).toEqual({
      records: [{ name: 'Maria Jansen', emails: ['m.jansen@rijnmond-zorg.nl', 'maria@jansen.example'], notes: 'Zorg, regio Rijnmond', tags: ['klant', 'zorg'] }],
      problems: [],
      columns: { headers: ['Voornaam', 'Middelste naam', 'Achternaam', 'E-mailadres', 'E-mailtype', 'Weergavenaam e-mail', 'E-mailadres 2', 'Notities', 'Categorieën'], emails: [3, 6], name: [0, 1, 2] },
    });
    const de = 'Vorname;Weitere Vornamen;Nachname;E-Mail-Adresse;E-Mail-Typ;E-Mail 2: Adresse;Notizen;Kategorien\r\nJürgen;;Weiß;j.weiss@firma.de;SMTP;;Kennt Anna;Kunde\r\n';
    expect(readContactsCsv(de).records).toEqual([{ name: 'Jürgen Weiß', emails: ['j.weiss@firma.de'], notes: 'Kennt Anna', tags: ['kunde'] }]);
    const fr = 'Prénom,Deuxième prénom,Nom,Adresse de messagerie,Type de messagerie,Adresse de messagerie 2,Notes,Catégories\r\nCéline,,Dupont,celine@dupont.fr,SMTP,c.dupont@mairie.fr,,Client\r\n';
    expect(readContactsCsv(fr).records).toEqual([{ name: 'Céline Dupont', emails: ['celine@dupont.fr', 'c.dupont@mairie.fr'], notes: '', tags: ['client'] }]);
  });

  it('Outlook\'s whole German export header (92 columns, type and display-name columns beside each address)', () => {
    const header = 'Anrede,Vorname,Weitere Vornamen,Nachname,Suffix,Firma,Abteilung,Position,Straße geschäftlich,Straße geschäftlich 2,Straße geschäftlich 3,Ort geschäftlich,Region geschäftlich,Postleitzahl geschäftlich,Land/Region geschäftlich,Straße privat,Straße privat 2,Straße privat 3,Ort privat,Bundesland/Kanton privat,Postleitzahl privat,Land/Region privat,Weitere Straße,Weitere Straße 2,Weitere Straße 3,Weiterer Ort,Weiteres/r Bundesland/Kanton,Weitere Postleitzahl,Weiteres/e Land/Region,Telefon Assistent,Fax geschäftlich,Telefon geschäftlich,Telefon geschäftlich 2,Rückmeldung,Autotelefon,Telefon Firma,Fax privat,Telefon (privat),Telefon (privat 2),ISDN,Mobiltelefon,Weiteres Fax,Weiteres Telefon,Pager,Haupttelefon,Mobiltelefon 2,Telefon für Hörbehinderte,Telex,Abrechnungsinformation,Assistent(in),Benutzer 1,Benutzer 2,Benutzer 3,Benutzer 4,Beruf,Büro,E-Mail-Adresse,E-Mail-Typ,E-Mail: Angezeigter Name,E-Mail 2: Adresse,E-Mail 2: Typ,E-Mail 2: Angezeigter Name,E-Mail 3: Adresse,E-Mail 3: Typ,E-Mail 3: Angezeigter Name,Empfohlen von,Geburtstag,Geschlecht,Hobby,Initialen,Internet Frei/Gebucht,Jahrestag,Kategorien,Kinder,Konto,Name des/r Vorgesetzten,Notizen,Organisationsnr.,Ort,Partner,Postfach geschäftlich,Postfach privat,Priorität,Privat,Reisekilometer,Sozialversicherungsnr.,Sprache,Stichwörter,Vertraulichkeit,Verzeichnisserver,Webseite,Weiteres Postfach,Spalte1,Spalte2';
    const columns = header.split(',');
    const values: Record<string, string> = { Anrede: 'Herr', Vorname: 'Jürgen', Nachname: 'Weiß', Firma: 'Weiß GmbH', 'E-Mail-Adresse': 'j.weiss@weiss-gmbh.de', 'E-Mail-Typ': 'SMTP', 'E-Mail: Angezeigter Name': 'Jürgen Weiß (j.weiss@weiss-gmbh.de)', 'E-Mail 2: Adresse': 'juergen@weiss.example', 'E-Mail 2: Typ': 'SMTP', Kategorien: 'Kunde;Messe', Notizen: 'Kennt Anna, seit 2019' };
    const row = columns.map((c) => `"${values[c] ?? ''}"`).join(',');
    const read = readContactsCsv(`${header}\r\n${row}\r\n`);
    expect(read.records).toEqual([{ name: 'Jürgen Weiß', emails: ['j.weiss@weiss-gmbh.de', 'juergen@weiss.example'], notes: 'Kennt Anna, seit 2019', tags: ['kunde', 'messe'] }]);
    expect(read.columns!.emails.map((i) => columns[i])).toEqual(['E-Mail-Adresse', 'E-Mail 2: Adresse', 'E-Mail 3: Adresse']);
  });

  it('Thunderbird\'s CSV, a tab-separated file, and a plain list whose address column has another name', () => {
    const tb = 'First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Notes\r\nTom,Hendriks,Tom Hendriks,,tom@hendriks.example,t.hendriks@werk.example,\r\n';
    expect(readContactsCsv(tb).records).toEqual([{ name: 'Tom Hendriks', emails: ['tom@hendriks.example', 't.hendriks@werk.example'], notes: '', tags: [] }]);
    const tab = 'Naam\tMail\r\nLena Visser\tlena@visser.design\r\n';
    expect(readContactsCsv(tab).records).toEqual([{ name: 'Lena Visser', emails: ['lena@visser.design'], notes: '', tags: [] }]);
    const plain = 'Wie,Contact,Plaats\r\nPiet,piet@devries.example,Utrecht\r\nKees,kees@bakker.example,Delft\r\n';
    const read = readContactsCsv(plain);
    expect(read.columns).toEqual({ headers: ['Wie', 'Contact', 'Plaats'], emails: [1], name: [] });
    expect(read.records.map((r) => r.emails[0])).toEqual(['piet@devries.example', 'kees@bakker.example']);
    expect(sniffFormat(plain)).toBe('csv');
    // The user names the columns in the preview: the name is in "Wie".
    expect(readContactsCsv(plain, { emails: [1], name: [0] }).records.map((r) => [r.name, r.emails[0]])).toEqual([['Piet', 'piet@devries.example'], ['Kees', 'kees@bakker.example']]);
    // A chosen column of no addresses: rows without an address, which the preview skips and says why.
    expect(readContactsCsv(plain, { emails: [2], name: [0] }).records.map((r) => [r.name, r.emails])).toEqual([['Piet', []], ['Kees', []]]);
  });

  it('a row that cannot be read is skipped with its line; the rest imports', () => {
    const read = readContactsCsv('Name,E-mail Address\r\nAnna,anna@x.nl\r\nBroken,b@x.nl,extra,fields\r\nKees,kees@x.nl\r\n');
    expect(read.records.map((r) => r.name)).toEqual(['Anna', 'Kees']);
    expect(read.problems).toEqual([{ where: 'line 3', reason: '4 fields where the header has 2' }]);
  });
});
