/**
 * What an import would do, before anything is written: who is new, who merges into a person
 * already stored (by address), who is skipped and why. Pure.
 */
import type { ContactRecord } from './contacts';

export type SkipReason = 'no-address' | 'own-address' | 'ignored' | 'forgotten';

export interface ImportPlan {
  /** Records for new people (duplicates within the file already combined). */
  create: ContactRecord[];
  /** Records that join an existing person. */
  merge: { personId: string; record: ContactRecord }[];
  skipped: { index: number; name: string | null; reason: SkipReason }[];
}

export interface PlanContext {
  existing: ReadonlyMap<string, string>;
  isOwn: (address: string) => boolean;
  isIgnored: (address: string) => boolean;
  isForgotten: (address: string) => boolean;
}

export function planImport(records: readonly ContactRecord[], ctx: PlanContext): ImportPlan {
  const plan: ImportPlan = { create: [], merge: [], skipped: [] };
  const createdBy = new Map<string, ContactRecord>();
  const mergeBy = new Map<string, ContactRecord>();
  records.forEach((r, index) => {
    const emails = r.emails.filter((e) => !ctx.isOwn(e) && !ctx.isIgnored(e) && !ctx.isForgotten(e));
    if (emails.length === 0) {
      const reason: SkipReason =
        r.emails.length === 0 ? 'no-address' : r.emails.some(ctx.isForgotten) ? 'forgotten' : r.emails.some(ctx.isOwn) ? 'own-address' : 'ignored';
      plan.skipped.push({ index, name: r.name, reason });
      return;
    }
    const record = { ...r, emails };
    const personId = emails.map((e) => ctx.existing.get(e)).find(Boolean);
    if (personId) {
      const prev = mergeBy.get(personId);
      if (prev) Object.assign(prev, combine(prev, record));
      else {
        const copy = { ...record };
        mergeBy.set(personId, copy);
        plan.merge.push({ personId, record: copy });
      }
      return;
    }
    const dup = emails.map((e) => createdBy.get(e)).find(Boolean);
    if (dup) {
      Object.assign(dup, combine(dup, record));
      for (const e of dup.emails) createdBy.set(e, dup);
      return;
    }
    const copy = { ...record };
    plan.create.push(copy);
    for (const e of emails) createdBy.set(e, copy);
  });
  return plan;
}

function combine(a: ContactRecord, b: ContactRecord): ContactRecord {
  return {
    name: a.name ?? b.name,
    emails: [...new Set([...a.emails, ...b.emails])],
    notes: [a.notes, b.notes].filter(Boolean).filter((n, i, xs) => xs.indexOf(n) === i).join('\n\n'),
    tags: [...new Set([...a.tags, ...b.tags])],
    ...(a.kring || b.kring ? { kring: { ...b.kring, ...a.kring } } : {}),
  };
}
