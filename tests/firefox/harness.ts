/**
 * Firefox ESR with the built extension (.output/firefox-mv3), driven by puppeteer-core over
 * WebDriver BiDi (Playwright cannot drive stock Firefox). ../shared/research/browser-testing.md:
 * extension pages send no load event (navigate without awaiting, then wait for a selector), and the
 * moz-extension uuid appears in the profile's prefs shortly after install.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';

export const FIREFOX = process.env.FIREFOX_BIN ?? '/usr/bin/firefox-esr';
export const EXTENSION = resolve('.output/firefox-mv3');
export const FIXTURES = resolve('tests/fixtures');
export const GMAIL_CSP =
  "require-trusted-types-for 'script'; report-uri https://mail.google.com/mail/cspreport, script-src 'report-sample' 'nonce-kringtest' 'unsafe-inline' 'strict-dynamic' https: http:; object-src 'none'; base-uri 'self'; frame-src 'self' https://*.google.com https://*.googleusercontent.com https://*.gstatic.com";

export const firefoxAvailable = () => existsSync(FIREFOX) && existsSync(join(EXTENSION, 'manifest.json'));

export interface Session {
  browser: Browser;
  base: string;
  /** Serve this HTML for mail.google.com pages opened from now on. */
  serveGmail(html: string): void;
  openGmail(hash: string): Promise<Page>;
  openExtensionPage(path: string, selector: string): Promise<Page>;
  /**
   * Evaluate an expression in the sidebar's frame (its document and extension APIs). Puppeteer
   * lists the moz-extension frame as about:blank, so this goes through BiDi's browsing contexts.
   */
  inSidebar<T>(page: Page, expression: string): Promise<T>;
  close(): Promise<void>;
}

const fixture = (provider: string, file: string) => readFileSync(join(FIXTURES, provider, file), 'utf8');
export { fixture };

export async function startFirefox(): Promise<Session> {
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true, args: ['--remote-allow-system-access'] });
  const id = await browser.installExtension(EXTENSION);
  const manifestId = JSON.parse(readFileSync(join(EXTENSION, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id;
  if (id !== manifestId) throw new Error(`installed as ${id}, manifest says ${manifestId}`);
  const uuid = await extensionUuid(browser, id);
  let gmail = '<!doctype html><title>Gmail</title>';
  const intercept = async (page: Page) => {
    await page.setRequestInterception(true);
    page.on('request', (req: HTTPRequest) => {
      if (req.isInterceptResolutionHandled()) return;
      const url = new URL(req.url());
      if (url.hostname === 'mail.google.com') {
        void (req.isNavigationRequest()
          ? req.respond({ status: 200, contentType: 'text/html; charset=utf-8', headers: process.env.KRING_NO_CSP ? {} : { 'content-security-policy': GMAIL_CSP }, body: gmail })
          : req.respond({ status: 204, body: '' }));
      } else void req.continue();
    });
  };
  return {
    browser,
    base: `moz-extension://${uuid}`,
    serveGmail: (html) => void (gmail = html),
    async openGmail(hash) {
      const page = await browser.newPage();
      await page.setViewport({ width: 1280, height: 800 });
      await intercept(page);
      await page.goto(`https://mail.google.com/mail/u/0/${hash}`);
      return page;
    },
    async openExtensionPage(path, selector) {
      const page = await browser.newPage();
      await page.setViewport({ width: 380, height: 600 });
      // Firefox sends no load event for extension pages: do not wait for one.
      await page.goto(`moz-extension://${uuid}/${path}`, { timeout: 3000 }).catch(() => {});
      await page.waitForSelector(selector, { timeout: 15_000 });
      return page;
    },
    async inSidebar<T>(page: Page, expression: string): Promise<T> {
      const conn = (browser as unknown as { connection: { send(m: string, p: object): Promise<{ result: any }> } }).connection;
      for (let i = 0; i < 100; i++) {
        const tree = await conn.send('browsingContext.getTree', {});
        const all: { context: string; url: string }[] = [];
        const walk = (cs: { context: string; url: string; children?: unknown[] }[]) =>
          cs.forEach((c) => (all.push(c), walk((c.children ?? []) as never)));
        // Only the frames of this tab.
        walk(tree.result.contexts.filter((c: { url: string }) => c.url === page.url()));
        const side = all.find((c) => c.url.startsWith(`moz-extension://${uuid}/sidebar.html`));
        if (side) {
          const r = await conn.send('script.evaluate', { expression: `(async () => JSON.stringify(await (${expression})))()`, target: { context: side.context }, awaitPromise: true });
          if (r.result.type === 'exception') throw new Error(`in the sidebar: ${JSON.stringify(r.result.exceptionDetails?.text ?? r.result)}`);
          const value = r.result.result.value;
          return (typeof value === 'string' ? JSON.parse(value) : undefined) as T;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('no sidebar frame in the page');
    },
    close: () => browser.close(),
  };
}

/** The moz-extension uuid of an installed add-on, from the profile's prefs. */
async function extensionUuid(browser: Browser, id: string): Promise<string> {
  const profile = (browser.process()?.spawnargs ?? []).find((a, i, all) => all[i - 1] === '--profile' || all[i - 1] === '-profile');
  for (let i = 0; i < 100; i++) {
    if (profile && existsSync(join(profile, 'prefs.js'))) {
      const prefs = readFileSync(join(profile, 'prefs.js'), 'utf8');
      const m = /user_pref\("extensions\.webextensions\.uuids", "(.*)"\);/.exec(prefs);
      if (m) {
        const map = JSON.parse(m[1]!.replace(/\\"/g, '"')) as Record<string, string>;
        if (map[id]) return map[id]!;
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no moz-extension uuid for ${id} (profile ${profile ?? 'unknown'}: ${profile ? readdirSync(profile).join(',') : ''})`);
}
