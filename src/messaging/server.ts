/**
 * Receiving side, in the background. Order is fixed: classify the sender, then parse the message
 * by its schema, then dispatch. Anything rejected is dropped with no side effect but a count.
 */

import { captureMessage, type CaptureMessage } from './protocol';
import { classifySender, type SenderClass, type SenderLike } from './sender';

export type DropReason = Extract<SenderClass, { kind: 'rejected' }>['reason'] | 'invalid-message' | 'not-allowed';

export interface CaptureHandlers {
  'capture/detected': (msg: Extract<CaptureMessage, { type: 'capture/detected' }>, from: { tabId: number; origin: string }) => Promise<unknown>;
}

export interface ServerOptions {
  ownId: string;
  extensionOrigin: string;
  handlers: CaptureHandlers;
  onDrop?: (reason: DropReason) => void;
}

/** Returns the runtime.onMessage listener. A rejected message resolves to undefined. */
export function createMessageServer(opts: ServerOptions) {
  const drop = (reason: DropReason) => {
    opts.onDrop?.(reason);
    return Promise.resolve(undefined);
  };
  return (message: unknown, sender: SenderLike): Promise<unknown> => {
    const from = classifySender(sender, opts.ownId, opts.extensionOrigin);
    if (from.kind === 'rejected') return drop(from.reason);
    const parsed = captureMessage.safeParse(message);
    if (!parsed.success) return drop('invalid-message');
    // Captures come only from content scripts on supported pages.
    if (from.kind !== 'content-script') return drop('not-allowed');
    const msg = parsed.data;
    switch (msg.type) {
      case 'capture/detected':
        return opts.handlers['capture/detected'](msg, { tabId: from.tabId, origin: from.origin });
    }
  };
}

