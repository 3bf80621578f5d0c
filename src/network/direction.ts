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

/** Whether an interaction of this direction counts as contact (resets "last contact"). */
export const isContact = (d: Direction) => d === 'in' || d === 'out' || d === 'meeting';
