/**
 * Messages from Kring's own extension side to the content script (never from the page).
 *
 * "Save a scrubbed copy of this page", asked by Kring's settings page through tabs.sendMessage.
 * The page's markup goes to that extension page (never anywhere else), which scrubs it
 * (src/detect/scrub.ts) before offering a download: the scrubber stays out of every webmail tab.
 * Answers only an extension page of Kring itself (not another content script, not a page).
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

export function answerScrubRequests(ctx: ContentScriptContext) {
  const listener = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    if (sender.id !== browser.runtime.id || sender.tab !== undefined) return undefined;
    if ((message as { type?: unknown } | null)?.type !== 'page/markup') return undefined;
    return Promise.resolve({ markup: new XMLSerializer().serializeToString(document), url: location.href });
  };
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
}

/**
 * The background tells the top frame what a frame of its page shows (a webmail showing the open
 * message in a frame of its own, as Roundcube does), so the sidebar opens for it. Only the
 * background itself is heard: our own id and no tab (a content script or page never has both).
 */
export function followFrames(ctx: ContentScriptContext, onView: (view: string, count: number) => void) {
  const listener = (message: unknown, sender: { id?: string; tab?: unknown; url?: string }) => {
    if (sender.id !== browser.runtime.id || sender.tab !== undefined) return undefined;
    const m = message as { type?: unknown; view?: unknown; count?: unknown } | null;
    if (m?.type !== 'page/frame-view' || typeof m.view !== 'string' || typeof m.count !== 'number') return undefined;
    onView(m.view, m.count);
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
}
