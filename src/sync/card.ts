/**
 * One person as one vCard on a CardDAV server (issue 19). Kring's fields are written into the card;
 * every other line (phones, postal addresses, photos, other apps' X- properties, the groups that
 * label them) is kept byte for byte, and the lines of a field that did not change are kept as the
 * server had them, so a card whose content is unchanged is not rewritten. Pure.
 */
import { ImportError } from '../io/contacts';
import { readVCards } from '../io/vcard';
import { esc, fold, splitName } from '../io/vcard-write';

/** What Kring keeps of a person on the server. Interaction history stays on the device. */
export interface SyncFields {
  name: string | null;
  emails: string[];
  notes: string;
  tags: string[];
  status: 'seen' | 'network';
  cadenceDays: number | null;
  /** Epoch ms; 0 for none. */
  lastContact: number;
}

export interface Card {
  uid: string;
  version: '3.0' | '4.0';
  fields: SyncFields;
  /** The card's REV as epoch ms; 0 when it has none. */
  rev: number;
  /** Logical lines Kring does not own, as the card had them (folding included). */
  foreign: string[];
  /** The card as the server gave it. */
  raw: string;
}

/** Properties Kring writes; every other property belongs to someone else and is kept. */
const OWNED = /^(BEGIN|END|VERSION|UID|REV|FN|N|EMAIL|NOTE|CATEGORIES|X-KRING-[A-Z-]+)$/;

interface Line {
  /** The property's name without its group, upper case. */
  name: string;
  /** The line as the card had it, folds and all. */
  raw: string;
  /** Unfolded. */
  text: string;
}

function linesOf(text: string): Line[] {
  const out: Line[] = [];
  for (const physical of text.split(/\r\n|\n|\r/)) {
    const last = out[out.length - 1];
    if (last && (physical.startsWith(' ') || physical.startsWith('\t'))) {
      last.raw += `\r\n${physical}`;
      last.text += physical.slice(1);
      continue;
    }
    if (!physical) continue;
    const head = /^[^:;]*/.exec(physical)![0];
    out.push({ name: head.slice(head.lastIndexOf('.') + 1).toUpperCase(), raw: physical, text: physical });
  }
  return out;
}

const valueOf = (l: Line | undefined) => (l ? l.text.slice(l.text.indexOf(':') + 1).trim() : '');

/** A card from the server: Kring's fields read as the importer reads them, the rest kept. */
export function parseCard(raw: string): Card {
  const lines = linesOf(raw);
  const uid = valueOf(lines.find((l) => l.name === 'UID')).replace(/^urn:uuid:/i, '');
  if (!uid) throw new ImportError('the card has no UID');
  const { records } = readVCards(raw);
  const r = records[0]!;
  const revText = valueOf(lines.find((l) => l.name === 'REV'));
  const rev = revText ? Date.parse(revText.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})/, '$1-$2-$3T$4:$5:$6')) : 0;
  return {
    uid,
    version: valueOf(lines.find((l) => l.name === 'VERSION')) === '4.0' ? '4.0' : '3.0',
    fields: {
      name: r.name,
      emails: r.emails,
      notes: r.notes,
      tags: r.tags,
      // A contact added elsewhere (a phone, Thunderbird) is someone the user keeps: the network.
      status: r.kring?.status ?? 'network',
      cadenceDays: r.kring && 'cadenceDays' in r.kring ? (r.kring.cadenceDays ?? null) : null,
      lastContact: r.kring?.lastContact ?? 0,
    },
    rev: Number.isFinite(rev) ? rev : 0,
    foreign: lines.filter((l) => !OWNED.test(l.name)).map((l) => l.raw),
    raw,
  };
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
const revStamp = (now: number) => new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Kring's lines for one field, written fresh. */
function fieldLines(key: keyof SyncFields, f: SyncFields, version: '3.0' | '4.0'): string[] {
  switch (key) {
    case 'name': {
      const [family, given] = splitName(f.name ?? '');
      return [`FN:${esc(f.name ?? f.emails[0] ?? '')}`, `N:${esc(family)};${esc(given)};;;`];
    }
    case 'emails':
      return f.emails.map((e, i) => (version === '4.0' ? `EMAIL${i === 0 ? ';PREF=1' : ''}:${e}` : `EMAIL;TYPE=INTERNET${i === 0 ? ',PREF' : ''}:${e}`));
    case 'notes':
      return f.notes ? [`NOTE:${esc(f.notes)}`] : [];
    case 'tags':
      return f.tags.length ? [`CATEGORIES:${f.tags.map(esc).join(',')}`] : [];
    case 'status':
      return [`X-KRING-STATUS:${f.status}`];
    case 'cadenceDays':
      return [`X-KRING-CADENCE:${f.cadenceDays ?? 'none'}`];
    case 'lastContact':
      return f.lastContact ? [`X-KRING-LAST-CONTACT:${new Date(f.lastContact).toISOString()}`] : [];
  }
}

