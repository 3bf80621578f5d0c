/**
 * Turning a validated detection into stored people and interactions. The only writer of captured
 * data. One read-write transaction per detection, so two tabs capturing the same people at once
 * serialise, and every write is idempotent: keys derive from (provider, item id, address) and
 * dates merge by max/min, so replaying a detection changes nothing.
 */
import type { DetectionPayload, IngestResult } from '../messaging/protocol';
import { conversationSubject, derivedThreadId, findConversation, subjectKey, type KnownMessage, CONVERSATION_WINDOW_DAYS } from '../network/conversations';
import { DAY } from '../network/cadence';
import { createsPeople, emailContacts, isContact, meetingContacts, type Contact } from '../network/direction';
import { cleanDisplayName, displayNameTails, nameKey } from '../network/names';
import { isPossibleContact } from '../network/noise';
import { betterName, reasonFor, strongerReason } from '../network/reason';
import type { KringDb } from '../store/db';
import { addressHashes } from '../store/hash';
import { newPerson, refreshPerson, withDue } from '../store/person-record';
import { MAX_CROWD_ITEMS, MAX_PENDING_OWN, SETTING, countDetectionDegraded, countDetectionFailure, getSetting, ownKeys, type PendingOwn } from '../store/settings';
import type { Address, Interaction, Person } from '../model/types';

type Item = DetectionPayload['items'][number];

/** 32-bit FNV-1a of a text: a short stable key, not a secret. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** A stable key for an item the page gave no id for: what it showed about it. */
function fallbackId(item: Item): string {
  return `nokey-${fnv1a([item.subject ?? '', item.at ?? '', ...item.people.map((p) => `${p.role}:${p.email}`)].join('|')).toString(16)}`;
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
  /** The page's conversation id, else the one Kring recognises (network/conversations.ts). */
  threadId: string | null;
  /** For an email the page names no conversation for: its subject's key, to find one by. */
  threadKey: string | null;
}

/** A crowd's message or conversation, as `crowdItems` keeps it: a 32-bit FNV-1a hash, base 36. */
const crowdKey = (provider: string, id: string) => fnv1a(`${provider}\u0000${id}`).toString(36);

/** A date further ahead than this is no date a page can mean for a message (issue 16: a row dated 2099). */
const MAIL_AHEAD = 86_400_000;
/** …or for a meeting. */
const MEETING_AHEAD = 2 * 366 * 86_400_000;

export interface IngestOptions {
  /** New people this detection may create at most (the tab's budget; see background/index.ts). */
  maxNewPeople?: number;
}

