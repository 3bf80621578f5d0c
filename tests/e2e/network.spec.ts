// Issue 4: who counts, and forgetting that lasts.
import { expect, openPopup, openThread, sidebarOf, storeCounts, test } from './fixtures';

const ONE = '#inbox/FMfcgzQXJWbqNcKsLvLZhnxDBKXnbgzR';

test('a thread from a no-reply sender captures nobody', async ({ context, extensionId, served }) => {
  const gmail = await openThread(context, served, 'thread-noreply.html', '#inbox/FMfcgzQXJWbqRtlkHgGsDxVbqRnmWFvk');
  await gmail.waitForTimeout(1500);
  const popup = await openPopup(context, extensionId);
  expect((await storeCounts(popup)).people ?? 0).toBe(0);
  await expect(sidebarOf(gmail).locator('.empty')).toHaveText('Only you here (and automated senders Kring ignores).');
});

test('a forgotten person is not captured again when their thread is revisited', async ({ context, extensionId, served }) => {
  await openThread(context, served, 'thread-one.html', ONE);
  const popup = await openPopup(context, extensionId);
  await expect.poll(() => storeCounts(popup)).toMatchObject({ people: 1, interactions: 1 });
  await popup.getByRole('tab', { name: 'People' }).click();
  await popup.getByRole('button', { name: /Pieter de Vries/ }).click();
  await popup.getByRole('button', { name: 'Forget…' }).click();
  await expect(popup.getByRole('alertdialog')).toContainText('Forget Pieter de Vries?');
  await popup.getByRole('button', { name: 'Forget', exact: true }).click();
  // Their address and their name (a page showing them by name only must not bring them back).
  await expect.poll(() => storeCounts(popup)).toMatchObject({ people: 0, interactions: 0, addresses: 0, forgotten: 2 });

  const again = await openThread(context, served, 'thread-one.html', ONE);
  await again.waitForTimeout(1500);
  expect(await storeCounts(popup)).toMatchObject({ people: 0, interactions: 0 });
  // Nor does the sidebar offer them.
  await expect(sidebarOf(again).locator('.card')).toHaveCount(0);
});

test('forget from the sidebar is confirmed in an extension page, not in the webmail page', async ({ context, extensionId, served }) => {
  const gmail = await openThread(context, served, 'thread-one.html', ONE);
  const card = sidebarOf(gmail).locator('.card[data-email="pieter@devries-advies.nl"]');
  await expect(card).toContainText('Seen once');
  const [confirmPage] = await Promise.all([context.waitForEvent('page'), card.getByRole('button', { name: 'Forget…' }).click()]);
  await confirmPage.waitForLoadState();
  expect(confirmPage.url()).toMatch(new RegExp(`^chrome-extension://${extensionId}/options.html#forget=`));
  const popup = await openPopup(context, extensionId);
  // Nothing happens until the user confirms there.
  expect(await storeCounts(popup)).toMatchObject({ people: 1 });
  await expect(confirmPage.getByRole('alertdialog')).toContainText('Forget Pieter de Vries?');
  await confirmPage.getByRole('button', { name: 'Forget', exact: true }).click();
  await expect(confirmPage.getByRole('status')).toHaveText('Forgotten.');
  await expect.poll(() => storeCounts(popup)).toMatchObject({ people: 0, forgotten: 2 });
});

test('"not a person" from the sidebar is confirmed in an extension page; until then nothing changes', async ({ context, extensionId, served }) => {
  const gmail = await openThread(context, served, 'thread-one.html', ONE);
  const popup = await openPopup(context, extensionId);
  await expect.poll(() => storeCounts(popup)).toMatchObject({ people: 1, interactions: 1 });
  // Clicked once the card shows what was stored, as a person would: a card still being redrawn
  // with the stored history moves its buttons, and a click aimed at the old place opens nothing.
  const card = sidebarOf(gmail).locator('.card[data-email="pieter@devries-advies.nl"]');
  await expect(card).toContainText('Seen once');
  const opening = context.waitForEvent('page');
  await card.getByRole('button', { name: 'Not a person…' }).click();
  const confirmPage = await opening;
  await expect(confirmPage.getByRole('alertdialog')).toContainText('Is pieter@devries-advies.nl not a person?');
  // The sidebar's click alone changed nothing (issue 16: one click-jacked click deleted a history).
  expect(await storeCounts(popup)).toMatchObject({ people: 1, interactions: 1, ignoreRules: 0 });
  await confirmPage.getByRole('button', { name: 'Not a person', exact: true }).click();
  await expect(confirmPage.getByRole('status')).toHaveText('pieter@devries-advies.nl will not be captured again.');
  await expect.poll(() => storeCounts(popup)).toMatchObject({ people: 0, ignoreRules: 1 });
  // The rule is listed in the settings page, where it can be removed.
  await confirmPage.reload();
  await expect(confirmPage.locator('section[aria-labelledby="ignore-h"] li')).toHaveText(['pieter@devries-advies.nl Remove']);
});
