/**
 * What the real-webmail tests share: a Playwright test whose worker starts the webmail's servers
 * (the harness given), a Chromium profile with the test build of Kring (.output-test, granted the
 * loopback host at install so the real opt-in needs no permission prompt), the webmail's host name
 * mapped to the harness's port, and the extension id; plus turning Kring on for the site through
 * the settings page, as a user does, and reading what Kring stored.
 */
import { test as base, chromium, expect, type BrowserContext, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findChromiumWithPlaywright } from '../e2e/browser.mjs';
import { closeWelcome, storedRows } from '../e2e/fixtures';

export const EXTENSION = resolve('.output-test/chrome-mv3');
export const HOST = 'webmail.example.test';
export const ORIGIN = `http://${HOST}`;
export const builtForTests = () => existsSync(join(EXTENSION, 'manifest.json'));

export interface Harness {
  httpPort: number;
  /** The harness's temporary folder (its servers' logs are in it), where it has one. */
  dir?: string;
  stop(): Promise<void>;
}

export function realWebmailTest<S extends Harness>(start: () => Promise<S>) {
  return base.extend<{}, { server: S; kring: BrowserContext; extensionId: string }>({
    server: [
      async ({}, use) => {
        const server = await start();
        await use(server);
        await server.stop();
      },
      { scope: 'worker' },
    ],
    kring: [
      async ({ server }, use) => {
        const { context, close } = await launchKring(HOST, server.httpPort);
        await use(context);
        await close();
      },
      { scope: 'worker' },
    ],
    extensionId: [
      async ({ kring }, use) => {
        const sw = kring.serviceWorkers()[0] ?? (await kring.waitForEvent('serviceworker'));
        await use(new URL(sw.url()).host);
      },
      { scope: 'worker' },
    ],
  });
}

/** A fresh Chromium profile with the test build of Kring, `host` mapped to a loopback port. */
export async function launchKring(host: string, port: number): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const { path } = await findChromiumWithPlaywright();
  const profile = mkdtempSync(join(tmpdir(), 'kring-real-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: path!,
    headless: true,
    locale: 'en-US',
    timezoneId: 'Europe/Amsterdam',
    args: [
      `--disable-extensions-except=${EXTENSION}`,
      `--load-extension=${EXTENSION}`,
      `--host-resolver-rules=MAP ${host} 127.0.0.1:${port}`,
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
  });
  await closeWelcome(context);
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The opt-in, as a user does it: the settings page, the webmail's address, Add. */
export async function turnOnForSite(context: BrowserContext, extensionId: string): Promise<Page> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByLabel('Webmail address').fill(`${ORIGIN}/`);
  await options.getByLabel('Webmail address').press('Enter');
  // The loopback webmails are served over http: Kring warns first (issue 16, finding 12).
  await expect(options.getByRole('alert')).toContainText('is not encrypted (http)');
  await options.getByRole('button', { name: 'Turn on anyway' }).click();
  await expect(options.locator('section[aria-labelledby="sites-h"] li')).toHaveText([`${ORIGIN} Remove`]);
  return options;
}

export interface StoredInteraction {
  id: string;
  address: string;
  personId: string;
  direction: string;
  sourceId: string;
  provider: string;
  at: number;
  atEstimated: boolean;
}

export async function stored(page: Page) {
  const [interactions, people, addresses] = await Promise.all([
    storedRows<StoredInteraction>(page, 'interactions'),
    storedRows<{ id: string; name: string; status: string; lastContact: number; lastIn: number; lastOut: number }>(page, 'people'),
    storedRows<{ address: string; personId: string }>(page, 'addresses'),
  ]);
  return { interactions, people, addresses };
}
export type Stored = Awaited<ReturnType<typeof stored>>;
export const addressesOf = (s: Stored) => new Set(s.addresses.map((a) => a.address));
