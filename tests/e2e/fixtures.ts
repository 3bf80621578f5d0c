/**
 * Playwright fixtures: Chromium with the built extension (.output/chrome-mv3) loaded, webmail
 * fixtures served at their real addresses with the provider's real security headers, and a
 * record of every request the pages make (Kring talks to no server).
 */
import { test as base, chromium, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findChromiumWithPlaywright } from './browser.mjs';

export const EXTENSION = resolve('.output/chrome-mv3');
export const FIXTURES = resolve('tests/fixtures');

/**
 * Gmail's policies (research/browser-testing.md): Trusted Types for every script sink, and a
 * frame-src limited to Google's own hosts. Two policies, comma-separated in one header.
 */
export const GMAIL_HEADERS: Record<string, string> = {
  'content-security-policy': [
    "require-trusted-types-for 'script'; report-uri https://mail.google.com/mail/cspreport",
    "script-src 'report-sample' 'nonce-kringtest' 'unsafe-inline' 'strict-dynamic' https: http:; object-src 'none'; base-uri 'self'; frame-src 'self' https://*.google.com https://*.googleusercontent.com https://*.gstatic.com; report-uri https://mail.google.com/mail/cspreport",
  ].join(', '),
  'x-frame-options': 'SAMEORIGIN',
  'x-content-type-options': 'nosniff',
};

/** Google Calendar sends the same kind of policy. */
export const CALENDAR_HEADERS: Record<string, string> = {
  ...GMAIL_HEADERS,
  'content-security-policy': GMAIL_HEADERS['content-security-policy']!.replaceAll('mail.google.com/mail/cspreport', 'calendar.google.com/calendar/cspreport'),
};

/** Outlook on the web sends a strict policy too; frames limited to Microsoft's hosts. */
export const OUTLOOK_HEADERS: Record<string, string> = {
  'content-security-policy':
    "script-src 'self' 'nonce-kringtest' 'strict-dynamic' https:; object-src 'none'; base-uri 'self'; frame-src 'self' https://*.office.com https://*.office365.com https://*.live.com https://*.microsoft.com",
  'x-frame-options': 'SAMEORIGIN',
  'x-content-type-options': 'nosniff',
};

export interface Served {
  /** Serve this fixture (tests/fixtures/gmail/<file>) for every mail.google.com page from now on. */
  gmail(file: string): void;
  gmailHtml(html: string): void;
  /** The same for calendar.google.com. */
  calendar(file: string): void;
  calendarHtml(html: string): void;
  /** The same for the three Outlook hosts (tests/fixtures/outlook-mail or outlook-calendar). */
  outlook(folder: 'outlook-mail' | 'outlook-calendar', file: string): void;
  outlookHtml(html: string): void;
}

export const fixtureHtml = (provider: string, file: string) => readFileSync(join(FIXTURES, provider, file), 'utf8');

interface Options {
  /** The browser's UI language, e.g. 'nl' (Chromium on Linux reads LANGUAGE, not --lang). */
  uiLanguage: string;
  /** The built extension to load: .output (default) or the test build (.output-test, tests/real/kring.ts). */
  extensionPath: string;
  /** Leave the settings page Kring opens on install (first-run.spec.ts); other tests close it first. */
  keepWelcome: boolean;
}

/**
 * Kring opens its settings page once on install (issue 20), in the window the browser last used:
 * left open, it is the active tab over the pages a test opens next, and Chromium then routes clicks
 * into their frames nowhere. Tests that do not test it wait for it and close it.
 */
export async function closeWelcome(context: BrowserContext): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const page = context.pages().find((p) => p.url().endsWith('/options.html#welcome'));
    if (page) {
      // Closed once it has rendered: a page closed while Chromium is still loading the extension's
      // messages leaves chrome.i18n answering '' in every extension page of that profile.
      await page.locator('section.welcome h2').waitFor();
      return page.close();
    }
    if (Date.now() > deadline) throw new Error('Kring did not open its welcome page on install');
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Fixtures {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  served: Served;
  /** Requests to anywhere but the routed fixture hosts and the extension itself. */
  strayRequests: string[];
}