export async function ingest(db: KringDb, detection: DetectionPayload, now = Date.now(), opts: IngestOptions = {}): Promise<IngestResult> {
  let stored = 0;
  let batchCreated = 0;
  const touched = new Set<string>();
  if (detection.failure) await countDetectionFailure(db, detection.provider, detection.view);
  if (detection.degraded?.length) await countDetectionDegraded(db, detection.provider, detection.view, detection.degraded);
  // Hash before the transaction: awaiting crypto inside it would let IndexedDB commit early.
  const keys = detection.items.flatMap((i) => i.people.flatMap((p) => [p.email, p.name ? nameKey(p.name) : null].filter((k): k is string => k !== null)));
  const hashes = await addressHashes(keys);
  await db.transaction('rw', [db.people, db.addresses, db.interactions, db.settings, db.forgotten, db.ignoreRules], async () => {
    const own = new Set<string>(await ownKeys(db));
    const ignoreRules = (await db.ignoreRules.toArray()).map((r) => r.rule);
    const keepSubjects = await getSetting<boolean>(db, SETTING.keepSubjects, true);
    const forgotten = new Set((await db.forgotten.bulkGet([...hashes.values()])).flatMap((f) => (f ? [f.hash] : [])));
    // The account the page says it is signed in as (and, where it shows the user by name only, that
    // name) is the user on this page; it becomes theirs for good only once they say so (issue 16: a
    // subject such as "Invoice - pieter@…" or a hostile site must not make someone "you").
    const claimed = [detection.account, detection.accountName ? nameKey(detection.accountName) : null].filter((k): k is string => k !== null && !own.has(k));
    if (claimed.length) {
      const rejected = new Set(await getSetting<string[]>(db, SETTING.rejectedOwn, []));
      const pending = await getSetting<PendingOwn[]>(db, SETTING.pendingOwn, []);
      let added = false;
      for (const key of claimed) {
        if (rejected.has(key)) continue;
        own.add(key);
        if (!pending.some((p) => p.key === key) && pending.length < MAX_PENDING_OWN) {
          pending.push({ key, provider: detection.provider, at: now, ...(key === detection.account ? {} : { label: detection.accountName! }) });
          added = true;
        }
      }
      if (added) await db.settings.put({ key: SETTING.pendingOwn, value: pending });
    }
    const crowds = await getSetting<string[]>(db, SETTING.crowdItems, []);
    const crowdSet = new Set(crowds);
    const newCrowds: string[] = [];
    const work: { seen: Seen; contact: Contact; tails: string[] }[] = [];
    for (const item of detection.items) {
      let parsed = item.at ? Date.parse(item.at) : NaN;
      // A date the item cannot have is no date (kept as seen, never as contact).
      if (parsed > now + (item.kind === 'meeting' ? MEETING_AHEAD : MAIL_AHEAD)) parsed = NaN;
      const seen: Seen = {
        provider: detection.provider,
        sourceId: item.id ?? fallbackId(item),
        item,
        at: Number.isFinite(parsed) ? parsed : now,
        atEstimated: !Number.isFinite(parsed),
        seenIn: detection.view === 'list' ? 'list' : 'page',
        subject: keepSubjects ? item.subject : null,
        mayCreate: createsPeople(item.kind, item.people, item.moreRecipients ?? 0),
        threadId: item.threadId ?? null,
        threadKey: null,
      };
      // A message opened as a crowd's is remembered; its row in a list (one correspondent shown)
      // then creates nobody either.
      const ids = [item.id, item.threadId].flatMap((id) => (id ? [crowdKey(detection.provider, id)] : []));
      if (seen.seenIn === 'list' && ids.some((k) => crowdSet.has(k))) seen.mayCreate = false;
      else if (seen.seenIn === 'page' && item.kind === 'email' && !seen.mayCreate) {
        for (const k of ids) if (!crowdSet.has(k)) (crowdSet.add(k), newCrowds.push(k));
      }
      if (item.kind === 'email' && !seen.threadId) {
        // Computed from the page's subject even when subjects are not kept: only the key is stored.
        const conv = conversationSubject(item.subject);
        seen.threadKey = conv ? subjectKey(conv) : null;
      }
      const contacts =
        item.kind === 'email' ? emailContacts(item.people, own) : meetingContacts(item.people, own, seen.at, now);
      for (const contact of contacts) {
        if (own.has(contact.email) || forgotten.has(hashes.get(contact.email)!)) continue;
        if (!contact.unresolved && !isPossibleContact(contact.email, own, ignoreRules)) continue;
        // A name Kring knew only as a name, now shown with an address, forgotten under either key.
        if (contact.name && !contact.unresolved && forgotten.has(hashes.get(nameKey(contact.name)) ?? '')) continue;
        work.push({ seen, contact: { ...contact, name: cleanDisplayName(contact.name, contact.email) }, tails: displayNameTails(contact.name) });
      }
    }
    if (newCrowds.length) await db.settings.put({ key: SETTING.crowdItems, value: [...crowds, ...newCrowds].slice(-MAX_CROWD_ITEMS) });
    // Read what these contacts need in a few bulk reads, decide in memory in order, write in bulk.
    const batch = await Batch.load(db, work);
    batch.maxNewPeople = opts.maxNewPeople ?? Infinity;
    for (const { seen, contact, tails } of work) {
      const personId = batch.record(seen, contact, now, tails);
      if (personId) {
        stored++;
        touched.add(personId);
      }
    }
    await batch.flush();
    batchCreated = batch.created;
  });
  return { stored, people: touched.size, created: batchCreated };
}

const interactionId = (seen: Seen, contact: Contact) => `${seen.provider}:${seen.sourceId}:${contact.email}`;
const momentKey = (personId: string, at: number) => `${personId}|${at}`;

