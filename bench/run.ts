/**
 * `npm run bench`: what Kring costs, each figure beside a baseline measured in the same run.
 * Medians over repeated runs, with min and max. `--quick` runs everything once at small sizes
 * (part of `npm test`: it checks the benchmarks run, not their speed).
 * Results: bench/results.json (full runs) or test-results/bench-quick.json, and a table on stdout.
 */
import { chromium, type BrowserContext, type Frame, type Page } from '@playwright/test';
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { findChromiumWithPlaywright } from '../tests/e2e/browser.mjs';
import { rng } from '../tests/helpers/seed';
import { gmailThread, OWNER } from './gmail-thread';
import { decodeFile } from '../src/io/contacts';
import { readVCards } from '../src/io/vcard';

const QUICK = process.argv.includes('--quick');
/** `--only=popup-and-sidebar,ingest`: run some steps (results then go to test-results/, not bench/). */
const ONLY = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const EXT = resolve('.output/chrome-mv3');
const REF = resolve('bench/reference-extension');
/**
 * The reference plus an in-page frame (bench/reference-frame.js), built into a temporary folder: what
 * a capturing extension with any sidebar frame costs, to compare Kring's cost at load like for like.
 */
function referenceWithFrame(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kring-ref-frame-'));
  const manifest = JSON.parse(readFileSync(join(REF, 'manifest.json'), 'utf8'));
  manifest.name = 'Reference with a frame';
  manifest.web_accessible_resources = [{ resources: ['panel.html'], matches: ['https://mail.google.com/*'], use_dynamic_url: true }];
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'background.js'), readFileSync(join(REF, 'background.js')));
  writeFileSync(join(dir, 'panel.html'), '<!doctype html><meta charset="utf-8"><title>Panel</title>');
  const content = readFileSync(join(REF, 'content.js'), 'utf8');
  if (!content.includes('function send() {')) throw new Error('reference content script changed: place the frame by hand');
  writeFileSync(join(dir, 'content.js'), readFileSync('bench/reference-frame.js', 'utf8') + content.replace('function send() {', 'function send() {\n  placeFrame();'));
  return dir;
}
const CACHE = resolve('bench/.cache');
const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWbqMzTbvDkqrXSGdJHnLLmP';

interface Stat { median: number; min: number; max: number; n: number }
interface Figure { id: string; label: string; unit: string; value: Stat; baseline: { label: string; value: Stat }; ratio: number; target: string; pass: boolean; note?: string }
const figures: Figure[] = [];

const stat = (xs: number[]): Stat => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return { median: s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2, min: s[0]!, max: s.at(-1)!, n: s.length };
};
const one = (x: number): Stat => stat([x]);
const log = (s: string) => process.stderr.write(`${s}\n`);

/**
 * Times taken in the page itself, in every page and frame of the steps that add it (not the tab-cost
 * step: it would add script time to the pages measured there). Playwright notices a selector by trying
 * again after 0, 20, 50, 100, 100 and then every 500 ms, so a time read when its wait returns is
 * the page's time rounded up to that schedule (a screen ready after 450 ms read as 850). Here the
 * page stamps, as epoch ms (`timeOrigin + now()`, comparable across frames): when each watched
 * selector first matched in this document, after the next frame was drawn (`__kringFirst`); and,
 * asked before a click, the time from the click to the first new match drawn (`__kringClickToPaint`).
 */
const PAINT_CLOCK = `(() => {
  const stamp = () => performance.timeOrigin + performance.now();
  const drawn = (f) => requestAnimationFrame(() => setTimeout(f, 0));
  const first = (globalThis.__kringFirst = {});
  const watched = ['.due-row', '.card'];
  new MutationObserver(() => {
    for (const s of watched) if (!(s in first) && document.querySelector(s)) { first[s] = 0; drawn(() => (first[s] = stamp())); }
  }).observe(document, { childList: true, subtree: true });
  globalThis.__kringClickToPaint = (sel) => {
    const old = new Set(document.querySelectorAll(sel));
    let clicked = 0;
    document.addEventListener('click', () => (clicked = stamp()), { capture: true, once: true });
    globalThis.__kringPending = new Promise((resolve, reject) => {
      setTimeout(() => reject(new Error('no new ' + sel + ' within 30 s of the click')), 30000);
      const obs = new MutationObserver(() => {
        if (!clicked) return;
        for (const el of document.querySelectorAll(sel)) if (!old.has(el)) { obs.disconnect(); drawn(() => resolve(stamp() - clicked)); return; }
      });
      obs.observe(document, { childList: true, subtree: true });
    });
  };
})();`;

/** When `selector` was first drawn in this page or frame, in epoch ms (see PAINT_CLOCK). */
async function firstDrawn(target: Page | Frame, selector: string): Promise<number> {
  await target.waitForFunction((s) => ((globalThis as unknown as { __kringFirst: Record<string, number> }).__kringFirst[s] ?? 0) > 0, selector);
  return target.evaluate((s) => (globalThis as unknown as { __kringFirst: Record<string, number> }).__kringFirst[s]!, selector);
}
/** Milliseconds from the click `click` makes to the first new `selector` drawn, as the page counts them. */
async function clickToDrawn(page: Page, selector: string, click: () => Promise<void>): Promise<number> {
  await page.evaluate((s) => (globalThis as unknown as { __kringClickToPaint: (s: string) => void }).__kringClickToPaint(s), selector);
  await click();
  return page.evaluate(() => (globalThis as unknown as { __kringPending: Promise<number> }).__kringPending);
}
const isSidebar = (f: Frame) => f.url().includes('/sidebar.html');
/** From the start of the page's navigation to `selector` first drawn in it or in the frame `inFrame` picks. */
async function navigationToDrawn(page: Page, selector: string, inFrame?: (f: Frame) => boolean): Promise<number> {
  const start = await page.evaluate(() => performance.timeOrigin);
  let target: Page | Frame | undefined = page;
  if (inFrame) {
    await page.frameLocator('iframe[title="Kring"]').locator(selector).first().waitFor();
    target = page.frames().find(inFrame);
    if (!target) throw new Error(`${selector} shown, but in no frame the benchmark looks for`);
  }
  return (await firstDrawn(target, selector)) - start;
}

