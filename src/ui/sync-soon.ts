/**
 * "Soon after a change" (issue 19): a change to people made in this page (the popup or the settings
 * page write the store directly) asks the background to sync in a minute. Table hooks fire only for
 * this page's own writes, not for the background's captures or a sync's own changes, so a sync never
 * sets off the next. Where no server is connected the background ignores it.
 */
import { browser } from 'wxt/browser';
import type { KringDb } from '../store/db';

export function syncSoonAfterChanges(db: KringDb, send: () => Promise<unknown> = () => browser.runtime.sendMessage({ type: 'sync/soon' }), quietMs = 1500): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Edits in a row (typing a note) are one message.
  const poke = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void send().catch(() => {}), quietMs);
  };
  for (const table of [db.people, db.addresses, db.forgotten]) {
    table.hook('creating').subscribe(poke);
    table.hook('updating').subscribe(poke);
    table.hook('deleting').subscribe(poke);
  }
}
