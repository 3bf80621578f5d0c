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

/** A card or row that could not be read: skipped, with where it is and why (at most 200 characters). */
export interface ReadProblem {
  where: string;
  reason: string;
}

/** What reading a contacts file gave: the contacts, and what was skipped. */
export interface ContactsRead {
  records: ContactRecord[];
  problems: ReadProblem[];
  /** CSV: the header, and the columns (by position) addresses and names were read from. */
  columns?: { headers: string[]; emails: number[]; name: number[] };
}

/** A problem's text for the preview: bounded, so a 25,000-character photo is never quoted whole. */
export const problemText = (reason: string) => (reason.length > 200 ? `${reason.slice(0, 199)}…` : reason);

export interface DecodedFile {
  text: string;
  /** The encoding the text was read in (a WHATWG label: utf-8, utf-16le, windows-1252…). */
  encoding: string;
  /** True when Kring guessed it (no byte-order mark, not UTF-8, no charset declared): the preview says so. */
  guessed: boolean;
}

const decoderFor = (label: string): TextDecoder | null => {
  try {
    return new TextDecoder(label);
  } catch {
    return null;
  }
};

/** UTF-16 without a byte-order mark: every other byte of mostly-ASCII text is zero. */
function utf16Without(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

/** A vCard's line folding taken out at the byte level (CR LF, LF or CR, then a space or tab). */
function unfoldBytes(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let j = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0d || b === 0x0a) {
      let k = i + 1;
      if (b === 0x0d && bytes[k] === 0x0a) k++;
      if (bytes[k] === 0x20 || bytes[k] === 0x09) {
        i = k;
        continue;
      }
    }
    out[j++] = b;
  }
  return out.subarray(0, j);
}

const looksLikeVCard = (bytes: Uint8Array) => /^\s*BEGIN:VCARD/i.test(new TextDecoder('latin1').decode(bytes.subarray(0, 64)));

/**
 * Bytes of a file as text, in linear time: a byte-order mark (UTF-8, UTF-16 either way) decides;
 * UTF-16 without one is recognised; then UTF-8 (a vCard whose folding split a character is
 * unfolded first); then the charset the file declares (`CHARSET=`, `charset=`); else
 * Windows-1252, marked as a guess for the preview. Refuses only what is too big.
 */
export function decodeFile(bytes: Uint8Array): DecodedFile {
  checkFileSize(bytes.byteLength);
  const strip = (t: string) => t.replace(/^\uFEFF/, '');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: strip(new TextDecoder('utf-8').decode(bytes.subarray(3))), encoding: 'utf-8', guessed: false };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: strip(new TextDecoder('utf-16le').decode(bytes.subarray(2))), encoding: 'utf-16le', guessed: false };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: strip(new TextDecoder('utf-16be').decode(bytes.subarray(2))), encoding: 'utf-16be', guessed: false };
  const wide = utf16Without(bytes);
  if (wide) return { text: strip(new TextDecoder(wide).decode(bytes)), encoding: wide, guessed: true };
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  try {
    return { text: strip(utf8.decode(bytes)), encoding: 'utf-8', guessed: false };
  } catch {
    // not UTF-8 as it stands
  }
  if (looksLikeVCard(bytes)) {
    try {
      return { text: strip(utf8.decode(unfoldBytes(bytes))), encoding: 'utf-8', guessed: false };
    } catch {
      // not UTF-8 even unfolded
    }
  }
  // A charset the file declares for itself (vCard 2.1 writers put one on each property that needs it).
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 65536));
  const declared = /charset=["']?([A-Za-z0-9._-]{2,40})/i.exec(head)?.[1]?.toLowerCase();
  if (declared && !/^utf-?8$/.test(declared)) {
    const decoder = decoderFor(declared);
    if (decoder) return { text: strip(decoder.decode(bytes)), encoding: decoder.encoding, guessed: false };
  }
  return { text: strip(new TextDecoder('windows-1252').decode(bytes)), encoding: 'windows-1252', guessed: true };
}

export type Format = 'vcard' | 'csv' | 'kring-backup';

/** Which format a text is, from its content (file names lie). */
export function sniffFormat(text: string): Format {
  const head = text.trimStart().slice(0, 4000);
  if (/^BEGIN:VCARD/i.test(head)) return 'vcard';
  if (head.startsWith('{') && head.includes('"kring-backup"')) return 'kring-backup';
  // A table: a first line of several fields, and somewhere an address (in the header or a row).
  const firstLine = head.split(/\r\n|\n|\r/)[0] ?? '';
  if (/[,;\t|]/.test(firstLine) && !/[\u0000-\u0008\u000e-\u001f]/.test(head) && /@|mail|courriel|messagerie|correo|電子メール/i.test(head)) return 'csv';
  throw new ImportError('this is not a vCard (.vcf), a contacts table (CSV) or a Kring backup');
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
