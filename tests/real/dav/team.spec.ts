/**
 * Issue 21 end to end: two browser profiles with the built extension (the test build, granted the
 * loopback server's host name at install) join one team through the real settings page, on
 * Debian's Radicale with a team's rights file. Anna adds Pieter from a Gmail thread; Bob, opening
 * the same thread, sees "Known to Anna" under Pieter in the sidebar.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { GMAIL_HEADERS, fixtureHtml, sidebarOf } from '../../e2e/fixtures';
import { builtForTests, launchKring } from '../kring';
// @ts-expect-error plain ESM module without types
import { missingRadicale, startRadicale, TEAM_RIGHTS } from './servers.mjs';

const DAV_HOST = 'carddav.example.test';
const FOLDER = `http://${DAV_HOST}/team/`;
const PASSPHRASE = 'zeven blauwe fietsen op de Neude';
const DUTCH = '#inbox/FMfcgzQXJWbqKkgpmVwLQnBTqxZshDrb';

test.skip(!builtForTests() || missingRadicale().length > 0, 'needs `npm run build:test` and Debian\'s radicale');

let radicale: { url: string; port: number; stop(): Promise<void> };
const profiles: { close(): Promise<void> }[] = [];

test.beforeAll(async () => {
  radicale = await startRadicale({ admin: 'admin-pw', anna: 'anna-pw', bob: 'bob-pw' }, { rights: TEAM_RIGHTS });
  // The team's admin makes the folder (README, "Team").
  const res = await fetch(`${radicale.url}/team/`, { method: 'MKCOL', headers: { Authorization: `Basic ${btoa('admin:admin-pw')}` } });
  expect(res.status).toBe(201);
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
  await context.route('https://mail.google.com/**', (route) =>
    route.request().resourceType() === 'document'
      ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers: GMAIL_HEADERS, body: fixtureHtml('gmail', 'thread-dutch.html') })
      : route.fulfill({ status: 204, body: '' }),
  );
  return { context, id: new URL(sw.url()).host };
}

/** Settings → Team, as a user: folder, account, passphrase, name, Join. */
async function joinTeam(context: BrowserContext, id: string, user: string, member: string, passphrase = PASSPHRASE): Promise<Page> {
  const options = await context.newPage();
  await options.setViewportSize({ width: 900, height: 1400 });
  await options.goto(`chrome-extension://${id}/options.html#team`);
  const team = options.locator('section[aria-labelledby="team-h"]');
  await team.getByLabel('Team folder').fill(FOLDER);
  await team.getByLabel('User name').fill(user);
  await team.getByLabel('Password or app password').fill(`${user}-pw`);
  await team.getByLabel('Team passphrase').fill(passphrase);
  await team.getByLabel('Your name for the team').fill(member);
  await team.getByRole('button', { name: 'Join the team' }).click();
  return options;
}

const openThread = async (context: BrowserContext) => {
  const gmail = await context.newPage();
  await gmail.goto(`https://mail.google.com/mail/u/0/${DUTCH}`);
  return gmail;
};

