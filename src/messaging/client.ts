/**
 * Sending side, used by content scripts and extension pages. Deliberately schema-free: the
 * content script loads into every webmail tab, so validation happens once, in the background.
 */
import { browser } from 'wxt/browser';
import type { Detection } from '../detect/types';

export interface CaptureDetectedMessage {
  type: 'capture/detected';
  detection: Detection;
}

export function sendDetection(detection: Detection): Promise<unknown> {
  const message: CaptureDetectedMessage = { type: 'capture/detected', detection };
  return browser.runtime.sendMessage(message);
}
