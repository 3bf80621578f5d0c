/**
 * One sync with a CardDAV address book (issue 19): ask what changed, fetch it, plan (plan.ts),
 * apply the plan's changes to the store in one transaction with no network call inside it and the
 * sync token saved in the same transaction, then send Kring's changes, each recorded as it lands.
 * Stopped anywhere, the store is as before or as after; what was not sent is found changed again
 * next time (Kring's fields differ from the agreed copy) and sent then.
 *
 * v1 choices, said here: the people synced are those in the network; a person's edit time in Kring
 * is the moment of the sync (so for a field both sides changed since the last sync, Kring's value
 * wins unless the server's card is newer by its REV; notes keep both texts either way); addresses
 * a card no longer has leave the person (their history keeps them).
 */
import type { KringDb } from '../store/db';
import { isNameKey } from '../network/names';
import { addressHashes } from '../store/hash';
import { newPerson, withDue } from '../store/person-record';
import { getSetting, SETTING, type SyncState } from '../store/settings';
import type { Person, SyncCard } from '../model/types';
import { contentKey, parseCard, writeCard, type Card, type SyncFields } from './card';
import { mergeFields } from './merge';
import { FORGOTTEN_FILE, FORGOTTEN_UID, isForgottenCard, mergeForgotten, readForgottenCard, writeForgottenCard } from './forgotten';
import { forgetHashed, forgetKeys, merge } from '../store/actions';
import { planSync, type LocalPerson, type Plan, type Step } from './plan';
import { changesSince, deleteCard, fetchCards, findCard, putCard, type Book } from './remote';

export interface SyncResult {
  received: number;
  sent: number;
  conflicts: number;
  /** Cards the server gave that could not be read (left as they are). */
  unreadable: number;
  /** The server deleted too much at once: nothing was applied; ask the user, then sync with `allowMassDeletion`. */
  massDeletion?: { deleted: number; of: number };
}

const pathOf = (book: Book, href: string) => new URL(href, book.url).pathname;

/** A person's synced fields as Kring has them. */
export function fieldsOf(p: Person, addresses: string[]): SyncFields {
  return { name: p.name, emails: addresses.filter((a) => !isNameKey(a)), notes: p.notes, tags: p.tags, status: p.status, cadenceDays: p.cadenceDays, lastContact: p.lastContact };
}

/** Who is synced: the network (the default), or everyone Kring keeps. */
export type SyncScope = 'network' | 'everyone';

async function localPeople(db: KringDb, now: number, scope: SyncScope): Promise<LocalPerson[]> {
  const people = scope === 'everyone' ? await db.people.toArray() : await db.people.where('[status+lastContact]').between(['network', -Infinity], ['network', Infinity]).toArray();
  const addresses = await db.addresses.where('personId').anyOf(people.map((p) => p.id)).toArray();
  const byPerson = new Map<string, string[]>();
  for (const a of addresses) byPerson.set(a.personId, [...(byPerson.get(a.personId) ?? []), a.address]);
  const all = people.map((p) => ({ personId: p.id, fields: fieldsOf(p, byPerson.get(p.id) ?? []), at: now }));
  // Everyone: but not someone Kring only saw by name (a card with a name alone helps no address book).
  return scope === 'everyone' ? all.filter((p) => p.fields.status === 'network' || p.fields.emails.length > 0) : all;
}

/** Whether this address, held here by this person, leaves them in this sync (their new card lacks it). */
type Released = (address: string, personId: string) => boolean;
const NONE_RELEASED: Released = () => false;

/** The addresses that people's incoming cards drop: free for another card in the same sync. */
function releasedBy(changed: Map<string, { card: Card }>, known: Map<string, SyncCard>): Released {
  const next = new Map<string, Set<string>>();
  for (const [href, { card }] of changed) {
    const s = known.get(href);
    if (s) next.set(s.personId, new Set(card.fields.emails));
  }
  return (address, personId) => next.get(personId)?.has(address) === false;
}

