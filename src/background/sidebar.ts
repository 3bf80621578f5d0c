/**
 * What the sidebar of a tab shows, assembled here because the sidebar's frame (third-party in the
 * webmail page) may not open IndexedDB. Only the sidebar of that same tab is answered.
 */
import { OPEN_VIEWS } from '../messaging/limits';
import type { DetectionPayload, SidebarPage, SidebarPerson } from '../messaging/protocol';
import { keyOf } from '../network/direction';
import { cleanDisplayName, isNameKey, nameKey } from '../network/names';
import { isAutomated, isIgnored } from '../network/noise';
import { DAY } from '../network/cadence';
import { DEFAULT_REPLY_DAYS, repliesOwed } from '../network/replies';
import { addPersonManually, addToNetwork, setCadence } from '../store/actions';
import type { KringDb } from '../store/db';
import type { Person } from '../model/types';
import { addressHashes } from '../store/hash';
import { historyOf } from '../store/people';
import { SETTING, getSetting, ownKeys } from '../store/settings';


/** Cards the sidebar shows at most, in page order: a mail to a crowd stays a short answer. */
export const SIDEBAR_MAX_PEOPLE = 60;

/** Teammates who know someone with these addresses (issue 21; src/team/service.ts), when in a team. */
export type KnownTo = (addresses: string[]) => Promise<NonNullable<SidebarPerson['knownTo']>>;

export async function sidebarPage(db: KringDb, tabId: number, detection: DetectionPayload | null, now = Date.now(), omitted = 0, knownTo?: KnownTo): Promise<SidebarPage> {
  const empty: SidebarPage = { tabId, view: detection?.view ?? null, kind: null, captureOff: false, people: [], more: 0 };
  if (!detection || !OPEN_VIEWS.has(detection.view) || detection.items.length === 0) return empty;
  // Keyed by address, or by name where the page shows no address (see network/names.ts).
  const onPage = new Map<string, string | null>();
  // Who the page says the user is, unless the user said that is not them (ingest.ts, issue 16).
  const rejected = new Set(await getSetting<string[]>(db, SETTING.rejectedOwn, []));
  const mine = new Set([detection.account, detection.accountName ? nameKey(detection.accountName) : null].filter((k) => k && !rejected.has(k)));
  for (const item of detection.items) {
    for (const p of item.people) {
      const key = keyOf(p);
      if (!key || mine.has(key)) continue;
      if (!onPage.has(key) || (!onPage.get(key) && p.name)) onPage.set(key, p.name);
    }
  }
  const hashes = await addressHashes(onPage.keys());
  const [own, rules, off, forgotten, replyDays] = await Promise.all([
    ownKeys(db),
    db.ignoreRules.toArray(),
    getSetting<string[]>(db, SETTING.captureOff, []),
    db.forgotten.bulkGet([...hashes.values()]),
    getSetting<number>(db, SETTING.replyDays, DEFAULT_REPLY_DAYS),
  ]);
  const ownSet = new Set(own);
  const ignore = rules.map((r) => r.rule);
  const forgottenHashes = new Set(forgotten.flatMap((f) => (f ? [f.hash] : [])));
  const people: SidebarPerson[] = [];
  const shown: { email: string; name: string | null; unresolved: boolean; person: Person | undefined }[] = [];
  let more = omitted;
  for (const [email, name] of onPage) {
    const unresolved = isNameKey(email);
    if (ownSet.has(email) || forgottenHashes.has(hashes.get(email)!)) continue;
    if (!unresolved && (isAutomated(email) || isIgnored(email, ignore))) continue;
    if (shown.length >= SIDEBAR_MAX_PEOPLE) {
      more++;
      continue;
    }
    const address = await db.addresses.get(email);
    const person = address ? await db.people.get(address.personId) : undefined;
    if (!person && unresolved && name) {
      // Shown by name only, and Kring knows exactly one person by that name with an address
      // (as ingest decides): show them, with their address.
      const namesakes = await db.people.where('name').equals(cleanDisplayName(name) ?? name).limit(2).toArray();
      const theirs = namesakes.length === 1 ? (await db.addresses.where('personId').equals(namesakes[0]!.id).toArray()).find((a) => !isNameKey(a.address)) : undefined;
      if (theirs && !shown.some((s) => s.email === theirs.address) && !onPage.has(theirs.address)) {
        shown.push({ email: theirs.address, name, unresolved: false, person: namesakes[0] });
        continue;
      }
    }
    shown.push({ email, name, unresolved, person });
  }
  // Replies owed with the people on this page only, from their last 30 days: the answer stays
  // small however large the mailbox (bench: sidebar with 10,000 people).
  const recent = (
    await Promise.all(
      shown.flatMap((s) => (s.person ? [db.interactions.where('[personId+at]').between([s.person.id, now - 45 * DAY], [s.person.id, now]).toArray()] : [])),
    )
  ).flat();
  const owed = repliesOwed(recent, now, replyDays, now - 30 * DAY);
  for (const { email, name, unresolved, person } of shown) {
    const id = person?.id;
    // Cold inbound you never answered is no debt (as in the popup, store/queries.ts).
    const corresponds = person ? person.lastOut > 0 || person.status === 'network' : false;
    // Who of the team knows them: by the address on the page and every address Kring has for them.
    const addresses = [...(unresolved ? [] : [email]), ...(id ? (await db.addresses.where('personId').equals(id).primaryKeys()).filter((a) => !isNameKey(a)) : [])];
    const known = knownTo && addresses.length ? await knownTo(addresses).catch(() => []) : [];
    people.push({
      email,
      unresolved,
      name,
      person: person
        ? { id: person.id, name: person.name, status: person.status, reason: person.reason, lastContact: person.lastContact, cadenceDays: person.cadenceDays }
        : null,
      count: id ? await db.interactions.where('[personId+at]').between([id, -Infinity], [id, Infinity]).count() : 0,
      recent: id
        ? (await historyOf(db, id, 5)).map((i) => ({ id: i.id, at: i.at, direction: i.direction, subject: i.subject, provider: i.provider, sourceId: i.sourceId, threadId: i.threadId }))
        : [],
      youOwe: corresponds ? owed.youOwe.filter((o) => o.personId === id).map(({ threadId, subject, since }) => ({ threadId, subject, since })) : [],
      theyOwe: owed.theyOwe.filter((o) => o.personId === id).map(({ threadId, subject, since }) => ({ threadId, subject, since })),
      ...(known.length ? { knownTo: known } : {}),
    });
  }
  return { tabId, view: detection.view, kind: detection.items[0]!.kind, captureOff: off.includes(detection.provider), people, more };
}

/**
 * The sidebar's one-click actions: only what cannot lose anything. Forget and "not a person" are
 * confirmed in the settings page, which the webmail page cannot hide or cover (issue 16).
 */
export function sidebarActions(db: KringDb) {
  const personOf = async (email: string) => (await db.addresses.get(email.toLowerCase()))?.personId;
  return {
    async addToNetwork(email: string, name: string | null) {
      const id = (await personOf(email)) ?? (await addPersonManually(db, email, name));
      await addToNetwork(db, id);
      return true;
    },
    async setCadence(email: string, days: number | null) {
      const id = await personOf(email);
      if (id) await setCadence(db, id, days);
      return Boolean(id);
    },
  };
}