/**
 * The store as one detection's ingest sees it: read in bulk before, changed in memory, written in
 * bulk after, inside the caller's transaction. Decisions are the same as one-at-a-time writes
 * would make, in the same order (the ingest property tests hold it to that).
 */
class Batch {
  private readonly interactions = new Map<string, Interaction | undefined>();
  private readonly addresses = new Map<string, Address | undefined>();
  private readonly people = new Map<string, Person | undefined>();
  /** Stored and pending interactions by person and moment, for the same-message checks. */
  private readonly moments = new Map<string, Interaction[]>();
  private readonly dirtyPeople = new Set<string>();
  private readonly putInteractions = new Map<string, Interaction>();
  private readonly deleteInteractions = new Set<string>();
  private readonly putAddresses = new Map<string, Address>();
  private readonly deleteAddresses = new Set<string>();
  /** Name keys resolved to an address: their stored history moves to the address. */
  private readonly renamed: { personId: string; from: string; to: string }[] = [];
  /**
   * Name keys with no person of their own whose name is exactly one known person's display name:
   * a page showing someone by name only (SOGo's chips) means that person. Nothing is stored for
   * the key; a namesake makes the name stand for nobody.
   */
  private readonly byName = new Map<string, Address>();

  /**
   * People a list row created whom the opened message shows to be one of a crowd (a list row shows
   * one correspondent, not the 24 others): their stored interactions and addresses, so the guess
   * can be taken back. Only people nobody touched since (see `load`).
   */
  private readonly guessed = new Map<string, { interactions: Interaction[]; addresses: string[] }>();
  private readonly deletePeople = new Set<string>();

  /** People whose history changed under them (a list row's direction corrected): dates recomputed after the write. */
  private readonly refresh = new Set<string>();

  /** New people this batch may still create, and how many it did. */
  maxNewPeople = Infinity;
  created = 0;

  private constructor(private readonly db: KringDb) {}

  static async load(db: KringDb, work: { seen: Seen; contact: Contact }[]): Promise<Batch> {
    const b = new Batch(db);
    if (work.length === 0) return b;
    const ids = [...new Set(work.map((w) => interactionId(w.seen, w.contact)))];
    const keys = [...new Set(work.flatMap((w) => [w.contact.email, ...(w.contact.name && !w.contact.unresolved ? [nameKey(w.contact.name)] : [])]))];
    const [interactions, addresses] = await Promise.all([db.interactions.bulkGet(ids), db.addresses.bulkGet(keys)]);
    ids.forEach((id, i) => b.interactions.set(id, interactions[i]));
    keys.forEach((k, i) => b.addresses.set(k, addresses[i]));
    // Names shown alone that Kring knows only as someone's display name (people by name, schema v4).
    const alone = [...new Map(work.filter((w) => w.contact.unresolved && w.contact.name && !b.addresses.get(w.contact.email)).map((w) => [w.contact.email, w.contact.name!])).entries()];
    const namesakes = await Promise.all(alone.map(([, name]) => db.people.where('name').equals(name).limit(2).toArray()));
    alone.forEach(([key], i) => {
      const found = namesakes[i]!;
      if (found.length === 1) {
        b.byName.set(key, { address: key, personId: found[0]!.id });
        b.people.set(found[0]!.id, found[0]);
      }
    });
    const personIds = [...new Set(addresses.flatMap((a) => (a ? [a.personId] : [])))].filter((id) => !b.people.has(id));
    const people = await db.people.bulkGet(personIds);
    personIds.forEach((id, i) => b.people.set(id, people[i]));
    await b.loadGuesses(work);
    const moments = work.flatMap((w) => {
      const a = b.addresses.get(w.contact.email) ?? b.byName.get(w.contact.email) ?? (w.contact.name && !w.contact.unresolved ? b.addresses.get(nameKey(w.contact.name)) : undefined);
      return a && !w.seen.atEstimated ? [[a.personId, w.seen.at] as [string, number]] : [];
    });
    await b.assignThreads(work);
    // Point lookups, issued together. (One anyOf over these compound keys walks the index between
    // them, and person ids are random: that grew with the store; bench/run.ts, ingest.)
    const unique = [...new Map(moments.map((m) => [momentKey(m[0], m[1]), m])).values()];
    const found = await Promise.all(unique.map((m) => db.interactions.where('[personId+at]').equals(m).toArray()));
    for (const list of found) for (const i of list) b.addMoment(i);
    return b;
  }