/** Kring's person with `fields` written in: inside the caller's transaction. */
async function writePerson(db: KringDb, personId: string | null, fields: SyncFields, now: number, released: Released = NONE_RELEASED): Promise<string> {
  // A card's address Kring knows under someone else is that person (never a duplicate), unless that
  // someone's own card, in this same sync, no longer has it.
  const owners = (await db.addresses.bulkGet(fields.emails)).filter((a): a is NonNullable<typeof a> => Boolean(a) && !released(a!.address, a!.personId));
  const id = personId ?? owners[0]?.personId ?? crypto.randomUUID();
  const before = (await db.people.get(id)) ?? newPerson(id, fields.name, 'manual', now);
  const toNetwork = fields.status === 'network';
  await db.people.put(
    withDue({
      ...before,
      name: fields.name ?? before.name,
      notes: fields.notes,
      tags: fields.tags,
      status: fields.status,
      cadenceDays: toNetwork ? fields.cadenceDays : null,
      addedAt: toNetwork ? before.addedAt || now : 0,
      lastContact: Math.max(before.lastContact, fields.lastContact),
    }),
  );
  const mine = new Set((await db.addresses.where('personId').equals(id).primaryKeys()).filter((a) => !isNameKey(a)));
  const free = fields.emails.filter((e) => !owners.some((o) => o.address === e && o.personId !== id));
  await db.addresses.bulkPut(free.map((address) => ({ address, personId: id })));
  await db.addresses.bulkDelete([...mine].filter((a) => !fields.emails.includes(a)));
  return id;
}

/** What other devices did that this one does too: forgets (with their hashes), un-forgets, merges. */
interface FromElsewhere {
  forgets: Map<string, string[]>;
  forgotten: string[];
  unforgotten: string[];
  merges: [keep: string, other: string][];
}

async function applyLocal(db: KringDb, plan: Plan, state: SyncState, token: string | null, now: number, released: Released, elsewhere: FromElsewhere): Promise<void> {
  // `state` carries what the pass agreed on besides the token (the forgotten list, the vCard version).
  await db.transaction('rw', db.tables, async () => {
    await db.forgotten.bulkDelete(elsewhere.unforgotten);
    for (const [personId, hashes] of elsewhere.forgets) await forgetHashed(db, personId, hashes, now);
    await db.forgotten.bulkPut(elsewhere.forgotten.map((hash) => ({ hash, at: now })));
    for (const [keep, other] of elsewhere.merges) await merge(db, keep, other, now);
    for (const step of plan.steps) {
      if (step.do === 'create-local' || step.do === 'update-local') {
        const personId = await writePerson(db, step.do === 'update-local' ? step.personId : null, step.fields, now, released);
        // Agreed so far: what the server has. A merged change still to send makes the fields differ.
        const card: Card | null = step.do === 'update-local' ? step.card : null;
        await db.syncCards.put({ uid: step.uid, personId, href: step.href, etag: step.etag, base: card?.fields ?? step.fields, key: step.key });
      } else if (step.do === 'drop-card') {
        await db.syncCards.delete(step.uid);
      } else if (step.do === 'leave-network') {
        const p = await db.people.get(step.personId);
        if (p) await db.people.put(withDue({ ...p, status: 'seen', cadenceDays: null, addedAt: 0 }));
        await db.syncCards.delete(step.uid);
      }
    }
    await db.settings.put({ key: SETTING.syncState, value: { ...state, token } satisfies SyncState });
  });
}

