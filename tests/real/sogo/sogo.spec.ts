/**
 * Kring on a second real webmail, with a calendar (issue 15): Debian's SOGo 5.8 with PostgreSQL,
 * memcached, Dovecot and nginx on loopback (tests/real/sogo/server.mjs), mail and CalDAV events
 * written by tests/real/sogo/mailbox.mjs, Chromium with the test build of Kring, turned on for the
 * site through the settings page. Skipped, saying why, when the packages are missing;
 * `bash .ci/run` installs them.
 */
import { expect, type Page } from '@playwright/test';
import { addressesOf, builtForTests, ORIGIN, realWebmailTest, stored, turnOnForSite, type Stored } from '../kring';
// @ts-expect-error plain ESM module without types
import { missing, startSogo } from './server.mjs';
// @ts-expect-error plain ESM module without types
import { FUTURE_START, LOGIN, PASSWORD, PAST_START, USER } from './mailbox.mjs';

const test = realWebmailTest(startSogo);

test.describe.configure({ mode: 'serial' });
test.skip(missing().length > 0, `the real SOGo test needs ${missing().join(', ')}; bash .ci/run provides them`);
test.skip(!builtForTests(), 'the test build is missing: npm run build:test');

const personOf = (s: Stored, key: string) => s.people.find((p) => p.id === s.addresses.find((a) => a.address === key)?.personId);
const of = (s: Stored, sourceId: string) =>
  s.interactions
    .filter((i) => i.sourceId === sourceId)
    .map((i) => `${s.addresses.find((a) => a.personId === i.personId && !a.address.startsWith('~'))?.address ?? i.address} ${i.direction}`)
    .sort();

async function open(mail: Page, hash: string, subject: string) {
  await mail.goto(`${ORIGIN}/SOGo/so/${LOGIN}/Mail/view#!/Mail/0/${hash}`);
  await expect(mail.locator('[ng-bind*="viewer.message.subject"]')).toHaveText(subject, { timeout: 20_000 });
}

const ymd = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
};