  /**
   * Give each email the page named no conversation for the conversation it belongs to: the
   * nearest message with the same subject key and one of the same people (stored, or earlier in
   * this batch), else a new one named after it. Oldest first, so one batch decides as the
   * messages were written.
   */
  async assignThreads(work: { seen: Seen; contact: Contact }[]): Promise<void> {
    const items = [...new Set(work.filter((w) => w.seen.threadKey !== null).map((w) => w.seen))].sort((a, b) => a.at - b.at);
    if (items.length === 0) return;
    const whoOf = (contact: Contact): string => {
      const a = this.addresses.get(contact.email) ?? this.byName.get(contact.email) ?? (contact.name && !contact.unresolved ? this.addresses.get(nameKey(contact.name)) : undefined);
      return a ? a.personId : `@${contact.email}`;
    };
    const who = new Map<Seen, Set<string>>();
    for (const w of work) {
      if (w.seen.threadKey === null) continue;
      const set = who.get(w.seen) ?? new Set<string>();
      set.add(whoOf(w.contact));
      who.set(w.seen, set);
    }
    const people = [...new Set([...who.values()].flatMap((s) => [...s]).filter((k) => !k.startsWith('@')))];
    const window = CONVERSATION_WINDOW_DAYS * DAY;
    const from = items[0]!.at - window;
    const to = items[items.length - 1]!.at + window;
    const stored = await Promise.all(people.map((id) => this.db.interactions.where('[personId+at]').between([id, from], [id, to], true, true).toArray()));
    const known: KnownMessage[] = stored.flat().flatMap((i) => (i.threadId && !i.atEstimated ? [{ who: i.personId, at: i.at, threadId: i.threadId }] : []));
    for (const seen of items) {
      const them = who.get(seen)!;
      seen.threadId = findConversation(known, seen.threadKey!, them, seen.at) ?? derivedThreadId(seen.threadKey!, seen.sourceId);
      if (!seen.atEstimated) for (const w of them) known.push({ who: w, at: seen.at, threadId: seen.threadId });
    }
  }

  /**
   * For opened messages that may create nobody: the people in them whom only list rows ever
   * recorded and the user never touched (not in the network, no cadence, notes or tags), with
   * their history, so `record` can take back what a row guessed.
   */
  private async loadGuesses(work: { seen: Seen; contact: Contact }[]): Promise<void> {
    const ids = new Set<string>();
    for (const w of work) {
      if (w.seen.seenIn !== 'page' || w.seen.mayCreate) continue;
      const p = this.personOf(w.contact);
      if (p && p.status === 'seen' && p.addedAt === 0 && p.cadenceDays === null && !p.notes && p.tags.length === 0) ids.add(p.id);
    }
    await Promise.all(
      [...ids].map(async (id) => {
        const interactions = await this.db.interactions.where('[personId+at]').between([id, -Infinity], [id, Infinity]).limit(21).toArray();
        if (interactions.length > 20 || interactions.some((i) => i.seenIn !== 'list')) return;
        const addresses = await this.db.addresses.where('personId').equals(id).primaryKeys();
        this.guessed.set(id, { interactions, addresses });
      }),
    );
  }

  private personOf(contact: Contact): Person | undefined {
    const a = this.addresses.get(contact.email) ?? this.byName.get(contact.email) ?? (contact.name && !contact.unresolved ? this.addresses.get(nameKey(contact.name)) : undefined);
    return a ? this.people.get(a.personId) : undefined;
  }

