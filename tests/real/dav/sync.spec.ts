/**
 * Issue 19 end to end: two browser profiles with the built extension (the test build, granted the
 * loopback server's host name at install: automation cannot answer the browser's permission prompt),
 * each connected through the real settings page to Debian's Radicale. A person added to the network
 * in one, with a note, appears in the other's popup after "Sync now"; a change in the other comes back.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { GMAIL_HEADERS, fixtureHtml, sidebarOf } from '../../e2e/fixtures';
import { builtForTests, launchKring } from '../kring';
// @ts-expect-error plain ESM module without types
import { missingRadicale, startRadicale } from './servers.mjs';

const DAV_HOST = 'carddav.example.test';
const SERVER = `http://${DAV_HOST}/`;
const USER = 'anna';
const PASSWORD = 'wachtwoord-ë';
const DUTCH = '#inbox/FMfcgzQXJWbqKkgpmVwLQnBTqxZshDrb';

test.skip(!builtForTests() || missingRadicale().length > 0, 'needs `npm run build:test` and Debian\'s radicale');

let radicale: { url: string; port: number; stop(): Promise<void> };
const profiles: { close(): Promise<void> }[] = [];

test.beforeAll(async () => {
  radicale = await startRadicale({ [USER]: PASSWORD });
});
test.afterAll(async () => {
  for (const p of profiles) await p.close();
  await radicale?.stop();
});

async function profile(): Promise<{ context: BrowserContext; id: string }> {
  const launched = await launchKring(DAV_HOST, radicale.port);
  profiles.push(launched);
  const { context } = launched;
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, id: new URL(sw.url()).host };
}

/** Settings → Sync, as a user: address, name, password, Connect, the http warning, the book, Start. */
async function connect(context: BrowserContext, id: string, book: 'new' | 'Kring'): Promise<Page> {
  const options = await context.newPage();
  await options.setViewportSize({ width: 900, height: 1000 });
  await options.goto(`chrome-extension://${id}/options.html`);
  const sync = options.locator('section[aria-labelledby="sync-h"]');
  await sync.getByLabel('Server address (DAV)').fill(SERVER);
  await sync.getByLabel('User name').fill(USER);
  await sync.getByLabel('Password or app password').fill('fout');
  // A wrong password first: said plainly, nothing saved.
  await sync.getByRole('button', { name: 'Test connection' }).click();
  await expect(sync.getByRole('alert').filter({ hasText: 'not encrypted (http)' })).toBeVisible();
  await sync.getByRole('button', { name: 'Connect anyway' }).click();
  await expect(sync.getByRole('alert')).toContainText('The server refused the user name or password');
  await sync.getByLabel('Password or app password').fill(PASSWORD);
  await sync.getByRole('button', { name: 'Connect', exact: true }).click();
  await sync.getByRole('button', { name: 'Connect anyway' }).click();
  if (book === 'new') await sync.getByRole('radio', { name: 'A new address book named "Kring"' }).check();
  else await expect(sync.getByRole('radio', { name: 'Kring', exact: true })).toBeChecked();
  await sync.getByRole('button', { name: 'Start syncing' }).click();
  await expect(sync).toContainText(`Syncing with "Kring" on ${DAV_HOST} as ${USER}.`);
  await expect(sync.getByRole('radio', { name: 'The people in your network (recommended)' })).toBeChecked();
  await expect(sync.getByRole('status')).toContainText('Last sync');
  // The password is not on the page any more, nor in the store's settings.
  expect(await options.content()).not.toContain(PASSWORD);
  return options;
}

async function openPerson(context: BrowserContext, id: string, name: string): Promise<Page> {
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`chrome-extension://${id}/popup.html`);
  await popup.getByRole('tab', { name: 'People' }).click();
  await popup.getByRole('radio', { name: 'Network' }).click();
  await popup.locator('button.person', { hasText: name }).click();
  await expect(popup.locator('.person-detail h1')).toHaveText(name);
  return popup;
}

