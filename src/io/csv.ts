/**
 * CSV contacts in, a Google-compatible file out. Pure.
 * Parsing uses papaparse (maintained, RFC 4180 quoting, guesses the delimiter: comma, semicolon
 * as Excel writes in much of Europe, tab). Columns are found by their header names: Google's old
 * and new layouts, Thunderbird's, Outlook's in English, Dutch, German, French and Japanese; in any
 * other table, the column whose cells are addresses. A row that cannot be read is skipped with its
 * line and reason.
 */
import Papa from 'papaparse';
import { cleanRecord, ImportError, LIMITS, normaliseEmail, problemText, type ContactRecord, type ContactsRead, type ReadProblem } from './contacts';

const norm = (h: string) => h.replace(/^\uFEFF/, '').trim().toLowerCase();
const cols = (headers: string[], re: RegExp) => headers.map((h, i) => (re.test(norm(h)) ? i : -1)).filter((i) => i >= 0);

/**
 * Address columns by header: Google "E-mail 1 - Value", Outlook "E-mail Address" / "E-mail 2
 * Address" (en), "E-mailadres 2" (nl), "E-Mail-Adresse" / "E-Mail 2: Adresse" (de), "Adresse de
 * messagerie 2" (fr), "電子メール アドレス" (ja), Thunderbird "Primary Email" / "Secondary Email", or a
 * plain "Email" / "E-mail" / "Mail". Not the type and display-name columns beside them.
 */
const EMAIL_HEADER = /^(e-?mail( \d+)?( - value| address)?|(primary|secondary) email|email address|e-?mail ?adres( \d+)?|e-mail-adresse|e-mail \d+: adresse|adresse de messagerie( \d+)?|adresse e-?mail|courriel|correo electr[oó]nico|電子メール ?アドレス( \d+)?|mail)$/u;
const NAME = /^(name|full name|display name|naam|volledige naam|weergavenaam|anzeigename|vollständiger name|nom complet|表示名)$/u;
const FIRST = /^(first name|given name|voornaam|vorname|prénom|prenom|名)$/u;
const MIDDLE = /^(middle name|additional name|middelste naam|tweede voornaam|weitere vornamen|deuxième prénom|ミドル ネーム)$/u;
const LAST = /^(last name|family name|surname|achternaam|nachname|nom|姓)$/u;
const NOTES = /^(notes|note|notities|notitie|opmerkingen|notizen|メモ)$/u;
const TAGS = /^(labels|group membership|categories|categorieën|kategorien|catégories|分類)$/u;

/** Google's system groups, written as labels: not the user's tags. */
const SYSTEM_GROUP = /^(my ?contacts|starred)$/i;

/** Columns chosen by the user in the preview, by position: addresses, and the name's parts in order. */
export interface ColumnChoice {
  emails: number[];
  name: number[];
}

