/**
 * Kring's own backup: every table, as stored, in one versioned JSON document. Pure (the store
 * reads and writes it in src/store/transfer.ts). Format, documented in the README:
 *   { "format": "kring-backup", "version": 1, "exportedAt": ISO date, "schema": <Dexie version>,
 *     "tables": { "people": [...], "addresses": [...], "interactions": [...], "settings": [...],
 *                 "forgotten": [...], "ignoreRules": [...], "merges": [...], "dismissedPairs": [...] } }
 */
import { z } from 'zod';
import { ImportError } from './contacts';

// Validate without compiling code: extension pages forbid eval.
z.config({ jitless: true });

export const BACKUP_FORMAT = 'kring-backup';
export const BACKUP_VERSION = 1;
export const BACKUP_TABLES = ['people', 'addresses', 'interactions', 'settings', 'forgotten', 'ignoreRules', 'merges', 'dismissedPairs'] as const;
export type BackupTable = (typeof BACKUP_TABLES)[number];

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: number;
  exportedAt: string;
  schema: number;
  tables: Record<BackupTable, Record<string, unknown>[]>;
}

/** Key of each table's records, checked on the way in. */
const KEYS: Record<BackupTable, string> = {
  people: 'id',
  addresses: 'address',
  interactions: 'id',
  settings: 'key',
  forgotten: 'hash',
  ignoreRules: 'rule',
  merges: 'id',
  dismissedPairs: 'pair',
};

const id = z.string().min(1).max(1000);
const str = (max: number) => z.string().max(max);
const time = z.number().finite();
const direction = z.enum(['in', 'out', 'cc', 'meeting', 'upcoming', 'manual']);
const person = z.object({
  id,
  name: str(1000).nullable(),
  status: z.enum(['seen', 'network']),
  reason: z.enum(['you-wrote', 'they-wrote', 'meeting', 'cc', 'manual']),
  firstContact: time,
  lastContact: time,
  lastIn: time,
  lastOut: time,
  lastSeen: time,
  createdAt: time,
  cadenceDays: z.number().int().min(1).max(36_500).nullable(),
  due: time.optional(),
  snoozedUntil: time,
  addedAt: time,
  notes: str(200_000),
  tags: z.array(str(200)).max(1000),
});
const stringList = z.array(str(1000)).max(100_000);
const counts = z.record(z.string().max(100), z.record(z.string().max(100), z.number()));
/** Settings Kring reads, by key; a key this Kring does not know is kept as it is. */
const SETTING_VALUES: Record<string, z.ZodType> = {
  ownAddresses: stringList,
  ownNames: stringList,
  rejectedOwn: stringList,
  pendingOwn: z.array(z.object({ key: str(1000), provider: str(100), at: time, label: str(1000).optional() })).max(100),
  captureOff: stringList,
  dropped: z.record(z.string().max(100), z.number()),
  detectionFailures: counts,
  detectionDegraded: counts,
  degradedHints: z.record(z.string().max(100), z.array(str(100)).max(100)),
  defaultCadenceDays: z.number().int().min(1).max(36_500),
  retentionDays: z.number().int().min(1).max(36_500),
  replyDays: z.number().int().min(1).max(365),
  keepSubjects: z.boolean(),
  retentionRanAt: time,
  reminders: z.object({ mode: z.enum(['off', 'daily', 'weekly']), time: z.string().regex(/^\d{1,2}:\d{2}$/), weekday: z.number().int().min(0).max(6), lastSent: time, since: time }).partial(),
  remindersOffered: z.boolean(),
  teamHidden: stringList,
  organisations: z
    .record(
      z.string().min(3).max(253),
      z.object({
        name: str(200).optional(),
        cadenceDays: z.number().int().min(1).max(36_500).nullable().optional(),
        tags: z.array(str(200)).max(1000).optional(),
        notes: str(200_000).optional(),
        personal: z.boolean().optional(),
        at: time,
      }),
    )
    .refine((r) => Object.keys(r).length <= 100_000),
};
/**
 * Each table's records, field by field (issue 16: a backup with `tags: null` or a date as text
 * was restored, and the popup then failed). Fields a record does not need are dropped.
 */
