// @vitest-environment jsdom
// The content script's send loop: only new items, retried with backoff when the background does
// not take them (stopped mid-write, restarting), never a storm, nothing after invalidation.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startCapture, type CaptureContext } from '../../../src/capture/watch';
import type { Detection, Detector } from '../../../src/detect/types';

/** Every context made, invalidated after each test: a capture left running would watch the next test's page. */
const contexts: { invalidate(): void; invalid: boolean }[] = [];

function fakeContext() {
  const ctx: CaptureContext & { invalidate(): void; invalid: boolean; callbacks: (() => void)[] } = {
    invalid: false,
    callbacks: [],
    addEventListener: (target, type, handler) => target.addEventListener(type, handler),
    onInvalidated: (cb) => void ctx.callbacks.push(cb),
    get isInvalid() {
      return ctx.invalid;
    },
    invalidate() {
      ctx.invalid = true;
      for (const cb of ctx.callbacks) cb();
    },
  };
  contexts.push(ctx);
  return ctx;
}

/** One item per `<p data-id>` in the page. */
const detector: Detector = {
  provider: 'gmail',
  matches: () => true,
  detect: (doc) => ({
    provider: 'gmail',
    view: 'list',
    account: 'me@example.com',
    items: Array.from(doc.querySelectorAll('p[data-id]')).map((p) => ({ kind: 'email' as const, id: p.getAttribute('data-id'), subject: null, at: null, threadId: null, people: [{ email: `${p.getAttribute('data-id')}@example.com`, name: null, role: 'from' as const }] })),
  }),
};

const addMessage = (id: string) => {
  const p = document.createElement('p');
  p.dataset.id = id;
  document.body.append(p);
};

beforeEach(() => {
  vi.useFakeTimers();
  document.body.replaceChildren();
});
afterEach(() => {
  for (const c of contexts.splice(0)) if (!c.invalid) c.invalidate();
  vi.useRealTimers();
});

