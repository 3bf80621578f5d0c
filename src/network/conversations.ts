/**
 * Conversations where the page names none (Roundcube, SOGo, Yahoo, the generic reader): Gmail and
 * Outlook give a thread id; these pages show no Message-ID, In-Reply-To or References. A message
 * then belongs to the conversation of another message when both
 *   - have the same subject once reply and forward marks are taken off ("Re: AW: Offerte" is
 *     "offerte"), in any of the eight languages Kring reads, and
 *   - share a correspondent (the same person, by any of their addresses), and
 *   - lie within CONVERSATION_WINDOW_DAYS of each other (a chain: each message within the window
 *     of the nearest one already in it).
 * Approximate, and said so in the README: two separate conversations with one person under the
 * same subject within a month are one; a reply whose subject was rewritten is a new one. Pure.
 */
import { DAY } from './cadence';

export const CONVERSATION_WINDOW_DAYS = 30;

/**
 * Reply and forward marks: English (Re, Fwd, Fw), Dutch (Antw, Doorst), German (AW, WG), French
 * (TR, Réf), Spanish (RV), Italian (R, I, Rif), Portuguese (Res, Enc), Polish (Odp, PD), and the
 * Nordic SV/VS that mail clients everywhere pass on; with a count ("Re[2]:", "Re(3):").
 */
const MARK = /^(?:re|fwd?|antw|antwoord|doorst|aw|wg|tr|réf|ref|rv|r|i|rif|res|enc|odp|pd|sv|vs)(?:\[\d+\]|\(\d+\))?\s*[:：]\s*/iu;
/** A list's tag at the front: "[openforge-dev] Re: …". */
const TAG = /^\[[^\]]{1,60}\]\s*/u;
const TRAILER = /\s*\((?:fwd|fw)\)\s*$/iu;

/** The subject a conversation goes by: marks and list tags off, spaces collapsed, lower case; null when nothing is left. */
export function conversationSubject(subject: string | null | undefined): string | null {
  if (!subject) return null;
  let s = subject.normalize('NFC').replace(/\s+/gu, ' ').trim();
  if (s.length > 1000) s = s.slice(0, 1000);
  for (let i = 0; i < 20; i++) {
    const next = s.replace(MARK, '').replace(TAG, '').replace(TRAILER, '').trim();
    if (next === s) break;
    s = next;
  }
  s = s.toLowerCase();
  return s.length ? s : null;
}

/** A short, stable key for a conversation subject (FNV-1a, 32 bits): enough to tell subjects apart, not to read them back. */
export function subjectKey(subject: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < subject.length; i++) h = Math.imul(h ^ subject.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36);
}

const PREFIX = '~';

/** The thread id Kring gives a conversation it recognised itself: the subject's key and its first message seen. */
export const derivedThreadId = (key: string, sourceId: string) => `${PREFIX}${key}:${sourceId}`;

/** The subject key of a thread id Kring made itself; null for a page's own thread id. */
export const derivedKey = (threadId: string | null | undefined): string | null => {
  if (!threadId?.startsWith(PREFIX)) return null;
  const end = threadId.indexOf(':');
  return end > 1 ? threadId.slice(1, end) : null;
};

export interface KnownMessage {
  /** The person (or, for someone not yet stored, their address) the message was with. */
  who: string;
  at: number;
  threadId: string;
}

/**
 * The conversation a message with subject key `key` at `at`, with these correspondents, joins: the
 * nearest known message in time with the same key and one of the same people, within the window.
 */
export function findConversation(known: readonly KnownMessage[], key: string, who: ReadonlySet<string>, at: number): string | null {
  let best: KnownMessage | null = null;
  for (const m of known) {
    if (!who.has(m.who) || derivedKey(m.threadId) !== key) continue;
    const d = Math.abs(m.at - at);
    if (d > CONVERSATION_WINDOW_DAYS * DAY) continue;
    if (!best || d < Math.abs(best.at - at) || (d === Math.abs(best.at - at) && m.threadId < best.threadId)) best = m;
  }
  return best?.threadId ?? null;
}
