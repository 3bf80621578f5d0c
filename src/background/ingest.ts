/**
 * Turning a validated detection into stored people and interactions. The only writer of captured
 * data. One read-write transaction per detection, so two tabs capturing the same people at once
 * serialise, and every write is idempotent: keys derive from (provider, item id, address) and
 * dates merge by max/min, so replaying a detection changes nothing.
 */
import type { DetectionPayload, IngestResult } from '../messaging/protocol';
import { createsPeople, emailContacts, isContact, meetingContacts, type Contact } from '../network/direction';
import { cleanDisplayName, isNameKey, nameKey } from '../network/names';
import { isPossibleContact } from '../network/noise';
import { betterName, reasonFor, strongerReason } from '../network/reason';
import type { KringDb } from '../store/db';
import { addressHashes } from '../store/hash';
import { newPerson, withDue } from '../store/person-record';
import { SETTING, countDetectionFailure, getSetting, ownKeys } from '../store/settings';
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
  const keys = detection.items.flatMap((i) => i.people.flatMap((p) => [p.email, p.name ? nameKey(p.name) : null].filter((k): k is string => k !== null)));
  const hashes = await addressHashes(keys);
  await db.transaction('rw', [db.people, db.addresses, db.interactions, db.settings, db.forgotten, db.ignoreRules], async () => {
    const own = new Set<string>(await ownKeys(db));
    const ignoreRules = (await db.ignoreRules.toArray()).map((r) => r.rule);
    const keepSubjects = await getSetting<boolean>(db, SETTING.keepSubjects, true);
    const forgotten = new Set((await db.forgotten.bulkGet([...hashes.values()])).flatMap((f) => (f ? [f.hash] : [])));
    if (detection.account && !own.has(detection.account)) {
      own.add(detection.account);
      const addresses = await getSetting<string[]>(db, SETTING.ownAddresses, []);
      await db.settings.put({ key: SETTING.ownAddresses, value: [...new Set([...addresses, detection.account])].sort() });
    }
    // Where the page shows the user by name only (Outlook), their name is theirs too.
    if (detection.accountName && !own.has(nameKey(detection.accountName))) {
      own.add(nameKey(detection.accountName));
      const names = await getSetting<string[]>(db, SETTING.ownNames, []);
      await db.settings.put({ key: SETTING.ownNames, value: [...new Set([...names, nameKey(detection.accountName)])].sort() });
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
        if (own.has(contact.email) || forgotten.has(hashes.get(contact.email)!)) continue;
        if (!contact.unresolved && !isPossibleContact(contact.email, own, ignoreRules)) continue;
        // A name Kring knew only as a name, now shown with an address, forgotten under either key.
        if (contact.name && !contact.unresolved && forgotten.has(hashes.get(nameKey(contact.name)) ?? '')) continue;
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

  let address = await db.addresses.get(contact.email);
  if (!address && !contact.unresolved && contact.name) address = await resolveName(db, contact.name, contact.email);
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
    // The same message seen before under the person's name only: already counted.
    if (sameMoment.some((i) => i.direction === contact.direction && i.sourceId === seen.sourceId && i.seenIn !== 'list')) return null;
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

/**
 * Someone known by name only now appears with an address: the address joins that person and their
 * history moves to it. Only when exactly that name is known and the address is new.
 */
async function resolveName(db: KringDb, name: string, email: string) {
  const key = nameKey(name);
  if (!isNameKey(key) || key === `~name:`) return undefined;
  const row = await db.addresses.get(key);
  if (!row) return undefined;
  const resolved = { address: email, personId: row.personId };
  await db.addresses.put(resolved);
  await db.addresses.delete(key);
  await db.interactions
    .where('[personId+at]')
    .between([row.personId, -Infinity], [row.personId, Infinity])
    .filter((i) => i.address === key)
    .modify({ address: email });
  return resolved;
}