export function readContactsCsv(text: string, choice?: ColumnChoice): ContactsRead {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t', '|'] });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes' || e.code === 'MissingQuotes');
  if (fatal) throw new ImportError(`unbalanced quotes (${fatal.message}): is the file cut short?`, `line ${(fatal.row ?? 0) + 1}`);
  const [headers, ...rows] = parsed.data;
  if (!headers) throw new ImportError('the file is empty');
  if (rows.length > LIMITS.contacts) throw new ImportError(`${rows.length} rows; Kring imports at most ${LIMITS.contacts} at once`);
  const valid = (xs: number[]) => xs.filter((i) => Number.isInteger(i) && i >= 0 && i < headers.length);
  let emailCols = choice ? valid(choice.emails) : cols(headers, EMAIL_HEADER);
  if (emailCols.length === 0 && !choice) {
    // Any other table: the columns whose filled cells are mostly addresses (in the first 200 rows).
    const sample = rows.slice(0, 200);
    emailCols = headers
      .map((_, i) => {
        const filled = sample.map((r) => (r[i] ?? '').trim()).filter(Boolean);
        return filled.length > 0 && filled.filter((v) => normaliseEmail(v.split(/\s*[;,]\s*/)[0]!) !== null).length >= filled.length / 2 ? i : -1;
      })
      .filter((i) => i >= 0);
  }
  if (emailCols.length === 0) throw new ImportError('no column of e-mail addresses (Google: "E-mail 1 - Value"; Outlook: "E-mail Address")', 'line 1');
  const name = choice ? undefined : cols(headers, NAME)[0];
  const first = choice ? undefined : cols(headers, FIRST)[0];
  const middle = choice ? undefined : cols(headers, MIDDLE)[0];
  const last = choice ? undefined : cols(headers, LAST)[0];
  const nameCols = choice ? valid(choice.name) : name !== undefined ? [name] : [first, middle, last].filter((i): i is number => i !== undefined);
  const notes = cols(headers, NOTES)[0];
  const tags = cols(headers, TAGS)[0];
  const cell = (row: string[], i: number | undefined) => (i === undefined ? '' : (row[i] ?? '').trim());
  const records: ContactRecord[] = [];
  const problems: ReadProblem[] = [];
  rows.forEach((row, r) => {
    const where = `line ${r + 2}`;
    if (row.length !== headers.length && row.length > 1) {
      problems.push({ where, reason: problemText(`${row.length} fields where the header has ${headers.length}`) });
      return;
    }
    const composed = nameCols.map((i) => cell(row, i)).filter(Boolean).join(' ');
    try {
      records.push(
        cleanRecord(
          {
            name: composed || null,
            // A cell may hold several addresses (" ::: " in Google's exports).
            emails: emailCols.flatMap((i) => cell(row, i).split(/\s*:::\s*|\s*;\s*/)).filter(Boolean),
            notes: cell(row, notes),
            // Google writes "* myContacts ::: Client"; Outlook "Client;Friends".
            tags: cell(row, tags)
              .split(/\s*:::\s*|;/)
              .map((t) => t.replace(/^\*\s*/, '').trim())
              .filter((t) => t && !SYSTEM_GROUP.test(t)),
          },
          where,
        ),
      );
    } catch (e) {
      problems.push({ where, reason: problemText((e as Error).message.replace(`${where}: `, '')) });
    }
  });
  if (records.length === 0 && problems.length > 0) throw new ImportError(`no row could be read; the first: ${problems[0]!.where}: ${problems[0]!.reason}`);
  return { records, problems, columns: { headers: headers.map((h) => h.replace(/^\uFEFF/, '').trim()), emails: emailCols, name: nameCols } };
}

/** The rows that can be read (`readContactsCsv` says which could not, and which columns it used). */
export function parseContactsCsv(text: string): ContactRecord[] {
  return readContactsCsv(text).records;
}

/** Cells that a spreadsheet would run as a formula are written as text (CSV injection). */
export function safeCell(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** Google Contacts' import columns. */
export function serializeGoogleCsv(records: ContactRecord[]): string {
  const maxEmails = Math.max(1, ...records.map((r) => r.emails.length));
  const header = ['First Name', 'Middle Name', 'Last Name', 'Notes', 'Labels'];
  for (let i = 1; i <= maxEmails; i++) header.push(`E-mail ${i} - Label`, `E-mail ${i} - Value`);
  const rows = records.map((r) => {
    const words = (r.name ?? '').trim().split(/\s+/).filter(Boolean);
    const firstName = words[0] ?? '';
    const lastName = words.slice(1).join(' ');
    const cells = [firstName, '', lastName, r.notes, ['* myContacts', ...r.tags].join(' ::: ')];
    for (let i = 0; i < maxEmails; i++) cells.push(r.emails[i] ? (i === 0 ? '* Work' : 'Other') : '', r.emails[i] ?? '');
    return cells.map(safeCell);
  });
  return `${Papa.unparse([header, ...rows], { newline: '\r\n', quotes: true })}\r\n`;
}
