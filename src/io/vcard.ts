/**
 * vCard 2.1, 3.0 (RFC 2426) and 4.0 (RFC 6350), read as address books really write them; written so
 * a round trip keeps Kring's own fields (X-KRING-*). Pure, and linear in the file's size.
 *
 * Values are parsed by ical.js (Mozilla's parser behind Thunderbird; maintained; 3.0 and 4.0,
 * escapes, several values). ical.js does not read vCard 2.1 (bare parameters such as
 * `EMAIL;PREF;INTERNET:`, quoted-printable in any charset, `BASE64`) and rejects a whole card for
 * one property it cannot parse (Apple's `PHOTO;BASE64:`). No maintained JavaScript library reads
 * 2.1, so each card is first normalised here, the reason this step exists:
 *   - only the properties Kring uses are kept (VERSION, FN, N, EMAIL, NOTE, CATEGORIES, X-KRING-*),
 *     so a photo, a key or an odd address line elsewhere in the card cannot sink it;
 *   - groups (`item1.EMAIL`) and lower-case names are read as the property;
 *   - parameters are dropped (Kring reads none), after quoted-printable and base64 values are
 *     decoded in their declared charset (else UTF-8, else Windows-1252);
 *   - 2.1 values, which escape nothing but `;`, are escaped as 3.0 text; escapes outside the
 *     standard set (`\"`, `\'`, `\:`) lose their backslash.
 * Then the card goes to ical.js as a 3.0 or 4.0 card. A card that still cannot be read is
 * skipped with its line and reason; the rest of the file imports.
 */
import ICAL from 'ical.js';
import { cleanRecord, ImportError, LIMITS, problemText, type ContactRecord, type ContactsRead, type ReadProblem } from './contacts';

// ---------- reading ----------

/** Properties Kring reads; every other one is dropped before parsing. */
const KEPT = /^(VERSION|FN|N|EMAIL|NOTE|CATEGORIES|X-KRING-[A-Z-]+)$/;
/** Text properties whose commas are literal in 2.1 (escaped when the card becomes 3.0). */
const LITERAL_COMMAS = new Set(['FN', 'N', 'NOTE', 'EMAIL']);

function bytesOf(value: string): Uint8Array {
  const out = new Uint8Array(value.length * 3);
  let j = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x3d && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      out[j++] = parseInt(value.slice(i + 1, i + 3), 16);
      i += 2;
    } else if (c < 0x80) out[j++] = c;
    else for (const b of new TextEncoder().encode(value[i]!)) out[j++] = b;
  }
  return out.subarray(0, j);
}

