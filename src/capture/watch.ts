/**
 * Content-script plumbing: watch the page, detect, send only what is new.
 * Runs in every webmail tab, so it stays small and cheap: a MutationObserver callback only
 * schedules; detection runs at most once per quiet period (and at least every `maxWaitMs` while
 * the page keeps changing); nothing is sent twice. It listens to no page events
 * (no `message`, no custom DOM events): the page cannot talk to Kring.
 */
import type { Detection, Detector } from '../detect/types';
import { emptyDetection } from '../detect/types';
import { LIMITS } from '../messaging/limits';

export interface CaptureContext {
  setTimeout(handler: () => void, ms: number): number;
  addEventListener(target: Window, type: string, handler: () => void): void;
  onInvalidated(cb: () => void): void;
  readonly isInvalid: boolean;
}

export interface CaptureOptions {
  /** The detectors of this content script's hosts; the first that matches the URL runs. */
  detectors: readonly Detector[];
  /** New items, for the store. */
  send: (d: Detection) => Promise<unknown>;
  /** Everything the page shows now, when it changed: for the sidebar. */
  sendPage?: (d: Detection, fresh: boolean) => Promise<unknown>;
  debounceMs?: number;
  maxWaitMs?: number;
  /** Called with each detection, sent or not (the sidebar follows the page with this). */
  onDetection?: (d: Detection) => void;
  /** Called when the background has taken a report (page state or new items). */
  onDelivered?: () => void;
}

/**
 * A 53-bit fingerprint of a value's JSON (two 32-bit FNV-1a passes): what was sent is remembered by
 * fingerprint, not by its text, so a long-open tab holds numbers, not copies of every message's
 * people (bench: JS heap added to a Gmail tab).
 */
function fingerprint(value: unknown): number {
  const text = JSON.stringify(value);
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}

/** Forget old keys past this many, so a tab open for weeks does not grow without bound. */
const MAX_REMEMBERED = 5000;
/** After a failed send, try again after 1 s, then 2, 4… up to a minute: the page need not change. */
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 60_000;

export function startCapture(ctx: CaptureContext, opts: CaptureOptions): { runNow(): void } {
  const debounceMs = opts.debounceMs ?? 300;
  const maxWaitMs = opts.maxWaitMs ?? 2000;
  const sent = new Set<number>();
  /** Failures already reported, per page address: a broken page is counted once, not per mutation. */
  const reported = new Set<string>();
  let timer: number | undefined;
  let firstPending = 0;
  let lastPage = -1;
  /** No page report taken yet from this document. */
  let firstPage = true;
  let retryMs = 0;
  let retryTimer: number | undefined;
  /** The background did not take a report (asleep, restarting, stopped mid-write): run again later. */
  const retryLater = () => {
    if (ctx.isInvalid || retryTimer !== undefined) return;
    retryMs = Math.min(retryMs ? retryMs * 2 : RETRY_FIRST_MS, RETRY_MAX_MS);
    retryTimer = ctx.setTimeout(() => {
      retryTimer = undefined;
      run();
    }, retryMs);
  };
  const delivered = () => {
    retryMs = 0;
    opts.onDelivered?.();
  };

  const run = () => {
    timer = undefined;
    firstPending = 0;
    if (ctx.isInvalid) return;
    const url = new URL(location.href);
    const detector = opts.detectors.find((d) => d.matches(url));
    let detection: Detection;
    try {
      detection = detector ? detector.detect(document, url, Date.now()) : emptyDetection(null);
    } catch {
      detection = emptyDetection(detector?.provider ?? null);
    }
    // Within the message bounds: an item with more people than a message may carry keeps the
    // first ones (a mail to hundreds creates nobody anyway), so it cannot get a report refused.
    if (detection.items.some((i) => i.people.length > LIMITS.peoplePerItem)) {
      detection = { ...detection, items: detection.items.map((i) => (i.people.length > LIMITS.peoplePerItem ? { ...i, people: i.people.slice(0, LIMITS.peoplePerItem), moreRecipients: i.moreRecipients === 'unknown' ? 'unknown' : (i.moreRecipients ?? 0) + i.people.length - LIMITS.peoplePerItem } : i)) };
    }
    opts.onDetection?.(detection);
    // Each item is serialised once: its fingerprint keys what was sent, and the page's is made of them.
    const keyed = detection.items.map((item) => [fingerprint(item), item] as const);
    const { items: _items, ...meta } = detection;
    const page = fingerprint([meta, keyed.map(([k]) => k)]);
    if (page !== lastPage && opts.sendPage) {
      lastPage = page;
      // The sidebar shows the latest items of a long conversation or list.
      const shown = detection.items.length > LIMITS.itemsPerMessage ? { ...detection, items: detection.items.slice(-LIMITS.itemsPerMessage) } : detection;
      opts.sendPage(shown, firstPage).then(() => {
        firstPage = false;
        delivered();
      }, () => {
        lastPage = -1;
        retryLater();
      });
    }
    const fresh = keyed.filter(([k]) => !sent.has(k));
    // A page that could not be read, or was read only through fallbacks, is reported once per address.
    const failureKey = detection.failure || detection.degraded?.length ? `${detection.view}|${detection.failure ?? ''}|${detection.degraded?.join(',') ?? ''}|${location.href}` : null;
    const newFailure = failureKey !== null && !reported.has(failureKey);
    if (failureKey) reported.add(failureKey);
    if (fresh.length === 0 && !newFailure) return;
    if (sent.size > MAX_REMEMBERED) sent.clear();
    const { failure, degraded, ...rest } = detection;
    // In messages of at most itemsPerMessage items, each taken or not on its own.
    for (let start = 0; start < Math.max(fresh.length, 1); start += LIMITS.itemsPerMessage) {
      const chunk = fresh.slice(start, start + LIMITS.itemsPerMessage);
      const items = chunk.map(([, item]) => item);
      const keys = chunk.map(([k]) => k);
      for (const k of keys) sent.add(k);
      const withFailure = start === 0 && newFailure;
      const notTaken = () => {
        // A stopped background writes all of a message or none of it: forget these so the next
        // run sends them again; ingest is idempotent, so a repeat stores nothing twice.
        for (const k of keys) sent.delete(k);
        if (withFailure) reported.delete(failureKey!);
        retryLater();
      };
      // Taken means answered: a worker stopped mid-message can resolve with no answer at all.
      opts.send({ ...rest, items, ...(withFailure ? { ...(failure ? { failure } : {}), ...(degraded?.length ? { degraded } : {}) } : {}) }).then((answer) => (answer == null ? notTaken() : delivered()), notTaken);
    }
  };

  const schedule = () => {
    if (ctx.isInvalid) return;
    const now = Date.now();
    if (!firstPending) firstPending = now;
    if (timer !== undefined) clearTimeout(timer);
    const wait = now - firstPending >= maxWaitMs ? 0 : debounceMs;
    timer = ctx.setTimeout(run, wait);
  };

  const observer = new MutationObserver(schedule);
  observer.observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    // Expanding a message or opening the details popup flips classes and styles.
    attributeFilter: ['class', 'style', 'hidden', 'aria-hidden', 'email', 'title'],
  });
  ctx.onInvalidated(() => observer.disconnect());
  ctx.addEventListener(window, 'wxt:locationchange', schedule);
  ctx.addEventListener(window, 'hashchange', schedule);
  schedule();
  return { runNow: run };
}