export const test = base.extend<Fixtures & Options>({
  uiLanguage: ['en-US', { option: true }],
  extensionPath: [EXTENSION, { option: true }],
  keepWelcome: [false, { option: true }],
  context: async ({ uiLanguage, extensionPath, keepWelcome }, use) => {
    const { path } = await findChromiumWithPlaywright();
    if (!path) throw new Error('No Chromium: run `node tests/e2e/find-browser.mjs` for how to get one.');
    const profile = mkdtempSync(join(tmpdir(), 'kring-e2e-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: path,
      headless: true,
      locale: uiLanguage,
      env: { ...process.env, LANGUAGE: uiLanguage.replace('-', '_'), LANG: `${uiLanguage.replace('-', '_')}.UTF-8` },
      args: [
        `--disable-extensions-except=${extensionPath}`,
        `--load-extension=${extensionPath}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        `--lang=${uiLanguage}`,
      ],
    });
    if (!keepWelcome) await closeWelcome(context);
    await use(context);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  },
  serviceWorker: async ({ context }, use) => {
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(sw);
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
  strayRequests: async ({ context }, use) => {
    const stray: string[] = [];
    context.on('request', (r) => {
      const u = new URL(r.url());
      const routed = ['mail.google.com', 'calendar.google.com', 'outlook.office.com', 'outlook.live.com', 'outlook.office365.com'].includes(u.hostname);
      if (!routed && u.protocol !== 'chrome-extension:' && u.protocol !== 'data:') stray.push(r.url());
    });
    await use(stray);
  },
  served: async ({ context }, use) => {
    const bodies = { gmail: '<!doctype html><title>Gmail</title>', calendar: '<!doctype html><title>Google Calendar</title>', outlook: '<!doctype html><title>Outlook</title>' };
    const serve = (host: string, key: keyof typeof bodies, headers: Record<string, string>) =>
      context.route(`https://${host}/**`, (route) =>
        route.request().resourceType() === 'document'
          ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers, body: bodies[key] })
          : route.fulfill({ status: 204, body: '' }), // CSP reports and the like
      );
    await serve('mail.google.com', 'gmail', GMAIL_HEADERS);
    await serve('calendar.google.com', 'calendar', CALENDAR_HEADERS);
    for (const host of ['outlook.office.com', 'outlook.live.com', 'outlook.office365.com']) await serve(host, 'outlook', OUTLOOK_HEADERS);
    await use({
      gmail: (file) => void (bodies.gmail = fixtureHtml('gmail', file)),
      gmailHtml: (html) => void (bodies.gmail = html),
      calendar: (file) => void (bodies.calendar = fixtureHtml('google-calendar', file)),
      calendarHtml: (html) => void (bodies.calendar = html),
      outlook: (folder, file) => void (bodies.outlook = fixtureHtml(folder, file)),
      outlookHtml: (html) => void (bodies.outlook = html),
    });
  },
});

export { expect };

export const popupUrl = (id: string) => `chrome-extension://${id}/popup.html`;

/** Row counts of Kring's store, read in an extension page (the store lives in the extension origin). */
export async function storeCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(
    async () => {
      // Never create the database from here: that would race Dexie's own first open.
      if (!(await indexedDB.databases()).some((d) => d.name === 'kring')) return {};
      return new Promise<Record<string, number>>((resolveCounts, reject) => {
        const req = indexedDB.open('kring');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const idb = req.result;
          const names = Array.from(idb.objectStoreNames);
          if (names.length === 0) {
            idb.close();
            resolveCounts({});
            return;
          }
          const tx = idb.transaction(names, 'readonly');
          const out: Record<string, number> = {};
          for (const n of names) {
            const c = tx.objectStore(n).count();
            c.onsuccess = () => (out[n] = c.result);
          }
          tx.oncomplete = () => {
            idb.close();
            resolveCounts(out);
          };
        };
      });
    },
  );
}

/** Open the popup as a tab, sized like the real popup. */
export async function openPopup(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 380, height: 600 });
  await page.goto(popupUrl(extensionId));
  return page;
}

