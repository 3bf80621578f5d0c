// Issue 20: the count on the toolbar icon: people due now plus replies you owe, as the popup shows them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BADGE_COLOUR, badgeCount, badgeText, createBadge } from '../../../src/background/badge';
import { addToNetwork, logContact } from '../../../src/store/actions';
import type { KringDb } from '../../../src/store/db';
import { SETTING } from '../../../src/store/settings';
import { ME, email, freshDb, ingest, personByAddress } from '../../helpers/store';

const NOW = Date.parse('2026-11-27T12:00:00Z');
let db: KringDb;
beforeEach(async () => {
  db = await freshDb('badge');
});
afterEach(() => db.delete());

async function populated() {
  // Pieter wrote in August and is in the network every 2 weeks: due. Warm asked a question we did not answer: a reply owed.
  await ingest(db, email('p1', ['pieter@devries-advies.nl', 'Pieter de Vries'], [[ME, null]], '2026-08-10T10:00:00+02:00', 'Koffie', 'tp'), NOW);
  await addToNetwork(db, (await personByAddress(db, 'pieter@devries-advies.nl'))!.id, NOW, 14);
  await ingest(db, email('w1', [ME, null], [['warm@x.nl', 'Warm Contact']], '2026-11-01T10:00:00+01:00', 'Plan', 'tw0'), NOW);
  await ingest(db, email('w2', ['warm@x.nl', 'Warm Contact'], [[ME, null]], '2026-11-20T10:00:00+01:00', 'Question', 'tw'), NOW);
  // Someone due next week is not due now.
  await ingest(db, email('l1', [ME, null], [['lena@visser.design', 'Lena Visser']], '2026-11-25T10:00:00+01:00', 'Logo', 'tl'), NOW);
  await addToNetwork(db, (await personByAddress(db, 'lena@visser.design'))!.id, NOW, 7);
}

describe('the toolbar count', () => {
  it('is the people due now plus the replies you owe; contacting someone lowers it', async () => {
    await populated();
    expect(await badgeCount(db, NOW)).toBe(2);
    await logContact(db, (await personByAddress(db, 'pieter@devries-advies.nl'))!.id, NOW);
    expect(await badgeCount(db, NOW)).toBe(1);
    // A week on, Lena (every week, last written on Nov 25) falls due; the question is still owed.
    expect(await badgeCount(db, NOW + 8 * 86_400_000)).toBe(2);
  });

  it('reads nothing when zero and never more than three characters', () => {
    expect([badgeText(0), badgeText(1), badgeText(99), badgeText(100), badgeText(5000)]).toEqual(['', '1', '99', '99+', '99+']);
  });

  it('is drawn in Kring\'s colours, cleared when turned off, and not redrawn when unchanged', async () => {
    await populated();
    const calls: string[] = [];
    const action = {
      setBadgeText: ({ text }: { text: string }) => void calls.push(`text:${text}`),
      setBadgeBackgroundColor: ({ color }: { color: string }) => void calls.push(`bg:${color}`),
      setBadgeTextColor: ({ color }: { color: string }) => void calls.push(`fg:${color}`),
    };
    const badge = createBadge({ db: () => db, action, now: () => NOW });
    expect(await badge.update()).toBe('2');
    expect(calls).toEqual([`bg:${BADGE_COLOUR}`, 'fg:#ffffff', 'text:2']);
    expect(await badge.update()).toBe('2');
    expect(calls).toHaveLength(3);
    await db.settings.put({ key: SETTING.badge, value: false });
    expect(await badge.update()).toBe('');
    expect(calls.at(-1)).toBe('text:');
  });
});