test('turned on through the settings page, Kring reads a real SOGo: messages with name-only recipients, Sent, a past and an upcoming meeting; never quotes or newsletters', async ({ kring: context, extensionId }) => {
  test.setTimeout(180_000);
  const options = await turnOnForSite(context, extensionId);

  const mail = await context.newPage();
  await mail.setViewportSize({ width: 1400, height: 900 });
  await mail.goto(`${ORIGIN}/SOGo/`);
  await mail.locator('input[ng-model="app.creds.username"]').fill(LOGIN);
  await mail.locator('#passwordField').fill(PASSWORD);
  await mail.locator('button[type=submit]').click();
  await mail.waitForSelector('md-list-item.sg-message-list-item', { timeout: 30_000 });
  const sidebar = mail.frameLocator('iframe[title="Kring"]');

  // Pieter's offer: to Sanne and Lars, Cc Anna. SOGo shows the recipients by name only.
  await open(mail, 'INBOX/1', 'Offerte voorjaarsprogramma');
  await expect(sidebar.locator('.card[data-email="pieter@devries-advies.nl"]')).toBeVisible({ timeout: 20_000 });
  await expect(sidebar.locator('.card .name')).toHaveText(['Pieter de Vries', 'Lars Visser', 'Anna Jansen']); // the owner is not shown
  await mail.screenshot({ path: 'test-results/sogo-sidebar.png' });
  await expect.poll(async () => of(await stored(options), 'INBOX/1'), { timeout: 20_000 }).toEqual(['pieter@devries-advies.nl in', '~name:anna jansen cc', '~name:lars visser cc']);

  // Anna's reply shows her address: the name-only Anna becomes her, history kept. The author she
  // quotes is nobody.
  await open(mail, 'INBOX/3', 'Re: Verslag overleg');
  await expect(sidebar.locator('.card[data-email="anna@jansen-zorg.example"]')).toBeVisible({ timeout: 20_000 });
  await expect(sidebar.locator('.card')).toHaveCount(1);
  await expect.poll(async () => of(await stored(options), 'INBOX/3'), { timeout: 20_000 }).toEqual(['anna@jansen-zorg.example in']);
  let s = await stored(options);
  expect(addressesOf(s).has('~name:anna jansen')).toBe(false);
  expect(of(s, 'INBOX/1')).toContain('anna@jansen-zorg.example cc');

  // The newsletter: nobody.
  await open(mail, 'INBOX/4', 'Zorgnet nieuwsbrief oktober');
  await mail.waitForTimeout(1500);
  await expect(sidebar.locator('.card')).toHaveCount(0);

  // Encoded-word names arrive decoded.
  await open(mail, 'INBOX/2', 'Planning nächste Woche');
  await expect(sidebar.locator('.card[data-email="jose@mueller-bau.example"] .name')).toHaveText('José Müller', { timeout: 20_000 });
  await expect(sidebar.locator('.card .name')).toHaveText(['José Müller', 'Renée Bos']);

  // What Sanne sent: out, to Pieter (shown by name only, and Kring knows him by that name) and Lars.
  await open(mail, 'Sent/1', 'Re: Offerte voorjaarsprogramma');
  await expect(sidebar.locator('.card[data-email="pieter@devries-advies.nl"]')).toBeVisible({ timeout: 20_000 });
  await expect.poll(async () => of(await stored(options), 'Sent/1'), { timeout: 20_000 }).toEqual(['pieter@devries-advies.nl out', '~name:lars visser out']);
  s = await stored(options);
  expect(addressesOf(s).has('~name:pieter de vries')).toBe(false);
  expect(personOf(s, 'pieter@devries-advies.nl')).toMatchObject({ name: 'Pieter de Vries', lastOut: Date.parse('2026-10-21T11:20:00Z'), lastIn: Date.parse('2026-10-12T09:15:00Z') });

  // The calendar: a meeting ten days ago (one guest declined) and one next week.
  await mail.goto(`${ORIGIN}/SOGo/so/${LOGIN}/Calendar/view#!/calendar/week/${ymd(PAST_START)}`);
  await mail.locator('.sg-event:not(.sg-event--ghost)', { hasText: 'Kwartaaloverleg' }).first().click({ timeout: 30_000 });
  await expect(sidebar.locator('.card[data-email="m.dijkstra@gemeente-utrecht.example"]')).toBeVisible({ timeout: 20_000 });
  await mail.screenshot({ path: 'test-results/sogo-event-sidebar.png' });
  await expect.poll(async () => {
    const now = await stored(options);
    return now.interactions.filter((i) => i.provider === 'sogo' && i.direction === 'meeting').map((i) => `${i.address} ${i.at === PAST_START}`).sort();
  }, { timeout: 20_000 }).toEqual(['m.dijkstra@gemeente-utrecht.example true', 'tom.hendriks@fabrikam.example true']);
  s = await stored(options);
  expect(addressesOf(s).has('eva@dewit.example')).toBe(false); // declined
  expect(personOf(s, 'tom.hendriks@fabrikam.example')).toMatchObject({ lastContact: PAST_START });

  await mail.keyboard.press('Escape');
  await mail.goto(`${ORIGIN}/SOGo/so/${LOGIN}/Calendar/view#!/calendar/week/${ymd(FUTURE_START)}`);
  await mail.locator('.sg-event:not(.sg-event--ghost)', { hasText: 'Werksessie' }).first().click({ timeout: 30_000 });
  await expect(sidebar.locator('.card[data-email="femke@bakkerij-bos.nl"]')).toBeVisible({ timeout: 20_000 });
  await expect.poll(async () => (await stored(options)).interactions.filter((i) => i.address === 'femke@bakkerij-bos.nl').map((i) => i.direction), { timeout: 20_000 }).toEqual(['upcoming']);
  s = await stored(options);
  expect(personOf(s, 'femke@bakkerij-bos.nl')).toMatchObject({ lastContact: 0 });

  // Never the owner, the quoted author or the newsletter; nothing stored twice.
  const all = addressesOf(s);
  for (const nobody of [USER, 'quinten@quoted-only.example', 'nieuwsbrief@news.zorgnet.example']) expect(all.has(nobody), nobody).toBe(false);
  expect(new Set(s.interactions.map((i) => i.id)).size).toBe(s.interactions.length);

  // Turned off: the site's script is gone for the next page load.
  await options.getByRole('button', { name: `Remove ${ORIGIN}` }).click();
  await expect(options.locator('section[aria-labelledby="sites-h"] li')).toHaveCount(0);
  await mail.goto(`${ORIGIN}/SOGo/so/${LOGIN}/Mail/view#!/Mail/0/INBOX/1`);
  await expect(mail.locator('[ng-bind*="viewer.message.subject"]')).toHaveText('Offerte voorjaarsprogramma', { timeout: 20_000 });
  await mail.waitForTimeout(1500);
  await expect(mail.locator('iframe[title="Kring"]')).toHaveCount(0);
});
