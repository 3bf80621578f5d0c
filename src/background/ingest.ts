/**
 * Turning a validated detection into stored people and interactions. The only writer of captured
 * data. One read-write transaction per detection, so two tabs capturing the same people at once
 * serialise, and every write is idempotent: keys derive from (provider, item id, address) and
 * dates merge by max/min, so replaying a detection changes nothing.
 */
import type { DetectionPayload, IngestResult } from '../messaging/protocol';
import { createsPeople, emailContacts, isContact, meetingContacts, type Contact } from '../network/direction';
import { cleanDisplayName } from '../network/names';
import { isPossibleContact } from '../network/noise';
import { betterName, reasonFor, strongerReason } from '../network/reason';
import type { KringDb } from '../store/db';
import { addressHashes } from '../store/hash';
import { newPerson, withDue } from '../store/person-record';
import { SETTING, countDetectionFailure, getSetting, ownAddresses } from '../store/settings';
import type { Interaction, Person } from '../store/types';

type Item = DetectionPayload['items'][number];

/** A stable key for an item the page gave no id for: what it showed about it. */
function fallbackId(item: Item): string {
  const basis = [item.subject ?? '', item.at ?? '', ...item.people.map((p) => `${p.role}:${p.email}`)].join('|');
  let h = 0x811c9dc5;
  for (let i = 0; i < basis.length; i++) h = Math.imul(h ^ basis.charCodeAt(i), 0x01000193) >>> 0;
  return `nokey-${h.toString(16)}`;
}

interface Seen {
  provider: string;
  sourceId: string;
  item: Item;
  at: number;
  atEstimated: boolean;
  seenIn: 'page' | 'list';
  subject: string | null;
  mayCreate: boolean;
}

export async function ingest(db: KringDb, detection: DetectionPayload, now = Date.now()): Promise<IngestResult> {
  let stored = 0;
  const touched = new Set<string>();
  if (detection.failure) await countDetectionFailure(db, detection.provider, detection.view);
  // Hash before the transaction: awaiting crypto inside it would let IndexedDB commit early.
  const hashes = await addressHashes(detection.items.flatMap((i) => i.people.flatMap((p) => (p.email ? [p.email] : []))));
  await db.transaction('rw', [db.people, db.addresses, db.interactions, db.settings, db.forgotten, db.ignoreRules], async () => {
    const own = new Set(await ownAddresses(db));
    const ignoreRules = (await db.ignoreRules.toArray()).map((r) => r.rule);
    const keepSubjects = await getSetting<boolean>(db, SETTING.keepSubjects, true);
    const forgotten = new Set((await db.forgotten.bulkGet([...hashes.values()])).flatMap((f) => (f ? [f.hash] : [])));
    if (detection.account && !own.has(detection.account)) {
      own.add(detection.account);
      await db.settings.put({ key: SETTING.ownAddresses, value: [...own].sort() });
    }
    for (const item of detection.items) {
      const parsed = item.at ? Date.parse(item.at) : NaN;
      const seen: Seen = {
        provider: detection.provider,
        sourceId: item.id ?? fallbackId(item),
        item,
        at: Number.isFinite(parsed) ? parsed : now,
        atEstimated: !Number.isFinite(parsed),
        seenIn: detection.view === 'list' ? 'list' : 'page',
        subject: keepSubjects ? item.subject : null,
        mayCreate: createsPeople(item.kind, item.people),
      };
      const contacts =
        item.kind === 'email' ? emailContacts(item.people, own) : meetingContacts(item.people, own, seen.at, now);
      for (const contact of contacts) {
        if (!isPossibleContact(contact.email, own, ignoreRules) || forgotten.has(hashes.get(contact.email)!)) continue;
        const personId = await record(db, seen, { ...contact, name: cleanDisplayName(contact.name, contact.email) }, now);
        if (personId) {
          stored++;
          touched.add(personId);
        }
      }
    }
  });
  return { stored, people: touched.size };
}

/** Store one contact of one item; returns the person id when an interaction was written. */
async function record(db: KringDb, seen: Seen, contact: Contact, now: number): Promise<string | null> {
  const id = `${seen.provider}:${seen.sourceId}:${contact.email}`;
  const existing = await db.interactions.get(id);
  // Seen again: nothing to do, unless an upcoming meeting has since taken place.
  if (existing && !(existing.direction === 'upcoming' && contact.direction === 'meeting')) return null;

  const address = await db.addresses.get(contact.email);
  let person = address ? await db.people.get(address.personId) : undefined;
  if (!person) {
    if (!seen.mayCreate) return null;
    person = newPerson(crypto.randomUUID(), contact.name, reasonFor[contact.direction], now);
    await db.addresses.put({ address: contact.email, personId: person.id });
  } else if (!existing && !seen.atEstimated) {
    // A list row and the opened message are the same email: same person, direction and minute.
    const sameMoment = await db.interactions.where('[personId+at]').equals([person.id, seen.at]).toArray();
    const same = sameMoment.filter((i) => i.direction === contact.direction && i.address === contact.email);
    if (seen.seenIn === 'list' && same.length > 0) return null;
    if (seen.seenIn === 'page') await db.interactions.bulkDelete(same.filter((i) => i.seenIn === 'list').map((i) => i.id));
  }
  const counts = isContact(contact.direction);
  const at = seen.at;
  const updated: Person = withDue({
    ...person,
    name: betterName(person.name, contact.name),
    reason: strongerReason(person.reason, reasonFor[contact.direction]),
    firstContact: counts ? (person.firstContact ? Math.min(person.firstContact, at) : at) : person.firstContact,
    lastContact: counts ? Math.max(person.lastContact, at) : person.lastContact,
    lastIn: contact.direction === 'in' ? Math.max(person.lastIn, at) : person.lastIn,
    lastOut: contact.direction === 'out' ? Math.max(person.lastOut, at) : person.lastOut,
    lastSeen: contact.direction === 'upcoming' ? person.lastSeen : Math.max(person.lastSeen, at),
  });
  await db.people.put(updated);
  const interaction: Interaction = {
    id,
    personId: updated.id,
    address: contact.email,
    provider: seen.provider,
    sourceId: seen.sourceId,
    threadId: seen.item.threadId ?? null,
    direction: contact.direction,
    at,
    atEstimated: seen.atEstimated,
    subject: seen.subject,
    seenIn: seen.seenIn,
  };
  await db.interactions.put(interaction);
  return updated.id;
}
