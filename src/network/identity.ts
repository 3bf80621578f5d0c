/**
 * One person, many addresses. Pure.
 * - mergePeople: what two records become when the user says they are one person.
 * - suggestMerges: never automatic; each suggestion has a reason, and a "not the same person"
 *   answer (a dismissed pair) is remembered.
 */
import type { Person } from '../model/types';
import { normaliseName } from './names';
import { betterName, strongerReason } from './reason';

const minNonZero = (a: number, b: number) => (a && b ? Math.min(a, b) : a || b);

/** `keep` absorbs `other`: history, notes, tags and addresses are combined by the caller's store. */
export function mergePeople(keep: Person, other: Person): Person {
  const notes = [keep.notes, other.notes].map((n) => n.trim()).filter(Boolean);
  const network = keep.status === 'network' || other.status === 'network';
  return {
    ...keep,
    name: betterName(keep.name, other.name),
    status: network ? 'network' : 'seen',
    reason: strongerReason(keep.reason, other.reason),
    firstContact: minNonZero(keep.firstContact, other.firstContact),
    lastContact: Math.max(keep.lastContact, other.lastContact),
    lastIn: Math.max(keep.lastIn, other.lastIn),
    lastOut: Math.max(keep.lastOut, other.lastOut),
    lastSeen: Math.max(keep.lastSeen, other.lastSeen),
    createdAt: minNonZero(keep.createdAt, other.createdAt),
    notes: [...new Set(notes)].join('\n\n'),
    tags: [...new Set([...keep.tags, ...other.tags])].sort(),
    cadenceDays: keep.status === 'network' ? keep.cadenceDays : other.status === 'network' ? other.cadenceDays : keep.cadenceDays,
    snoozedUntil: Math.max(keep.snoozedUntil, other.snoozedUntil),
    addedAt: network ? minNonZero(keep.status === 'network' ? keep.addedAt : 0, other.status === 'network' ? other.addedAt : 0) : 0,
  };
}

export type SuggestionReason = 'same-name' | 'same-local-part';
export interface Suggestion {
  a: string;
  b: string;
  reason: SuggestionReason;
}

/** The key a dismissed pair is remembered under. */
export const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Personal mail providers: the same local part there says nothing. */
const FREE_MAIL = new Set(
  'gmail.com googlemail.com outlook.com hotmail.com hotmail.nl live.com live.nl msn.com yahoo.com yahoo.co.uk icloud.com me.com mac.com aol.com proton.me protonmail.com gmx.net gmx.de web.de ziggo.nl kpnmail.nl planet.nl xs4all.nl home.nl hetnet.nl telenet.be skynet.be'.split(' '),
);
const TWO_PART_SUFFIX = /\.(co|com|org|net|ac|gov)\.[a-z]{2}$/;

/** "mail.acme.co.uk" → "acme": the organisation's own label. */
function organisation(domain: string): string | null {
  if (FREE_MAIL.has(domain)) return null;
  const labels = domain.replace(TWO_PART_SUFFIX, '.x').split('.');
  return labels.length >= 2 ? labels[labels.length - 2]! : null;
}

export function suggestMerges(
  people: readonly Pick<Person, 'id' | 'name'>[],
  addresses: readonly { address: string; personId: string }[],
  dismissed: ReadonlySet<string>,
): Suggestion[] {
  const out = new Map<string, Suggestion>();
  const add = (a: string, b: string, reason: SuggestionReason) => {
    const key = pairKey(a, b);
    if (a !== b && !dismissed.has(key) && !out.has(key)) out.set(key, { a: a < b ? a : b, b: a < b ? b : a, reason });
  };
  const group = (entries: [string, string][], reason: SuggestionReason) => {
    const by = new Map<string, Set<string>>();
    for (const [key, id] of entries) {
      const s = by.get(key) ?? new Set();
      s.add(id);
      by.set(key, s);
    }
    for (const ids of by.values()) {
      const list = [...ids].sort();
      // Large groups are common names or shared inboxes, not one person.
      if (list.length < 2 || list.length > 5) continue;
      for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) add(list[i]!, list[j]!, reason);
    }
  };
  // Full names only: "Jan" at two addresses is two people more often than one.
  group(
    people.filter((p) => p.name && normaliseName(p.name).includes(' ')).map((p) => [normaliseName(p.name!), p.id]),
    'same-name',
  );
  group(
    addresses.flatMap(({ address, personId }) => {
      const [local = '', domain = ''] = address.split('@');
      const org = organisation(domain);
      return org && local.length >= 3 ? [[`${local}@${org}`, personId] as [string, string]] : [];
    }),
    'same-local-part',
  );
  return [...out.values()];
}
