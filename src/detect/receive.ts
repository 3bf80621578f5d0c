/**
 * What is done to a detection where it is received, not in the tab: the background's schema does it
 * to every item a content script sends (src/messaging/protocol.ts), and `detect` (./index.ts) does
 * the same for tests and the CLI, so fixtures show what the store gets. A content script runs in
 * every webmail tab all day; what need not happen there does not (issue 22: the heap each tab holds).
 *  - A date the detector left as the page printed it (`atText`) is read (./dates.ts).
 *  - The same person in the same role is kept once (Gmail repeats a chip in a message's header).
 */
import { readPrintedDate } from './dates';
import type { DetectedItem, DetectedPerson, Detection } from './types';

export function receiveItem<T extends DetectedItem>(item: T): Omit<T, 'atText'> {
  const read = readPrintedDate(item);
  const people = oncePerRole(read.people);
  return people === read.people ? read : { ...read, people };
}

export function receive(d: Detection): Detection {
  return { ...d, items: d.items.map(receiveItem) };
}

/**
 * Each (role, address) once, the first kept; people with no address once per (role, name). The
 * same array when nothing repeats.
 */
export function oncePerRole<P extends DetectedPerson>(people: P[]): P[] {
  const seen = new Set<string>();
  let out: P[] | null = null;
  for (let k = 0; k < people.length; k++) {
    const p = people[k]!;
    const key = p.email === null ? `${p.role}\n\n${p.name ?? ''}` : `${p.role}\n${p.email}`;
    if (!seen.has(key)) {
      seen.add(key);
      out?.push(p);
    } else out ??= people.slice(0, k);
  }
  return out ?? people;
}