/** One card of Kring's sent; on 412 fetched, merged and sent once more. Returns whether it landed. */
async function send(db: KringDb, book: Book, step: Step, now: number, result: SyncResult, version: '3.0' | '4.0'): Promise<void> {
  if (step.do === 'push-delete') {
    if (await deleteCard(book, step.href, step.etag)) await db.syncCards.delete(step.uid);
    else result.conflicts++; // changed on the server since: the change wins, next sync brings it back
    return;
  }
  if (step.do !== 'push-create' && step.do !== 'push-update' && !(step.do === 'update-local' && step.push)) return;
  let href = step.do === 'push-create' ? `${new URL(book.url).pathname}${encodeURIComponent(step.uid)}.vcf` : step.href;
  let base: Card | null = step.do === 'update-local' ? step.card : null;
  let etag: string | null = step.do === 'push-create' ? null : step.etag;
  let fields = step.fields;
  const personId = step.personId;
  if (step.do === 'push-update') {
    const [got] = await fetchCards(book, [href]);
    if (got) {
      ({ card: base, etag } = { card: parseCard(got.data), etag: got.etag });
      // Changed on the server since the last agreement although no report said so (a report can
      // miss a change: SOGo's go by the second, measured): merged first, as on a 412, never written over.
      const agreed = await db.syncCards.get(step.uid);
      if (agreed && got.etag !== agreed.etag && contentKey(base) !== agreed.key) {
        fields = mergeFields(agreed.base, { fields, at: now }, { fields: base.fields, at: base.rev });
        await db.transaction('rw', [db.people, db.addresses], () => writePerson(db, personId, fields, now));
        result.conflicts++;
      }
    }
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    const text = writeCard(base, step.uid, fields, now, base?.version ?? version);
    const put = await putCard(book, href, text, etag);
    if (put.ok) {
      // Without an etag in the answer, an empty one: the next sync fetches the card and finds it agreed.
      await db.syncCards.put({ uid: step.uid, personId, href: pathOf(book, href), etag: put.etag ?? '', base: fields, key: contentKey(parseCard(text)) });
      result.sent++;
      return;
    }
    result.conflicts++;
    // 409: the UID is on the server under another name: that card is this person's (adopted, merged,
    // written there). Where the server does not say where (Radicale), the cards Kring does not know are searched.
    const at = put.status === 409 ? (put.href ?? (await findCard(book, step.uid, new Set((await db.syncCards.toArray()).map((s) => s.href))))) : href;
    if (!at) return;
    // 412: changed on the server since; take its version, merge, and try once more.
    const [got] = await fetchCards(book, [at]);
    if (!got) {
      etag = null;
      continue;
    }
    base = parseCard(got.data);
    etag = got.etag;
    const agreed = (await db.syncCards.get(step.uid))?.base ?? null;
    fields = mergeFields(agreed, { fields, at: now }, { fields: base.fields, at: base.rev });
    href = got.href;
    await db.transaction('rw', [db.people, db.addresses], () => writePerson(db, personId, fields, now));
  }
}

/** A card larger than this is not read (a photo-laden card of a few hundred KB is common; 10 MB is not a contact). */
export const MAX_CARD_CHARS = 2_000_000;

type SyncOptions = { now?: number; allowMassDeletion?: boolean; restoreDeleted?: boolean; scope?: SyncScope };

/**
 * A sync. When it sent anything, it asks once more (at most twice): the token it saved predates its
 * own writes, and a server may leave out of the next report a card made and deleted since a token
 * (Xandikos does, measured; RFC 6578 allows it), so a card Kring made and another device deleted
 * would never be reported gone. The next pass sees Kring's writes as agreed and saves a token after them.
 */
export async function syncOnce(db: KringDb, book: Book, opts: SyncOptions = {}): Promise<SyncResult> {
  const total: SyncResult = { received: 0, sent: 0, conflicts: 0, unreadable: 0 };
  for (let pass = 0; pass < 3; pass++) {
    const r = await syncPass(db, book, pass === 0 ? opts : { now: opts.now, scope: opts.scope });
    if (r.massDeletion) return { ...total, unreadable: Math.max(total.unreadable, r.unreadable), massDeletion: r.massDeletion };
    total.received += r.received;
    total.sent += r.sent;
    total.conflicts += r.conflicts;
    total.unreadable = Math.max(total.unreadable, r.unreadable);
    if (r.sent === 0 && r.conflicts === 0 && !r.wroteRemote) break;
  }
  return total;
}

