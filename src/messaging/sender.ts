/**
 * The only place that reads `runtime.MessageSender` fields.
 *
 * `sender.url` is written by whoever controls the frame and is never a trust signal; we use the
 * browser-set `id`, `tab`, `frameId` and `origin` instead. A capture is accepted only from a
 * content script of this extension, in a top-level frame, on a host Kring supports; or, on a site
 * the user turned Kring on for (issue 11), in any frame of that site's own origin.
 */
export const SUPPORTED_ORIGINS: readonly string[] = [
  'https://mail.google.com',
  'https://calendar.google.com',
  'https://outlook.live.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
];

export type SenderClass =
  | { kind: 'content-script'; tabId: number; origin: string; frameId: number }
  | { kind: 'extension-page'; tabId?: number; frameId?: number }
  | { kind: 'rejected'; reason: 'foreign-extension' | 'sub-frame' | 'unsupported-origin' | 'no-tab' | 'unknown' };

export interface SenderLike {
  id?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
  origin?: string;
  url?: string;
}

const tabOrigin = (url: string | undefined): string | null => {
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
};

export function classifySender(sender: SenderLike, ownId: string, extensionOrigin: string, isSite: (origin: string) => boolean = () => false): SenderClass {
  if (!sender || sender.id !== ownId) return { kind: 'rejected', reason: 'foreign-extension' };
  if (sender.tab === undefined) {
    // Our own popup, options page or sidebar iframe without a tab; only our own origin counts.
    return sender.origin === undefined || sender.origin === extensionOrigin
      ? { kind: 'extension-page' }
      : { kind: 'rejected', reason: 'unknown' };
  }
  // Our own page framed in a tab: the sidebar.
  if (sender.origin === extensionOrigin) {
    return typeof sender.tab.id === 'number' ? { kind: 'extension-page', tabId: sender.tab.id, ...(typeof sender.frameId === 'number' ? { frameId: sender.frameId } : {}) } : { kind: 'extension-page' };
  }
  if (typeof sender.tab.id !== 'number') return { kind: 'rejected', reason: 'no-tab' };
  const site = sender.origin !== undefined && isSite(sender.origin);
  if (sender.frameId !== 0 && !(site && typeof sender.frameId === 'number')) return { kind: 'rejected', reason: 'sub-frame' };
  // A frame of a site the user turned on counts only inside a tab showing that site (issue 16: the
  // site framed by an unrelated page planted people and an own address). The tab's address is the
  // browser's, given where Kring has access to the site.
  if (site && sender.frameId !== 0 && tabOrigin(sender.tab.url) !== sender.origin) return { kind: 'rejected', reason: 'sub-frame' };
  if (!sender.origin || !(SUPPORTED_ORIGINS.includes(sender.origin) || site)) {
    return { kind: 'rejected', reason: 'unsupported-origin' };
  }
  return { kind: 'content-script', tabId: sender.tab.id, origin: sender.origin, frameId: sender.frameId! };
}
