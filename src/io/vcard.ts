/**
 * vCard 4.0 (RFC 6350) and 3.0 (RFC 2426): read as address books really write them, written so a
 * round trip keeps Kring's own fields (X-KRING-*). Pure.
 *
 * Parsing uses ical.js (Mozilla's parser behind Thunderbird; maintained; vCard 3.0 and 4.0,
 * folded lines, groups such as `item1.EMAIL`, escapes, several values): it is sound for what the
 * RFCs allow. What it does not do is quoted-printable, which phones still write in 3.0 (and 2.1)
 * for non-ASCII names; those lines are decoded here first.
 */
import ICAL from 'ical.js';
import { cleanRecord, ImportError, LIMITS, type ContactRecord } from './contacts';

// ---------- reading ----------

function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...new TextEncoder().encode(c));
  }
  try {
    return new TextDecoder(/^utf-?8$/i.test(charset) ? 'utf-8' : charset, { fatal: false }).decode(new Uint8Array(bytes));
  } catch {
    return new TextDecoder('utf-8').decode(new Uint8Array(bytes));
  }
}

/** Rewrite quoted-printable lines (joining their soft line breaks) into plain vCard lines. */
function unQuotedPrintable(text: string): string {
  const lines = text.split(/\r\n|\n|\r/);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (!/;ENCODING=QUOTED-PRINTABLE[;:]/i.test(line.split(':')[0] + ':')) {
      out.push(line);
      continue;
    }
    while (line.endsWith('=') && i + 1 < lines.length) line = line.slice(0, -1) + lines[++i]!;
    const colon = line.indexOf(':');
    const head = line.slice(0, colon);
    const charset = /;CHARSET=([^;:]+)/i.exec(head)?.[1] ?? 'utf-8';
    // Decoded text is written back escaped, as a plain vCard line would carry it (";" separates N's parts).
    const value = decodeQuotedPrintable(line.slice(colon + 1), charset)
      .replace(/\\/g, '\\\\')
      .replace(/,/g, '\\,')
      .replace(/\r?\n/g, '\\n');
    out.push(`${head.replace(/;ENCODING=QUOTED-PRINTABLE/i, '').replace(/;CHARSET=[^;:]+/i, '')}:${value}`);
  }
  return out.join('\r\n');
}

type JCardProp = [string, Record<string, unknown>, string, ...unknown[]];

// ical.js unescapes "\\," and "\\n" but leaves "\\;" in plain text values (RFC 6350 §3.4 escapes it).
const unescape = (v: string) => v.replace(/\\;/g, ';');
const text = (v: unknown): string =>
  Array.isArray(v) ? v.filter((x) => typeof x === 'string').map(unescape).join(' ') : typeof v === 'string' ? unescape(v) : '';

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
      notes: get('note').map((p) => text(p[3])).join('\n\n'),
      tags: get('categories').flatMap((p) => p.slice(3).flatMap((v) => text(v).split(','))),
      ...(Object.keys(kring).length ? { kring } : {}),
    },
    where,
  );
}

/** Every card of a .vcf text; errors name the card and, where known, the line. */
export function parseVCards(input: string): ContactRecord[] {
  const src = unQuotedPrintable(input);
  // Check the structure first: ical.js's messages do not say where a card went wrong.
  const lines = src.split(/\r\n/);
  const cardStarts: number[] = [];
  let open = -1;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!.trim().toUpperCase();
    if (l === 'BEGIN:VCARD') {
      if (open >= 0) throw new ImportError('a new card begins before this one ended (no END:VCARD)', `card ${cardStarts.length} (line ${open + 1})`);
      open = i;
      cardStarts.push(i);
    } else if (l === 'END:VCARD') {
      if (open < 0) throw new ImportError('END:VCARD without BEGIN:VCARD', `line ${i + 1}`);
      open = -1;
    }
  }
  if (open >= 0) throw new ImportError('the file ends inside a card (no END:VCARD): is it cut short?', `card ${cardStarts.length} (line ${open + 1})`);
  if (cardStarts.length === 0) throw new ImportError('no BEGIN:VCARD found');
  if (cardStarts.length > LIMITS.contacts) throw new ImportError(`${cardStarts.length} cards; Kring imports at most ${LIMITS.contacts} at once`);
  const out: ContactRecord[] = [];
  for (let k = 0; k < cardStarts.length; k++) {
    const start = cardStarts[k]!;
    const end = lines.findIndex((l, i) => i > start && l.trim().toUpperCase() === 'END:VCARD');
    const where = `card ${k + 1} (line ${start + 1})`;
    let parsed: unknown;
    try {
      parsed = ICAL.parse(lines.slice(start, end + 1).join('\r\n') + '\r\n');
    } catch (e) {
      throw new ImportError(`cannot be read (${(e as Error).message})`, where);
    }
    const card = (Array.isArray(parsed) && parsed[0] === 'vcard' ? parsed : (parsed as unknown[])[0]) as [string, JCardProp[]];
    out.push(recordOf(card[1], where));
  }
  return out;
}

export { serializeVCards } from './vcard-write';
