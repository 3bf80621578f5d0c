/** Forgetting built in: people Kring only saw expire; people the user added never do. Pure. */
import type { Person } from '../model/types';
import { DAY } from './cadence';

export const DEFAULT_RETENTION_DAYS = 180;

export function hasExpired(p: Pick<Person, 'status' | 'lastSeen' | 'createdAt'>, now: number, days = DEFAULT_RETENTION_DAYS): boolean {
  return p.status === 'seen' && Math.max(p.lastSeen, p.createdAt) < now - days * DAY;
}
