/**
 * The one Dexie database. Every schema version stays here, in order, with its upgrade; each
 * upgrade has a test that upgrades a populated database and loses nothing
 * (tests/durability/upgrade-*.test.ts). Lives in the extension origin: the background writes
 * captures, extension pages read and write what the user does. Content scripts never import this
 * (their IndexedDB would be the webmail page's).
 */
import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { Address, DismissedPair, Forgotten, IgnoreRule, Interaction, MergeRecord, Person, Setting, SyncCard, TeamBook, TeamCard, TeamEntryRow } from '../model/types';

export const DB_NAME = 'kring';

/** Schema v1: people by last contact and a person's history as index reads. */
export const SCHEMA_V1 = {
  people: 'id, lastContact, [status+lastContact]',
  addresses: 'address, personId',
  interactions: 'id, [personId+at], at',
  settings: 'key',
};

/**
 * Schema v2 (issue 4): due dates and retention as index reads, upcoming meetings by time, tags,
 * and the tables behind forgetting, ignore rules, merge undo and dismissed suggestions.
 */
export const SCHEMA_V2 = {
  people: 'id, lastContact, [status+lastContact], [status+lastSeen], due, *tags',
  addresses: 'address, personId',
  interactions: 'id, [personId+at], at, [direction+at]',
  settings: 'key',
  forgotten: 'hash',
  ignoreRules: 'rule',
  merges: 'id, keptId',
  dismissedPairs: 'pair',
};

/**
 * Schema v3 (issue 8): the plain `at` index on interactions goes. Its one reader (replies owed)
 * now reads `in` and `out` by `[direction+at]`, which skips copies and meetings; one index less
 * is about a fifth less disk per interaction. No data changes, so no upgrade function.
 */
export const SCHEMA_V3 = { ...SCHEMA_V2, interactions: 'id, [personId+at], [direction+at]' };

/**
 * Schema v4 (issue 15): people by display name, so a page that shows someone by name only (SOGo's
 * recipient chips, Outlook's reading pane) finds the person Kring already knows with an address.
 * Only an index is added; no data changes, so no upgrade function.
 */
export const SCHEMA_V4 = { ...SCHEMA_V3, people: `${SCHEMA_V3.people}, name` };

/**
 * Schema v5 (issue 19): what CardDAV sync remembers of each card (its href, etag and the fields
 * both sides last agreed on), by UID, person and href. A new table; no data changes. Not in
 * backups: a restored store syncs afresh.
 */
export const SCHEMA_V5 = { ...SCHEMA_V4, syncCards: 'uid, personId, href' };

/**
 * Schema v6 (issue 21): the team. Teammates' published entries by book and by each keyed hash of
 * an address and an organisation (the sidebar's lookup is an index read); each team book's sync
 * token and member; and what this member published (UID, href, etag, text). New tables; no data
 * changes. Not in backups: they are copies of the team's server.
 */
export const SCHEMA_V6 = { ...SCHEMA_V5, teamEntries: 'id, book, *addresses, *orgs', teamBooks: 'url', teamCards: 'uid' };

/** The schema version this code opens. */
export const CURRENT_VERSION = 6;

/** v1 → v2: new person fields get their defaults; lastSeen comes from the person's history. */
export async function upgradeToV2(tx: Transaction): Promise<void> {
  const lastSeen = new Map<string, number>();
  await tx
    .table('interactions')
    .each((i: Interaction) => {
      if (i.direction !== 'upcoming') lastSeen.set(i.personId, Math.max(lastSeen.get(i.personId) ?? 0, i.at));
    });
  await tx
    .table('people')
    .toCollection()
    .modify((p: Person) => {
      p.lastSeen = lastSeen.get(p.id) ?? p.lastContact ?? 0;
      p.cadenceDays = null;
      p.snoozedUntil = 0;
      p.addedAt = 0;
      p.notes = '';
      p.tags = [];
    });
}

export class KringDb extends Dexie {
  people!: EntityTable<Person, 'id'>;
  addresses!: EntityTable<Address, 'address'>;
  interactions!: EntityTable<Interaction, 'id'>;
  settings!: EntityTable<Setting, 'key'>;
  forgotten!: EntityTable<Forgotten, 'hash'>;
  ignoreRules!: EntityTable<IgnoreRule, 'rule'>;
  merges!: EntityTable<MergeRecord, 'id'>;
  dismissedPairs!: EntityTable<DismissedPair, 'pair'>;
  syncCards!: EntityTable<SyncCard, 'uid'>;
  teamEntries!: EntityTable<TeamEntryRow, 'id'>;
  teamBooks!: EntityTable<TeamBook, 'url'>;
  teamCards!: EntityTable<TeamCard, 'uid'>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2);
    this.version(3).stores(SCHEMA_V3);
    this.version(4).stores(SCHEMA_V4);
    this.version(5).stores(SCHEMA_V5);
    this.version(6).stores(SCHEMA_V6);
  }
}

let instance: KringDb | null = null;
/** The shared database of this extension context. */
export function db(): KringDb {
  instance ??= new KringDb();
  return instance;
}
