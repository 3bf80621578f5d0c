// Issue 20: on install the settings page opens once with a short welcome.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

test.use({ keepWelcome: true });

test('on install the settings page opens once, welcoming the user: what Kring reads, that it stays on the device, which sites are on', async ({ context, extensionId }) => {
  await expect.poll(() => context.pages().filter((p) => p.url() === `chrome-extension://${extensionId}/options.html#welcome`).length, { timeout: 10_000 }).toBe(1);
  const welcome = context.pages().find((p) => p.url().endsWith('#welcome'))!;
  const card = welcome.locator('section.welcome');
  await expect(card.locator('h2')).toHaveText('Welcome to Kring');
  await expect(card).toContainText('Everything stays on this device');
  await expect(card).toContainText('Kring is on for Gmail, Google Calendar and Outlook on the web');
  await card.screenshot({ path: 'test-results/options-welcome.png' });
  expect((await new AxeBuilder({ page: welcome }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  await card.getByRole('button', { name: 'Got it' }).click();
  await expect(card).toHaveCount(0);
  // Once: a reload of the settings page (or the worker starting again) shows no welcome.
  await welcome.reload();
  await expect(welcome.locator('h1')).toBeVisible();
  await expect(welcome.locator('section.welcome')).toHaveCount(0);
  expect(context.pages().filter((p) => p.url().includes('#welcome'))).toHaveLength(0);
});