let executablePath = '';
async function launch(extension: string | null, args: string[] = []): Promise<{ context: BrowserContext; close: () => Promise<void>; profile: string }> {
  const profile = mkdtempSync(join(tmpdir(), 'kring-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      ...(extension ? [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`] : ['--disable-extensions']),
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
      ...args,
    ],
  });
  // tsx keeps function names with a `__name` helper; code evaluated in pages needs it defined.
  await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' });
  // Kring opens its settings page once on install (issue 20): closed, so it costs nothing measured.
  if (extension === EXT) {
    for (let waited = 0; waited < 15_000; waited += 50) {
      const welcome = context.pages().find((p) => p.url().endsWith('/options.html#welcome'));
      if (welcome) {
        // Once rendered: closed while loading, Chromium leaves chrome.i18n answering '' (tests/e2e/fixtures.ts).
        await welcome.locator('section.welcome h2').waitFor();
        await welcome.close();
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return { context, profile, close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
}
async function extensionId(context: BrowserContext) {
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await sw.evaluate('globalThis.__name = globalThis.__name || ((f) => f);');
  return { sw, id: new URL(sw.url()).host };
}

// ---------- 1. bytes injected into a Gmail tab ----------
function packageFile(spec: string, files: string[]): Buffer | null {
  const dir = join(CACHE, spec.replace(/[@/]/g, '_'));
  if (!existsSync(join(dir, 'package'))) {
    try {
      mkdirSync(dir, { recursive: true });
      const tgz = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', dir], { encoding: 'utf8' }).trim().split('\n').pop()!;
      execFileSync('tar', ['xzf', join(dir, tgz), '-C', dir]);
    } catch {
      return null;
    }
  }
  return Buffer.concat(files.map((f) => readFileSync(join(dir, 'package', f))));
}
function bytes() {
  const kring = readFileSync(join(EXT, 'content-scripts/gmail.js'));
  const gz = (b: Buffer) => gzipSync(b, { level: 9 }).length;
  const gmailJs = packageFile('gmail-js@1.1.16', ['src/gmail.js']);
  const inbox = packageFile('@inboxsdk/core@2.2.26', ['inboxsdk.js', 'pageWorld.js']);
  const note = gmailJs && inbox ? undefined : 'baseline packages could not be fetched; recorded sizes used';
  const gjs = gmailJs ? { raw: gmailJs.length, gz: gz(gmailJs) } : { raw: 168_496, gz: 35_100 };
  const isdk = inbox ? { raw: inbox.length, gz: gz(inbox) } : { raw: 2_821_458, gz: 659_082 };
  figures.push({ id: 'inject-gzip', label: 'JS injected into a Gmail tab, gzip', unit: 'B', value: one(gz(kring)), baseline: { label: 'gmail.js 1.1.16', value: one(gjs.gz) }, ratio: gz(kring) / gjs.gz, target: '≤ 12 KB gzip', pass: gz(kring) <= 12 * 1024, note: `raw ${kring.length} B; gmail.js raw ${gjs.raw} B; InboxSDK 2.2.26 ${isdk.raw} B raw / ${isdk.gz} B gzip (ratio ${(gz(kring) / isdk.gz).toFixed(4)})${note ? `; ${note}` : ''}` });
}

// ---------- 2. detecting a 100-message thread ----------
/** What bench/detect-entry.ts leaves in the page. */
type DetectGlobal = { __kringDetect: (d: Document, u: URL) => { items: unknown[] } };
async function detection() {
  const bundle = await build({ entryPoints: ['bench/detect-entry.ts'], bundle: true, write: false, format: 'iife', minify: true });
  const { context, close } = await launch(null);
  const page = await context.newPage();
  await page.setContent(gmailThread(100));
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  const reps = QUICK ? 3 : 200;
  const r = await page.evaluate(({ reps, url }) => {
    const detect = (globalThis as unknown as DetectGlobal).__kringDetect;
    const kring: number[] = [];
    const bare: number[] = [];
    let items = 0;
    for (let i = 0; i < reps + 3; i++) {
      let t = performance.now();
      items = detect(document, new URL(url)).items.length;
      const k = performance.now() - t;
      // The bare scan takes less than the clock's step (0.1 ms in a page): timed over 20 in a row.
      t = performance.now();
      let seen: unknown[] = [];
      for (let j = 0; j < 20; j++) seen = Array.from(document.querySelectorAll('[email]'), (el) => [el.getAttribute('email'), el.getAttribute('name')]);
      const b = (performance.now() - t) / 20;
      if (seen.length === 0) throw new Error('no [email] on the page');
      if (i >= 3) (kring.push(k), bare.push(b)); // 3 warm-up rounds
    }
    return { kring, bare, items };
  }, { reps, url: THREAD_URL });
  await close();
  if (r.items !== 100) throw new Error(`detector found ${r.items} of 100 messages`);
  const k = stat(r.kring);
  const b = stat(r.bare);
  figures.push({ id: 'detect-100', label: 'Detecting a 100-message Gmail thread', unit: 'ms', value: k, baseline: { label: "bare querySelectorAll('[email]')", value: b }, ratio: k.median / b.median, target: '≤ 3× the bare scan', pass: k.median <= 3 * b.median });
  await coldDetection(bundle.outputFiles[0]!.text);
}

/**
 * The first detection in a fresh page, as a tab's first report runs it: V8 compiles each function on
 * its first call and interprets it until it is warm. This is the part of Kring's cost at load that
 * reading the page takes, without evaluating the script, messaging or the sidebar frame; the bare
 * scan, also run first in a fresh page, is what the reference does at load.
 */
async function coldDetection(bundle: string) {
  const { context, close } = await launch(null);
  const kring: number[] = [];
  const bare: number[] = [];
  for (let round = 0; round < (QUICK ? 2 : 9); round++) {
    for (const first of ['kring', 'bare'] as const) {
      const page = await context.newPage();
      await page.setContent(gmailThread(100));
      await page.addScriptTag({ content: bundle });
      const ms = await page.evaluate(({ first, url }) => {
        const t = performance.now();
        if (first === 'kring') {
          const detect = (globalThis as unknown as DetectGlobal).__kringDetect;
          if (detect(document, new URL(url)).items.length !== 100) throw new Error('detector did not find 100 messages');
        } else {
          const seen = Array.from(document.querySelectorAll('[email]'), (el) => [el.getAttribute('email'), el.getAttribute('name')]);
          if (seen.length === 0) throw new Error('no [email] on the page');
        }
        return performance.now() - t;
      }, { first, url: THREAD_URL });
      (first === 'kring' ? kring : bare).push(ms);
      await page.close();
    }
  }
  await close();
  const k = stat(kring);
  const b = stat(bare);
  figures.push({ id: 'detect-100-cold', label: 'Detecting a 100-message Gmail thread, first run in a fresh page (as at load)', unit: 'ms', value: k, baseline: { label: "bare querySelectorAll('[email]'), also first in a fresh page", value: b }, ratio: k.median / Math.max(b.median, 0.1), target: "reported (issue 22: this is within Kring's cost at load)", pass: true });
}

// ---------- 3. main-thread script time and heap added to a Gmail tab ----------
/**
 * One tab per variant and round: the page loads (script time at load), then two workloads follow
 * in the same tab, each measured on its own. Light: small bursts 5 ms apart that touch no person
 * (a hover's class flip, a tooltip in and out), as a tab sees most of the day. Heavy: bursts 20 ms
 * apart that also replace a message with a fresh copy, as Gmail's re-renders do.
 */
async function tabCost() {
  const html = gmailThread(100);
  const runs = QUICK ? 1 : 5;
  const bursts = QUICK ? 40 : 200;
  type Sample = { load: number[]; light: number[]; heavy: number[]; heap: number[] };
  const empty = (): Sample => ({ load: [], light: [], heavy: [], heap: [] });
  const samples: Record<'none' | 'kring' | 'ref' | 'refFrame', Sample> = { none: empty(), kring: empty(), ref: empty(), refFrame: empty() };
  const extensions = { none: null, kring: EXT, ref: REF, refFrame: referenceWithFrame() };
  for (let run = 0; run < runs; run++) {
    for (const variant of ['none', 'kring', 'ref', 'refFrame'] as const) {
      const { context, close } = await launch(extensions[variant]);
      if (variant !== 'none') await extensionId(context);
      await context.route('https://mail.google.com/**', (r) => (r.request().resourceType() === 'document' ? r.fulfill({ contentType: 'text/html', body: html }) : r.fulfill({ status: 204 })));
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const scriptMs = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((x) => x.name === 'ScriptDuration')?.value ?? 0) * 1000;
      await page.goto(THREAD_URL);
      await page.waitForTimeout(1500);
      const atLoad = await scriptMs();
      // Evaluating the workload costs the page the same in every variant; it is inside the figures
      // and cancels out in what is added.
      await page.evaluate(async (bursts) => {
        const all = Array.from(document.querySelectorAll('[role=listitem]'));
        for (let i = 0; i < bursts; i++) {
          all[(i * 7) % all.length]!.classList.toggle('bk-hover');
          const tip = document.createElement('div');
          tip.className = 'tooltip';
          tip.textContent = `Tooltip ${i}`;
          document.body.append(tip);
          tip.remove();
          await new Promise((r) => setTimeout(r, 5));
        }
      }, bursts);
      await page.waitForTimeout(2500); // let debounced work finish
      const afterLight = await scriptMs();
      // Gmail re-renders constantly: class flips, messages replaced by fresh copies, nodes in and out.
      await page.evaluate(async (bursts) => {
        const all = () => Array.from(document.querySelectorAll('[role=listitem]'));
        for (let i = 0; i < bursts; i++) {
          const items = all();
          for (let k = 0; k < 10; k++) items[(i * 7 + k * 13) % items.length]!.classList.toggle('bk-hover');
          const victim = items[(i * 11) % items.length]!;
          victim.replaceWith(victim.cloneNode(true));
          const tip = document.createElement('div');
          tip.className = 'tooltip';
          tip.textContent = `Tooltip ${i}`;
          document.body.append(tip);
          tip.remove();
          await new Promise((r) => setTimeout(r, 20));
        }
      }, bursts);
      await page.waitForTimeout(2500);
      const afterHeavy = await scriptMs();
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      samples[variant].load.push(atLoad);
      samples[variant].light.push(afterLight - atLoad);
      samples[variant].heavy.push(afterHeavy - afterLight);
      samples[variant].heap.push(metrics.find((x) => x.name === 'JSHeapUsedSize')?.value ?? 0);
      await close();
    }
  }
  rmSync(extensions.refFrame, { recursive: true, force: true });
  const added = (v: 'kring' | 'ref' | 'refFrame', k: keyof Sample) => samples[v][k].map((x, i) => x - samples.none[k][i]!);
  const sum = (v: 'kring' | 'ref' | 'none', a: keyof Sample, b: keyof Sample) => samples[v][a].map((x, i) => x + samples[v][b][i]!);
  const none = (k: keyof Sample) => `no extension: ${stat(samples.none[k]).median.toFixed(1)} ms`;
  const script = (id: string, label: string, k: Stat, r: Stat, note: string) =>
    figures.push({ id, label, unit: 'ms', value: k, baseline: { label: 'reference extension (reads [email] after each change, sends to background)', value: r }, ratio: k.median / Math.max(r.median, 0.001), target: "≤ 1.5× the reference's added time", pass: k.median <= 1.5 * r.median, note });
  const kl = stat(added('kring', 'load'));
  const cold = figures.find((f) => f.id === 'detect-100-cold');
  const rl = stat(added('ref', 'load'));
  script('script-load', 'Main-thread script time added to a Gmail tab: page load (100 messages, first 1.5 s)', kl, rl, `${none('load')}${cold ? `; 1.5× the reference is ${(1.5 * rl.median).toFixed(1)} ms, and Kring's first detection of this thread alone takes ${cold.value.median.toFixed(1)} ms (detect-100-cold)` : ''}`);
  // Like for like at load: what any in-page sidebar frame costs is in both.
  const fl = stat(added('refFrame', 'load'));
  figures.push({ id: 'script-load-frame', label: 'Main-thread script time added to a Gmail tab: page load, against a reference that also places a frame', unit: 'ms', value: kl, baseline: { label: 'reference extension with an empty sidebar frame (bench/reference-frame.js)', value: fl }, ratio: kl.median / Math.max(fl.median, 0.001), target: "≤ 1.5× (reported: the issue's bar is the plain reference)", pass: kl.median <= 1.5 * fl.median });
  script('script-light', `Main-thread script time added to a Gmail tab: ${bursts} light bursts (hover, tooltip; 5 ms apart)`, stat(added('kring', 'light')), stat(added('ref', 'light')), none('light'));
  script('script-heavy', `Main-thread script time added to a Gmail tab: ${bursts} heavy bursts (a message re-rendered, 10 class flips; 20 ms apart)`, stat(added('kring', 'heavy')), stat(added('ref', 'heavy')), none('heavy'));
  const over = (v: 'kring' | 'ref', b: 'light' | 'heavy') => stat(sum(v, 'load', b).map((x, i) => x - sum('none', 'load', b)[i]!));
  script('script-time-light', 'Main-thread script time added to a Gmail tab in all: load and the light bursts', over('kring', 'light'), over('ref', 'light'), '');
  script('script-time', 'Main-thread script time added to a Gmail tab in all: load and the heavy bursts', over('kring', 'heavy'), over('ref', 'heavy'), '');
  const kh = stat(added('kring', 'heap'));
  const rh = stat(added('ref', 'heap'));
  figures.push({ id: 'heap', label: 'JS heap added to the Gmail tab (after both workloads and GC)', unit: 'B', value: kh, baseline: { label: 'reference extension', value: rh }, ratio: kh.median / Math.max(rh.median, 1), target: "≤ 1.5× the reference's added heap", pass: kh.median <= 1.5 * rh.median });
  const fh = stat(added('refFrame', 'heap'));
  figures.push({ id: 'heap-frame', label: 'JS heap added to the Gmail tab, against a reference that also places a frame', unit: 'B', value: kh, baseline: { label: 'reference extension with an empty sidebar frame', value: fh }, ratio: kh.median / Math.max(fh.median, 1), target: "≤ 1.5× (reported: the issue's bar is the plain reference)", pass: kh.median <= 1.5 * fh.median });
}

// ---------- 4. ingest throughput ----------
async function ingest() {
  const n = QUICK ? 500 : 10_000;
  const { context, close } = await launch(EXT);
  const { sw } = await extensionId(context);
  const r = await sw.evaluate(async ({ n, owner }) => {
    let a = 99;
    const rnd = () => ((a = (a * 1103515245 + 12345) >>> 0), a / 4294967296);
    const people = Array.from({ length: 2000 }, (_, i) => ({ email: `person${i}@org${i % 150}.example`, name: `Person ${i} Example` }));
    const pick = () => people[Math.floor(rnd() * rnd() * people.length)]!;
    const start = Date.parse('2021-11-27T00:00:00Z');
    const per = 50;
    const detections = [];
    for (let d = 0; d < n / per; d++) {
      const items = [];
      for (let k = 0; k < per; k++) {
        const i = d * per + k;
        const [from, to1, to2] = [pick(), pick(), pick()];
        const at = new Date(start + Math.floor(rnd() * 5 * 365 * 86400000)).toISOString();
        items.push({ kind: 'email', id: `m${i.toString(16)}`, subject: `Subject ${i % 97}`, at, threadId: `t${Math.floor(i / 4)}`,
          people: [{ email: from.email, name: from.name, role: 'from' }, { email: to1.email, name: to1.name, role: 'to' }, { email: to2.email, name: to2.name, role: 'cc' }] });
      }
      detections.push({ provider: 'gmail', view: 'thread', account: owner, items });
    }
    const runtimeId = (globalThis as unknown as { chrome: { runtime: { id: string } } }).chrome.runtime.id;
    // A tab brings at most 500 new people per ten minutes (src/background/index.ts, issue 16): the
    // store is filled as from many tabs, so every message creates whom it would.
    const sender = (n: number) => ({ id: runtimeId, tab: { id: 1 + Math.floor(n / 10) }, frameId: 0, origin: 'https://mail.google.com' });
    const receive = (globalThis as unknown as { kringReceive(m: unknown, s: unknown): Promise<{ stored: number }> }).kringReceive;
    let t = performance.now();
    let stored = 0;
    for (const [n, detection] of detections.entries()) stored += (await receive({ type: 'capture/detected', detection }, sender(n)))?.stored ?? 0;
    const kringMs = performance.now() - t;
    // Raw IndexedDB: the same interaction and person records, one transaction per detection.
    const raw: IDBDatabase = await new Promise((res, rej) => {
      const req = indexedDB.open('bench-raw', 1);
      req.onupgradeneeded = () => {
        req.result.createObjectStore('people', { keyPath: 'id' });
        req.result.createObjectStore('interactions', { keyPath: 'id' });
      };
      req.onsuccess = () => res(req.result);
      req.onerror = () => rej(req.error);
    });
    t = performance.now();
    for (const detection of detections) {
      await new Promise<void>((res, rej) => {
        const tx = raw.transaction(['people', 'interactions'], 'readwrite');
        for (const item of detection.items) for (const p of item.people) {
          tx.objectStore('people').put({ id: p.email, name: p.name, lastContact: Date.parse(item.at) });
          tx.objectStore('interactions').put({ id: `gmail:${item.id}:${p.email}`, personId: p.email, at: Date.parse(item.at), subject: item.subject });
        }
        tx.oncomplete = () => res();
        tx.onerror = () => rej(tx.error);
      });
    }
    const rawMs = performance.now() - t;
    // The toolbar count (issue 20) is redrawn once after a burst of captures: its cost, on this store.
    const badge = (globalThis as unknown as { kringBadge: { update(): Promise<string> } }).kringBadge;
    const badgeMs: number[] = [];
    for (let k = 0; k < 5; k++) {
      t = performance.now();
      await badge.update();
      badgeMs.push(performance.now() - t);
    }
    return { kringMs, rawMs, stored, badgeMs };
  }, { n, owner: OWNER });
  await close();
  if (r.stored < n * 2) throw new Error(`ingest stored ${r.stored} interactions for ${n} messages`);
  const perSec = (ms: number) => (n / ms) * 1000;
  // Against ingesting 500 messages, the size of a busy inbox list: the redraw that follows it.
  const badge = stat(r.badgeMs);
  const ingest500 = (r.kringMs / n) * 500;
  figures.push({ id: 'badge', label: `Toolbar count redrawn (people due + replies owed) on a store of ${n.toLocaleString('en')} messages`, unit: 'ms', value: badge, baseline: { label: 'ingesting 500 messages', value: one(ingest500) }, ratio: badge.median / ingest500, target: '≤ 0.1× (adds at most a tenth to the ingest it follows)', pass: badge.median <= 0.1 * ingest500 });
  figures.push({ id: 'ingest', label: `Ingesting ${n.toLocaleString('en')} detected messages × 3 people (message path, validation, rules, Dexie)`, unit: 'msg/s', value: one(perSec(r.kringMs)), baseline: { label: 'raw IndexedDB puts of the same records', value: one(perSec(r.rawMs)) }, ratio: r.rawMs / r.kringMs, target: '≥ 0.5× the raw throughput', pass: r.rawMs / r.kringMs >= 0.5, note: `${Math.round(r.kringMs)} ms vs ${Math.round(r.rawMs)} ms` });
}

// ---------- 5-7. popup, sidebar, disk: stores of two sizes ----------
/** Fill Kring's database from inside an extension page: seeded people and history over five years. */
async function seed(page: Page, people: number, interactions: number, orgs = 1) {
  await page.evaluate(async ({ people, interactions, orgs }) => {
    let a = 42;
    const rnd = () => ((a = (a * 1103515245 + 12345) >>> 0), a / 4294967296);
    const DAY = 86400000;
    const now = Date.now();
    const first = ['Anna', 'Bram', 'Carla', 'Daan', 'Eva', 'Finn', 'Gijs', 'Hanna', 'Iris', 'Jesse', 'Kim', 'Lars', 'Mila', 'Noah'];
    const last = ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'Bos', 'Vos'];
    const db: IDBDatabase = await new Promise((res, rej) => { const r = indexedDB.open('kring'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    const put = (store: string, rows: unknown[]) => new Promise<void>((res, rej) => { const tx = db.transaction(store, 'readwrite'); for (const row of rows) tx.objectStore(store).put(row); tx.oncomplete = () => res(); tx.onerror = () => rej(tx.error); });
    const ids = Array.from({ length: people }, (_, i) => `p${i}`);
    const lastAt = new Map<string, number>();
    for (let done = 0; done < interactions; done += 10000) {
      const rows = [];
      for (let i = done; i < Math.min(interactions, done + 10000); i++) {
        const personId = ids[Math.floor(rnd() * rnd() * people)]!;
        const at = now - Math.floor(rnd() * 5 * 365 * DAY);
        lastAt.set(personId, Math.max(lastAt.get(personId) ?? 0, at));
        rows.push({ id: `gmail:${i.toString(16)}:${personId}`, personId, address: `${personId}@x.example`, provider: 'gmail', sourceId: i.toString(16), threadId: `t${i >> 2}`, direction: ['in', 'out', 'cc'][i % 3], at, atEstimated: false, subject: `Subject ${i % 97}`, seenIn: 'page' });
      }
      await put('interactions', rows);
    }
    const persons = ids.map((id, i) => {
      const network = i % 5 === 0;
      const lastContact = lastAt.get(id) ?? 0;
      const cadenceDays = network ? [14, 30, 90, 180, 365][i % 5]! : null;
      const p: Record<string, unknown> = { id, name: `${first[i % first.length]} ${last[(i >> 3) % last.length]}`, status: network ? 'network' : 'seen', reason: 'they-wrote', firstContact: lastContact, lastContact, lastIn: lastContact, lastOut: 0, lastSeen: lastContact, createdAt: now - 400 * DAY, cadenceDays, snoozedUntil: 0, addedAt: network ? now - 400 * DAY : 0, notes: '', tags: [] };
      if (network) p.due = (lastContact || now - 400 * DAY) + cadenceDays! * DAY;
      return p;
    });
    await put('people', persons);
    await put('addresses', ids.map((id, i) => ({ address: `${id}@org${i % orgs}.example`, personId: id })));
    db.close();
  }, { people, interactions, orgs });
}

async function stores() {
  const big = QUICK ? { people: 1000, interactions: 20_000, orgs: 200 } : { people: 10_000, interactions: 200_000, orgs: 2_000 };
  const small = { people: 100, interactions: 2_000, orgs: 20 };
  const reps = QUICK ? 1 : 7;
  const threadHtml = readFileSync('tests/fixtures/gmail/thread-long.html', 'utf8');
  const setups = [];
  for (const size of [small, big]) {
    const b = await launch(EXT);
    await b.context.addInitScript({ content: PAINT_CLOCK });
    const { id } = await extensionId(b.context);
    await b.context.route('https://mail.google.com/**', (r) => (r.request().resourceType() === 'document' ? r.fulfill({ contentType: 'text/html', body: threadHtml }) : r.fulfill({ status: 204 })));
    const page = await b.context.newPage();
    await page.goto(`chrome-extension://${id}/popup.html`);
    await page.waitForSelector('.empty, .due-row');
    await seed(page, size.people, size.interactions, size.orgs);
    await page.close();
    setups.push({ ...b, id, size });
  }
  const popupMs: number[][] = [[], []];
  const sidebarMs: number[][] = [[], []];
  const orgsMs: number[][] = [[], []];
  const peopleMs: number[][] = [[], []];
  for (let r = 0; r < reps; r++) {
    for (const [k, s] of setups.entries()) {
      const page = await s.context.newPage();
      await page.setViewportSize({ width: 380, height: 600 });
      await page.goto(`chrome-extension://${s.id}/popup.html`);
      popupMs[k]!.push(await navigationToDrawn(page, '.due-row'));
      // The People tab, then the Organisations tab (issue 20): clicked to their rows drawn. Both
      // read every person and address.
      peopleMs[k]!.push(await clickToDrawn(page, 'button.person', () => page.getByRole('tab', { name: 'People' }).click()));
      orgsMs[k]!.push(await clickToDrawn(page, '.org-row', () => page.getByRole('tab', { name: 'Organisations' }).click()));
      await page.close();
      const gmail = await s.context.newPage();
      await gmail.goto(THREAD_URL);
      sidebarMs[k]!.push(await navigationToDrawn(gmail, '.card', isSidebar));
      await gmail.close();
    }
  }
  const label = (s: typeof big) => `${s.people.toLocaleString('en')} people / ${s.interactions.toLocaleString('en')} interactions`;
  const [ps, pb] = [stat(popupMs[0]!), stat(popupMs[1]!)];
  figures.push({ id: 'popup-due', label: `Popup opened to Due list painted, ${label(big)}`, unit: 'ms', value: pb, baseline: { label: label(small), value: ps }, ratio: pb.median / ps.median, target: '≤ 1.5× (cost flat in history size)', pass: pb.median <= 1.5 * ps.median });
  const [os, ob] = [stat(orgsMs[0]!), stat(orgsMs[1]!)];
  const orgLabel = (s: typeof big) => `${s.people.toLocaleString('en')} people in ${s.orgs.toLocaleString('en')} organisations`;
  const pb2 = stat(peopleMs[1]!);
  figures.push({ id: 'popup-orgs', label: `Popup: Organisations tab clicked to its list painted, ${orgLabel(big)}`, unit: 'ms', value: ob, baseline: { label: orgLabel(small), value: os }, ratio: ob.median / os.median, target: '≤ 1.5× the People tab on the same store (both read every person and address)', pass: ob.median <= 1.5 * pb2.median, note: `People tab on the same store: ${pb2.median.toFixed(1)} ms (${(ob.median / pb2.median).toFixed(2)}×); on ${small.people} people: ${stat(peopleMs[0]!).median.toFixed(1)} ms` });
  const [ss, sb] = [stat(sidebarMs[0]!), stat(sidebarMs[1]!)];
  figures.push({ id: 'sidebar', label: `Sidebar: thread opened to people shown, ${big.people.toLocaleString('en')} people stored`, unit: 'ms', value: sb, baseline: { label: `${small.people} people`, value: ss }, ratio: sb.median / ss.median, target: '≤ 1.5×', pass: sb.median <= 1.5 * ss.median });
  for (const s of setups) await s.close();
}

// ---------- team lookups (issue 21) ----------
/**
 * The sidebar of a thread with and without 50,000 teammates' entries in the store (the lookup
 * hashes the page's people's addresses under the team key and reads the `*addresses` index), and
 * what the entries take on disk.
 */
async function team() {
  const n = QUICK ? 5_000 : 50_000;
  const reps = QUICK ? 1 : 7;
  const threadHtml = readFileSync('tests/fixtures/gmail/thread-long.html', 'utf8');
  const b = await launch(EXT);
  await b.context.addInitScript({ content: PAINT_CLOCK });
  const { id } = await extensionId(b.context);
  await b.context.route('https://mail.google.com/**', (r) => (r.request().resourceType() === 'document' ? r.fulfill({ contentType: 'text/html', body: threadHtml }) : r.fulfill({ status: 204 })));
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${id}/popup.html`);
  await page.waitForSelector('.empty, .due-row');
  await seed(page, 1_000, 20_000, 100);
  const sidebarTimes = async (): Promise<number[]> => {
    const out: number[] = [];
    for (let r = 0; r < reps + 1; r++) {
      const gmail = await b.context.newPage();
      await gmail.goto(THREAD_URL);
      const ms = await navigationToDrawn(gmail, '.card', isSidebar);
      // The first round warms the worker (as the first sidebar of a session does): not counted.
      if (r > 0) out.push(ms);
      await gmail.close();
    }
    return out;
  };
  const without = await sidebarTimes();
  // 50,000 entries in 20 teammates' books, two addresses and an organisation each; Maria Jansen of
  // the thread is known to one of them, under a real team key.
  const grown = await page.evaluate(async (n) => {
    const bytes = (k: number) => crypto.getRandomValues(new Uint8Array(k));
    const b64 = (u: Uint8Array) => btoa(String.fromCharCode(...u)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const key = b64(bytes(32));
    const hmac = await crypto.subtle.importKey('raw', Uint8Array.from(atob(key.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const tag = async (text: string) => b64(new Uint8Array(await crypto.subtle.sign('HMAC', hmac, new TextEncoder().encode(text))).slice(0, 16));
    const db: IDBDatabase = await new Promise((res, rej) => { const r = indexedDB.open('kring'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    const put = (store: string, rows: unknown[]) => new Promise<void>((res, rej) => { const tx = db.transaction(store, 'readwrite'); for (const row of rows) tx.objectStore(store).put(row); tx.oncomplete = () => res(); tx.onerror = () => rej(tx.error); });
    const before = (await navigator.storage.estimate()).usage ?? 0;
    const books = Array.from({ length: 20 }, (_, i) => `https://dav.example/team/member${i}/`);
    await put('teamBooks', books.map((url, i) => ({ url, token: 'x', member: `Member ${i}`, state: 'ok' })));
    let json = 0;
    for (let done = 0; done < n; done += 10_000) {
      const rows = [];
      for (let i = done; i < Math.min(n, done + 10_000); i++) {
        const book = books[i % books.length]!;
        const row = { id: `${book}|/team/member${i % 20}/${i}.vcf`, book, href: `/team/member${i % 20}/${i}.vcf`, etag: `"${i}"`, addresses: [b64(bytes(16)), b64(bytes(16))], orgs: [b64(bytes(16))], strength: (1 + (i % 3)) as 1 | 2 | 3, lastMonth: '2026-10' };
        if (i === 7) row.addresses = [await tag('address:m.jansen@rijnmond-zorg.nl')];
        json += JSON.stringify(row).length;
        rows.push(row);
      }
      await put('teamEntries', rows);
    }
    db.close();
    const after = (await navigator.storage.estimate()).usage ?? 0;
    return { key, bytes: after - before, json };
  }, n);
  await page.evaluate((key) => (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ teamConfig: { folder: 'https://dav.example/team/', username: 'me', password: 'x', key, salt: 'c2FsdA', member: 'Me', share: { kind: 'network' } } }), grown.key);
  const gmail = await b.context.newPage();
  await gmail.goto(THREAD_URL);
  const known = await gmail.frameLocator('iframe[title="Kring"]').locator('.card[data-email="m.jansen@rijnmond-zorg.nl"] .known-to').textContent({ timeout: 20_000 });
  await gmail.close();
  const withTeam = await sidebarTimes();
  const [w, t] = [stat(without), stat(withTeam)];
  figures.push({ id: 'team-sidebar', label: `Sidebar: thread opened to people shown, with ${n.toLocaleString('en')} teammates' entries (each person looked up)`, unit: 'ms', value: t, baseline: { label: 'the same store without a team', value: w }, ratio: t.median / w.median, target: '≤ 1.5×', pass: t.median <= 1.5 * w.median, note: `the known person's card says "${known?.trim()}"` });
  figures.push({ id: 'team-store', label: `Team store: ${n.toLocaleString('en')} entries (2 addresses, 1 organisation each) with their indexes`, unit: 'MB', value: one(Math.round((grown.bytes / 1e6) * 10) / 10), baseline: { label: 'the entries as JSON', value: one(Math.round((grown.json / 1e6) * 10) / 10) }, ratio: grown.bytes / grown.json, target: 'said, not judged', pass: true, note: `${Math.round(grown.bytes / n)} bytes an entry (navigator.storage.estimate)` });
  await b.close();
}

async function disk() {
  // Enough records that IndexedDB's uncompacted log (a few MB, flushed when it likes) is a small part
  // of the total, so the figure is what the data costs, not where compaction happened to be.
  const n = QUICK ? 5_000 : 100_000;
  const { context, close, profile } = await launch(EXT);
  const { id } = await extensionId(context);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/popup.html`);
  await page.waitForSelector('.empty, .due-row');
  // Also the bytes on disk: the extension's IndexedDB folder in the profile, the browser closed.
  const idbDir = join(profile, 'Default', 'IndexedDB', `chrome-extension_${id}_0.indexeddb.leveldb`);
  const folderBytes = () => Number(execFileSync('du', ['-sb', idbDir], { encoding: 'utf8' }).split('\t')[0]);
  const folderBefore = folderBytes();
  const r = await page.evaluate(async (n) => {
    const before = (await navigator.storage.estimate()).usage ?? 0;
    const db: IDBDatabase = await new Promise((res, rej) => { const q = indexedDB.open('kring'); q.onsuccess = () => res(q.result); q.onerror = () => rej(q.error); });
    const rows = Array.from({ length: n }, (_, i) => ({ id: `gmail:${(1849000000000 + i).toString(16)}:person${i % 700}@org${i % 90}.example`, personId: `p${i % 700}`, address: `person${i % 700}@org${i % 90}.example`, provider: 'gmail', sourceId: (1849000000000 + i).toString(16), threadId: `t${i >> 2}`, direction: ['in', 'out', 'cc'][i % 3], at: 1700000000000 + i * 3600000, atEstimated: false, subject: `Re: Kwartaaloverleg Noordzee ${i % 97}`, seenIn: 'page' }));
    await new Promise<void>((res, rej) => { const tx = db.transaction('interactions', 'readwrite'); for (const row of rows) tx.objectStore('interactions').put(row); tx.oncomplete = () => res(); tx.onerror = () => rej(tx.error); });
    db.close();
    // The estimate moves in steps as IndexedDB's log is compacted into its tables: sample until it
    // has stayed the same for two seconds (at most twenty), and take that settled size.
    let after = (await navigator.storage.estimate()).usage ?? 0;
    for (let stable = 0, waited = 0; stable < 4 && waited < 20_000; waited += 500) {
      await new Promise((r) => setTimeout(r, 500));
      const now = (await navigator.storage.estimate()).usage ?? 0;
      stable = now === after ? stable + 1 : 0;
      after = now;
    }
    return { disk: after - before, json: new Blob([JSON.stringify(rows)]).size };
  }, n);
  await context.close();
  const folderAfter = folderBytes();
  rmSync(profile, { recursive: true, force: true });
  void close;
  const per = (x: number) => (x / n) * 1000;
  const onDisk = folderAfter - folderBefore;
  figures.push({ id: 'disk', label: 'Disk per 1,000 interactions (navigator.storage.estimate)', unit: 'B', value: one(per(r.disk)), baseline: { label: 'JSON size of the same records', value: one(per(r.json)) }, ratio: r.disk / r.json, target: '≤ 2×', pass: r.disk / r.json <= 2, note: `the IndexedDB folder itself, browser closed: ${Math.round(per(onDisk))} B per 1,000 (${(onDisk / r.json).toFixed(2)}× the JSON)` });
}

async function importTime() {
  const n = QUICK ? 2_000 : 50_000;
  const rows = ['First Name,Last Name,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value'];
  const r = rng(5);
  for (let i = 0; i < n; i++) rows.push(`Person${i},Example${Math.floor(r() * 1000)},"Note, with a comma ${i}",* myContacts ::: Client,* Work,person${i}@import${i % 500}.example`);
  const file = join(mkdtempSync(join(tmpdir(), 'kring-import-')), 'contacts.csv');
  writeFileSync(file, `${rows.join('\r\n')}\r\n`);
  const { context, close } = await launch(EXT);
  const { id } = await extensionId(context);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/options.html`);
  // The longest gap between animation frames while reading and while importing: how long the page froze.
  const watchFrames = () =>
    page.evaluate(() => {
      const w = window as unknown as { __gap: number; __watching?: boolean };
      w.__gap = 0;
      if (w.__watching) return;
      w.__watching = true;
      let last = performance.now();
      const tick = (now: number) => { w.__gap = Math.max(w.__gap, now - last); last = now; requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    });
  await watchFrames();
  let t = Date.now();
  await page.getByLabel('File').setInputFiles(file);
  await page.locator('.preview').waitFor();
  const previewMs = Date.now() - t;
  const previewGap = await page.evaluate(() => (window as unknown as { __gap: number }).__gap);
  await watchFrames();
  t = Date.now();
  await page.locator('.preview').getByRole('button', { name: 'Import' }).click();
  await page.getByRole('status').waitFor({ timeout: 600_000 });
  const importMs = Date.now() - t;
  const gap = await page.evaluate(() => (window as unknown as { __gap: number }).__gap);
  await close();
  figures.push({ id: 'import', label: `Importing ${n.toLocaleString('en')} contacts from CSV (settings page)`, unit: 'ms', value: one(importMs), baseline: { label: 'reading and previewing the same file', value: one(previewMs) }, ratio: importMs / previewMs, target: 'reported; no frame gap over 100 ms', pass: QUICK || Math.max(gap, previewGap) <= 100, note: `longest frame gap while reading and previewing: ${Math.round(previewGap)} ms; while importing: ${Math.round(gap)} ms` });
}

/** Reading contact files is linear: N cards against 1,000; a 1 MB file that is not UTF-8 against one that is. */
async function parseTime() {
  const card = (i: number) =>
    `BEGIN:VCARD\r\nVERSION:${i % 3 === 0 ? '2.1' : '3.0'}\r\nN:Example${i};Person;;;\r\nFN:Person Example${i}\r\n${i % 3 === 0 ? 'EMAIL;PREF;INTERNET' : 'EMAIL;TYPE=INTERNET'}:person${i}@import${i % 500}.example\r\nTEL;CELL:+31 6 ${String(i).padStart(8, '0')}\r\nNOTE:Met at the fair\\, spring ${i}\r\nCATEGORIES:Client,Fair\r\nEND:VCARD\r\n`;
  const file = (n: number) => Array.from({ length: n }, (_, i) => card(i)).join('');
  const time = (f: () => unknown, rounds: number) => stat(Array.from({ length: rounds }, () => { const t = performance.now(); f(); return performance.now() - t; }));
  const sizes = QUICK ? [1_000, 2_000] : [1_000, 10_000, 50_000];
  const base = file(sizes[0]!);
  const baseline = time(() => readVCards(base), QUICK ? 1 : 5);
  for (const n of sizes.slice(1)) {
    const text = file(n);
    const t = time(() => readVCards(text), QUICK ? 1 : 3);
    const ratio = t.median / baseline.median;
    figures.push({ id: `vcard-${n}`, label: `Reading ${n.toLocaleString('en')} vCards`, unit: 'ms', value: t, baseline: { label: `${sizes[0]!.toLocaleString('en')} vCards`, value: baseline }, ratio, target: `ratio at most ${(n / sizes[0]!) * 1.2}× (linear)`, pass: QUICK || ratio <= (n / sizes[0]!) * 1.2 });
  }
  // 1 MB: valid UTF-8, and the same with a Windows-1252 byte near the end (once quadratic: 34 s at 200 KB).
  const mb = new TextEncoder().encode(file(5_000).slice(0, 1_000_000));
  const latin = mb.slice();
  latin[latin.length - 10] = 0xe9;
  const utf8 = time(() => decodeFile(mb), QUICK ? 1 : 5);
  const other = time(() => decodeFile(latin), QUICK ? 1 : 5);
  figures.push({ id: 'decode-not-utf8', label: 'Reading a 1 MB contacts file that is not UTF-8', unit: 'ms', value: other, baseline: { label: 'the same file as UTF-8', value: utf8 }, ratio: other.median / utf8.median, target: 'at most 5×', pass: QUICK || other.median / utf8.median <= 5 });
}

/**
 * CardDAV sync (issue 19) with Debian's Radicale on loopback: the first sync of N network people and
 * an incremental sync with nothing changed, against a plain PROPFIND listing of the same book. Runs
 * the sync loop in Node on fake-indexeddb (the network half is real, the store half is not the
 * browser's). Skipped, with a line saying so, where Radicale is not installed.
 */
async function syncTime() {
  // @ts-expect-error plain ESM module without types
  const { missingRadicale, startRadicale } = await import('../tests/real/dav/servers.mjs');
  if (missingRadicale().length) return log('bench: sync skipped: Debian\'s radicale is not installed');
  // @ts-expect-error its types are not found through the package's exports; a side-effect import
  await import('fake-indexeddb/auto');
  const { KringDb } = await import('../src/store/db');
  const { newPerson, withDue } = await import('../src/store/person-record');
  const { syncOnce } = await import('../src/sync/loop');
  const { changesSince } = await import('../src/sync/remote');
  // `--sync-people=N` for another size (Radicale's own cost per write grows with the book: 5,000 take ~25 min).
  const n = Number(process.argv.find((a) => a.startsWith('--sync-people='))?.slice(14)) || (QUICK ? 200 : 5_000);
  const server = await startRadicale({ bench: 'bench' });
  try {
    const url = `${server.url}/bench/kring/`;
    const auth = `Basic ${Buffer.from('bench:bench').toString('base64')}`;
    await fetch(url, { method: 'MKCOL', headers: { Authorization: auth, 'Content-Type': 'application/xml' }, body: '<?xml version="1.0"?><mkcol xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><set><prop><resourcetype><collection/><C:addressbook/></resourcetype></prop></set></mkcol>' });
    let requests = 0;
    let waited = 0;
    const book = {
      url, username: 'bench', password: 'bench',
      fetch: (async (input, init) => {
        requests++;
        const t0 = performance.now();
        try {
          return await fetch(input, init);
        } finally {
          waited += performance.now() - t0;
        }
      }) as typeof fetch,
    };
    const db = new KringDb(`bench-sync-${Date.now()}`);
    await db.open();
    const now = Date.parse('2026-12-02T10:00:00Z');
    const people = Array.from({ length: n }, (_, i) => withDue({ ...newPerson(`p${i}`, `Person ${i}`, 'manual', now), status: 'network' as const, cadenceDays: 90, addedAt: now, lastContact: now - i * 3_600_000, notes: i % 5 ? '' : `Met at the fair; spring ${i}`, tags: i % 3 ? [] : ['client'] }));
    await db.people.bulkPut(people);
    await db.addresses.bulkPut(people.map((p, i) => ({ address: `person${i}@sync${i % 300}.example`, personId: p.id })));
    let t = performance.now();
    const first = await syncOnce(db, book, { now: now + 1000 });
    const firstMs = performance.now() - t;
    const firstRequests = requests;
    const firstWaited = waited;
    const listed: number[] = [];
    for (let i = 0; i < (QUICK ? 1 : 5); i++) {
      const t0 = performance.now();
      await changesSince(book, null);
      listed.push(performance.now() - t0);
    }
    const listing = stat(listed);
    let writes = 0;
    const count = () => void writes++;
    for (const table of db.tables) (table.hook('creating').subscribe(count), table.hook('updating').subscribe(count), table.hook('deleting').subscribe(count));
    const idle: number[] = [];
    let idleRequests = 0;
    waited = 0;
    for (let i = 0; i < (QUICK ? 1 : 5); i++) {
      requests = 0;
      t = performance.now();
      await syncOnce(db, book, { now: now + 2000 + i });
      idle.push(performance.now() - t);
      idleRequests = Math.max(idleRequests, requests);
    }
    const idleStat = stat(idle);
    figures.push({ id: 'sync-first', label: `First sync of ${n.toLocaleString('en')} network people (Radicale, loopback)`, unit: 'ms', value: one(firstMs), baseline: { label: `a PROPFIND listing of the ${n.toLocaleString('en')} cards`, value: listing }, ratio: firstMs / listing.median, target: 'reported; every person sent once', pass: first.sent === n, note: `${firstRequests} requests (${first.sent} cards sent, one PUT each); ${Math.round(firstMs / n * 10) / 10} ms per person, of which ${Math.round(firstWaited / n * 10) / 10} ms waiting for the server` });
    figures.push({ id: 'sync-idle', label: `Sync with nothing changed, ${n.toLocaleString('en')} people`, unit: 'ms', value: idleStat, baseline: { label: 'the same PROPFIND listing', value: listing }, ratio: idleStat.median / listing.median, target: 'at most 2 requests, no writes', pass: idleRequests <= 2 && writes === 0, note: `${idleRequests} request(s), ${writes} writes to the store; ${Math.round(waited / idle.length)} ms of each waiting for the server` });
    db.close();
  } finally {
    await server.stop();
  }
}

function table() {
  const fmt = (s: Stat, unit: string) => `${s.median.toFixed(unit === 'B' || unit === 'msg/s' ? 0 : 1)} ${unit}${s.n > 1 ? ` (${s.min.toFixed(unit === 'B' ? 0 : 1)}–${s.max.toFixed(unit === 'B' ? 0 : 1)})` : ''}`;
  const lines = ['| figure | Kring | baseline | ratio | target | met |', '|---|---|---|---|---|---|'];
  for (const f of figures) lines.push(`| ${f.label} | ${fmt(f.value, f.unit)} | ${f.baseline.label}: ${fmt(f.baseline.value, f.unit)} | ${f.ratio.toFixed(2)} | ${f.target} | ${f.pass ? 'yes' : 'no'} |`);
  const notes = figures.filter((f) => f.note).map((f) => `- ${f.label}: ${f.note}`);
  return [...lines, '', ...notes].join('\n');
}

async function main() {
  const found = await findChromiumWithPlaywright();
  if (!found.path) throw new Error('No Chromium for the benchmarks: see `node tests/e2e/find-browser.mjs`.');
  executablePath = found.path;
  if (!existsSync(join(EXT, 'manifest.json'))) throw new Error('Build first: npm run build');
  const started = Date.now();
  for (const [name, step] of [['bytes', bytes], ['detection', detection], ['tab cost', tabCost], ['ingest', ingest], ['popup and sidebar', stores], ['team', team], ['disk', disk], ['contact files', parseTime], ['import', importTime], ['sync', syncTime]] as const) {
    if (ONLY && !ONLY.includes(name.replace(/ /g, '-'))) continue;
    log(`bench: ${name}…`);
    await step();
  }
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? '', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, chromium: execFileSync(executablePath, ['--version'], { encoding: 'utf8' }).trim() };
  const out = { date: new Date().toISOString(), quick: QUICK, seconds: Math.round((Date.now() - started) / 1000), machine, figures };
  mkdirSync('test-results', { recursive: true });
  const partial = QUICK || ONLY;
  writeFileSync(partial ? 'test-results/bench-partial.json' : 'bench/results.json', `${JSON.stringify(out, null, 2)}\n`);
  if (!partial) writeFileSync('bench/results.md', `${table()}\n\nMachine: ${machine.cpus} × ${machine.cpu}, ${machine.memoryGiB} GiB, ${machine.chromium}, Node ${machine.node}; ${out.date.slice(0, 10)}, ${out.seconds} s.\n`);
  process.stdout.write(`${table()}\n\n${QUICK ? 'quick run: sizes are small; figures say the benchmarks run, not how fast' : `machine: ${JSON.stringify(machine)}`} (${out.seconds} s)\n`);
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
