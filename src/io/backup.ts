/**
 * Kring's own backup: every table, as stored, in one versioned JSON document. Pure (the store
 * reads and writes it in src/store/transfer.ts). Format, documented in the README:
 *   { "format": "kring-backup", "version": 1, "exportedAt": ISO date, "schema": <Dexie version>,
 *     "tables": { "people": [...], "addresses": [...], "interactions": [...], "settings": [...],
 *                 "forgotten": [...], "ignoreRules": [...], "merges": [...], "dismissedPairs": [...] } }
 */
import { ImportError } from './contacts';

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
