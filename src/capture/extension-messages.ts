/**
 * Messages from Kring's own extension side to the content script (never from the page): only our
 * own id with no tab is heard, which is an extension page or the background (a content script or a
 * page never has both).
 */
import { browser } from 'wxt/browser';
import type { ScriptLife } from './context';

function listenToExtension(ctx: ScriptLife, handle: (message: unknown) => Promise<unknown> | undefined) {
  // Answered through sendResponse: content scripts use the browser's own API object (no polyfill,
  // wxt.config.ts), and Chrome does not take a promise returned by a listener as the answer.
  const listener = (message: unknown, sender: { id?: string; tab?: unknown }, sendResponse: (answer?: unknown) => void) => {
    if (sender.id !== browser.runtime.id || sender.tab !== undefined) return undefined;
    const answer = handle(message);
    if (!answer) return undefined;
    answer.then(sendResponse, () => sendResponse(undefined));
    return true;
  };
  browser.runtime.onMessage.addListener(listener as Parameters<typeof browser.runtime.onMessage.addListener>[0]);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener as Parameters<typeof browser.runtime.onMessage.addListener>[0]));
}

/**
 * "Save a scrubbed copy of this page", asked by Kring's settings page through tabs.sendMessage.
 * The page's markup goes to that extension page (never anywhere else), which scrubs it
 * (src/detect/scrub.ts) before offering a download: the scrubber stays out of every webmail tab.
 */
export function answerScrubRequests(ctx: ScriptLife) {
  listenToExtension(ctx, (message) =>
    (message as { type?: unknown } | null)?.type === 'page/markup'
      ? Promise.resolve({ markup: new XMLSerializer().serializeToString(document), url: location.href })
      : undefined,
  );
}

/**
 * What the background tells the top frame's sidebar: what a frame of its page shows (a webmail
 * showing the open message in a frame of its own, as Roundcube does), so the sidebar opens for it;
 * and that the user collapsed or opened the sidebar.
 */
export function followBackground(ctx: ScriptLife, on: { frameView(view: string, count: number): void; collapsed(collapsed: boolean): void }) {
  listenToExtension(ctx, (message) => {
    const m = message as { type?: unknown; view?: unknown; count?: unknown; collapsed?: unknown } | null;
    if (m?.type === 'page/frame-view' && typeof m.view === 'string' && typeof m.count === 'number') on.frameView(m.view, m.count);
    else if (m?.type === 'sidebar/collapsed' && typeof m.collapsed === 'boolean') on.collapsed(m.collapsed);
    return undefined;
  });
}
