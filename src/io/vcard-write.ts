/**
 * Writing vCard 4.0 (RFC 6350) or 3.0, kept apart from the reader so pages that only export
 * (the popup) do not load the parser. Pure.
 */
import type { ContactRecord } from './contacts';


/**
 * Escape a text value (RFC 6350 §3.4). Every line break a note can hold (CR LF, a lone CR or LF,
 * NEL, the Unicode line and paragraph separators, vertical tab, form feed) becomes `\n`: a raw one
 * would end the line, and what follows would be read back as a property of its own (issue 16: a
 * note's lone CR turned into an extra address and X-KRING-STATUS on re-import).
 */
export const esc = (v: string) =>
  v
    .replace(/\\/g, '\\\\')
    .replace(/\r\n|[\r\n\u0085\u2028\u2029\v\f]/g, '\\n')
    .replace(/,/g, '\\,')
    .replace(/;/g, '\\;');

/** Fold at 75 octets (RFC 6350 §3.2), never inside a UTF-8 sequence. */
export function fold(line: string): string {
  const enc = new TextEncoder();
  if (enc.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let cur = '';
  let size = 0;
  for (const ch of line) {
    const n = enc.encode(ch).length;
    if (size + n > (parts.length ? 74 : 75)) {
      parts.push(cur);
      cur = '';
      size = 0;
    }
    cur += ch;
    size += n;
  }
  parts.push(cur);
  return parts.join('\r\n ');
}

export function splitName(name: string): [family: string, given: string] {
  const words = name.trim().split(/\s+/);
  if (words.length < 2) return ['', name.trim()];
  // Dutch surnames keep their particles: "Pieter de Vries" → "de Vries", "Pieter".
  const particles = new Set(['van', 'de', 'der', 'den', 'het', 'ter', 'ten', 'te', "'t", 'von', 'du', 'da', 'di', 'la', 'le']);
  let i = words.length - 1;
  while (i > 1 && particles.has(words[i - 1]!.toLowerCase())) i--;
  return [words.slice(i).join(' '), words.slice(0, i).join(' ')];
}

export function serializeVCards(records: ContactRecord[], version: '4.0' | '3.0' = '4.0'): string {
  const out: string[] = [];
  for (const r of records) {
    const name = r.name ?? r.emails[0] ?? '';
    const [family, given] = splitName(r.name ?? '');
    const lines = ['BEGIN:VCARD', `VERSION:${version}`, `FN:${esc(name)}`, `N:${esc(family)};${esc(given)};;;`];
    r.emails.forEach((e, i) => lines.push(version === '4.0' ? `EMAIL${i === 0 ? ';PREF=1' : ''}:${e}` : `EMAIL;TYPE=INTERNET${i === 0 ? ',PREF' : ''}:${e}`));
    if (r.notes) lines.push(`NOTE:${esc(r.notes)}`);
    if (r.tags.length) lines.push(`CATEGORIES:${r.tags.map(esc).join(',')}`);
    if (r.kring?.status) lines.push(`X-KRING-STATUS:${r.kring.status}`);
    if (r.kring && 'cadenceDays' in r.kring) lines.push(`X-KRING-CADENCE:${r.kring.cadenceDays ?? 'none'}`);
    if (r.kring?.lastContact) lines.push(`X-KRING-LAST-CONTACT:${new Date(r.kring.lastContact).toISOString()}`);
    lines.push('END:VCARD');
    out.push(...lines.map(fold));
  }
  return out.length ? `${out.join('\r\n')}\r\n` : '';
}
