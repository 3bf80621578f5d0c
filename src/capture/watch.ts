/**
 * Content-script plumbing: watch the page, detect, send only what is new.
 * Runs in every webmail tab, so it stays small and cheap: a MutationObserver callback only notes
 * the time (one timer at a time, never one per change); detection runs at most once per quiet
 * period (and at least every `maxWaitMs` while the page keeps changing); Kring's own frame moving
 * is not a change; nothing is sent twice (bench: script time added to a Gmail tab, issue 22). It listens to no page events
 * (no `message`, no custom DOM events): the page cannot talk to Kring.
 */
import type { Detection, Detector } from '../detect/types';
import type { ScriptLife } from './context';
import { emptyDetection } from '../detect/types';
import { FRAME_ID, LIMITS } from '../messaging/limits';

/** The content script's context as the watcher uses it (src/capture/context.ts). */
export type CaptureContext = ScriptLife;

export interface CaptureOptions {
  /** The detectors of this content script's hosts; the first that matches the URL runs. */
  detectors: readonly Detector[];
  /**
   * New items, for the store. With `asPage`, the detection is also everything the page shows now
   * (its items all new and within one message, as on a page's first report): one message, not two.
   */
  send: (d: Detection, asPage?: { fresh: boolean }) => Promise<unknown>;
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
 * A 53-bit fingerprint of a value's JSON (two 32-bit multiply-xor passes over its UTF-16 code units,
 * two at a time): what was sent is remembered by fingerprint, not by its text, so a long-open tab
 * holds numbers, not copies of every message's people (bench: JS heap added to a Gmail tab). Two
 * values that differ in one pair of code units never share a fingerprint: each step is a bijection.
 * Read straight from the string: no encoder call and no byte arrays for each item (a third of the
 * content script's time at load went here; issue 22).
 */
function fingerprint(value: unknown): number {
  const s = JSON.stringify(value) ?? '';
  const n = s.length;
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ n;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const w = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
    a = Math.imul(a ^ w, 0x01000193);
    b = Math.imul(b ^ w, 0x5bd1e995);
  }
  if (i < n) {
    a = Math.imul(a ^ s.charCodeAt(i), 0x01000193);
    b = Math.imul(b ^ s.charCodeAt(i), 0x5bd1e995);
  }
  return finish(a, b);
}

/** Spreads every input bit over the result (MurmurHash3's finaliser on each half). */
function finish(a: number, b: number): number {
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
  a = Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
  a ^= a >>> 16;
  b = Math.imul(b ^ (b >>> 16), 0x85ebca6b);
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  b ^= b >>> 16;
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}

/** The same kind of fingerprint over item fingerprints, mixed as numbers, not printed as text. */
function combine(first: number, keys: readonly number[]): number {
  let a = 0x811c9dc5 ^ keys.length;
  let b = 0x01000193;
  for (let i = -1; i < keys.length; i++) {
    const k = i < 0 ? first : keys[i]!;
    const lo = k >>> 0;
    const hi = (k / 0x100000000) >>> 0;
    a = Math.imul(a ^ lo, 0x01000193);
    a = Math.imul(a ^ hi, 0x01000193);
    b = Math.imul(b ^ lo, 0x5bd1e995);
    b = Math.imul(b ^ hi, 0x5bd1e995);
  }
  return finish(a, b);
}

/** Forget old keys past this many, so a tab open for weeks does not grow without bound. */
const MAX_REMEMBERED = 5000;
/** After a failed send, try again after 1 s, then 2, 4… up to a minute: the page need not change. */
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 60_000;

/** The page as the first detector for its address reads it; a detector that throws reads nothing. */
function read(detectors: readonly Detector[]): Detection {
  // The page's own address object: no URL made per read (src/detect/types.ts, PageAddress).
  const url = location;
  const detector = detectors.find((d) => d.matches(url));
  try {
    return detector ? detector.detect(document, url, Date.now()) : emptyDetection(null);
  } catch {
    return emptyDetection(detector?.provider ?? null);
  }
}

/**
 * Within the message bounds: an item with more people than a message may carry keeps the first
 * ones (a mail to hundreds creates nobody anyway), so it cannot get a report refused.
 */