test('two profiles through one Radicale: added with a note in one, Sync now, the person and the note are in the other\'s popup', async () => {
  test.setTimeout(120_000);
  const a = await profile();
  const b = await profile();

  // A connects first, with nothing to send yet, and makes the "Kring" book.
  const optionsA = await connect(a.context, a.id, 'new');

  // A adds Pieter from the sidebar in Gmail, and writes a note in the popup.
  await a.context.route('https://mail.google.com/**', (route) =>
    route.request().resourceType() === 'document'
      ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers: GMAIL_HEADERS, body: fixtureHtml('gmail', 'thread-dutch.html') })
      : route.fulfill({ status: 204, body: '' }),
  );
  const gmail = await a.context.newPage();
  await gmail.goto(`https://mail.google.com/mail/u/0/${DUTCH}`);
  const pieter = sidebarOf(gmail).locator('.card[data-email="pieter@devries-advies.nl"]');
  await pieter.getByRole('button', { name: 'Add to my network' }).click();
  await expect(pieter.locator('.chip-network')).toHaveText('In your network');
  const popupA = await openPerson(a.context, a.id, 'Pieter de Vries');
  await popupA.getByLabel('Notes').fill('Koffie bij de Dom; houdt van zeilen, fietsen');
  await popupA.getByLabel('Notes').blur();
  await popupA.waitForTimeout(600); // the note saves 400 ms after typing stops

  await optionsA.bringToFront();
  await optionsA.getByRole('button', { name: 'Sync now' }).click();
  await expect(optionsA.getByRole('status').filter({ hasText: 'Last sync' })).toContainText(/0 received, 1 sent/);
  // The README's picture of the Sync section (`KRING_SCREENSHOTS=docs/screenshots`).
  mkdirSync('test-results', { recursive: true });
  await optionsA.locator('section[aria-labelledby="sync-h"]').screenshot({ path: join(process.env.KRING_SCREENSHOTS ?? 'test-results', 'sync.png') });

  // B connects to the same book: Pieter and the note arrive.
  const optionsB = await connect(b.context, b.id, 'Kring');
  await expect(optionsB.getByRole('status').filter({ hasText: 'Last sync' })).toContainText(/1 received, 0 sent/);
  const popupB = await openPerson(b.context, b.id, 'Pieter de Vries');
  await expect(popupB.getByLabel('Notes')).toHaveValue('Koffie bij de Dom; houdt van zeilen, fietsen');
  await expect(popupB.getByLabel('Keep in touch')).toHaveValue('90');
  await popupB.screenshot({ path: 'test-results/sync-popup-b.png' });

  // B adds to the note; A's Sync now brings it back.
  await popupB.getByLabel('Notes').fill('Koffie bij de Dom; houdt van zeilen, fietsen. Belt in maart.');
  await popupB.getByLabel('Notes').blur();
  await popupB.waitForTimeout(600);
  await optionsB.bringToFront();
  await optionsB.getByRole('button', { name: 'Sync now' }).click();
  await expect(optionsB.getByRole('status').filter({ hasText: 'Last sync' })).toContainText(/0 received, 1 sent/);
  await optionsA.bringToFront();
  await optionsA.getByRole('button', { name: 'Sync now' }).click();
  await expect(optionsA.getByRole('status').filter({ hasText: 'Last sync' })).toContainText(/1 received, 0 sent/);
  await popupA.reload();
  const again = await openPerson(a.context, a.id, 'Pieter de Vries');
  await expect(again.getByLabel('Notes')).toHaveValue('Koffie bij de Dom; houdt van zeilen, fietsen. Belt in maart.');

  // Stop syncing in B: back to the form, Pieter stays.
  await optionsB.getByRole('button', { name: 'Stop syncing' }).click();
  await expect(optionsB.getByLabel('Server address (DAV)')).toBeVisible();
  await optionsB.locator('section[aria-labelledby="sync-h"]').screenshot({ path: 'test-results/sync-form.png' });
  await openPerson(b.context, b.id, 'Pieter de Vries');
});
