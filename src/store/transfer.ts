/**
 * Backup, restore, export and import against the store. Parsing and writing formats is in
 * src/io (pure); this file reads and writes the database, each import or restore in one
 * transaction: all or nothing.
 */
import { BACKUP_FORMAT, BACKUP_TABLES, BACKUP_VERSION, type Backup } from '../io/backup';
import type { ContactRecord } from '../io/contacts';
import { planImport, type ImportPlan } from '../io/plan';
import { isNameKey } from '../network/names';
import { isIgnored } from '../network/noise';
import { defaultCadence } from './actions';
import type { KringDb } from './db';
import { addressHashes } from './hash';
import { newPerson, withDue } from './person-record';
import { ownKeys, SETTING, type SyncState } from './settings';
import type { Person } from '../model/types';

const tables = (db: KringDb) => BACKUP_TABLES.map((t) => db.table(t));

export async function exportBackup(db: KringDb, now = Date.now()): Promise<Backup> {
  return db.transaction('r', tables(db), async () => {
    // A sync's state and the team joined are this device's (and the server's), never a backup's.
    const deviceOnly = new Set<unknown>([SETTING.syncState, SETTING.teamState]);
    const entries = await Promise.all(BACKUP_TABLES.map(async (t) => [t, (await db.table(t).toArray()).filter((r: { key?: unknown }) => t !== 'settings' || !deviceOnly.has(r.key))] as const));
    return { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: new Date(now).toISOString(), schema: db.verno, tables: Object.fromEntries(entries) as Backup['tables'] };
  });
}

/** Replace everything with the backup's contents. */
export async function restoreBackup(db: KringDb, backup: Backup): Promise<void> {
  await db.transaction('rw', [...tables(db), db.syncCards], async () => {
    const sync = (await db.settings.get(SETTING.syncState))?.value as SyncState | undefined;
    const team = await db.settings.get(SETTING.teamState);
    for (const t of BACKUP_TABLES) {
      await db.table(t).clear();
      await db.table(t).bulkPut(backup.tables[t]);
    }
    // What a sync remembered belongs to the store that was replaced: the next sync starts afresh
    // (a first sync, matched by address) with the same book, whatever the backup says about sync.
    await db.syncCards.clear();
    if (sync?.bookUrl) await db.settings.put({ key: SETTING.syncState, value: { bookUrl: sync.bookUrl, token: null } satisfies SyncState });
    else await db.settings.delete(SETTING.syncState);
    // The team this device joined stays as it is, whatever the backup says.
    if (team) await db.settings.put(team);
    else await db.settings.delete(SETTING.teamState);
  });
}

/** Everyone (or one person) as contact records, for vCard and CSV. */
export async function contactRecords(db: KringDb, personId?: string): Promise<ContactRecord[]> {
  const people = personId ? [await db.people.get(personId)].filter((p): p is Person => Boolean(p)) : await db.people.orderBy('lastContact').reverse().toArray();
  const addresses = personId ? await db.addresses.where('personId').equals(personId).toArray() : await db.addresses.toArray();
  const byPerson = new Map<string, string[]>();
  for (const a of addresses) if (!isNameKey(a.address)) byPerson.set(a.personId, [...(byPerson.get(a.personId) ?? []), a.address]);
  return people.map((p) => ({
    name: p.name,
    emails: (byPerson.get(p.id) ?? []).sort(),
    notes: p.notes,
    tags: p.tags,
    kring: { status: p.status, cadenceDays: p.cadenceDays, ...(p.lastContact ? { lastContact: p.lastContact } : {}) },
  }));
}

export interface ImportPreview {
  plan: ImportPlan;
  counts: { new: number; merged: number; skipped: number };
}

