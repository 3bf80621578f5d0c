/** A person's dates, derived from their interactions. Pure; used after merges, undos and forgets. */
import type { Direction } from '../model/types';
import { isContact } from './direction';

export interface Dated {
  direction: Direction;
  at: number;
}

export interface Summary {
  firstContact: number;
  lastContact: number;
  lastIn: number;
  lastOut: number;
  /** The latest interaction of any kind (cc and upcoming included): what retention looks at. */
  lastSeen: number;
}

export function summarize(interactions: Iterable<Dated>): Summary {
  const s: Summary = { firstContact: 0, lastContact: 0, lastIn: 0, lastOut: 0, lastSeen: 0 };
  for (const i of interactions) {
    if (i.direction !== 'upcoming') s.lastSeen = Math.max(s.lastSeen, i.at);
    if (isContact(i.direction)) {
      s.firstContact = s.firstContact ? Math.min(s.firstContact, i.at) : i.at;
      s.lastContact = Math.max(s.lastContact, i.at);
    }
    if (i.direction === 'in') s.lastIn = Math.max(s.lastIn, i.at);
    if (i.direction === 'out') s.lastOut = Math.max(s.lastOut, i.at);
  }
  return s;
}
