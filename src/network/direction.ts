/**
 * Who on a detected item is a contact, and in which direction. Pure.
 * - A message from one of the user's own addresses is outgoing to each of its recipients.
 * - Otherwise it is incoming from its sender; the other recipients were cc'd with the user.
 * - The user's own addresses are never contacts.
 * - A mailing list is never a contact (noise.ts isListAddress); a post to a list that did not
 *   address the user personally is seen with its poster, not written to the user ('cc').
 */
import type { Direction } from '../model/types';
import { nameKey } from './names';
import { isListAddress } from './noise';

export interface ItemPerson {
  email: string | null;
  name: string | null;
  role: 'from' | 'to' | 'cc' | 'bcc' | 'recipient' | 'organizer' | 'attendee';
  /** A meeting guest's answer, where the page shows it. */
  response?: 'accepted' | 'declined' | 'tentative' | 'awaiting';
}

export interface Contact {
  /** The address, or for a person shown by name only, their name key (see names.ts). */
  email: string;
  name: string | null;
  direction: Direction;
  /** Known by name only. */
  unresolved?: boolean;
}

/** An address where the page gave one, else the name key; null when the page gave neither. */
export const keyOf = (p: Pick<ItemPerson, 'email' | 'name'>): string | null => p.email ?? (p.name?.trim() ? nameKey(p.name) : null);

const contact = (p: ItemPerson, key: string, direction: Direction): Contact =>
  p.email ? { email: key, name: p.name, direction } : { email: key, name: p.name, direction, unresolved: true };

const RECIPIENT = new Set(['to', 'cc', 'bcc', 'recipient']);

export function emailContacts(people: readonly ItemPerson[], own: ReadonlySet<string>): Contact[] {
  const isList = (p: ItemPerson) => p.email !== null && isListAddress(p.email, p.name);
  const sender = people.find((p) => p.role === 'from' && keyOf(p));
  const senderKey = sender ? keyOf(sender)! : null;
  const fromMe = senderKey ? own.has(senderKey) : false;
  const toList = people.some((p) => RECIPIENT.has(p.role) && isList(p));
  const addressedToMe = people.some((p) => RECIPIENT.has(p.role) && own.has(keyOf(p) ?? ''));
  const out = new Map<string, Contact>();
  // The sender first, so a person who is both sender and recipient reads as "in".
  if (sender && senderKey && !fromMe && !isList(sender)) out.set(senderKey, contact(sender, senderKey, toList && !addressedToMe ? 'cc' : 'in'));
  for (const p of people) {
    const key = keyOf(p);
    if (!key || own.has(key) || out.has(key) || !RECIPIENT.has(p.role) || isList(p)) continue;
    out.set(key, contact(p, key, fromMe ? 'out' : 'cc'));
  }
  return [...out.values()];
}

/**
 * Everyone else at a meeting: a meeting once it has started, upcoming before that. A guest who
 * declined did not meet you.
 */
export function meetingContacts(people: readonly ItemPerson[], own: ReadonlySet<string>, startsAt: number, now: number): Contact[] {
  const direction: Direction = startsAt <= now ? 'meeting' : 'upcoming';
  const out = new Map<string, Contact>();
  for (const p of people) {
    const key = keyOf(p);
    if (!key || own.has(key) || out.has(key) || p.response === 'declined') continue;
    out.set(key, contact(p, key, direction));
  }
  return [...out.values()];
}

/**
 * Mail to more than 20 people and meetings of more than 20 are kept as history for people already
 * known, but create nobody new (folk's rule; research/relationship-tools.md).
 */
export const MAX_PARTICIPANTS_TO_CREATE = 20;

export function createsPeople(kind: 'email' | 'meeting', people: readonly ItemPerson[], moreRecipients: number | 'unknown' = 0): boolean {
  // A meeting counts everyone there (the owner too); an email counts its recipients, those the
  // page folded away ("15 more…") too; folded away uncounted, it may be a crowd: nobody new.
  if (moreRecipients === 'unknown') return false;
  const counted = (kind === 'meeting' ? people.length : people.filter((p) => p.role !== 'from').length) + moreRecipients;
  return counted <= MAX_PARTICIPANTS_TO_CREATE;
}

/** Whether an interaction of this direction counts as contact (resets "last contact"). */
export const isContact = (d: Direction) => d === 'in' || d === 'out' || d === 'meeting' || d === 'manual';