  /**
   * A person a list row created, every one of whose interactions is a row of this same message (its
   * id, or the same minute), now opened and found to be a crowd's: the person was never one to
   * create. They go, with the row's interactions and their addresses.
   */
  private takeBackGuess(seen: Seen, contact: Contact): boolean {
    const person = this.personOf(contact);
    const guess = person ? this.guessed.get(person.id) : undefined;
    if (!person || !guess) return false;
    const sameMessage = (i: Interaction) => i.seenIn === 'list' && i.provider === seen.provider && (i.sourceId === seen.sourceId || (!i.atEstimated && !seen.atEstimated && i.at === seen.at));
    const pending = [...this.putInteractions.values()].filter((i) => i.personId === person.id);
    if (!guess.interactions.every(sameMessage) || !pending.every(sameMessage)) return false;
    for (const i of [...guess.interactions, ...pending]) {
      this.deleteInteractions.add(i.id);
      this.putInteractions.delete(i.id);
      this.interactions.set(i.id, undefined);
    }
    for (const a of guess.addresses) {
      this.deleteAddresses.add(a);
      this.putAddresses.delete(a);
      this.addresses.set(a, undefined);
    }
    this.people.set(person.id, undefined);
    this.dirtyPeople.delete(person.id);
    this.refresh.delete(person.id);
    this.guessed.delete(person.id);
    this.deletePeople.add(person.id);
    return true;
  }

  private addMoment(i: Interaction) {
    const k = momentKey(i.personId, i.at);
    const list = this.moments.get(k);
    if (list) list.push(i);
    else this.moments.set(k, [i]);
  }

  /** Someone known by name only now appears with an address: the address joins that person. */
  private resolveName(name: string, email: string): Address | undefined {
    const key = nameKey(name);
    if (key === nameKey('')) return undefined;
    const row = this.addresses.get(key);
    if (!row) return undefined;
    const resolved = { address: email, personId: row.personId };
    this.addresses.set(email, resolved);
    this.addresses.set(key, undefined);
    this.putAddresses.set(email, resolved);
    this.putAddresses.delete(key);
    this.deleteAddresses.add(key);
    this.renamed.push({ personId: row.personId, from: key, to: email });
    for (const i of this.putInteractions.values()) if (i.address === key) i.address = email;
    for (const list of this.moments.values()) for (const i of list) if (i.address === key) i.address = email;
    return resolved;
  }

  /**
   * Store one contact of one item; returns the person id when an interaction was written. `tails`:
   * what the display name showed beside the name ("| Rijnmond Zorg"), kept on the address for
   * naming its organisation.
   */
  record(seen: Seen, contact: Contact, now: number, tails: readonly string[] = []): string | null {
    if (seen.seenIn === 'page' && !seen.mayCreate && this.takeBackGuess(seen, contact)) return null;
    const id = interactionId(seen, contact);
    const existing = this.putInteractions.get(id) ?? (this.deleteInteractions.has(id) ? undefined : this.interactions.get(id));
    // Seen again: nothing to do, unless an upcoming meeting has since taken place, or the page now
    // shows the date of what was stored undated.
    const dated = existing?.atEstimated === true && !seen.atEstimated;
    // A list row guesses the direction (it shows one correspondent); the opened message knows it
    // (a post to a mailing list is seen with its poster, not written to you). The page wins, and
    // the person's dates are recomputed from their history after the write.
    const corrected = existing !== undefined && existing.seenIn === 'list' && seen.seenIn === 'page' && existing.direction !== contact.direction && existing.direction !== 'upcoming';
    if (existing && !dated && !corrected && !(existing.direction === 'upcoming' && contact.direction === 'meeting')) {
      // Stored before Kring recognised conversations on this page: the message joins its conversation.
      if (!existing.threadId && seen.threadId) {
        const threaded = { ...existing, threadId: seen.threadId };
        this.putInteractions.set(id, threaded);
        this.interactions.set(id, threaded);
      }
      return null;
    }