/**
 * Re-render the page the way a single-page app does: swap the body for another page's, then change
 * the hash. Goes through a Trusted Types policy, as Gmail's own code must under its CSP.
 */
export async function renderInPlace(page: Page, html: string, hash?: string): Promise<void> {
  await page.evaluate(
    ({ html, hash }) => {
      const w = window as unknown as { trustedTypes: { createPolicy(n: string, p: object): { createHTML(s: string): string } }; __kringTestPolicy?: { createHTML(s: string): string } };
      w.__kringTestPolicy ??= w.trustedTypes.createPolicy('kring-test', { createHTML: (s: string) => s });
      const doc = new DOMParser().parseFromString(w.__kringTestPolicy.createHTML(html) as unknown as string, 'text/html');
      document.title = doc.title;
      document.body.replaceChildren(...Array.from(doc.body.childNodes).map((n) => document.importNode(n, true)));
      if (hash !== undefined) location.hash = hash;
    },
    { html, hash },
  );
}

/** Every row of one table of Kring's store, read in an extension page ([] before the store exists). */
export async function storedRows<T>(page: Page, table: string): Promise<T[]> {
  return page.evaluate(async (table) => {
    if (!(await indexedDB.databases()).some((d) => d.name === 'kring')) return [];
    return new Promise((resolveAll, reject) => {
      const req = indexedDB.open('kring');
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const all = req.result.transaction(table, 'readonly').objectStore(table).getAll();
        all.onsuccess = () => {
          req.result.close();
          resolveAll(all.result);
        };
      };
    });
  }, table) as Promise<T[]>;
}

/** Stored interactions, for checks that need more than counts. */
export const storedInteractions = (page: Page) => storedRows<{ address: string; direction: string; sourceId: string }>(page, 'interactions');

/** The sidebar frame in a webmail page. */
export const sidebarOf = (page: Page) => page.frameLocator('iframe[title="Kring"]');

/** Open a fixture thread (a file, or its markup) in a new tab. */
export async function openThread(context: BrowserContext, served: Served, file: string | { html: string }, hash: string): Promise<Page> {
  if (typeof file === 'string') served.gmail(file);
  else served.gmailHtml(file.html);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`https://mail.google.com/mail/u/0/${hash}`);
  return page;
}

const NL_DAYS = ['zo', 'ma', 'di', 'wo', 'do', 'vr', 'za'];
const NL_MONTHS = ['jan.', 'feb.', 'mrt.', 'apr.', 'mei', 'jun.', 'jul.', 'aug.', 'sep.', 'okt.', 'nov.', 'dec.'];

/**
 * thread-dutch.html with its two messages (Nov 10 and 13, 2026) moved so the first is `daysAgo`
 * days before today, in Gmail's Dutch form ("di 10 nov. 2026 14:22", "10 nov."): what depends on
 * the real clock (the background's, which a page clock cannot move), such as a reply owed within
 * 30 days, holds on any day the suite runs.
 */
export function dutchThreadDaysAgo(daysAgo: number): string {
  const html = fixtureHtml('gmail', 'thread-dutch.html');
  const first = Date.UTC(2026, 10, 10);
  const today = new Date();
  const shift = Math.round((Date.UTC(today.getFullYear(), today.getMonth(), today.getDate()) - daysAgo * 86_400_000 - first) / 86_400_000);
  const moved = (day: number) => new Date(Date.UTC(2026, 10, day) + shift * 86_400_000);
  const long = (d: Date) => `${NL_DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${NL_MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  const short = (d: Date) => `>${d.getUTCDate()} ${NL_MONTHS[d.getUTCMonth()]}<`;
  // In one pass: replaced one after the other, a shift of exactly 3 days turned the first
  // message's new date ("vr 13 nov. 2026") into the second's on the next replacement.
  const to: Record<string, string> = {
    'di 10 nov. 2026': long(moved(10)),
    'vr 13 nov. 2026': long(moved(13)),
    '>10 nov.<': short(moved(10)),
    '>13 nov.<': short(moved(13)),
  };
  return html.replace(/di 10 nov\. 2026|vr 13 nov\. 2026|>10 nov\.<|>13 nov\.</g, (m) => to[m]!);
}
