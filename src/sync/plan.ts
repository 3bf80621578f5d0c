/**
 * What one sync does (issue 19), decided before anything is written: per card, from the person in
 * Kring, the card on the server and the copy both last agreed on (vdirsyncer's table, the research
 * brief). Pure: the loop fetches, this decides, the loop applies in one transaction and pushes.
 *
 * - Changed on one side only: the other side takes it. On both: merged (merge.ts), kept in Kring
 *   and sent back.
 * - New on the server: a person with one of its addresses is that person (first sync: merged,
 *   never duplicated); else a new network person.
 * - New in Kring (a network person with no card): a card is created.
 * - Deleted on the server: unchanged in Kring → the person leaves the network (their history
 *   stays); changed in Kring since → the change wins and the card comes back.
 * - Left the network in Kring: the card is deleted, unless it changed on the server since (the
 *   change wins: the person comes back into the network).
 * - More than a few people (3) and more than half the book deleted on the server at once: nothing
 *   is applied; the user is asked.
 * - Syncing the network only: cards of people outside the network (written by a device that syncs
 *   everyone) are left alone; one that was synced here means that person left the network.
 */
import { contentKey, type Card, type SyncFields } from './card';
import { mergeFields } from './merge';

export interface LocalPerson {
  personId: string;
  fields: SyncFields;
  /** When the person last changed in Kring (epoch ms). */
  at: number;
}

/** What Kring remembers of a card since the last sync. */
export interface Synced {
  uid: string;
  personId: string;
  href: string;
  etag: string;
  /** The fields both sides agreed on, and the card's normalised content then. */
  base: SyncFields;
  key: string;
}

export interface RemoteState {
  /** Cards fetched because they are new or changed, by href. */
  changed: Map<string, { etag: string; card: Card }>;
  /** Hrefs gone from the server. */
  deleted: Set<string>;
}

export type Step =
  | { do: 'create-local'; uid: string; href: string; etag: string; fields: SyncFields; key: string }
  /** `push`: the merged fields differ from the card, which is sent back written over `card`. */
  | { do: 'update-local'; personId: string; uid: string; href: string; etag: string; fields: SyncFields; key: string; push: boolean; card: Card }
  | { do: 'leave-network'; personId: string; uid: string }
  | { do: 'push-create'; personId: string; uid: string; fields: SyncFields }
  /** The loop fetches the card first, to write Kring's fields into it and keep the rest. */
  | { do: 'push-update'; personId: string; uid: string; href: string; etag: string; fields: SyncFields }
  | { do: 'push-delete'; personId: string; uid: string; href: string; etag: string }
  /** Gone on both sides (forgotten here, deleted there): only Kring's record of the card goes. */
  | { do: 'drop-card'; uid: string };

export interface Plan {
  steps: Step[];
  /** Set when the server deleted too much at once: nothing should be applied before the user agrees. */
  massDeletion?: { deleted: number; of: number };
}

export const MASS_DELETION_MIN = 3;

const same = (a: SyncFields, b: SyncFields) => JSON.stringify(norm(a)) === JSON.stringify(norm(b));
const norm = (f: SyncFields) => ({ ...f, emails: [...f.emails].sort(), tags: [...f.tags].sort() });

/**
 * `allowMassDeletion`: the user agreed to the deletions the guard stopped. `restoreDeleted`: the
 * user chose to put them back instead: every person deleted on the server is sent again.
 */
