/**
 * What a person does in Kring's pages: each action is one read-write transaction, and each is
 * idempotent where it can be. Captured data is written only by the background (ingest).
 */
import { DAY, DEFAULT_CADENCE_DAYS } from '../network/cadence';
import { mergePeople, pairKey } from '../network/identity';
import { isNameKey, nameKey } from '../network/names';
import { isIgnored, normaliseIgnoreRule } from '../network/noise';
import { hasExpired, DEFAULT_RETENTION_DAYS } from '../network/retention';
import type { KringDb } from './db';
import { addressHashes } from './hash';
import { interactionsOf, newPerson, refreshPerson, withDue } from './person-record';
import { SETTING, getSetting, ownAddresses, type PendingOwn } from './settings';
import type { Interaction, MergeRecord, Person } from '../model/types';

const ALL = (db: KringDb) => [db.people, db.addresses, db.interactions, db.settings, db.forgotten, db.ignoreRules, db.merges, db.dismissedPairs, db.syncCards];

export async function defaultCadence(db: KringDb): Promise<number> {
  return getSetting<number>(db, SETTING.defaultCadenceDays, DEFAULT_CADENCE_DAYS);
}

async function update(db: KringDb, personId: string, change: (p: Person) => Person): Promise<Person | undefined> {
  return db.transaction('rw', db.people, async () => {
    const p = await db.people.get(personId);
    if (!p) return undefined;
    const next = withDue(change(p));
    await db.people.put(next);
    return next;
  });
}

/** "Add to my network", with the default cadence unless one is given. */
export async function addToNetwork(db: KringDb, personId: string, now = Date.now(), cadenceDays?: number | null): Promise<Person | undefined> {
  const cadence = cadenceDays === undefined ? await defaultCadence(db) : cadenceDays;
  return update(db, personId, (p) =>
    p.status === 'network' ? p : { ...p, status: 'network', addedAt: now, cadenceDays: cadence, reason: p.reason },
  );
}

export function removeFromNetwork(db: KringDb, personId: string) {
  return update(db, personId, (p) => ({ ...p, status: 'seen', addedAt: 0, cadenceDays: null, snoozedUntil: 0 }));
}

export function setCadence(db: KringDb, personId: string, cadenceDays: number | null) {
  return update(db, personId, (p) => ({ ...p, cadenceDays: cadenceDays && cadenceDays > 0 ? Math.round(cadenceDays) : null }));
}

export function snooze(db: KringDb, personId: string, until: number) {
  return update(db, personId, (p) => ({ ...p, snoozedUntil: until }));
}

export function setNotes(db: KringDb, personId: string, notes: string) {
  return update(db, personId, (p) => ({ ...p, notes: notes.slice(0, 20_000) }));
}

export function setTags(db: KringDb, personId: string, tags: string[]) {
  const clean = [...new Set(tags.map((t) => t.trim().toLowerCase()).filter(Boolean))].sort().slice(0, 50);
  return update(db, personId, (p) => ({ ...p, tags: clean }));
}

/** "Contacted today": a manual interaction that counts as contact and restarts the cadence. */
export async function logContact(db: KringDb, personId: string, now = Date.now()): Promise<void> {
  await db.transaction('rw', db.people, db.interactions, async () => {
    const p = await db.people.get(personId);
    if (!p) return;
    const interaction: Interaction = {
      id: `manual:${personId}:${now}`,
      personId,
      address: '',
      provider: 'manual',
      sourceId: String(now),
      threadId: null,
      direction: 'manual',
      at: now,
      atEstimated: false,
      subject: null,
      seenIn: 'page',
    };
    await db.interactions.put(interaction);
    await refreshPerson(db, personId);
  });
}

async function deletePerson(db: KringDb, personId: string): Promise<void> {
  await interactionsOf(db, personId).delete();
  await db.addresses.where('personId').equals(personId).delete();
  await db.people.delete(personId);
}

/**
 * Forget a person: their record, addresses and history are deleted; only a one-way hash of each
 * address is kept, so they are never captured again. Returns the addresses, for an immediate undo.
 */
export async function forget(db: KringDb, personId: string, now = Date.now()): Promise<string[]> {
  const addresses = await forgetKeys(db, personId);
  const hashes = await addressHashes(addresses);
  await forgetHashed(db, personId, [...hashes.values()], now);
  return addresses;
}

/** What forgetting a person keeps the hashes of: their addresses, and their name. */
export async function forgetKeys(db: KringDb, personId: string): Promise<string[]> {
  const person = await db.people.get(personId);
  // Their name too: a page that shows them by name only (SOGo, Outlook) must not bring them back.
  const name = person?.name ? [nameKey(person.name)] : [];
  return [...new Set([...(await db.addresses.where('personId').equals(personId).toArray()).map((a) => a.address), ...name])];
}

/**
 * The writing half of `forget`, with the hashes computed before (crypto.subtle may not be awaited
 * inside a transaction): usable inside a caller's transaction (sync applies forgets with the rest).
 */
