/**
 * Sending side, used by content scripts and extension pages. Deliberately schema-free: the
 * content script loads into every webmail tab, so validation happens once, in the background.
 */
import { browser } from 'wxt/browser';
import type { Detection } from '../detect/types';

export interface CaptureDetectedMessage {
  type: 'capture/detected';
  detection: Detection;
  /** The detection is also the page's state (capture/page), sent together on a page's first report. */
  page?: true;
  fresh?: boolean;
}

/** New items for the store; with `asPage`, also what the page shows now, for the sidebar. */
export function sendDetection(detection: Detection, asPage?: { fresh: boolean }): Promise<unknown> {
  const message: CaptureDetectedMessage = { type: 'capture/detected', detection, ...(asPage ? { page: true as const, ...(asPage.fresh ? { fresh: true } : {}) } : {}) };
  return browser.runtime.sendMessage(message);
}

/** What the page shows now, for the sidebar. */
export function sendPage(detection: Detection, fresh = false): Promise<unknown> {
  return browser.runtime.sendMessage({ type: 'capture/page', detection, ...(fresh ? { fresh } : {}) });
}

/**
 * What the content script posts to the sidebar's frame when there is something new to show: it
 * carries nothing, and the sidebar only re-asks the background on it (the page, which can post to
 * the frame too, gains nothing by sending it).
 */
export const SIDEBAR_RELOAD = 'kring:reload';

/**
 * The key the sidebar's frame will carry in its address, with whether the user collapsed the
 * sidebar (src/capture/sidebar-frame.ts): `{ key, collapsed }`. The background makes the key, so
 * the tab needs no random source of its own.
 */
export function askSidebarKey(): Promise<unknown> {
  return browser.runtime.sendMessage({ type: 'capture/sidebar' });
}

/** From the sidebar, which may not open IndexedDB in its frame: ask the background. */
export type SidebarRequest =
  | { type: 'sidebar/get-page'; key: string }
  | { type: 'sidebar/add-to-network'; email: string; name: string | null }
  | { type: 'sidebar/set-cadence'; email: string; days: number | null };

export function askBackground<T>(request: SidebarRequest): Promise<T> {
  return browser.runtime.sendMessage(request) as Promise<T>;
}