const RECORDS: Record<BackupTable, z.ZodType> = {
  people: person,
  addresses: z.object({ address: id, personId: id, nameTails: z.array(str(100)).max(3).optional() }),
  interactions: z.object({
    id,
    personId: id,
    // Empty for "Contacted today" (store/actions.ts logContact): no address was involved.
    address: str(1000),
    provider: str(100),
    sourceId: str(1000),
    threadId: str(1000).nullable(),
    direction,
    at: time,
    atEstimated: z.boolean(),
    subject: str(10_000).nullable(),
    seenIn: z.enum(['page', 'list']).optional(),
  }),
  settings: z.object({ key: id, value: z.unknown() }).superRefine((row, ctx) => {
    const schema = SETTING_VALUES[row.key];
    const check = schema?.safeParse(row.value);
    if (check && !check.success) ctx.addIssue({ code: 'custom', path: ['value'], message: `not a valid ${row.key}` });
  }),
  forgotten: z.object({ hash: id, at: time }),
  ignoreRules: z.object({ rule: id, at: time }),
  merges: z.object({ id, at: time, keptId: id, keptBefore: person, merged: person, addresses: z.array(id) }),
  dismissedPairs: z.object({ pair: id, at: time }),
};

/** Where and what: "people[3].tags: expected array, received null". */
function recordError(table: BackupTable, index: number, error: z.ZodError): ImportError {
  const issue = error.issues[0]!;
  const path = issue.path.map(String).join('.');
  return new ImportError(`${path ? `${path}: ` : ''}${issue.message}`.slice(0, 200), `${table}[${index}]`);
}

export function parseBackup(text: string): Backup {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ImportError(`not valid JSON (${(e as Error).message}): is the file cut short?`);
  }
  const b = data as Partial<Backup>;
  if (!b || typeof b !== 'object' || b.format !== BACKUP_FORMAT) throw new ImportError('not a Kring backup');
  if (b.version !== BACKUP_VERSION) throw new ImportError(`backup version ${String(b.version)}; this Kring reads version ${BACKUP_VERSION}`);
  if (!b.tables || typeof b.tables !== 'object') throw new ImportError('the backup has no tables');
  for (const t of BACKUP_TABLES) {
    const rows = (b.tables as Record<string, unknown>)[t];
    if (!Array.isArray(rows)) throw new ImportError(`table "${t}" is missing or not a list`);
    rows.forEach((r, i) => {
      const key = (r as Record<string, unknown> | null)?.[KEYS[t]];
      if (!r || typeof r !== 'object' || typeof key !== 'string' || key.length === 0 || key.length > 1000) {
        throw new ImportError(`record without a valid "${KEYS[t]}"`, `${t}[${i}]`);
      }
    });
  }
  for (const t of BACKUP_TABLES) {
    const rows = b.tables[t];
    for (let i = 0; i < rows.length; i++) {
      const parsed = RECORDS[t].safeParse(rows[i]);
      if (!parsed.success) throw recordError(t, i, parsed.error);
      rows[i] = parsed.data as Record<string, unknown>;
    }
  }
  const people = new Set(b.tables.people.map((p) => p.id));
  b.tables.addresses.forEach((a, i) => {
    if (!people.has(a.personId)) throw new ImportError('address of a person who is not in the backup', `addresses[${i}]`);
  });
  b.tables.interactions.forEach((x, i) => {
    if (!people.has(x.personId) || typeof x.at !== 'number') throw new ImportError('interaction without its person or date', `interactions[${i}]`);
  });
  return b as Backup;
}

export function serializeBackup(backup: Backup): string {
  return JSON.stringify(backup);
}