async function syncPass(db: KringDb, book: Book, opts: SyncOptions): Promise<SyncResult & { wroteRemote?: boolean }> {
  const now = opts.now ?? Date.now();
  const saved = await getSetting<SyncState | null>(db, SETTING.syncState, null);
  const state: SyncState = saved?.bookUrl === book.url ? saved : { bookUrl: book.url, token: null };
  const changes = await changesSince(book, state.token);
  const synced = await db.syncCards.toArray();
  const known = new Map(synced.map((s) => [s.href, s]));
  const listed = changes.changed.map((c) => ({ href: pathOf(book, c.href), etag: c.etag }));
  const agreedList = state.forgotten;
  const stale = listed.filter((c) => (c.href === agreedList?.href ? c.etag !== agreedList.etag : known.get(c.href)?.etag !== c.etag) || !c.etag);
  const result: SyncResult = { received: 0, sent: 0, conflicts: 0, unreadable: 0 };
  const changed = new Map<string, { etag: string; card: Card }>();
  /** The forgotten list as the server has it now: undefined when unchanged since agreed, null when gone. */
  let remoteList: { href: string; etag: string; hashes: string[] } | null | undefined;
  for (const got of await fetchCards(book, stale.map((c) => c.href))) {
    try {
      if (got.data.length > MAX_CARD_CHARS) throw new Error('card too large');
      if (isForgottenCard(got.data)) {
        remoteList = { href: pathOf(book, got.href), etag: got.etag, hashes: readForgottenCard(got.data) };
        continue;
      }
      changed.set(pathOf(book, got.href), { etag: got.etag, card: parseCard(got.data) });
    } catch {
      result.unreadable++;
    }
  }
  const listedHrefs = new Set(listed.map((c) => c.href));
  if (agreedList && remoteList === undefined && (changes.full ? !listedHrefs.has(agreedList.href) : changes.deleted.some((h) => pathOf(book, h) === agreedList.href))) remoteList = null;
  // From other devices: who was forgotten (forgotten here too: person, history, addresses), who was
  // un-forgotten (a list deleted from the server un-forgets nobody; it is written again), and who
  // was merged (a card with addresses Kring has under several people: one person here too,
  // undoable like any merge). Decided here, applied with the rest in one transaction below.
  const base = agreedList?.hashes ?? [];
  const remoteNew = remoteList ? remoteList.hashes.filter((h) => !base.includes(h)) : [];
  const remoteGone = new Set(remoteList ? base.filter((h) => !remoteList!.hashes.includes(h)) : []);
  const forgets = await whoToForget(db, remoteNew);
  const released = releasedBy(changed, known);
  const merges = await mergesFor(db, changed, known, released);
  const goingAway = new Set([...forgets.keys(), ...merges.map(([, other]) => other)]);
  const fromElsewhere: FromElsewhere = { forgets, forgotten: remoteNew, unforgotten: [...remoteGone], merges };

  // Someone forgotten on this device does not come back from the server: their card is deleted,
  // even if it was edited elsewhere since (forgetting is stronger than an edit).
  const emails = [...changed.values()].flatMap(({ card }) => card.fields.emails);
  const hashes = await addressHashes(emails);
  const forgotten = new Set([...(await db.forgotten.bulkGet([...hashes.values()])).flatMap((f) => (f && !remoteGone.has(f.hash) ? [f.hash] : [])), ...remoteNew]);
  const toForget: { href: string; etag: string; uid: string; emails: string[] }[] = [];
  for (const [href, { etag, card }] of changed) {
    if (card.fields.emails.length > 0 && card.fields.emails.every((e) => forgotten.has(hashes.get(e)!))) {
      toForget.push({ href, etag, uid: card.uid, emails: card.fields.emails });
      changed.delete(href);
    }
  }
  const deleted = changes.full ? new Set(synced.map((s) => s.href).filter((h) => !listedHrefs.has(h))) : new Set(changes.deleted.map((h) => pathOf(book, h)));
  const forgottenHrefs = new Set(toForget.map((f) => f.href));
  const plan = planSync((await localPeople(db, now, opts.scope ?? 'network')).filter((p) => !goingAway.has(p.personId)), synced.filter((s: SyncCard) => !forgottenHrefs.has(s.href)), { changed, deleted }, { allowMassDeletion: opts.allowMassDeletion, restoreDeleted: opts.restoreDeleted, scope: opts.scope ?? 'network' });
  if (plan.massDeletion) return { ...result, massDeletion: plan.massDeletion };
  result.received = plan.steps.filter((s) => s.do === 'create-local' || s.do === 'update-local' || s.do === 'leave-network').length;
  // The forgotten list: the server's, with what this device forgot among synced people since, less
  // what it un-forgot.
  const added = await forgottenAmong(db, [
    ...plan.steps.flatMap((s) => (s.do === 'push-delete' ? (known.get(s.href)?.base.emails ?? []) : [])),
    ...toForget.flatMap((f) => f.emails),
  ]);
  const held = new Set((await db.forgotten.bulkGet(base)).flatMap((f) => (f && !remoteGone.has(f.hash) ? [f.hash] : [])));
  const next = mergeForgotten(base, remoteList ? remoteList.hashes : null, added, base.filter((h) => !held.has(h)));
  const current = remoteList === undefined ? base : (remoteList?.hashes ?? []);
  const listChanged = next.join() !== [...current].sort().join();
  const agreed: SyncState = { ...state, ...(changes.full ? { vcard4: changes.vcard4 === true } : {}), ...(remoteList === undefined ? {} : remoteList ? { forgotten: remoteList } : { forgotten: undefined }) };
  // Nothing to apply and the same token: nothing written (an idle sync costs the store nothing).
  if (plan.steps.some((s) => s.do === 'create-local' || s.do === 'update-local' || s.do === 'leave-network' || s.do === 'drop-card') || changes.token !== state.token || !saved || remoteList !== undefined || agreed.vcard4 !== state.vcard4 || merges.length > 0) await applyLocal(db, plan, agreed, changes.token, now, released, fromElsewhere);
  for (const step of plan.steps) await send(db, book, step, now, result, agreed.vcard4 ? '4.0' : '3.0');
  for (const f of toForget) if (await deleteCard(book, f.href, f.etag)) await db.syncCards.delete(f.uid);
  if (listChanged) await sendForgotten(db, book, agreed.forgotten ?? null, next, now);
  return { ...result, wroteRemote: toForget.length > 0 || listChanged || plan.steps.some((s) => s.do === 'push-delete') };
}

