/**
 * "Save a scrubbed copy of this page", asked by Kring's settings page through tabs.sendMessage.
 * Answers only an extension page of Kring itself (not another content script, not a page).
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { scrubbedCopy } from '../detect/scrub';

export function answerScrubRequests(ctx: ContentScriptContext) {
  const listener = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    if (sender.id !== browser.runtime.id || sender.tab !== undefined) return undefined;
    if ((message as { type?: unknown } | null)?.type !== 'page/scrub') return undefined;
    return Promise.resolve({ html: scrubbedCopy(document), url: `${location.origin}${location.pathname}` });
  };
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
}