test('two profiles on one team: Anna shares Pieter; Bob sees "Known to Anna" under Pieter in the sidebar; a wrong passphrase is said', async () => {
  test.setTimeout(120_000);
  const a = await profile();
  const b = await profile();

  // Anna adds Pieter from the sidebar, then joins: her network is published.
  const gmailA = await openThread(a.context);
  const pieterA = sidebarOf(gmailA).locator('.card[data-email="pieter@devries-advies.nl"]');
  await pieterA.getByRole('button', { name: 'Add to my network' }).click();
  await expect(pieterA.locator('.chip-network')).toHaveText('In your network');
  const optionsA = await joinTeam(a.context, a.id, 'anna', 'Anna');
  const teamA = optionsA.locator('section[aria-labelledby="team-h"]');
  await expect(teamA).toContainText(`In the team as Anna at ${DAV_HOST} (account anna).`);
  await expect(teamA.getByRole('status')).toContainText('people you share: 1');
  // The passphrase and password are not on the page any more.
  expect(await optionsA.content()).not.toContain(PASSPHRASE);
  // "What a published entry contains" shows one of Anna's own entries as published: keyed hashes only.
  await teamA.getByText('What a published entry contains').click();
  const mine = teamA.getByTestId('team-entry-mine');
  await expect(mine).toContainText('X-KRING-TEAM-ADDRESS:');
  const shown = (await mine.textContent())!;
  expect(shown.toLowerCase()).not.toContain('pieter');
  expect(shown).not.toContain('devries');
  const uid = /^UID:(.+)$/m.exec(shown)![1]!;
  const onServer = await fetch(`${radicale.url}/team/anna/${uid}.vcf`, { headers: { Authorization: `Basic ${btoa('anna:anna-pw')}` } });
  expect(onServer.status).toBe(200);
  // The same lines (Radicale serves a card's properties in an order of its own).
  const lines = (text: string) => text.replace(/\r\n/g, '\n').trim().split('\n').sort();
  expect(lines(await onServer.text())).toEqual(lines(shown));
  await expect(teamA).toContainText('One of your published entries (1 in all), as this device wrote it to the server:');
  mkdirSync('test-results', { recursive: true });
  await teamA.locator('details.team-example').screenshot({ path: 'test-results/team-entry.png' });

  // Bob with a wrong passphrase: told so, nothing joined.
  const optionsB = await joinTeam(b.context, b.id, 'bob', 'Bob', 'zeven blauwe fietsen op het Vredenburg');
  const teamB = optionsB.locator('section[aria-labelledby="team-h"]');
  await expect(teamB.getByRole('alert')).toContainText('That is not your team’s passphrase');
  await expect(teamB.getByRole('button', { name: 'Join the team' })).toBeVisible();
  // Then the right one.
  await teamB.getByLabel('Team passphrase').fill(PASSPHRASE);
  await teamB.getByRole('button', { name: 'Join the team' }).click();
  await expect(teamB).toContainText(`In the team as Bob at ${DAV_HOST} (account bob).`);
  await expect(teamB.getByRole('status')).toContainText('teammates’ entries: 1 · their books: 1');
  mkdirSync('test-results', { recursive: true });
  await teamB.screenshot({ path: join(process.env.KRING_SCREENSHOTS ?? 'test-results', 'team.png') });

  // Bob opens the same thread: Pieter is known to Anna (she last wrote with him in Nov 2026).
  const gmailB = await openThread(b.context);
  const pieterB = sidebarOf(gmailB).locator('.card[data-email="pieter@devries-advies.nl"]');
  await expect(pieterB.locator('.known-to')).toContainText(/Known to Anna \((known|good|strong), last contact Nov 2026\)/);
  await sidebarOf(gmailB).locator('.cards').screenshot({ path: 'test-results/team-sidebar.png' });

  // Bob's popup: the search answers an address and an organisation from the team's entries.
  const popupB = await b.context.newPage();
  await popupB.setViewportSize({ width: 400, height: 600 });
  await popupB.goto(`chrome-extension://${b.id}/popup.html`);
  await popupB.getByRole('tab', { name: 'People' }).click();
  const search = popupB.getByLabel('Search names, addresses, domains, tags and notes');
  await search.fill('who knows pieter@devries-advies.nl?');
  await expect(popupB.locator('.team-answer')).toContainText('Who of your team knows pieter@devries-advies.nl');
  await expect(popupB.locator('.team-answer')).toContainText('Known to Anna (');
  await search.fill('who knows someone at devries-advies.nl?');
  await expect(popupB.locator('.team-answer')).toContainText('Who of your team knows someone at devries-advies.nl');
  await expect(popupB.locator('.team-answer')).toContainText('people there: 1');
  await popupB.screenshot({ path: 'test-results/team-search.png' });
  await search.fill('someone@rijnmond-zorg.nl');
  await expect(popupB.locator('.team-answer')).toContainText('Nobody in your team has shared someone@rijnmond-zorg.nl.');
  // The organisation's page (Bob has only seen Pieter) says who of the team knows someone there.
  await search.fill('devries');
  await popupB.locator('.org-matches button').first().click();
  await expect(popupB.locator('.team-org')).toContainText('Known to Anna (');
  await expect(popupB.locator('.team-org')).toContainText('people there: 1');

  // Anna marks Pieter "Don't share" on his page: after both update, Bob's sidebar no longer says so.
  const popupA = await a.context.newPage();
  await popupA.setViewportSize({ width: 400, height: 700 });
  await popupA.goto(`chrome-extension://${a.id}/popup.html`);
  await popupA.getByRole('tab', { name: 'People' }).click();
  await popupA.locator('button.person', { hasText: 'Pieter de Vries' }).click();
  const share = popupA.getByRole('checkbox', { name: 'Share with my team' });
  await expect(share).toBeChecked();
  await expect(popupA.locator('.team-person')).toContainText('No teammate has shared them.');
  await popupA.locator('.team-person').screenshot({ path: 'test-results/team-person.png' });
  await share.uncheck();
  await popupA.waitForTimeout(300);
  await optionsA.bringToFront();
  await teamA.getByRole('button', { name: 'Update now' }).click();
  await expect(teamA.getByRole('status')).toContainText('people you share: 0');
  await optionsB.bringToFront();
  await teamB.getByRole('button', { name: 'Update now' }).click();
  await expect(teamB.getByRole('status')).toContainText('teammates’ entries: 0');
  await gmailB.reload();
  await expect(sidebarOf(gmailB).locator('.card[data-email="pieter@devries-advies.nl"]')).toBeVisible();
  await expect(sidebarOf(gmailB).locator('.card[data-email="pieter@devries-advies.nl"] .known-to')).toHaveCount(0);
  // Shared again.
  await popupA.bringToFront();
  await share.check();
  await popupA.waitForTimeout(300);
  await optionsA.bringToFront();
  await teamA.getByRole('button', { name: 'Update now' }).click();
  await expect(teamA.getByRole('status')).toContainText('people you share: 1');
  await optionsB.bringToFront();
  await teamB.getByRole('button', { name: 'Update now' }).click();
  await expect(teamB.getByRole('status')).toContainText('teammates’ entries: 1');

  // Anna leaves: after Bob's next update, nobody is known to the team.
  await optionsA.bringToFront();
  await teamA.getByRole('button', { name: 'Leave the team' }).click();
  await teamA.getByRole('button', { name: 'Leave and delete my entries' }).click();
  await expect(teamA.getByRole('button', { name: 'Join the team' })).toBeVisible();
  await optionsB.bringToFront();
  await teamB.getByRole('button', { name: 'Update now' }).click();
  await expect(teamB.getByRole('status')).toContainText('teammates’ entries: 0');
  await gmailB.reload();
  await expect(sidebarOf(gmailB).locator('.card[data-email="pieter@devries-advies.nl"]')).toBeVisible();
  await expect(sidebarOf(gmailB).locator('.card[data-email="pieter@devries-advies.nl"] .known-to')).toHaveCount(0);
});
