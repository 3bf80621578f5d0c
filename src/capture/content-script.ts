/**
 * What every Kring content script does, whichever provider it serves: place the sidebar's frame,
 * answer the settings page's request for the page markup, and watch the page. Each provider family
 * has its own content script (entrypoints/*.content) carrying only its own detectors, so a Gmail
 * tab does not load Outlook's (bench: bytes injected into a Gmail tab).
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Detector } from '../detect/types';
import { sendDetection, sendPage } from '../messaging/client';
import { answerScrubRequests } from './scrub-request';
import { mountSidebar } from './sidebar-frame';
import { startCapture } from './watch';

export function runContentScript(ctx: ContentScriptContext, detectors: readonly Detector[]): void {
  const sidebar = mountSidebar(ctx);
  answerScrubRequests(ctx);
  startCapture(ctx, {
    detectors,
    send: sendDetection,
    sendPage,
    onDetection: (d) => sidebar.setView(d.view, d.items.length),
    onDelivered: () => sidebar.notify(),
  });
}
