/**
 * Content-script plumbing: watch the page, detect, send only what is new.
 * Runs in every webmail tab, so it stays small and cheap: a MutationObserver callback only
 * schedules; detection runs at most once per quiet period (and at least every `maxWaitMs` while
 * the page keeps changing); nothing is sent twice. It listens to no page events
 * (no `message`, no custom DOM events): the page cannot talk to Kring.
 */
import type { Detection, Detector } from '../detect/types';
import { emptyDetection } from '../detect/types';

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
  sendPage?: (d: Detection) => Promise<unknown>;
  debounceMs?: number;
  maxWaitMs?: number;
  /** Called with each detection, sent or not (the sidebar follows the page with this). */
  onDetection?: (d: Detection) => void;
  /** Called when the background has taken a report (page state or new items). */
  onDelivered?: () => void;
}

/** Forget old keys past this many, so a tab open for weeks does not grow without bound. */
const MAX_REMEMBERED = 5000;

export function startCapture(ctx: CaptureContext, opts: CaptureOptions): { runNow(): void } {
  const debounceMs = opts.debounceMs ?? 300;
  const maxWaitMs = opts.maxWaitMs ?? 2000;
  const sent = new Set<string>();
  /** Failures already reported, per page address: a broken page is counted once, not per mutation. */
  const reported = new Set<string>();
  let timer: number | undefined;
  let firstPending = 0;
  let lastPage = '';

  const run = () => {
    timer = undefined;
    firstPending = 0;
    if (ctx.isInvalid) return;
    const url = new URL(location.href);
    const detector = opts.detectors.find((d) => d.matches(url));
    let detection: Detection;
    try {
      detection = detector ? detector.detect(document, url) : emptyDetection(null);
    } catch {
      detection = emptyDetection(detector?.provider ?? null);
    }
    opts.onDetection?.(detection);
    const page = JSON.stringify(detection);
    if (page !== lastPage && opts.sendPage) {
      lastPage = page;
      opts.sendPage(detection).then(opts.onDelivered, () => {
        lastPage = '';
      });
    }
    const fresh = detection.items.filter((item) => !sent.has(JSON.stringify(item)));
    const failureKey = detection.failure ? `${detection.view}|${detection.failure}|${location.href}` : null;
    const newFailure = failureKey !== null && !reported.has(failureKey);
    if (failureKey) reported.add(failureKey);
    if (fresh.length === 0 && !newFailure) return;
    if (sent.size > MAX_REMEMBERED) sent.clear();
    const keys = fresh.map((item) => JSON.stringify(item));
    for (const k of keys) sent.add(k);
    const { failure, ...rest } = detection;
    opts.send({ ...rest, items: fresh, ...(newFailure ? { failure } : {}) }).then(opts.onDelivered, () => {
      // Background asleep or restarting: forget these so the next change sends them again.
      for (const k of keys) sent.delete(k);
    });
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