/** Bytes as text in the charset given; without one, UTF-8 where they are valid UTF-8, else Windows-1252. */
function decodeBytes(bytes: Uint8Array, charset: string | null): string {
  if (charset) {
    try {
      return new TextDecoder(/^utf-?8$/i.test(charset) ? 'utf-8' : charset).decode(bytes);
    } catch {
      // an unknown charset: read as below
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function base64Bytes(value: string): Uint8Array {
  const clean = value.replace(/\s+/g, '');
  const bin = atob(clean);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Split at a character outside double quotes (parameter values may quote `;` and `:`). */
function splitUnquoted(s: string, at: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"') quoted = !quoted;
    else if (c === at && !quoted) {
      parts.push(s.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(s.slice(from));
  return parts;
}

/** Where the property's name and parameters end: the first colon outside quotes. */
function headEnd(line: string): number {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) return i;
  }
  return -1;
}

/** Only RFC escapes keep their backslash (`\\`, `\,`, `\;`, `\n`); others are the character. */
const standardEscapes = (v: string) => v.replace(/\\(.)/gs, (all, c: string) => ('\\,;nN'.includes(c) ? all : c));

/** A decoded 2.1 value as 3.0 text: backslashes and line breaks escaped, and commas where literal. */
const as30 = (v: string, name: string) => {
  let out = v.replace(/\\(?!;)/g, '\\\\').replace(/\r\n|\r|\n/g, '\\n');
  if (LITERAL_COMMAS.has(name)) out = out.replace(/,/g, '\\,');
  return out;
};

interface CardLine {
  text: string;
  line: number;
}

/** A property's own problem, with the line it is on. */
class PropertyError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** One card's kept properties, normalised, as a 3.0 or 4.0 card ical.js reads, and each kept line's place in the file. */
function normaliseCard(lines: CardLine[]): { card: string; kept: CardLine[]; version: string } {
  let version = '3.0';
  const kept: CardLine[] = [];
  for (const { text, line } of lines) {
    const end = headEnd(text);
    if (end < 0) continue; // not a property (stray text): nothing Kring reads
    const [nameWithGroup = '', ...params] = splitUnquoted(text.slice(0, end), ';');
    const name = nameWithGroup.slice(nameWithGroup.lastIndexOf('.') + 1).trim().toUpperCase();
    if (!KEPT.test(name)) continue;
    let value = text.slice(end + 1);
    if (name === 'VERSION') {
      version = value.trim();
      continue;
    }
    let encoding: string | null = null;
    let charset: string | null = null;
    for (const p of params) {
      const eq = p.indexOf('=');
      const key = (eq < 0 ? '' : p.slice(0, eq)).trim().toUpperCase();
      const val = (eq < 0 ? p : p.slice(eq + 1)).trim().replace(/^"|"$/g, '');
      if (key === 'ENCODING' || (key === '' && /^(QUOTED-PRINTABLE|BASE64|B|8BIT|7BIT)$/i.test(val))) encoding = val.toUpperCase();
      else if (key === 'CHARSET') charset = val;
    }
    if (encoding === 'QUOTED-PRINTABLE') value = as30(decodeBytes(bytesOf(value), charset), name);
    else if (encoding === 'BASE64' || encoding === 'B') {
      try {
        value = as30(decodeBytes(base64Bytes(value), charset), name);
      } catch {
        throw new PropertyError(`${name} is not valid base64`, line);
      }
    } else if (version === '2.1') value = as30(value, name);
    else value = standardEscapes(value);
    kept.push({ text: `${name}:${value}`, line });
  }
  const v = version === '4.0' ? '4.0' : '3.0';
  return { card: wrap(v, kept.map((k) => k.text)), kept, version: v };
}

const wrap = (version: string, props: string[]) => `BEGIN:VCARD\r\nVERSION:${version}\r\n${props.map((p) => `${p}\r\n`).join('')}END:VCARD\r\n`;

/** The first kept property ical.js cannot read on its own: where a card that failed went wrong. */
function failingLine(kept: CardLine[], version: string): number | null {
  for (const k of kept) {
    try {
      ICAL.parse(wrap(version, [k.text]));
    } catch {
      return k.line;
    }
  }
  return null;
}

type JCardProp = [string, Record<string, unknown>, string, ...unknown[]];

// ical.js unescapes "\\," and "\\n" but leaves "\\;" in plain text values (RFC 6350 §3.4 escapes it).
const unescape = (v: string) => v.replace(/\\;/g, ';');
const text = (v: unknown): string =>
  Array.isArray(v) ? v.filter((x) => typeof x === 'string').map(unescape).join(' ') : typeof v === 'string' ? unescape(v) : '';
/** Every value of a property, as ical.js split them. */
const values = (p: JCardProp) => p.slice(3).map(text);

/** Google's system groups, which its exports write as categories: not the user's tags. */
const SYSTEM_GROUP = /^\*?\s*(my ?contacts|starred)$/i;

function recordOf(props: JCardProp[], where: string): ContactRecord {
  const get = (name: string) => props.filter((p) => p[0] === name);
  const fn = text(get('fn')[0]?.[3]);
  const n = get('n')[0]?.[3];
  const fromN = Array.isArray(n) ? [n[3], n[1], n[2], n[0], n[4]].map(text).filter(Boolean).join(' ') : '';
  const emails = get('email').map((p) => text(p[3]));
  if (emails.length > LIMITS.emailsPerContact) {
    throw new ImportError(`${emails.length} addresses on one card; Kring takes at most ${LIMITS.emailsPerContact}`, where);
  }
  const kring: NonNullable<ContactRecord['kring']> = {};
  const status = text(get('x-kring-status')[0]?.[3]).toLowerCase();
  if (status === 'network' || status === 'seen') kring.status = status;
  const cadence = text(get('x-kring-cadence')[0]?.[3]);
  if (cadence) kring.cadenceDays = cadence === 'none' ? null : Number.parseInt(cadence, 10) || null;
  const last = Date.parse(text(get('x-kring-last-contact')[0]?.[3]));
  if (Number.isFinite(last)) kring.lastContact = last;
  return cleanRecord(
    {
      name: fn || fromN || null,
      emails,
      // A note is one text: ical.js splits a 3.0 note at its unescaped commas, which are the note's own.
      notes: get('note').map((p) => values(p).join(',')).join('\n\n'),
      tags: get('categories')
        .flatMap((p) => values(p).flatMap((v) => v.split(',')))
        .map((t) => t.replace(/^\*\s*/, '').trim())
        .filter((t) => t && !SYSTEM_GROUP.test(t)),
      ...(Object.keys(kring).length ? { kring } : {}),
    },
    where,
  );
}

/** Logical lines of a vCard file with where each began: line ends of any kind, folding, quoted-printable soft breaks. */
function logicalLines(input: string): CardLine[] {
  const physical = input.split(/\r\r\n|\r\n|\n|\r/);
  const out: CardLine[] = [];
  let qp = false;
  for (let i = 0; i < physical.length; i++) {
    const l = physical[i]!;
    const last = out[out.length - 1];
    // A quoted-printable value ending in "=" goes on on the next line, however that line begins
    // (a space there is the value's own).
    if (last && qp && last.text.endsWith('=')) {
      last.text = last.text.slice(0, -1) + l;
      continue;
    }
    if (last && (l.startsWith(' ') || l.startsWith('\t'))) {
      last.text += l.slice(1);
      continue;
    }
    out.push({ text: l, line: i + 1 });
    const end = headEnd(l);
    qp = end > 0 && /;\s*(ENCODING=)?QUOTED-PRINTABLE\s*(;|$)/i.test(l.slice(0, end) + ';');
  }
  return out;
}

/** Every card of a .vcf text: the ones that can be read, and for each that cannot, where and why. */
export function readVCards(input: string, onProgress?: (cards: number) => void): ContactsRead {
  const lines = logicalLines(input);
  const records: ContactRecord[] = [];
  const problems: ReadProblem[] = [];
  let card: CardLine[] | null = null;
  let begin = 0;
  let count = 0;
  const skip = (where: string, reason: string) => problems.push({ where, reason: problemText(reason) });
  /** Read one card; a card that cannot be read is named by the line that failed where that is known, else its BEGIN line. */
  const finish = (cardLines: CardLine[], n: number, begin: number) => {
    const at = (line: number) => `card ${n} (line ${line})`;
    let normal: ReturnType<typeof normaliseCard> | null = null;
    try {
      normal = normaliseCard(cardLines);
      const parsed = ICAL.parse(normal.card) as unknown;
      const jcard = (Array.isArray(parsed) && parsed[0] === 'vcard' ? parsed : (parsed as unknown[])[0]) as [string, JCardProp[]];
      records.push(recordOf(jcard[1], at(begin)));
    } catch (e) {
      if (e instanceof PropertyError) return skip(at(e.line), e.message);
      if (e instanceof ImportError) return skip(at(begin), e.message.replace(/^card \d+ \(line \d+\): /, ''));
      skip(at((normal && failingLine(normal.kept, normal.version)) ?? begin), `cannot be read (${(e as Error).message})`);
    }
  };
  for (const l of lines) {
    const upper = l.text.trim().toUpperCase();
    if (upper === 'BEGIN:VCARD') {
      count++;
      if (onProgress && count % 2000 === 0) onProgress(count);
      if (count > LIMITS.contacts) throw new ImportError(`more than ${LIMITS.contacts} cards; Kring imports at most ${LIMITS.contacts} at once`);
      if (card) skip(`card ${count - 1} (line ${begin})`, 'a new card begins before this one ended (no END:VCARD)');
      card = [];
      begin = l.line;
    } else if (upper === 'END:VCARD') {
      if (!card) {
        skip(`line ${l.line}`, 'END:VCARD without BEGIN:VCARD');
        continue;
      }
      finish(card, count, begin);
      card = null;
    } else if (card) card.push(l);
  }
  if (card) skip(`card ${count} (line ${begin})`, 'the file ends inside a card (no END:VCARD): is it cut short?');
  if (count === 0) throw new ImportError('no BEGIN:VCARD found');
  if (records.length === 0) throw new ImportError(`no card could be read; the first: ${problems[0]!.where}: ${problems[0]!.reason}`);
  return { records, problems };
}

/** The cards that can be read (`readVCards` says which could not). */
export function parseVCards(input: string): ContactRecord[] {
  return readVCards(input).records;
}

export { serializeVCards } from './vcard-write';
