/**
 * Turning a validated detection into stored people and interactions. The only writer of captured
 * data. One read-write transaction per detection, so two tabs capturing the same people at once
 * serialise, and every write is idempotent: keys derive from (provider, item id, address) and
 * dates merge by max/min, so replaying a detection changes nothing.
 */
import type { DetectionPayload, IngestResult } from '../messaging/protocol';
import { emailContacts, isContact, type Contact } from '../network/direction';
import { betterName, reasonFor, strongerReason } from '../network/reason';
import type { KringDb } from '../store/db';
import { SETTING, ownAddresses } from '../store/settings';
import type { Interaction, Person } from '../store/types';

type Item = DetectionPayload['items'][number];

/** A stable key for an item the page gave no id for: what it showed about it. */
function fallbackId(item: Item): string {
  const basis = [item.subject ?? '', item.at ?? '', ...item.people.map((p) => `${p.role}:${p.email}`)].join('|');
  let h = 0x811c9dc5;
  for (let i = 0; i < basis.length; i++) h = Math.imul(h ^ basis.charCodeAt(i), 0x01000193) >>> 0;
  return `nokey-${h.toString(16)}`;
}

function newId(): string {
  return crypto.randomUUID();
}

export async function ingest(db: KringDb, detection: DetectionPayload, now = Date.now()): Promise<IngestResult> {
  let stored = 0;
  const touched = new Set<string>();
  await db.transaction('rw', [db.people, db.addresses, db.interactions, db.settings], async () => {
    const own = new Set(await ownAddresses(db));
    if (detection.account && !own.has(detection.account)) {
      own.add(detection.account);
      await db.settings.put({ key: SETTING.ownAddresses, value: [...own].sort() });
    }
    for (const item of detection.items) {
      if (item.kind !== 'email') continue; // meetings arrive with the calendar detectors
      const sourceId = item.id ?? fallbackId(item);
      const at = item.at ? Date.parse(item.at) : now;
      for (const contact of emailContacts(item.people, own)) {
        const added = await record(db, detection.provider, sourceId, item, at, item.at === null, contact, now);
        if (added) {
          stored++;
          touched.add(added);
        }
      }
    }
  });
  return { stored, people: touched.size };
}

/** Store one contact of one item; returns the person id when a new interaction was written. */
async function record(
  db: KringDb,
  provider: string,
  sourceId: string,
  item: Item,
  at: number,
  atEstimated: boolean,
  contact: Contact,
  now: number,
): Promise<string | null> {
  const id = `${provider}:${sourceId}:${contact.email}`;
  if (await db.interactions.get(id)) return null;

  const address = await db.addresses.get(contact.email);
  let person = address ? await db.people.get(address.personId) : undefined;
  if (!person) {
    person = {
      id: newId(),
      name: contact.name,
      status: 'seen',
      reason: reasonFor[contact.direction],
      firstContact: 0,
      lastContact: 0,
      lastIn: 0,
      lastOut: 0,
      createdAt: now,
    } satisfies Person;
    await db.addresses.put({ address: contact.email, personId: person.id });
  }
  const counts = isContact(contact.direction);
  const updated: Person = {
    ...person,
    name: betterName(person.name, contact.name),
    reason: strongerReason(person.reason, reasonFor[contact.direction]),
    firstContact: counts ? (person.firstContact ? Math.min(person.firstContact, at) : at) : person.firstContact,
    lastContact: counts ? Math.max(person.lastContact, at) : person.lastContact,
    lastIn: contact.direction === 'in' ? Math.max(person.lastIn, at) : person.lastIn,
    lastOut: contact.direction === 'out' ? Math.max(person.lastOut, at) : person.lastOut,
  };
  await db.people.put(updated);
  const interaction: Interaction = {
    id,
    personId: updated.id,
    address: contact.email,
    provider,
    sourceId,
    threadId: item.threadId ?? null,
    direction: contact.direction,
    at,
    atEstimated,
    subject: item.subject,
  };
  await db.interactions.add(interaction);
  return updated.id;
}
