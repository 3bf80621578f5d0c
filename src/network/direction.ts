/**
 * Who on a detected item is a contact, and in which direction. Pure.
 * - A message from one of the user's own addresses is outgoing to each of its recipients.
 * - Otherwise it is incoming from its sender; the other recipients were cc'd with the user.
 * - The user's own addresses are never contacts.
 */
import type { Direction } from '../store/types';

export interface ItemPerson {
  email: string | null;
  name: string | null;
  role: 'from' | 'to' | 'cc' | 'bcc' | 'recipient' | 'organizer' | 'attendee';
}

export interface Contact {
  email: string;
  name: string | null;
  direction: Direction;
}

const RECIPIENT = new Set(['to', 'cc', 'bcc', 'recipient']);

export function emailContacts(people: readonly ItemPerson[], own: ReadonlySet<string>): Contact[] {
  const sender = people.find((p) => p.role === 'from' && p.email);
  const fromMe = sender?.email ? own.has(sender.email) : false;
  const out = new Map<string, Contact>();
  // The sender first, so a person who is both sender and recipient reads as "in".
  if (sender?.email && !fromMe) out.set(sender.email, { email: sender.email, name: sender.name, direction: 'in' });
  for (const p of people) {
    if (!p.email || own.has(p.email) || out.has(p.email) || !RECIPIENT.has(p.role)) continue;
    out.set(p.email, { email: p.email, name: p.name, direction: fromMe ? 'out' : 'cc' });
  }
  return [...out.values()];
}

/** Everyone else at a meeting: a meeting once it has started, upcoming before that. */
export function meetingContacts(people: readonly ItemPerson[], own: ReadonlySet<string>, startsAt: number, now: number): Contact[] {
  const direction: Direction = startsAt <= now ? 'meeting' : 'upcoming';
  const out = new Map<string, Contact>();
  for (const p of people) {
    if (!p.email || own.has(p.email) || out.has(p.email)) continue;
    out.set(p.email, { email: p.email, name: p.name, direction });
  }
  return [...out.values()];
}

/**
 * Mail to more than 20 people and meetings of more than 20 are kept as history for people already
 * known, but create nobody new (folk's rule; research/relationship-tools.md).
 */
export const MAX_PARTICIPANTS_TO_CREATE = 20;

export function createsPeople(kind: 'email' | 'meeting', people: readonly ItemPerson[]): boolean {
  // A meeting counts everyone there (the owner too); an email counts its recipients.
  const counted = kind === 'meeting' ? people.length : people.filter((p) => p.role !== 'from').length;
  return counted <= MAX_PARTICIPANTS_TO_CREATE;
}

/** Whether an interaction of this direction counts as contact (resets "last contact"). */
export const isContact = (d: Direction) => d === 'in' || d === 'out' || d === 'meeting' || d === 'manual';