/** Which owned property holds which field. */
const FIELD_OF: Record<string, keyof SyncFields> = { FN: 'name', N: 'name', EMAIL: 'emails', NOTE: 'notes', CATEGORIES: 'tags', 'X-KRING-STATUS': 'status', 'X-KRING-CADENCE': 'cadenceDays', 'X-KRING-LAST-CONTACT': 'lastContact' };
const FIELDS: (keyof SyncFields)[] = ['name', 'emails', 'notes', 'tags', 'status', 'cadenceDays', 'lastContact'];

function changedFields(a: SyncFields, b: SyncFields): Set<keyof SyncFields> {
  const out = new Set<keyof SyncFields>();
  if (a.name !== b.name) out.add('name');
  if (!sameSet(a.emails, b.emails)) out.add('emails');
  if (a.notes !== b.notes) out.add('notes');
  if (!sameSet(a.tags, b.tags)) out.add('tags');
  if (a.status !== b.status) out.add('status');
  if (a.cadenceDays !== b.cadenceDays) out.add('cadenceDays');
  if (a.lastContact !== b.lastContact) out.add('lastContact');
  return out;
}

/**
 * The card to send for `fields`: a new card when there is none on the server, else the server's
 * card with only the changed fields' lines replaced (in place, the rest as it was). Returns the
 * server's text unchanged when nothing changed.
 */
export function writeCard(base: Card | null, uid: string, fields: SyncFields, now: number, version: '3.0' | '4.0' = '3.0'): string {
  if (!base) {
    const lines = ['BEGIN:VCARD', `VERSION:${version}`, `UID:urn:uuid:${uid}`, ...FIELDS.flatMap((k) => fieldLines(k, fields, version)), `REV:${revStamp(now)}`, 'END:VCARD'];
    return `${lines.map(fold).join('\r\n')}\r\n`;
  }
  const changed = changedFields(base.fields, fields);
  // A card written by another app may lack Kring's own lines: those count as changed when Kring has a value.
  const present = new Set(linesOf(base.raw).map((l) => FIELD_OF[l.name]).filter(Boolean));
  for (const k of FIELDS) if (!present.has(k) && fieldLines(k, fields, base.version).length) changed.add(k);
  if (changed.size === 0) return base.raw;
  const out: string[] = [];
  const written = new Set<keyof SyncFields>();
  for (const l of linesOf(base.raw)) {
    const field = FIELD_OF[l.name];
    if (l.name === 'REV') continue;
    if (l.name === 'END') {
      for (const k of changed) if (!written.has(k)) out.push(...fieldLines(k, fields, base.version).map(fold));
      out.push(`REV:${revStamp(now)}`, l.raw);
      continue;
    }
    if (!field || !changed.has(field)) {
      out.push(l.raw);
      continue;
    }
    // The field's lines go where its first line was.
    if (!written.has(field)) {
      written.add(field);
      out.push(...fieldLines(field, fields, base.version).map(fold));
    }
  }
  return `${out.join('\r\n')}\r\n`;
}

/**
 * The card's content, normalised, to tell a real change from a server's reformatting (Radicale
 * reorders lines and escapes `;` in values; an etag changes with it).
 */
export function contentKey(card: Card): string {
  const norm = (l: string) => l.replace(/\r\n[ \t]/g, '').replace(/\\([;,:])/g, '$1');
  const f = card.fields;
  return JSON.stringify([f.name, [...f.emails].sort(), f.notes, [...f.tags].sort(), f.status, f.cadenceDays, f.lastContact, card.foreign.map(norm).sort()]);
}