export async function forgetHashed(db: KringDb, personId: string, hashes: string[], now: number): Promise<void> {
  await db.transaction('rw', db.people, db.addresses, db.interactions, db.forgotten, async () => {
    await deletePerson(db, personId);
    await db.forgotten.bulkPut(hashes.map((hash) => ({ hash, at: now })));
  });
}

/** Undo a forget: these addresses may be captured again (their history does not come back). */
export async function unforget(db: KringDb, addresses: string[]): Promise<void> {
  const hashes = await addressHashes(addresses);
  await db.forgotten.bulkDelete([...hashes.values()]);
}

/** "Not a person" and the settings page: an ignore rule; people it covers entirely are removed. */
export async function addIgnoreRule(db: KringDb, raw: string, now = Date.now()): Promise<string | null> {
  const rule = normaliseIgnoreRule(raw);
  if (!rule) return null;
  await db.transaction('rw', db.people, db.addresses, db.interactions, db.ignoreRules, async () => {
    await db.ignoreRules.put({ rule, at: now });
    const covered = (await db.addresses.toArray()).filter((a) => isIgnored(a.address, [rule]));
    for (const personId of new Set(covered.map((a) => a.personId))) {
      const all = await db.addresses.where('personId').equals(personId).toArray();
      if (all.every((a) => isIgnored(a.address, [rule]))) await deletePerson(db, personId);
    }
  });
  return rule;
}

export function removeIgnoreRule(db: KringDb, rule: string) {
  return db.ignoreRules.delete(rule);
}

/** One of the user's own addresses: never a contact, so a person stored under it is removed. */
export async function addOwnAddress(db: KringDb, raw: string): Promise<string | null> {
  const address = raw.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) return null;
  await db.transaction('rw', db.people, db.addresses, db.interactions, db.settings, async () => {
    const own = new Set(await ownAddresses(db));
    own.add(address);
    await db.settings.put({ key: SETTING.ownAddresses, value: [...own].sort() });
    const row = await db.addresses.get(address);
    if (!row) return;
    await db.addresses.delete(address);
    await db.interactions.where('[personId+at]').between([row.personId, -Infinity], [row.personId, Infinity]).filter((i) => i.address === address).delete();
    if ((await db.addresses.where('personId').equals(row.personId).count()) === 0) await deletePerson(db, row.personId);
    else await refreshPerson(db, row.personId);
  });
  return address;
}

/**
 * The user's answer to "is this you?" about an address or name a page said they are signed in as
 * (ingest.ts keeps it pending): yes makes it theirs for good, no means never, whatever a page says.
 */
export async function answerOwn(db: KringDb, key: string, mine: boolean): Promise<void> {
  if (mine) {
    if (isNameKey(key)) {
      await db.transaction('rw', db.people, db.addresses, db.interactions, db.settings, async () => {
        const names = await getSetting<string[]>(db, SETTING.ownNames, []);
        await db.settings.put({ key: SETTING.ownNames, value: [...new Set([...names, key])].sort() });
        const row = await db.addresses.get(key);
        if (row) await deletePerson(db, row.personId);
      });
    } else await addOwnAddress(db, key);
  } else {
    await db.transaction('rw', db.settings, async () => {
      const rejected = await getSetting<string[]>(db, SETTING.rejectedOwn, []);
      await db.settings.put({ key: SETTING.rejectedOwn, value: [...new Set([...rejected, key])].sort() });
    });
  }
  await db.transaction('rw', db.settings, async () => {
    const pending = await getSetting<PendingOwn[]>(db, SETTING.pendingOwn, []);
    await db.settings.put({ key: SETTING.pendingOwn, value: pending.filter((p) => p.key !== key) });
  });
}

export async function removeOwnAddress(db: KringDb, address: string): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const own = (await ownAddresses(db)).filter((a) => a !== address);
    await db.settings.put({ key: SETTING.ownAddresses, value: own });
  });
}

/** Merge `otherId` into `keepId`; returns the merge record's id for undo. */
export async function merge(db: KringDb, keepId: string, otherId: string, now = Date.now()): Promise<string | null> {
  if (keepId === otherId) return null;
  return db.transaction('rw', ALL(db), async () => {
    const [keep, other] = await Promise.all([db.people.get(keepId), db.people.get(otherId)]);
    if (!keep || !other) return null;
    const addresses = (await db.addresses.where('personId').equals(otherId).toArray()).map((a) => a.address);
    const record: MergeRecord = { id: crypto.randomUUID(), at: now, keptId: keepId, keptBefore: keep, merged: other, addresses };
    await db.merges.put(record);
    await db.addresses.where('personId').equals(otherId).modify({ personId: keepId });
    await interactionsOf(db, otherId).modify({ personId: keepId });
    await db.people.delete(otherId);
    await db.people.put(withDue(mergePeople(keep, other)));
    await db.dismissedPairs.delete(pairKey(keepId, otherId));
    return record.id;
  });
}