export function planSync(local: LocalPerson[], synced: Synced[], remote: RemoteState, opts: { allowMassDeletion?: boolean; restoreDeleted?: boolean; scope?: 'network' | 'everyone' } = {}): Plan {
  const steps: Step[] = [];
  const localById = new Map(local.map((p) => [p.personId, p]));
  const syncedByHref = new Map(synced.map((s) => [s.href, s]));
  const syncedByPerson = new Map(synced.map((s) => [s.personId, s]));
  const handled = new Set<string>();

  const deletions = [...remote.deleted].filter((h) => syncedByHref.has(h));
  if (!opts.allowMassDeletion && !opts.restoreDeleted && deletions.length > MASS_DELETION_MIN && deletions.length > synced.length / 2) {
    return { steps: [], massDeletion: { deleted: deletions.length, of: synced.length } };
  }

  // Addresses of network people with no card yet: a new card with one of them is that person.
  const byAddress = new Map<string, LocalPerson>();
  for (const p of local) if (!syncedByPerson.has(p.personId)) for (const e of p.fields.emails) byAddress.set(e, p);

  for (const [href, { etag, card }] of remote.changed) {
    const s = syncedByHref.get(href);
    // Syncing the network only, with a device that syncs everyone: a card of someone outside the
    // network is not this device's to take or delete. One it had: that person left the network.
    if (opts.scope !== 'everyone' && card.fields.status !== 'network') {
      if (s) {
        handled.add(s.personId);
        steps.push(localById.has(s.personId) ? { do: 'leave-network', personId: s.personId, uid: s.uid } : { do: 'drop-card', uid: s.uid });
      }
      continue;
    }
    if (s) {
      handled.add(s.personId);
      const mine = localById.get(s.personId);
      const remoteChanged = contentKey(card) !== s.key;
      if (!mine) {
        // Left the network in Kring since; changed on the server since: the change wins, they come back.
        if (remoteChanged) steps.push({ do: 'update-local', personId: s.personId, uid: s.uid, href, etag, fields: card.fields, key: contentKey(card), push: false, card });
        else steps.push({ do: 'push-delete', personId: s.personId, uid: s.uid, href, etag });
        continue;
      }
      const localChanged = !same(mine.fields, s.base);
      if (!remoteChanged && !localChanged) continue; // reformatted by the server: nothing to do
      if (!localChanged) {
        steps.push({ do: 'update-local', personId: s.personId, uid: s.uid, href, etag, fields: card.fields, key: contentKey(card), push: false, card });
        continue;
      }
      const merged = remoteChanged ? mergeFields(s.base, { fields: mine.fields, at: mine.at }, { fields: card.fields, at: card.rev }) : mine.fields;
      steps.push({ do: 'update-local', personId: s.personId, uid: s.uid, href, etag, fields: merged, key: contentKey(card), push: !same(merged, card.fields), card });
      continue;
    }
    // A card Kring has not seen: someone Kring knows by address, or someone new.
    const match = card.fields.emails.map((e) => byAddress.get(e)).find(Boolean);
    if (match) {
      handled.add(match.personId);
      for (const e of match.fields.emails) byAddress.delete(e);
      const merged = mergeFields(null, { fields: match.fields, at: match.at }, { fields: card.fields, at: card.rev });
      steps.push({ do: 'update-local', personId: match.personId, uid: card.uid, href, etag, fields: merged, key: contentKey(card), push: !same(merged, card.fields), card });
    } else {
      steps.push({ do: 'create-local', uid: card.uid, href, etag, fields: card.fields, key: contentKey(card) });
    }
  }

  for (const href of deletions) {
    const s = syncedByHref.get(href)!;
    handled.add(s.personId);
    const mine = localById.get(s.personId);
    if (!mine) {
      steps.push({ do: 'drop-card', uid: s.uid }); // gone on both sides
      continue;
    }
    if (same(mine.fields, s.base) && !opts.restoreDeleted) steps.push({ do: 'leave-network', personId: s.personId, uid: s.uid });
    else steps.push({ do: 'push-create', personId: s.personId, uid: s.uid, fields: mine.fields }); // the change wins: the card comes back
  }

  for (const p of local) {
    if (handled.has(p.personId)) continue;
    const s = syncedByPerson.get(p.personId);
    if (!s) steps.push({ do: 'push-create', personId: p.personId, uid: p.personId, fields: p.fields });
    else if (!same(p.fields, s.base)) steps.push({ do: 'push-update', personId: p.personId, uid: s.uid, href: s.href, etag: s.etag, fields: p.fields });
  }
  // Left the network in Kring, card untouched on the server: the card goes.
  for (const s of synced) if (!handled.has(s.personId) && !localById.has(s.personId)) steps.push({ do: 'push-delete', personId: s.personId, uid: s.uid, href: s.href, etag: s.etag });

  return { steps };
}
