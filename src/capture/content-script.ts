/**
 * What every Kring content script does, whichever provider it serves: place the sidebar's frame,
 * answer the settings page's request for the page markup, and watch the page. Each provider family
 * has its own content script (entrypoints/*.content) carrying only its own detectors, so a Gmail
 * tab does not load Outlook's (bench: bytes injected into a Gmail tab).
 */
import type { ScriptLife } from './context';
import type { Detector } from '../detect/types';
import { sendDetection, sendPage } from '../messaging/client';
import { answerScrubRequests, followBackground } from './extension-messages';
import { mountSidebar } from './sidebar-frame';
import { startCapture } from './watch';

/** `sidebar: false` in a sub-frame: it reports what it shows; the top frame's sidebar shows it. */
export function runContentScript(ctx: ScriptLife, detectors: readonly Detector[], opts: { sidebar?: boolean } = {}): void {
  const sidebar = opts.sidebar === false ? null : mountSidebar(ctx);
  if (sidebar) {
    answerScrubRequests(ctx);
    followBackground(ctx, {
      frameView(view, count) {
        sidebar.setFrameView(view, count);
        sidebar.notify();
      },
      collapsed: (collapsed) => sidebar.setCollapsed(collapsed),
    });
  }
  startCapture(ctx, {
    detectors,
    send: sendDetection,
    sendPage,
    onDetection: (d) => sidebar?.setView(d.view, d.items.length),
    onDelivered: () => sidebar?.notify(),
  });
}