/** The people with an address among these hashes, each with the hashes forgetting them keeps. */
async function whoToForget(db: KringDb, hashes: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (hashes.length === 0) return out;
  const wanted = new Set(hashes);
  const addresses = ((await db.addresses.toCollection().primaryKeys()) as string[]).filter((a) => !isNameKey(a));
  const byHash = await addressHashes(addresses);
  const rows = await db.addresses.bulkGet([...byHash].filter(([, h]) => wanted.has(h)).map(([a]) => a));
  for (const id of new Set(rows.flatMap((r) => (r ? [r.personId] : [])))) out.set(id, [...(await addressHashes(await forgetKeys(db, id))).values()]);
  return out;
}

/** The hashes of those of these addresses that are forgotten on this device. */
async function forgottenAmong(db: KringDb, addresses: string[]): Promise<string[]> {
  if (addresses.length === 0) return [];
  const hashes = [...(await addressHashes(addresses)).values()];
  return (await db.forgotten.bulkGet(hashes)).flatMap((f) => (f ? [f.hash] : []));
}

/** Write the forgotten list; on 412, merge with the server's newer list and write once more. */
async function sendForgotten(db: KringDb, book: Book, agreed: SyncState['forgotten'] | null, next: string[], now: number): Promise<void> {
  let href = agreed?.href ?? `${new URL(book.url).pathname}${FORGOTTEN_FILE}`;
  let etag: string | null = agreed?.etag ?? null;
  let hashes = next;
  for (let attempt = 0; attempt < 2; attempt++) {
    const put = await putCard(book, href, writeForgottenCard(hashes, now), etag);
    if (put.ok) {
      const state = await getSetting<SyncState | null>(db, SETTING.syncState, null);
      if (state?.bookUrl === book.url) await db.settings.put({ key: SETTING.syncState, value: { ...state, forgotten: { href: pathOf(book, href), etag: put.etag ?? '', hashes } } satisfies SyncState });
      return;
    }
    const at = put.status === 409 ? (put.href ?? (await findCard(book, FORGOTTEN_UID, new Set()))) : href;
    const [got] = at ? await fetchCards(book, [at]) : [];
    if (!got) {
      etag = null;
      continue;
    }
    // Another device changed the list since: its list, with this device's additions and removals.
    const theirs = readForgottenCard(got.data);
    const base = agreed?.hashes ?? [];
    hashes = mergeForgotten(base, theirs, next.filter((h) => !base.includes(h)), base.filter((h) => !next.includes(h)));
    href = got.href;
    etag = got.etag;
  }
}

/** The merges a changed card asks for: the people who hold its addresses become the card's person. */
async function mergesFor(db: KringDb, changed: Map<string, { card: Card }>, known: Map<string, SyncCard>, released: Released): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for (const [href, { card }] of changed) {
    const rows = (await db.addresses.bulkGet(card.fields.emails)).filter((a): a is NonNullable<typeof a> => Boolean(a) && !released(a!.address, a!.personId));
    const holders = [...new Set(rows.map((a) => a.personId))];
    const own = known.get(href)?.personId;
    const keep = own && (await db.people.get(own)) ? own : holders[0];
    if (keep) for (const other of holders) if (other !== keep) out.push([keep, other]);
  }
  return out;
}
