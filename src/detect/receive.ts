/**
 * What is done to a detection where it is received, not in the tab: the background's schema does it
 * to every item a content script sends (src/messaging/protocol.ts), and `detect` (./index.ts) does
 * the same for tests and the CLI, so fixtures show what the store gets. A content script runs in
 * every webmail tab all day; what need not happen there does not (issue 22: the heap each tab holds).
 *  - A date the detector left as the page printed it (`atText`) is read (./dates.ts).
 *  - Each person's address is checked (a person whose address is not one is dropped) and their
 *    name tidied (whitespace, an address for a name): Gmail's detector sends what its chips say.
 *  - The same person in the same role is kept once (Gmail repeats a chip in a message's header).
 * Each step leaves what is already finished as it is, so a detector may do it itself.
 */
import { readPrintedDate } from './dates';
import { asEmail, cleanName } from './text';
import type { DetectedItem, DetectedPerson, Detection } from './types';

export function receiveItem<T extends DetectedItem>(item: T): Omit<T, 'atText'> {
  const read = readPrintedDate(item);
  const people = oncePerRole(checked(read.people));
  return people === read.people ? read : { ...read, people };
}

/** Addresses checked, names tidied; the same array when every person already was. */
export function checked<P extends DetectedPerson>(people: P[]): P[] {
  let out: P[] | null = null;
  for (let k = 0; k < people.length; k++) {
    const p = people[k]!;
    const email = p.email === null ? null : asEmail(p.email);
    const name = cleanName(p.name);
    const same = email === p.email && name === p.name;
    if (same) {
      out?.push(p);
      continue;
    }
    out ??= people.slice(0, k);
    if (p.email !== null && email === null) continue;
    out.push({ ...p, email, name });
  }
  return out ?? people;
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
