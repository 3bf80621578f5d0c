/**
 * Receiving side, in the background. Order is fixed: classify the sender, then parse the message
 * by its schema, then dispatch. Anything rejected is dropped with no side effect but a count.
 */

import { CAPTURE_TYPES, anyMessage, type AnyMessage, type SyncMessage, type TeamMessage } from './protocol';
import { classifySender, type SenderClass, type SenderLike } from './sender';

export type DropReason = Extract<SenderClass, { kind: 'rejected' }>['reason'] | 'invalid-message' | 'not-allowed';

type Msg<T extends AnyMessage['type']> = Extract<AnyMessage, { type: T }>;

export interface CaptureHandlers {
  'capture/detected': (msg: Msg<'capture/detected'>, from: { tabId: number; origin: string; frameId: number }) => Promise<unknown>;
  'capture/page': (msg: Msg<'capture/page'>, from: { tabId: number; origin: string; frameId: number }) => Promise<unknown>;
  'capture/sidebar': (msg: Msg<'capture/sidebar'>, from: { tabId: number; origin: string; frameId: number }) => Promise<unknown>;
  'sidebar/get-page': (msg: Msg<'sidebar/get-page'>, from: SidebarFrom & { tabUrl?: string }) => Promise<unknown>;
  'sidebar/add-to-network': (msg: Msg<'sidebar/add-to-network'>, from: SidebarFrom) => Promise<unknown>;
  'sidebar/set-cadence': (msg: Msg<'sidebar/set-cadence'>, from: SidebarFrom) => Promise<unknown>;
  /** Sync messages (issue 19); absent where sync is not wired (tests of the capture path). */
  sync?: (msg: SyncMessage) => Promise<unknown>;
  /** Team messages (issue 21), from the settings page only. */
  team?: (msg: TeamMessage) => Promise<unknown>;
}

/** Kring's pages that may drive sync: the settings page, and the popup (only to say something changed). */
const SYNC_PAGES: Record<string, readonly string[]> = { '/options.html': ['sync/discover', 'sync/use', 'sync/now', 'sync/soon', 'sync/stop', 'sync/scope'], '/popup.html': ['sync/soon'] };
const pageOf = (url: string | undefined) => {
  try {
    return url ? new URL(url).pathname : '';
  } catch {
    return '';
  }
};

/** The sidebar frame a message came from: its tab and, where the browser says, its frame. */
export interface SidebarFrom {
  tabId: number;
  frameId?: number;
}

export interface ServerOptions {
  ownId: string;
  extensionOrigin: string;
  handlers: CaptureHandlers;
  onDrop?: (reason: DropReason) => void;
  /** Sites the user turned Kring on for (issue 11), and a promise that they are known. */
  isSite?: (origin: string) => boolean;
  ready?: Promise<unknown>;
}

/** Returns the runtime.onMessage listener. A rejected message resolves to undefined. */
export function createMessageServer(opts: ServerOptions) {
  const drop = (reason: DropReason) => {
    opts.onDrop?.(reason);
    return Promise.resolve(undefined);
  };
  const handle = (message: unknown, sender: SenderLike): Promise<unknown> => {
    const from = classifySender(sender, opts.ownId, opts.extensionOrigin, opts.isSite);
    if (from.kind === 'rejected') return drop(from.reason);
    // Our content script treats an empty answer as "not taken" and sends again (a worker stopped
    // mid-message answers nothing): a report refused on purpose says so, and is not resent.
    const refuse = (reason: DropReason) => (from.kind === 'content-script' ? drop(reason).then(() => ({ stored: 0, people: 0, refused: reason })) : drop(reason));
    const parsed = anyMessage.safeParse(message);
    if (!parsed.success) return refuse('invalid-message');
    const msg = parsed.data;
    // Captures come only from content scripts on supported pages; everything else only from our pages.
    if (CAPTURE_TYPES.has(msg.type) !== (from.kind === 'content-script')) return refuse('not-allowed');
    if (from.kind === 'content-script') {
      const origin = { tabId: from.tabId, origin: from.origin, frameId: from.frameId };
      if (msg.type === 'capture/detected') return opts.handlers['capture/detected'](msg, origin);
      if (msg.type === 'capture/page') return opts.handlers['capture/page'](msg, origin);
      if (msg.type === 'capture/sidebar') return from.frameId === 0 ? opts.handlers['capture/sidebar'](msg, origin) : refuse('not-allowed');
      return refuse('not-allowed');
    }
    // Sync: only from the settings page or the popup, never the sidebar framed in a webmail tab.
    // (An extension page's address is the browser's: no other origin can be at ours.)
    if (msg.type.startsWith('sync/')) {
      const allowed = SYNC_PAGES[pageOf(sender.url)] ?? [];
      return allowed.includes(msg.type) && opts.handlers.sync ? opts.handlers.sync(msg as SyncMessage) : drop('not-allowed');
    }
    // The team: only from the settings page.
    if (msg.type.startsWith('team/')) {
      return pageOf(sender.url) === '/options.html' && opts.handlers.team ? opts.handlers.team(msg as TeamMessage) : drop('not-allowed');
    }
    // Sidebar messages come from our page framed in a tab, and act for that tab only.
    if (from.tabId === undefined) return drop('not-allowed');
    const tab: SidebarFrom = { tabId: from.tabId, ...(from.frameId !== undefined ? { frameId: from.frameId } : {}) };
    switch (msg.type) {
      case 'sidebar/get-page':
        // The tab's address (the browser's, given where Kring has host access): the page state
        // is answered only while the tab still shows the site that reported it.
        return opts.handlers['sidebar/get-page'](msg, { ...tab, tabUrl: sender.tab?.url });
      case 'sidebar/add-to-network':
        return opts.handlers['sidebar/add-to-network'](msg, tab);
      case 'sidebar/set-cadence':
        return opts.handlers['sidebar/set-cadence'](msg, tab);
    }
    return drop('not-allowed');
  };
  return (message: unknown, sender: SenderLike): Promise<unknown> => (opts.ready ? opts.ready.then(() => handle(message, sender), () => handle(message, sender)) : handle(message, sender));
}