describe('startCapture', () => {
  it('retries a report the background did not take, without the page changing, until it is taken', async () => {
    addMessage('a');
    addMessage('b');
    const ctx = fakeContext();
    const calls: { at: number; ids: (string | null)[] }[] = [];
    // Not taken three times: refused connection, a worker stopped mid-message (resolves with no
    // answer at all), refused again; then taken.
    const outcomes = ['throw', 'empty', 'throw', 'ok'];
    const send = vi.fn(async (d: Detection) => {
      calls.push({ at: Date.now(), ids: d.items.map((i) => i.id) });
      const outcome = outcomes.shift() ?? 'ok';
      if (outcome === 'throw') throw new Error('Could not establish connection. Receiving end does not exist.');
      return outcome === 'empty' ? undefined : { stored: d.items.length, people: 1 };
    });
    const start = Date.now();
    startCapture(ctx, { detectors: [detector], send });
    await vi.advanceTimersByTimeAsync(20_000);
    // First run, then retries after 1, 2 and 4 s of nothing changing; the fourth attempt is taken.
    expect(calls.map((c) => c.ids)).toEqual([['a', 'b'], ['a', 'b'], ['a', 'b'], ['a', 'b']]);
    const gaps = calls.slice(1).map((c, i) => c.at - calls[i]!.at);
    expect(gaps).toEqual([1000, 2000, 4000]);
    expect(calls[0]!.at - start).toBe(300);
    // Taken: nothing more is sent, however long we wait.
    await vi.advanceTimersByTimeAsync(600_000);
    expect(send).toHaveBeenCalledTimes(4);
    // A new message after recovery goes out alone.
    addMessage('c');
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls.at(-1)!.ids).toEqual(['c']);
  });

  it('backs off to one attempt a minute when the background keeps failing (no retry storm)', async () => {
    addMessage('a');
    const ctx = fakeContext();
    const send = vi.fn(async () => {
      throw new Error('QuotaExceededError');
    });
    startCapture(ctx, { detectors: [detector], send });
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    // At 0.3 s, then after 1, 2, 4, 8, 16, 32 s, then every 60 s: 15 attempts in ten minutes.
    expect(send.mock.calls.length).toBe(15);
  });

  it('page changes during a failure do not multiply the retries', async () => {
    const ctx = fakeContext();
    let fail = true;
    const sent: (string | null)[][] = [];
    const send = vi.fn(async (d: Detection) => {
      sent.push(d.items.map((i) => i.id));
      if (fail) throw new Error('stopped');
      return { stored: d.items.length, people: 1 };
    });
    startCapture(ctx, { detectors: [detector], send });
    for (let i = 0; i < 20; i++) {
      addMessage(`m${i}`);
      await vi.advanceTimersByTimeAsync(500);
    }
    fail = false;
    await vi.advanceTimersByTimeAsync(120_000);
    // Every message delivered in the end, each taken exactly once by a successful send.
    const taken = sent.at(-1)!;
    expect(new Set(taken)).toEqual(new Set(Array.from({ length: 20 }, (_, i) => `m${i}`)));
    expect(send.mock.calls.length).toBeLessThan(40);
  });

  it('stops sending once the extension context is invalidated (an update while the tab is open)', async () => {
    addMessage('a');
    const ctx = fakeContext();
    const send = vi.fn(async () => {
      throw new Error('Extension context invalidated.');
    });
    startCapture(ctx, { detectors: [detector], send });
    await vi.advanceTimersByTimeAsync(500);
    expect(send).toHaveBeenCalledTimes(1);
    ctx.invalidate();
    addMessage('b');
    await vi.advanceTimersByTimeAsync(600_000);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('splits a long page into messages the background accepts, and trims an item with too many people', async () => {
    for (let i = 0; i < 1234; i++) addMessage(`m${i}`);
    const crowded: Detector = {
      ...detector,
      detect: (doc, url) => {
        const d = detector.detect(doc, url);
        d.items[0]!.people = Array.from({ length: 100_000 }, (_, k) => ({ email: `p${k}@example.com`, name: null, role: 'to' as const }));
        return d;
      },
    };
    const ctx = fakeContext();
    const sent: Detection[] = [];
    const pages: Detection[] = [];
    startCapture(ctx, { detectors: [crowded], send: async (d) => (sent.push(d), { stored: 1 }), sendPage: async (d) => void pages.push(d) });
    await vi.advanceTimersByTimeAsync(500);
    expect(sent.map((d) => d.items.length)).toEqual([500, 500, 234]);
    expect(sent.flatMap((d) => d.items.map((i) => i.id))).toEqual(Array.from({ length: 1234 }, (_, i) => `m${i}`));
    expect(sent[0]!.items[0]!.people).toHaveLength(500);
    // The sidebar gets the latest items that fit one message.
    expect(pages).toHaveLength(1);
    expect(pages[0]!.items.map((i) => i.id)).toEqual(Array.from({ length: 500 }, (_, i) => `m${734 + i}`));
  });

  it("a page's first report goes as one message, page and items together; later changes send the page and only the new items (issue 22)", async () => {
    addMessage('a');
    addMessage('b');
    const sent: { ids: (string | null)[]; asPage?: { fresh: boolean } }[] = [];
    const pages: { ids: (string | null)[]; fresh: boolean }[] = [];
    startCapture(fakeContext(), {
      detectors: [detector],
      send: async (d, asPage) => (sent.push({ ids: d.items.map((i) => i.id), ...(asPage ? { asPage } : {}) }), { stored: d.items.length }),
      sendPage: async (d, fresh) => void pages.push({ ids: d.items.map((i) => i.id), fresh }),
    });
    await vi.advanceTimersByTimeAsync(400);
    expect(sent).toEqual([{ ids: ['a', 'b'], asPage: { fresh: true } }]);
    expect(pages).toEqual([]);
    addMessage('c');
    await vi.advanceTimersByTimeAsync(400);
    // The page now holds one item already sent: the page and the new item go apart.
    expect(pages).toEqual([{ ids: ['a', 'b', 'c'], fresh: false }]);
    expect(sent.slice(1)).toEqual([{ ids: ['c'] }]);
  });

  it('a first report not taken is sent again whole, page and items, and only once taken is the page no longer fresh', async () => {
    addMessage('a');
    const sent: { ids: (string | null)[]; asPage?: { fresh: boolean } }[] = [];
    let answers = [undefined, { stored: 1 }];
    startCapture(fakeContext(), {
      detectors: [detector],
      send: async (d, asPage) => (sent.push({ ids: d.items.map((i) => i.id), ...(asPage ? { asPage } : {}) }), answers.shift()),
      sendPage: async () => undefined,
    });
    await vi.advanceTimersByTimeAsync(400);
    expect(sent).toEqual([{ ids: ['a'], asPage: { fresh: true } }]);
    await vi.advanceTimersByTimeAsync(1100);
    expect(sent).toEqual([{ ids: ['a'], asPage: { fresh: true } }, { ids: ['a'], asPage: { fresh: true } }]);
    answers = [{ stored: 0 }];
    await vi.advanceTimersByTimeAsync(5000);
    expect(sent).toHaveLength(2);
  });

  it('a page read through fallbacks says so once per address, on its first report', async () => {
    const guessing: Detector = { ...detector, detect: (doc, url) => ({ ...detector.detect(doc, url), degraded: ['gmail:sender'] }) };
    addMessage('a');
    const ctx = fakeContext();
    const sent: Detection[] = [];
    startCapture(ctx, { detectors: [guessing], send: async (d) => (sent.push(d), { stored: 1 }) });
    await vi.advanceTimersByTimeAsync(500);
    addMessage('b');
    await vi.advanceTimersByTimeAsync(500);
    expect(sent.map((d) => [d.items.map((i) => i.id), d.degraded ?? null])).toEqual([
      [['a'], ['gmail:sender']],
      [['b'], null],
    ]);
  });
});

describe('an item with more people than a report may carry', () => {
  it('keeps the first ones and counts the rest as folded recipients, so the crowd rule still sees them all', async () => {
    const crowd: Detector = {
      provider: 'roundcube',
      matches: () => true,
      detect: () => ({
        provider: 'roundcube',
        view: 'message',
        account: 'me@example.com',
        items: [{ kind: 'email', id: 'INBOX/1', subject: null, at: null, threadId: null, moreRecipients: 7, people: Array.from({ length: 800 }, (_, i) => ({ email: `p${i}@example.com`, name: null, role: i === 0 ? ('from' as const) : ('to' as const) })) }],
      }),
    };
    const sent: Detection[] = [];
    startCapture(fakeContext(), { detectors: [crowd], send: async (d) => (sent.push(d), { stored: 0, people: 0 }) });
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent[0]!.items[0]!.people).toHaveLength(500);
    expect(sent[0]!.items[0]!.moreRecipients).toBe(7 + 300);
  });
});

