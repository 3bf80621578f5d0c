/**
 * CSV contacts: Google Contacts and Outlook exports in, a Google-compatible file out. Pure.
 * Parsing uses papaparse (maintained, RFC 4180 quoting, streams large files); columns are found
 * by their header names, so both Google's old and new layouts and Outlook's are read.
 */
import Papa from 'papaparse';
import { cleanRecord, ImportError, LIMITS, type ContactRecord } from './contacts';

const col = (headers: string[], re: RegExp) => headers.map((h, i) => (re.test(h.trim()) ? i : -1)).filter((i) => i >= 0);

export function parseContactsCsv(text: string): ContactRecord[] {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes' || e.code === 'MissingQuotes');
  if (fatal) throw new ImportError(`unbalanced quotes (${fatal.message}): is the file cut short?`, `line ${(fatal.row ?? 0) + 1}`);
  const [headers, ...rows] = parsed.data;
  if (!headers) throw new ImportError('the file is empty');
  if (rows.length > LIMITS.contacts) throw new ImportError(`${rows.length} rows; Kring imports at most ${LIMITS.contacts} at once`);
  // Google: "E-mail 1 - Value"; Outlook: "E-mail Address", "E-mail 2 Address".
  const emailCols = col(headers, /^e-?mail( \d+)?( - value| address)$/i);
  if (emailCols.length === 0) throw new ImportError('no e-mail column (Google: "E-mail 1 - Value"; Outlook: "E-mail Address")', 'line 1');
  const name = col(headers, /^name$/i)[0];
  const first = col(headers, /^(first name|given name)$/i)[0];
  const middle = col(headers, /^(middle name|additional name)$/i)[0];
  const last = col(headers, /^(last name|family name)$/i)[0];
  const notes = col(headers, /^notes$/i)[0];
  const tags = col(headers, /^(labels|group membership|categories)$/i)[0];
  const cell = (row: string[], i: number | undefined) => (i === undefined ? '' : (row[i] ?? '').trim());
  return rows.map((row, r) => {
    const where = `line ${r + 2}`;
    if (row.length !== headers.length && row.length > 1) {
      throw new ImportError(`${row.length} fields where the header has ${headers.length}`, where);
    }
    const composed = [cell(row, first), cell(row, middle), cell(row, last)].filter(Boolean).join(' ');
    return cleanRecord(
      {
        name: cell(row, name) || composed || null,
        // A cell may hold several addresses (" ::: " in Google's exports).
        emails: emailCols.flatMap((i) => cell(row, i).split(/\s*:::\s*|\s*;\s*/)).filter(Boolean),
        notes: cell(row, notes),
        // Google writes "* myContacts ::: Client"; Outlook "Client;Friends".
        tags: cell(row, tags)
          .split(/\s*:::\s*|;/)
          .map((t) => t.replace(/^\*\s*/, '').trim())
          .filter((t) => t && !/^mycontacts$/i.test(t)),
      },
      where,
    );
  });
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
