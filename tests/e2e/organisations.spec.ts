// Issue 20: the Organisations tab and an organisation's page, from captured Gmail threads.
import AxeBuilder from '@axe-core/playwright';
import { dutchThreadDaysAgo, expect, openPopup, openThread, sidebarOf, test } from './fixtures';

const LONG = '#inbox/FMfcgzQXJWbqMzTbvDkqrXSGdJHnLLmP';
const DUTCH = '#inbox/FMfcgzQXJWbqKkgpmVwLQnBTqxZshDrb';

test('organisations of the network: going cold first, an organisation due by its own cadence on top, its page lists its people; search finds it', async ({ context, extensionId, served }) => {
  // thread-long: Maria Jansen (m.jansen@rijnmond-zorg.nl) wrote in Oct and Nov 2026, Tom Hendriks is
  // at example.com; thread-dutch, moved to 20 days ago: Pieter de Vries (devries-advies.nl), and
  // the user at gmail.com (a mail provider: no organisation).
  const gmail = await openThread(context, served, 'thread-long.html', LONG);
  await sidebarOf(gmail).locator('.card[data-email="m.jansen@rijnmond-zorg.nl"]').getByRole('button', { name: 'Add to my network' }).click();
  // Pieter's mail shows his firm beside his name, as many professionals' From lines do.
  const dutchHtml = dutchThreadDaysAgo(20).replaceAll('name="Pieter de Vries"', 'name="Pieter de Vries | De Vries Advies"');
  const dutch = await openThread(context, served, { html: dutchHtml }, DUTCH);
  await sidebarOf(dutch).locator('.card[data-email="pieter@devries-advies.nl"]').getByRole('button', { name: 'Add to my network' }).click();
  await expect(sidebarOf(dutch).locator('.card[data-email="pieter@devries-advies.nl"] .chip-network')).toHaveCount(1);

  const popup = await openPopup(context, extensionId);
  await popup.getByRole('tab', { name: 'Organisations' }).click();
  const rows = popup.locator('.org-row');
  // Only organisations with someone in the network; example.com (Tom, only seen) waits for a search.
  await expect(rows).toHaveCount(2);
  const rijnmond = popup.locator('.org-row[data-domain="rijnmond-zorg.nl"]');
  await expect(rijnmond).toContainText('Rijnmond Zorg');
  // (Whether it is going cold depends on the day: its last mail is of Nov 13, 2026; cooling after 60 days.)
  await expect(rijnmond).toContainText(Date.now() < Date.parse('2027-01-11') ? '1 in your network' : 'No contact with anyone at rijnmond-zorg.nl for');

  // De Vries Advies, given a cadence of two weeks, is due (nobody in touch for 20 days): it comes first.
  await popup.locator('.org-row[data-domain="devries-advies.nl"] button').click();
  // Named as the mail shows it ("Pieter de Vries | De Vries Advies"), not from the domain (Devries Advies).
  await expect(popup.locator('.org-detail h1')).toHaveText('De Vries Advies');
  await expect(popup.getByLabel('Name')).toHaveValue('De Vries Advies');
  await popup.getByLabel('Keep in touch with someone there').selectOption('14');
  await popup.getByLabel('Name').fill('De Vries Advies BV');
  await popup.getByLabel('Name').blur();
  await popup.getByLabel('Tags').fill('adviseur, noord');
  await popup.getByLabel('Tags').blur();
  await expect(popup.locator('.org-detail h1')).toHaveText('De Vries Advies BV');
  await expect(popup.locator('.org-detail')).toContainText('Nobody at devries-advies.nl in touch for 3 weeks (every 2 weeks)');
  await expect(popup.locator('.org-people button')).toHaveText([/Pieter de Vries/]);
  await popup.screenshot({ path: 'test-results/popup-organisation.png', fullPage: true });
  expect((await new AxeBuilder({ page: popup }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

  // Its person opens from there; back returns to the organisation, then to the tab.
  await popup.locator('.org-people button').first().click();
  await expect(popup.locator('.person-detail h1')).toHaveText('Pieter de Vries');
  await popup.getByRole('button', { name: 'Back' }).click();
  await expect(popup.locator('.org-detail h1')).toHaveText('De Vries Advies BV');
  await popup.getByRole('button', { name: 'Back' }).click();
  await expect(rows.first()).toHaveAttribute('data-domain', 'devries-advies.nl');
  await expect(rows.first()).toContainText('Nobody at devries-advies.nl in touch for 3 weeks (every 2 weeks)');
  await expect(rows.nth(1)).toHaveAttribute('data-domain', 'rijnmond-zorg.nl');
  await popup.screenshot({ path: 'test-results/popup-organisations.png', fullPage: true });
  expect((await new AxeBuilder({ page: popup }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

  // The tab's search finds by tag, name and domain; mail providers are no organisation (gmail.com,
  // and example.com, which the maintained list counts among them: Tom is in none).
  const search = popup.getByLabel('Search organisations by name, domain or tag');
  await search.fill('adviseur');
  await expect(rows).toHaveText([/De Vries Advies/]);
  await search.fill('zorg');
  await expect(rows).toHaveText([/Rijnmond Zorg/]);
  for (const q of ['gmail', 'example.com']) {
    await search.fill(q);
    await expect(popup.locator('.empty')).toHaveText(`No organisation matches "${q}".`);
  }

  // An organisation due by its own cadence is on the Due tab too.
  await popup.getByRole('tab', { name: 'Due' }).click();
  await expect(popup.locator('#orgs-due-h')).toHaveText('Organisations due');
  await expect(popup.locator('.org-row')).toHaveText([/De Vries Advies/]);

  // The People search shows the organisation above the people.
  await popup.getByRole('tab', { name: 'People' }).click();
  await popup.getByLabel('Search names, addresses, domains, tags and notes').fill('rijnmond');
  await popup.locator('.org-matches').getByRole('button', { name: 'Rijnmond Zorg' }).click();
  await expect(popup.locator('.org-people button')).toHaveText([/Maria Jansen/]);
});

test('in dark mode the organisation screens have no serious or critical accessibility violations', async ({ context, extensionId, served }) => {
  const gmail = await openThread(context, served, 'thread-long.html', LONG);
  await sidebarOf(gmail).locator('.card[data-email="m.jansen@rijnmond-zorg.nl"]').getByRole('button', { name: 'Add to my network' }).click();
  await expect(sidebarOf(gmail).locator('.card[data-email="m.jansen@rijnmond-zorg.nl"] .chip-network')).toHaveCount(1);
  const popup = await openPopup(context, extensionId);
  await popup.emulateMedia({ colorScheme: 'dark' });
  await popup.getByRole('tab', { name: 'Organisations' }).click();
  await expect(popup.locator('.org-row')).toHaveCount(1);
  expect((await new AxeBuilder({ page: popup }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  await popup.locator('.org-row button').click();
  await expect(popup.locator('.org-detail h1')).toHaveText('Rijnmond Zorg');
  await popup.screenshot({ path: 'test-results/popup-organisation-dark.png', fullPage: true });
  expect((await new AxeBuilder({ page: popup }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
});