describe('the cost of a busy page (issue 22)', () => {
  /** Detections run, counted through a detector that wraps the one above. */
  const counting = () => {
    const runs: number[] = [];
    const d: Detector = { ...detector, detect: (doc, url, now) => (runs.push(Date.now()), detector.detect(doc, url, now)) };
    return { runs, d };
  };
  const flip = () => document.body.classList.toggle('hover');

  it('a burst of changes arms one timer, not one per change, and reads the page once it is quiet', async () => {
    addMessage('a');
    const { runs, d } = counting();
    const sent: Detection[] = [];
    startCapture(fakeContext(), { detectors: [d], send: async (x) => (sent.push(x), { stored: 1 }) });
    await vi.advanceTimersByTimeAsync(500);
    expect(runs).toHaveLength(1);
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const start = Date.now();
    // 100 changes 5 ms apart (each in its own task, so each reaches the observer).
    for (let i = 0; i < 100; i++) {
      flip();
      await vi.advanceTimersByTimeAsync(5);
    }
    addMessage('b');
    await vi.advanceTimersByTimeAsync(1000);
    // 500 ms of changes under the 2 s ceiling: one reading, 300 ms after the last change.
    expect(runs).toHaveLength(2);
    expect(runs[1]! - start).toBeGreaterThanOrEqual(500 + 300);
    expect(runs[1]! - start).toBeLessThan(500 + 300 + 20);
    // The timer was armed when the burst began and re-armed at most once per 300 ms, not per change.
    expect(timers.mock.calls.length).toBeLessThanOrEqual(4);
    expect(sent.at(-1)!.items.map((i) => i.id)).toEqual(['b']);
    timers.mockRestore();
  });

  it('a page that never stops changing is still read every 2 seconds', async () => {
    const { runs, d } = counting();
    startCapture(fakeContext(), { detectors: [d], send: async () => ({ stored: 0 }) });
    await vi.advanceTimersByTimeAsync(500);
    for (let i = 0; i < 1000; i++) {
      flip();
      await vi.advanceTimersByTimeAsync(10);
    }
    // 10 s of changes every 10 ms: once at the start, then once per 2 s ceiling.
    expect(runs.length).toBeGreaterThanOrEqual(1 + 4);
    expect(runs.length).toBeLessThanOrEqual(1 + 6);
    const gaps = runs.slice(2).map((t, i) => t - runs[i + 1]!);
    for (const g of gaps) expect(g).toBeGreaterThanOrEqual(2000);
  });

  it("Kring's own frame being placed, moved and put back is not a change of the page", async () => {
    addMessage('a');
    const { runs, d } = counting();
    startCapture(fakeContext(), { detectors: [d], send: async () => ({ stored: 1 }) });
    await vi.advanceTimersByTimeAsync(500);
    expect(runs).toHaveLength(1);
    const wrapper = document.createElement('div');
    wrapper.id = 'kring-sidebar';
    const frame = document.createElement('iframe');
    wrapper.append(frame);
    document.documentElement.append(wrapper);
    await vi.advanceTimersByTimeAsync(10);
    frame.style.setProperty('width', '320px', 'important');
    document.documentElement.style.setProperty('margin-right', '320px', 'important');
    await vi.advanceTimersByTimeAsync(10);
    wrapper.remove();
    document.documentElement.append(wrapper);
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toHaveLength(1);
    // The page's own change still counts, even when it comes with the frame's.
    frame.style.setProperty('width', '40px', 'important');
    addMessage('b');
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toHaveLength(2);
    wrapper.remove();
    document.documentElement.style.removeProperty('margin-right');
  });
});
