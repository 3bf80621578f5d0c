/**
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
