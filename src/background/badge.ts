/**
 * The count on Kring's toolbar icon (issue 20): people due now plus replies you owe, the same
 * numbers the popup's Due list shows (its queries), so the user sees without opening it that
 * someone is waiting. Nothing when zero, nothing when turned off in the settings page.
 *
 * Updated a few seconds after the store changes (a burst of captures is one update: the replies
 * query reads the last weeks of mail) and every hour by an alarm, so a person falling due overnight
 * shows in the morning.
 */
import { repliesOwedNow } from '../store/queries';
import type { KringDb } from '../store/db';
import { SETTING, getSetting } from '../store/settings';

export const BADGE_ALARM = 'kring-badge';
export const BADGE_EVERY_MINUTES = 60;
/** A burst of changes is one update, this long after the last. */
export const BADGE_QUIET_MS = 3000;
/** Readable on light and dark toolbars: Kring's green with white text (contrast 6.5:1). */
export const BADGE_COLOUR = '#0b6b4f';

export async function badgeCount(db: KringDb, now = Date.now()): Promise<number> {
  const [due, replies] = await Promise.all([db.people.where('due').belowOrEqual(now).count(), repliesOwedNow(db, now)]);
  return due + replies.youOwe.length;
}

export const badgeText = (n: number) => (n <= 0 ? '' : n > 99 ? '99+' : String(n));

/** chrome.action, or a stand-in in tests. */
export interface BadgeAction {
  setBadgeText(details: { text: string }): Promise<void> | void;
  setBadgeBackgroundColor(details: { color: string }): Promise<void> | void;
  setBadgeTextColor?(details: { color: string }): Promise<void> | void;
}

export function createBadge({ db, action, now = Date.now }: { db: () => KringDb; action: BadgeAction; now?: () => number }) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let shown: string | null = null;
  const update = async () => {
    const on = await getSetting<boolean>(db(), SETTING.badge, true);
    const text = on ? badgeText(await badgeCount(db(), now())) : '';
    if (text === shown) return text;
    shown = text;
    await action.setBadgeBackgroundColor({ color: BADGE_COLOUR });
    await action.setBadgeTextColor?.({ color: '#ffffff' });
    await action.setBadgeText({ text });
    return text;
  };
  return {
    update,
    /** The store changed: update once things are quiet. */
    soon: () => {
      clearTimeout(timer);
      timer = setTimeout(() => void update().catch(() => {}), BADGE_QUIET_MS);
    },
  };
}

export type Badge = ReturnType<typeof createBadge>;