/** Undo a merge: the merged person, their addresses and their history come back apart. */
export async function unmerge(db: KringDb, mergeId: string): Promise<boolean> {
  return db.transaction('rw', ALL(db), async () => {
    const record = await db.merges.get(mergeId);
    if (!record || !(await db.people.get(record.keptId))) return false;
    const back = new Set(record.addresses);
    await db.people.put(record.merged);
    await db.people.put(record.keptBefore);
    await db.addresses.where('personId').equals(record.keptId).filter((a) => back.has(a.address)).modify({ personId: record.merged.id });
    await interactionsOf(db, record.keptId).filter((i) => back.has(i.address)).modify({ personId: record.merged.id });
    await refreshPerson(db, record.keptId);
    await refreshPerson(db, record.merged.id);
    await db.merges.delete(mergeId);
    return true;
  });
}

/** "Not the same person": the suggestion is not made again. */
export function dismissSuggestion(db: KringDb, a: string, b: string, now = Date.now()) {
  return db.dismissedPairs.put({ pair: pairKey(a, b), at: now });
}

/** Remove people Kring only saw and has not seen for `days`; network people are never removed. */
export async function applyRetention(db: KringDb, now = Date.now(), days?: number): Promise<number> {
  const keepDays = days ?? (await getSetting<number>(db, SETTING.retentionDays, DEFAULT_RETENTION_DAYS));
  return db.transaction('rw', db.people, db.addresses, db.interactions, async () => {
    const cutoff = now - keepDays * DAY;
    const candidates = await db.people.where('[status+lastSeen]').between(['seen', -Infinity], ['seen', cutoff]).toArray();
    const expired = candidates.filter((p) => hasExpired(p, now, keepDays));
    for (const p of expired) await deletePerson(db, p.id);
    return expired.length;
  });
}

/** Upcoming meetings whose time has come become contact. An index read of what is due to change. */
export async function promotePastMeetings(db: KringDb, now = Date.now()): Promise<number> {
  return db.transaction('rw', db.people, db.interactions, async () => {
    const past = await db.interactions.where('[direction+at]').between(['upcoming', -Infinity], ['upcoming', now], true, true).toArray();
    for (const i of past) await db.interactions.put({ ...i, direction: 'meeting' });
    for (const personId of new Set(past.map((i) => i.personId))) await refreshPerson(db, personId);
    return past.length;
  });
}

/** Add someone shown on a page but not stored yet (an automated rule may have kept them out). */
export async function addPersonManually(db: KringDb, address: string, name: string | null, now = Date.now()): Promise<string> {
  const a = address.trim().toLowerCase();
  return db.transaction('rw', db.people, db.addresses, async () => {
    const existing = await db.addresses.get(a);
    if (existing) return existing.personId;
    const id = crypto.randomUUID();
    await db.people.put(newPerson(id, name, 'manual', now));
    await db.addresses.put({ address: a, personId: id });
    return id;
  });
}

/** Everything "not a person" removed, so one click can be undone completely. */
export interface IgnoreUndo {
  rule: string;
  people: Person[];
  addresses: { address: string; personId: string }[];
  interactions: Interaction[];
}

/** "Not a person": ignore this exact address from now on; returns what is needed to undo it. */
export async function ignoreAddress(db: KringDb, address: string, now = Date.now()): Promise<IgnoreUndo | null> {
  const rule = normaliseIgnoreRule(address);
  if (!rule) return null;
  return db.transaction('rw', db.people, db.addresses, db.interactions, db.ignoreRules, async () => {
    const row = await db.addresses.get(rule);
    const undo: IgnoreUndo = { rule, people: [], addresses: [], interactions: [] };
    if (row) {
      const all = await db.addresses.where('personId').equals(row.personId).toArray();
      const person = await db.people.get(row.personId);
      if (all.length === 1 && person) {
        undo.people.push(person);
        undo.addresses.push(...all);
        undo.interactions.push(...(await interactionsOf(db, row.personId).toArray()));
        await deletePerson(db, row.personId);
      } else {
        // A person with other addresses stays; only this address and its history go.
        undo.addresses.push(row);
        const mine = await interactionsOf(db, row.personId).filter((i) => i.address === rule).toArray();
        undo.interactions.push(...mine);
        if (person) undo.people.push(person);
        await db.interactions.bulkDelete(mine.map((i) => i.id));
        await db.addresses.delete(rule);
        await refreshPerson(db, row.personId);
      }
    }
    await db.ignoreRules.put({ rule, at: now });
    return undo;
  });
}

export async function undoIgnore(db: KringDb, undo: IgnoreUndo): Promise<void> {
  await db.transaction('rw', db.people, db.addresses, db.interactions, db.ignoreRules, async () => {
    await db.ignoreRules.delete(undo.rule);
    await db.people.bulkPut(undo.people);
    await db.addresses.bulkPut(undo.addresses);
    await db.interactions.bulkPut(undo.interactions);
  });
}

/** Erase everything Kring has stored. */
export async function eraseEverything(db: KringDb): Promise<void> {
  await db.transaction('rw', ALL(db), async () => {
    await Promise.all(ALL(db).map((t) => t.clear()));
  });
}
