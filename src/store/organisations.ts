/**
 * Organisations (issue 20): the popup's reads and the user's edits. The grouping and the trend are
 * src/network/organisations.ts; this reads what they need and keeps what the user sets, in the
 * settings row `organisations` (one small record per organisation the user touched).
 */
import { DAY } from '../network/cadence';
import { isNameKey } from '../network/names';
import { TREND_DAYS, type ContactRef, type OrgPerson, type OrgSummary } from '../network/org-summary';
import type { Direction, OrgRecord } from '../model/types';
import type { KringDb } from './db';
import { getSetting, SETTING } from './settings';

const CONTACT_DIRECTIONS: Direction[] = ['in', 'out', 'meeting', 'manual'];

export async function orgRecords(db: KringDb): Promise<Record<string, OrgRecord>> {
  return getSetting<Record<string, OrgRecord>>(db, SETTING.organisations, {});
}

/**
 * Every organisation of the people Kring keeps. Reads people and addresses whole (as the People
 * tab does) and the contacts of the last 2 × 90 days by the `[direction+at]` index; a contact
 * whose date the page did not show is not counted (as it never counts as contact).
 */
export async function organisations(db: KringDb, now = Date.now()): Promise<OrgSummary[]> {
  // Loaded here, not with the popup (the Public Suffix List and the providers' list); before the
  // transaction, which must not wait on anything but the database.
  const { summariseOrganisations } = await import('../network/organisations');
  const split = now - TREND_DAYS * DAY;
  const from = now - 2 * TREND_DAYS * DAY;
  return db.transaction('r', [db.people, db.addresses, db.interactions, db.settings], async () => {
    const [people, addresses, records, ...contacts] = await Promise.all([
      db.people.toArray(),
      db.addresses.toArray(),
      orgRecords(db),
      ...CONTACT_DIRECTIONS.map((d) => db.interactions.where('[direction+at]').between([d, from], [d, now], true, true).toArray()),
    ]);
    const byId = new Map(people.map((p) => [p.id, p]));
    const members: OrgPerson[] = [];
    for (const a of addresses) {
      const person = byId.get(a.personId);
      if (person && !isNameKey(a.address)) members.push(a.nameTails ? { person, address: a.address, nameTails: a.nameTails } : { person, address: a.address });
    }
    const recent: ContactRef[] = [];
    const before: ContactRef[] = [];
    for (const i of contacts.flat()) {
      if (i.atEstimated) continue;
      // By the address written to; "Contacted today" names none: by the person.
      (i.at >= split ? recent : before).push(i.address ? { address: i.address } : { personId: i.personId });
    }
    return summariseOrganisations(members, { recent, before }, records, now);
  });
}

/** Change what the user set for one organisation; an empty record is removed. */
export async function updateOrg(db: KringDb, domain: string, patch: Partial<Omit<OrgRecord, 'at'>>): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const records = await orgRecords(db);
    const next: OrgRecord = { ...records[domain], ...patch, at: Date.now() };
    if (next.name !== undefined) next.name = next.name.trim().slice(0, 200);
    if (next.notes !== undefined) next.notes = next.notes.slice(0, 200_000);
    if (next.tags) next.tags = [...new Set(next.tags.map((t) => t.trim().slice(0, 200)).filter(Boolean))].slice(0, 1000);
    const empty = !next.name && !next.cadenceDays && !next.tags?.length && !next.notes && !next.personal;
    if (empty) delete records[domain];
    else records[domain] = next;
    await db.settings.put({ key: SETTING.organisations, value: records });
  });
}

/**
 * Organisations whose own cadence falls due within `withinDays` (for the Due tab), most overdue
 * first. Nothing is read past the settings row unless the user gave some organisation a cadence.
 */
export async function dueOrganisations(db: KringDb, now = Date.now(), withinDays = 7): Promise<OrgSummary[]> {
  const records = await orgRecords(db);
  if (!Object.values(records).some((r) => r.cadenceDays && !r.personal)) return [];
  return (await organisations(db, now)).filter((o) => o.due !== undefined && o.due <= now + withinDays * DAY).sort((a, b) => a.due! - b.due!);
}
