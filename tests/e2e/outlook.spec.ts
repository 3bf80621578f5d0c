// Issue 6: Outlook on the web, on its real hosts with a strict policy.
import { expect, fixtureHtml, openPopup, sidebarOf, storeCounts, storedInteractions, test } from './fixtures';

test('an Outlook message is captured, and the sidebar shows its people', async ({ context, extensionId, served, strayRequests }) => {
  served.outlook('outlook-mail', 'reading-pane-titles.html');
  const outlook = await context.newPage();
  await outlook.setViewportSize({ width: 1280, height: 800 });
  await outlook.goto('https://outlook.office.com/mail/inbox/id/AAMkAGI2TG94AAA%3D');
  const popup = await openPopup(context, extensionId);
  // Pieter wrote to the owner, Tom was copied; the quoted Alex Morgan is nobody.
  await expect.poll(() => storeCounts(popup)).toMatchObject({ people: 2, interactions: 2 });
  expect((await storedInteractions(popup)).map((i) => `${i.address} ${i.direction}`).sort()).toEqual([
    'pieter@devries-advies.nl in',
    'tom.hendriks@fabrikam.com cc',
  ]);
  await expect(sidebarOf(outlook).locator('.card .name')).toHaveText(['Pieter de Vries', 'Tom Hendriks']);
  await outlook.screenshot({ path: 'test-results/outlook-sidebar.png' });
  expect(strayRequests).toEqual([]);
});

test('a name without an address is kept as a name, and resolved by a later page', async ({ context, extensionId, served }) => {
  served.outlook('outlook-mail', 'reading-pane-names.html');
  const outlook = await context.newPage();
  await outlook.goto('https://outlook.office365.com/mail/id/AAMkAGI2TGnamesAAA%3D');
  const popup = await openPopup(context, extensionId);
  // Omi, Gabe and Maria by name; the owner, Sanne Bakker, is nobody.
  await expect.poll(() => storeCounts(popup)).toMatchObject({ people: 3 });
  const omi = sidebarOf(outlook).locator('.card', { hasText: 'Omi Singh' });
  await expect(omi.locator('.chip-warn')).toHaveText('Name only');
  await popup.getByRole('tab', { name: 'People' }).click();
  await expect(popup.getByRole('button', { name: /Omi Singh/ })).toContainText('Name only');

  // Later the same message shows Omi's address (as in a build with titles, or an open persona card).
  served.outlookHtml(fixtureHtml('outlook-mail', 'reading-pane-names.html').replace('<span>Omi Singh</span>', '<span title="Omi Singh &lt;omi.singh@gmhc.example&gt;">Omi Singh</span>'));
  await outlook.reload();
  await expect.poll(async () => (await storedInteractions(popup)).filter((i) => i.address === 'omi.singh@gmhc.example').length).toBe(1);
  expect(await storeCounts(popup)).toMatchObject({ people: 3, interactions: 3 });
  await popup.reload();
  await popup.getByRole('tab', { name: 'People' }).click();
  await expect(popup.getByRole('button', { name: /Omi Singh/ })).toContainText('omi.singh@gmhc.example');
  await expect(sidebarOf(outlook).locator('.card', { hasText: 'Omi Singh' })).toContainText('omi.singh@gmhc.example');
});

test('an Outlook calendar event is captured with its organizer and attendees', async ({ context, extensionId, served }) => {
  served.outlook('outlook-calendar', 'event-full.html');
  const cal = await context.newPage();
  await cal.goto('https://outlook.office.com/calendar/item/AAMkAGI2Q2FsAAA%3D');
  const popup = await openPopup(context, extensionId);
  // Pieter, Maria and Tom; Gabe declined, so he did not meet anyone.
  await expect.poll(() => storeCounts(popup)).toMatchObject({ people: 3 });
  expect(new Set((await storedInteractions(popup)).map((i) => i.direction))).toEqual(new Set(['meeting']));
  await expect(sidebarOf(cal).locator('h1')).toHaveText('People in this event');
});
