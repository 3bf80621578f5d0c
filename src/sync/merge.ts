/**
 * Three-way merge of a person's synced fields against the copy both sides last agreed on
 * (issue 19; how vdirsyncer, DAVx5 and CardBook decide, in ../shared/research/carddav-sync.md).
 * A field only one side changed takes that side; both changed: addresses and tags merge what each
 * added and removed, the name, status and cadence follow the newer edit, the last contact is the
 * later date, and a note edited on both keeps both texts, the newer first and the other marked.
 * With no agreed copy (a first sync that matched a person by address) both sides count as changed
 * from nothing. Nothing a user typed is thrown away. Pure.
 */
import type { SyncFields } from './card';

export interface Side {
  fields: SyncFields;
  /** When this side last changed (epoch ms): the newer edit wins a field both changed. */
  at: number;
}

/** The line that marks the other device's text in a note both sides edited. */
export const NOTE_MARK = '--- Also written on another device ---';

const EMPTY: SyncFields = { name: null, emails: [], notes: '', tags: [], status: 'seen', cadenceDays: null, lastContact: 0 };

function mergeSet(base: string[], a: string[], b: string[]): string[] {
  const baseSet = new Set(base);
  const removed = new Set([...base.filter((x) => !a.includes(x)), ...base.filter((x) => !b.includes(x))]);
  const out = [...base.filter((x) => !removed.has(x))];
  for (const x of [...a, ...b]) if (!baseSet.has(x) && !out.includes(x)) out.push(x);
  return out;
}

function mergeNotes(base: string, newer: string, older: string): string {
  if (newer === older) return newer;
  if (!older || older === base) return newer;
  if (!newer || newer === base) return older;
  // Each side's own text, without a block an earlier merge already marked.
  const own = (n: string) => n.split(`\n\n${NOTE_MARK}\n`)[0]!;
  if (own(newer).includes(own(older))) return newer;
  return `${newer}\n\n${NOTE_MARK}\n${own(older)}`;
}

export function mergeFields(base: SyncFields | null, local: Side, remote: Side): SyncFields {
  const b = base ?? EMPTY;
  const l = local.fields;
  const r = remote.fields;
  const [newer, older] = local.at >= remote.at ? [l, r] : [r, l];
  const pick = <K extends keyof SyncFields>(k: K, same: (x: SyncFields[K], y: SyncFields[K]) => boolean = (x, y) => x === y): SyncFields[K] => {
    if (same(l[k], b[k])) return r[k];
    if (same(r[k], b[k])) return l[k];
    return newer[k];
  };
  const status = base ? pick('status') : l.status === 'network' || r.status === 'network' ? 'network' : 'seen';
  return {
    name: pick('name', (x, y) => x === y) ?? l.name ?? r.name,
    emails: mergeSet(b.emails, l.emails, r.emails),
    notes: mergeNotes(b.notes, newer.notes, older.notes),
    tags: mergeSet(b.tags, l.tags, r.tags),
    status,
    cadenceDays: base ? pick('cadenceDays') : (newer.cadenceDays ?? older.cadenceDays),
    lastContact: Math.max(l.lastContact, r.lastContact),
  };
}