function bounded(detection: Detection): Detection {
  const max = LIMITS.peoplePerItem;
  if (!detection.items.some((i) => i.people.length > max)) return detection;
  return { ...detection, items: detection.items.map((i) => (i.people.length > max ? { ...i, people: i.people.slice(0, max), moreRecipients: i.moreRecipients === 'unknown' ? 'unknown' : (i.moreRecipients ?? 0) + i.people.length - max } : i)) };
}

function withoutItems(detection: Detection): Omit<Detection, 'items'> {
  const { items: _items, ...meta } = detection;
  return meta;
}

function failureKeyOf(d: Detection): string {
  return `${d.view}|${d.failure ?? ''}|${d.degraded?.join(',') ?? ''}|${location.href}`;
}

/** A change of the root element that is Kring's: its frame placed or put back, the margin it sets. */
function oursAtRoot(r: MutationRecord): boolean {
  if (r.type === 'attributes') return r.attributeName === 'style';
  for (let k = 0; k < r.addedNodes.length; k++) if ((r.addedNodes[k] as Element).id !== FRAME_ID) return false;
  for (let k = 0; k < r.removedNodes.length; k++) if ((r.removedNodes[k] as Element).id !== FRAME_ID) return false;
  return true;
}

/** New items for the store; the first of a run's messages also says how the page read. */
function report(detection: Detection, items: Detection['items'], withFailure: boolean): Detection {
  const { failure, degraded, ...rest } = detection;
  return { ...rest, items, ...(withFailure ? { ...(failure ? { failure } : {}), ...(degraded?.length ? { degraded } : {}) } : {}) };
}

