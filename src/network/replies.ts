/**
 * Replies owed, per conversation. Pure.
 * - You owe a reply: their message is the latest in the conversation, it came to you, and you have
 *   not written back for `days` days.
 * - They owe you one: you opened the conversation (its first message Kring has is yours), your
 *   message is the latest, and none of its recipients has answered for `days`. Your answer to a
 *   conversation they opened closes it: nobody owes anything (issue 17: every "thanks, agreed"
 *   otherwise made its reader a debtor).
 * Copies (cc) and meetings do not count as writing. Only conversations whose latest message is at
 * or after `since` are judged; older messages given are read only to know who opened them.
 */
import type { Direction } from '../model/types';
import { DAY } from './cadence';

export const DEFAULT_REPLY_DAYS = 3;

export interface ThreadInteraction {
  personId: string;
  threadId: string | null;
  direction: Direction;
  at: number;
  subject: string | null;
  /** Stored without a date the page showed: not placed in time, so never owed. */
  atEstimated?: boolean;
}

export interface Owed {
  personId: string;
  threadId: string;
  subject: string | null;
  /** When the unanswered message was sent. */
  since: number;
}

export function repliesOwed(interactions: Iterable<ThreadInteraction>, now: number, days = DEFAULT_REPLY_DAYS, since = -Infinity) {
  const threads = new Map<string, ThreadInteraction[]>();
  for (const i of interactions) {
    if (!i.threadId || i.atEstimated || (i.direction !== 'in' && i.direction !== 'out')) continue;
    const list = threads.get(i.threadId);
    if (list) list.push(i);
    else threads.set(i.threadId, [i]);
  }
  const youOwe: Owed[] = [];
  const theyOwe: Owed[] = [];
  for (const [threadId, list] of threads) {
    const latestAt = Math.max(...list.map((i) => i.at));
    if (now - latestAt < days * DAY || latestAt < since) continue;
    const latest = list.filter((i) => i.at === latestAt);
    // A message you sent wins a tie: you have written back.
    const out = latest.filter((i) => i.direction === 'out');
    if (out.length > 0) {
      const firstAt = Math.min(...list.map((i) => i.at));
      // Opened by them (or both at once) and answered by you: closed.
      if (list.some((i) => i.at === firstAt && i.direction === 'in')) continue;
      for (const i of out) theyOwe.push({ personId: i.personId, threadId, subject: i.subject, since: i.at });
    } else for (const i of latest) youOwe.push({ personId: i.personId, threadId, subject: i.subject, since: i.at });
  }
  const oldestFirst = (a: Owed, b: Owed) => a.since - b.since;
  return { youOwe: youOwe.sort(oldestFirst), theyOwe: theyOwe.sort(oldestFirst) };
}
