/**
 * The exchange shape every contact format is read into and written from. Pure.
 */
export interface ContactRecord {
  name: string | null;
  emails: string[];
  notes: string;
  tags: string[];
  /** Kring's own fields, kept by vCard round trips as X-KRING-* properties. */
  kring?: { status?: 'seen' | 'network'; cadenceDays?: number | null; lastContact?: number };
}

/** A problem in an input file, naming where it is. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly where?: string,
  ) {
    super(where ? `${where}: ${message}` : message);
    this.name = 'ImportError';
  }
}

export const LIMITS = {
  /** Larger files are refused before reading: a contacts export of 50,000 people is ~10 MB. */
  fileBytes: 25 * 1024 * 1024,
  contacts: 100_000,
  emailsPerContact: 50,
  nameChars: 300,
  noteChars: 20_000,
  tagsPerContact: 50,
};

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;
export const normaliseEmail = (v: string) => {
  const e = v.trim().replace(/^mailto:/i, '').toLowerCase();
  return e.length <= 254 && EMAIL.test(e) ? e : null;
};

/** Refuse a file too big to read, before reading it. */
export function checkFileSize(size: number): void {
  if (size > LIMITS.fileBytes) {
    throw new ImportError(`the file is ${(size / 1048576).toFixed(1)} MB; Kring reads contact files up to ${LIMITS.fileBytes / 1048576} MB`);
  }
}

/** Bytes of a file as text: refuses what is too big or not UTF-8, drops a byte-order mark. */
export function decodeFile(bytes: Uint8Array): string {
  checkFileSize(bytes.byteLength);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    let line = 1;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0x0a) line++;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, i + 1), { stream: true });
      } catch {
        throw new ImportError('the file is not valid UTF-8 text', `line ${line}`);
      }
    }
    throw new ImportError('the file is not valid UTF-8 text');
  }
  return text.replace(/^\uFEFF/, '');
}

export type Format = 'vcard' | 'csv' | 'kring-backup';

/** Which format a text is, from its content (file names lie). */
export function sniffFormat(text: string): Format {
  const head = text.trimStart().slice(0, 400);
  if (/^BEGIN:VCARD/i.test(head)) return 'vcard';
  if (head.startsWith('{') && head.includes('"kring-backup"')) return 'kring-backup';
  const firstLine = head.split(/\r?\n/)[0] ?? '';
  if (firstLine.includes(',') && /e-?mail/i.test(firstLine)) return 'csv';
  throw new ImportError('this is not a vCard (.vcf), a contacts CSV (Google or Outlook) or a Kring backup');
}

/** Clean a record read from a file: bounded, addresses valid and unique. */
export function cleanRecord(r: ContactRecord, where: string): ContactRecord {
  if (r.emails.length > LIMITS.emailsPerContact) {
    throw new ImportError(`${r.emails.length} addresses on one contact; Kring takes at most ${LIMITS.emailsPerContact}`, where);
  }
  const emails = [...new Set(r.emails.map(normaliseEmail).filter((e): e is string => e !== null))];
  return {
    name: r.name?.replace(/\s+/g, ' ').trim().slice(0, LIMITS.nameChars) || null,
    emails,
    notes: r.notes.slice(0, LIMITS.noteChars),
    tags: [...new Set(r.tags.map((t) => t.trim().toLowerCase()).filter(Boolean))].slice(0, LIMITS.tagsPerContact),
    ...(r.kring ? { kring: r.kring } : {}),
  };
}
