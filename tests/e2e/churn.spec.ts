// Issue 15 in the browser: a Gmail whose class names all changed still gives the same people, and
// the settings page says Kring read it through fallbacks; a German Google Calendar event is
// captured at its date, not at the moment it was seen.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { churn } from '../helpers/churn';
import { FIXTURES, expect, openPopup, storeCounts, storedRows, test } from './fixtures';

const THREAD = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWbqMzTbvDkqrXSGdJHnLLmP';

test('a Gmail build with every class renamed: the same people, and the settings page lists the page as read with fallbacks', async ({ context, extensionId, served, strayRequests }) => {
  served.gmailHtml(churn(readFileSync(join(FIXTURES, 'gmail', 'thread-long.html'), 'utf8'), THREAD, 7));
  const gmail = await context.newPage();
  await gmail.goto(THREAD);
  const popup = await openPopup(context, extensionId);
  // As for the original page (capture.spec.ts): Maria and Tom, six interactions.
  await expect.poll(() => storeCounts(popup)).toMatchObject({ people: 2, interactions: 6 });

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const guessed = options.getByRole('list', { name: /Read with fallbacks/ });
  await expect(guessed.locator('li')).toHaveCount(1);
  await expect(guessed.locator('li')).toContainText('Gmail, thread: 1 times (missing: gmail:message-wrapper');
  await options.locator('section[aria-labelledby="fail-h"]').screenshot({ path: 'test-results/options-degraded.png' });
  expect(strayRequests).toEqual([]);
});

test('a German Google Calendar event is a meeting at its own date', async ({ context, extensionId, served }) => {
  served.calendar('event-dialog-german.html');
  const page = await context.newPage();
  await page.goto('https://calendar.google.com/calendar/u/0/r/week/2026/3/2');
  const popup = await openPopup(context, extensionId);
  // 10:00 on the page is 10:00 in the browser's zone (the machine's, as this process's).
  const at = new Date(2026, 2, 5, 10, 0).toISOString();
  await expect.poll(async () => (await storedRows<{ address: string; at: number; direction: string; atEstimated: boolean }>(popup, 'interactions')).map((i) => `${i.address} ${i.direction} ${new Date(i.at).toISOString()} ${i.atEstimated}`).sort()).toEqual([
    // Jonas declined: he did not meet anyone.
    `k.wagner@stadtwerke-koeln.example meeting ${at} false`,
    `m.fischer@example.de meeting ${at} false`,
  ]);
});