export async function previewImport(db: KringDb, records: ContactRecord[]): Promise<ImportPreview> {
  const all = [...new Set(records.flatMap((r) => r.emails))];
  const hashes = await addressHashes(all);
  const [own, rules, existing, forgotten] = await Promise.all([
    ownKeys(db),
    db.ignoreRules.toArray(),
    db.addresses.bulkGet(all),
    db.forgotten.bulkGet([...hashes.values()]),
  ]);
  const ownSet = new Set(own);
  const ignore = rules.map((r) => r.rule);
  const forgottenSet = new Set(forgotten.flatMap((f) => (f ? [f.hash] : [])));
  const plan = planImport(records, {
    existing: new Map(existing.flatMap((a) => (a ? [[a.address, a.personId] as const] : []))),
    isOwn: (a) => ownSet.has(a),
    isIgnored: (a) => isIgnored(a, ignore),
    isForgotten: (a) => forgottenSet.has(hashes.get(a)!),
  });
  return { plan, counts: { new: plan.create.length, merged: plan.merge.length, skipped: plan.skipped.length } };
}

const CHUNK = 1000;

/**
 * Write a previewed import in one transaction (all or nothing), in chunks so progress can be
 * shown; imported people join the network or stay seen, as the user chose.
 */
export async function applyImport(
  db: KringDb,
  plan: ImportPlan,
  opts: { network: boolean; now?: number; onProgress?: (done: number, total: number) => void },
): Promise<{ created: number; merged: number }> {
  const now = opts.now ?? Date.now();
  const cadence = await defaultCadence(db);
  const total = plan.create.length + plan.merge.length;
  let done = 0;
  await db.transaction('rw', db.people, db.addresses, async () => {
    for (let i = 0; i < plan.create.length; i += CHUNK) {
      const chunk = plan.create.slice(i, i + CHUNK);
      const people: Person[] = [];
      const addresses: { address: string; personId: string }[] = [];
      for (const r of chunk) {
        const id = crypto.randomUUID();
        people.push(personFrom(newPerson(id, r.name, 'manual', now), r, opts.network, cadence, now));
        for (const address of r.emails) addresses.push({ address, personId: id });
      }
      await db.people.bulkAdd(people);
      await db.addresses.bulkAdd(addresses);
      done += chunk.length;
      opts.onProgress?.(done, total);
    }
    for (let i = 0; i < plan.merge.length; i += CHUNK) {
      const chunk = plan.merge.slice(i, i + CHUNK);
      const current = await db.people.bulkGet(chunk.map((m) => m.personId));
      const taken = await db.addresses.bulkGet(chunk.flatMap((m) => m.record.emails));
      const takenSet = new Set(taken.flatMap((a) => (a ? [a.address] : [])));
      const people: Person[] = [];
      const addresses: { address: string; personId: string }[] = [];
      chunk.forEach((m, k) => {
        const p = current[k];
        if (!p) return;
        const notes = [p.notes, m.record.notes].filter(Boolean).filter((n, j, xs) => xs.indexOf(n) === j).join('\n\n');
        people.push(personFrom({ ...p, name: p.name ?? m.record.name, notes, tags: [...new Set([...p.tags, ...m.record.tags])].sort() }, { ...m.record, notes: '' }, opts.network, cadence, now));
        for (const address of m.record.emails) if (!takenSet.has(address)) addresses.push({ address, personId: p.id });
      });
      await db.people.bulkPut(people);
      await db.addresses.bulkPut(addresses);
      done += chunk.length;
      opts.onProgress?.(done, total);
    }
  });
  return { created: plan.create.length, merged: plan.merge.length };
}

function personFrom(base: Person, r: ContactRecord, network: boolean, defaultCadenceDays: number, now: number): Person {
  const toNetwork = network || r.kring?.status === 'network' || base.status === 'network';
  const p: Person = {
    ...base,
    notes: r.notes ? [base.notes, r.notes].filter(Boolean).join('\n\n') : base.notes,
    tags: [...new Set([...base.tags, ...r.tags])].sort(),
    status: toNetwork ? 'network' : 'seen',
    addedAt: toNetwork ? base.addedAt || now : 0,
    cadenceDays: toNetwork ? (r.kring && 'cadenceDays' in r.kring ? (r.kring.cadenceDays ?? null) : (base.cadenceDays ?? defaultCadenceDays)) : null,
    lastContact: Math.max(base.lastContact, r.kring?.lastContact ?? 0),
  };
  return withDue(p);
}
