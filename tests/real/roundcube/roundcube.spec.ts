/**
 * Kring on a real webmail (issue 11): Debian's Roundcube and Dovecot on loopback, a mailbox written
 * by tests/real/roundcube/mailbox.mjs, Chromium with the test build of Kring (.output-test: the
 * loopback host is granted at install so no permission prompt is needed; the opt-in itself is the
 * real one, through the settings page). Skipped, saying why, when the packages are missing;
 * `bash .ci/run` installs them.
 */
import { expect } from '@playwright/test';
import { addressesOf, builtForTests, ORIGIN, realWebmailTest, stored, turnOnForSite } from '../kring';
// @ts-expect-error plain ESM module without types
import { missing, startRoundcube } from './server.mjs';
import { logInToRoundcube } from './login';
// @ts-expect-error plain ESM module without types
import { PASSWORD, USER } from './mailbox.mjs';

const test = realWebmailTest(startRoundcube);

test.describe.configure({ mode: 'serial' });
test.skip(missing().length > 0, `the real Roundcube test needs ${missing().join(', ')}; bash .ci/run provides them`);
test.skip(!builtForTests(), 'the test build is missing: npm run build:test');

test('turned on through the settings page, Kring captures a real Roundcube: list, opened messages, Sent; skips quotes and newsletters; the sidebar adds to the network', async ({ kring: context, extensionId, server }) => {
  test.setTimeout(120_000);
  const options = await turnOnForSite(context, extensionId);

  // Log in to the real Roundcube.
  const mail = await logInToRoundcube(context, USER, PASSWORD, server.dir);

  // The inbox list: each sender, direction in; the newsletter never a person.
  await expect.poll(async () => addressesOf(await stored(options)).size, { timeout: 20_000 }).toBeGreaterThanOrEqual(4);
  let s = await stored(options);
  expect([...addressesOf(s)].sort()).toEqual(['anna@jansen-zorg.example', 'jose@mueller-bau.example', 'm.dijkstra@gemeente-utrecht.example', 'pieter@devries-advies.nl']);
  expect(s.interactions.every((i) => i.provider === 'roundcube' && i.direction === 'in')).toBe(true);

  // Open Pieter's message in the preview frame: the people in Cc join, and the sidebar shows them.
  await mail.locator('tr[id^="rcmrow"]', { hasText: 'Offerte voorjaarsprogramma' }).click();
  await expect(mail.frameLocator('#messagecontframe').locator('h2.subject')).toContainText('Offerte voorjaarsprogramma');
  const sidebar = mail.frameLocator('iframe[title="Kring"]');
  await expect(sidebar.locator('.card[data-email="pieter@devries-advies.nl"]')).toBeVisible({ timeout: 20_000 });
  await expect(sidebar.locator('.card[data-email="anna@jansen-zorg.example"]')).toBeVisible();
  await expect(sidebar.locator('.card[data-email="lars@visser.design"]')).toBeVisible();
  await expect(sidebar.locator('.card')).toHaveCount(3); // the owner is not shown
  await mail.screenshot({ path: 'test-results/roundcube-sidebar.png' });
  await sidebar.locator('.card[data-email="pieter@devries-advies.nl"]').getByRole('button', { name: 'Add to my network' }).click();
  await expect.poll(async () => {
    const now = await stored(options);
    const id = now.addresses.find((a) => a.address === 'pieter@devries-advies.nl')?.personId;
    return now.people.find((p) => p.id === id)?.status;
  }).toBe('network');
  s = await stored(options);
  expect(s.interactions.filter((i) => i.sourceId === 'INBOX/1').map((i) => `${i.address} ${i.direction}`).sort()).toEqual([
    'anna@jansen-zorg.example cc',
    'lars@visser.design cc',
    'pieter@devries-advies.nl in',
  ]);

  // Anna's reply quotes someone: the quoted author is nobody to Kring.
  await mail.locator('tr[id^="rcmrow"]', { hasText: 'Re: Verslag overleg' }).click();
  await expect(mail.frameLocator('#messagecontframe').locator('h2.subject')).toContainText('Re: Verslag overleg');
  await expect(sidebar.locator('.card[data-email="anna@jansen-zorg.example"]')).toBeVisible();
  await expect(sidebar.locator('.card')).toHaveCount(1);

  // The newsletter, opened: nobody.
  await mail.locator('tr[id^="rcmrow"]', { hasText: 'Zorgnet nieuwsbrief' }).click();
  await expect(mail.frameLocator('#messagecontframe').locator('h2.subject')).toContainText('Zorgnet nieuwsbrief');
  await expect(sidebar.locator('.card')).toHaveCount(0);

  // José's names arrive as encoded words; Roundcube decodes them and Kring keeps the name.
  await mail.locator('tr[id^="rcmrow"]', { hasText: 'Planning' }).click();
  await expect(sidebar.locator('.card[data-email="femke@bakkerij-bos.nl"]')).toBeVisible({ timeout: 20_000 });
  await expect(sidebar.locator('.card[data-email="jose@mueller-bau.example"] .name')).toHaveText('José Müller');

  // Sent: what the owner wrote is direction out, to everyone it went to (Kring's rule: you wrote to them).
  await mail.goto(`${ORIGIN}/?_task=mail&_mbox=Sent`);
  await mail.waitForSelector('tr[id^="rcmrow"]');
  // A newly loaded page: the previous page's open message is not shown any more.
  await expect(sidebar.locator('.card')).toHaveCount(0);
  await mail.locator('tr[id^="rcmrow"]').first().click();
  await expect(mail.frameLocator('#messagecontframe').locator('h2.subject')).toContainText('Re: Offerte voorjaarsprogramma');
  await expect.poll(async () => (await stored(options)).interactions.filter((i) => i.sourceId === 'Sent/1').map((i) => `${i.address} ${i.direction}`).sort(), { timeout: 20_000 }).toEqual([
    'lars@visser.design out',
    'pieter@devries-advies.nl out',
  ]);

  s = await stored(options);
  const all = addressesOf(s);
  expect(all.has('quinten@quoted-only.example')).toBe(false);
  expect(all.has('nieuwsbrief@news.zorgnet.example')).toBe(false);
  expect(all.has(USER)).toBe(false);
  // Nothing twice: list rows and opened messages are the same interactions.
  expect(new Set(s.interactions.map((i) => `${i.sourceId}|${i.address}`)).size).toBe(s.interactions.length);
  const marloes = s.addresses.find((a) => a.address === 'm.dijkstra@gemeente-utrecht.example')!;
  expect(s.people.find((p) => p.id === marloes.personId)?.name).toMatch(/Marloes/);

  // Turned off: the site's script is gone for the next page load.
  await options.getByRole('button', { name: `Remove ${ORIGIN}` }).click();
  await expect(options.locator('section[aria-labelledby="sites-h"] li')).toHaveCount(0);
  await mail.goto(`${ORIGIN}/?_task=mail&_mbox=INBOX`);
  await mail.waitForSelector('tr[id^="rcmrow"]');
  await mail.waitForTimeout(1500);
  await expect(mail.locator('iframe[title="Kring"]')).toHaveCount(0);
});