    let address = this.addresses.get(contact.email) ?? this.byName.get(contact.email);
    if (!address && !contact.unresolved && contact.name) address = this.resolveName(contact.name, contact.email);
    let person = address ? this.people.get(address.personId) : undefined;
    if (!person) {
      if (!seen.mayCreate || this.created >= this.maxNewPeople) return null;
      this.created++;
      person = newPerson(crypto.randomUUID(), contact.name, reasonFor[contact.direction], now);
      const row = { address: contact.email, personId: person.id };
      this.addresses.set(contact.email, row);
      this.putAddresses.set(contact.email, row);
      this.deleteAddresses.delete(contact.email);
    } else if (!existing && !seen.atEstimated) {
      // A list row and the opened message are the same email: same person, direction and minute.
      const sameMoment = (this.moments.get(momentKey(person.id, seen.at)) ?? []).filter((i) => !this.deleteInteractions.has(i.id));
      const same = sameMoment.filter((i) => i.direction === contact.direction && i.address === contact.email);
      if (seen.seenIn === 'list' && same.length > 0) return null;
      // The same message seen before under the person's name only: already counted.
      if (sameMoment.some((i) => i.direction === contact.direction && i.sourceId === seen.sourceId && i.seenIn !== 'list')) return null;
      if (seen.seenIn === 'page') {
        for (const i of same.filter((x) => x.seenIn === 'list')) {
          this.deleteInteractions.add(i.id);
          this.putInteractions.delete(i.id);
        }
      }
    }
    // An item the page showed no date for is history, never contact at the moment it was seen.
    const counts = isContact(contact.direction) && !seen.atEstimated;
    const at = seen.at;
    const updated: Person = withDue({
      ...person,
      name: betterName(person.name, contact.name),
      reason: strongerReason(person.reason, reasonFor[contact.direction]),
      firstContact: counts ? (person.firstContact ? Math.min(person.firstContact, at) : at) : person.firstContact,
      lastContact: counts ? Math.max(person.lastContact, at) : person.lastContact,
      lastIn: counts && contact.direction === 'in' ? Math.max(person.lastIn, at) : person.lastIn,
      lastOut: counts && contact.direction === 'out' ? Math.max(person.lastOut, at) : person.lastOut,
      lastSeen: contact.direction === 'upcoming' ? person.lastSeen : Math.max(person.lastSeen, at),
    });
    this.people.set(updated.id, updated);
    this.dirtyPeople.add(updated.id);
    const interaction: Interaction = {
      id,
      personId: updated.id,
      address: contact.email,
      provider: seen.provider,
      sourceId: seen.sourceId,
      threadId: seen.threadId,
      direction: contact.direction,
      at,
      atEstimated: seen.atEstimated,
      subject: seen.subject,
      seenIn: seen.seenIn,
    };
    this.putInteractions.set(id, interaction);
    this.deleteInteractions.delete(id);
    if (corrected) this.refresh.add(updated.id);
    if (existing) {
      const list = this.moments.get(momentKey(existing.personId, existing.at));
      if (list) this.moments.set(momentKey(existing.personId, existing.at), list.filter((i) => i.id !== id));
    }
    this.addMoment(interaction);
    if (tails.length && !contact.unresolved) this.noteTails(contact.email, updated.id, tails);
    return updated.id;
  }

  /** The latest display-name tails shown with an address; written only when they changed. */
  private noteTails(email: string, personId: string, tails: readonly string[]): void {
    const row = this.addresses.get(email);
    if (!row || row.personId !== personId) return;
    const next = tails.slice(0, 3);
    if (row.nameTails && row.nameTails.length === next.length && row.nameTails.every((t, i) => t === next[i])) return;
    const updated: Address = { ...row, nameTails: next };
    this.addresses.set(email, updated);
    this.putAddresses.set(email, updated);
  }

  async flush(): Promise<void> {
    const db = this.db;
    for (const r of this.renamed) {
      await db.interactions
        .where('[personId+at]')
        .between([r.personId, -Infinity], [r.personId, Infinity])
        .filter((i) => i.address === r.from)
        .modify({ address: r.to });
    }
    if (this.deleteAddresses.size) await db.addresses.bulkDelete([...this.deleteAddresses]);
    if (this.putAddresses.size) await db.addresses.bulkPut([...this.putAddresses.values()]);
    if (this.deleteInteractions.size) await db.interactions.bulkDelete([...this.deleteInteractions]);
    if (this.putInteractions.size) await db.interactions.bulkPut([...this.putInteractions.values()]);
    if (this.dirtyPeople.size) await db.people.bulkPut([...this.dirtyPeople].map((id) => this.people.get(id)!));
    if (this.deletePeople.size) await db.people.bulkDelete([...this.deletePeople]);
    for (const id of this.refresh) await refreshPerson(db, id);
  }
}