export function startCapture(ctx: CaptureContext, opts: CaptureOptions): { runNow(): void } {
  const debounceMs = opts.debounceMs ?? 300;
  const maxWaitMs = opts.maxWaitMs ?? 2000;
  const sent = new Set<number>();
  /** Failures already reported, per page address: a broken page is counted once, not per mutation. */
  const reported = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** When the first change not yet read came, and the latest. */
  let firstPending = 0;
  let lastChange = 0;
  let lastPage = -1;
  /** No page report taken yet from this document. */
  let firstPage = true;
  let retryMs = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** The background did not take a report (asleep, restarting, stopped mid-write): run again later. */
  const retryLater = () => {
    if (ctx.isInvalid || retryTimer !== undefined) return;
    retryMs = Math.min(retryMs ? retryMs * 2 : RETRY_FIRST_MS, RETRY_MAX_MS);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      run();
    }, retryMs);
  };
  const delivered = () => {
    retryMs = 0;
    opts.onDelivered?.();
  };

  // What runs after every quiet period: read the page and see whether anything is new. Only that;
  // what is done with something new is `deliver`'s, which runs far less often. V8 compiles a
  // function run often to machine code the tab holds, sized by all its bytecode, hot or not
  // (bench: JS heap added to a Gmail tab, issue 22).
  const run = () => {
    if (ctx.isInvalid) return;
    const detection = bounded(read(opts.detectors));
    opts.onDetection?.(detection);
    // Each item is serialised once: its fingerprint keys what was sent, and the page's is made of them.
    const all = detection.items;
    const keys: number[] = [];
    for (let i = 0; i < all.length; i++) keys.push(fingerprint(all[i]));
    const page = combine(fingerprint(withoutItems(detection)), keys);
    /** Where the items not sent yet are. */
    const fresh: number[] = [];
    for (let i = 0; i < keys.length; i++) if (!sent.has(keys[i]!)) fresh.push(i);
    if (fresh.length > 0 || (page !== lastPage && opts.sendPage) || detection.failure || detection.degraded?.length) deliver(detection, keys, page, fresh);
  };
  /** Reports what `run` found new: the page to the sidebar, new items to the store, a failure once. */
  const deliver = (detection: Detection, keys: number[], page: number, fresh: number[]) => {
    const all = detection.items;
    // A page that could not be read, or was read only through fallbacks, is reported once per address.
    const failureKey = detection.failure || detection.degraded?.length ? failureKeyOf(detection) : null;
    const newFailure = failureKey !== null && !reported.has(failureKey);
    if (page !== lastPage && opts.sendPage && fresh.length > 0 && fresh.length === keys.length && keys.length <= LIMITS.itemsPerMessage && (failureKey === null || newFailure)) {
      // Everything the page shows is new (a page's first report): the page and its items go in one
      // message, serialised once, not twice (issue 22).
      lastPage = page;
      if (failureKey) reported.add(failureKey);
      if (sent.size > MAX_REMEMBERED) sent.clear();
      remember(keys);
      const notTaken = () => {
        lastPage = -1;
        forget(keys);
        if (failureKey) reported.delete(failureKey);
        retryLater();
      };
      opts.send(detection, { fresh: firstPage }).then((answer) => {
        if (answer == null) return notTaken();
        firstPage = false;
        delivered();
      }, notTaken);
      return;
    }
    if (page !== lastPage && opts.sendPage) {
      lastPage = page;
      // The sidebar shows the latest items of a long conversation or list.
      const shown = all.length > LIMITS.itemsPerMessage ? { ...detection, items: all.slice(-LIMITS.itemsPerMessage) } : detection;
      opts.sendPage(shown, firstPage).then(() => {
        firstPage = false;
        delivered();
      }, () => {
        lastPage = -1;
        retryLater();
      });
    }
    if (failureKey) reported.add(failureKey);
    if (fresh.length === 0 && !newFailure) return;
    if (sent.size > MAX_REMEMBERED) sent.clear();
    // In messages of at most itemsPerMessage items, each taken or not on its own.
    for (let start = 0; start < Math.max(fresh.length, 1); start += LIMITS.itemsPerMessage) {
      const chunk = fresh.slice(start, start + LIMITS.itemsPerMessage);
      const items = chunk.map((i) => all[i]!);
      const chunkKeys = chunk.map((i) => keys[i]!);
      remember(chunkKeys);
      const withFailure = start === 0 && newFailure;
      const notTaken = () => {
        // A stopped background writes all of a message or none of it: forget these so the next
        // run sends them again; ingest is idempotent, so a repeat stores nothing twice.
        forget(chunkKeys);
        if (withFailure) reported.delete(failureKey!);
        retryLater();
      };
      // Taken means answered: a worker stopped mid-message can resolve with no answer at all.
      opts.send(report(detection, items, withFailure)).then((answer) => (answer == null ? notTaken() : delivered()), notTaken);
    }
  };
  const remember = (keys: readonly number[]) => {
    for (let i = 0; i < keys.length; i++) sent.add(keys[i]!);
  };
  const forget = (keys: readonly number[]) => {
    for (let i = 0; i < keys.length; i++) sent.delete(keys[i]!);
  };

  // Plain timers, each checking the context when it fires: WXT's ctx.setTimeout registers an
  // invalidation listener per call, which a tab open all day would pile up.
  const fire = () => {
    timer = undefined;
    if (ctx.isInvalid) return;
    const now = Date.now();
    const quiet = now - lastChange;
    const waited = now - firstPending;
    if (quiet < debounceMs && waited < maxWaitMs) {
      timer = setTimeout(fire, Math.min(debounceMs - quiet, maxWaitMs - waited));
      return;
    }
    run();
  };
  const schedule = () => {
    lastChange = Date.now();
    if (timer !== undefined || ctx.isInvalid) return;
    firstPending = lastChange;
    timer = setTimeout(fire, debounceMs);
  };

  const root = document.documentElement;
  /** Kring's own frame being placed, resized or put back, and the page's margin it sets. */
  const ours = (r: MutationRecord): boolean => {
    const t = r.target as Element;
    if (t === root) return oursAtRoot(r);
    return t.id === FRAME_ID || (t.parentNode as Element | null)?.id === FRAME_ID;
  };
  const observer = new MutationObserver((records) => {
    for (let k = 0; k < records.length; k++) {
      if (!ours(records[k]!)) {
        schedule();
        return;
      }
    }
  });
  observer.observe(root, {
    childList: true,
    subtree: true,
    attributes: true,
    // Expanding a message or opening the details popup flips classes and styles.
    attributeFilter: ['class', 'style', 'hidden', 'aria-hidden', 'email', 'title'],
  });
  ctx.onInvalidated(() => {
    observer.disconnect();
    if (timer !== undefined) clearTimeout(timer);
    if (retryTimer !== undefined) clearTimeout(retryTimer);
  });
  // A new address with nothing else changed (Gmail's hash, back and forward). Not WXT's
  // `wxt:locationchange`, which polls the address every second for as long as the tab is open:
  // a page that navigates by history.pushState also changes its document, which is watched above.
  ctx.addEventListener(window, 'hashchange', schedule);
  ctx.addEventListener(window, 'popstate', schedule);
  schedule();
  return { runNow: run };
}
