/**
 * `npm run screenshots`: the popup, the sidebar on a fixture Gmail thread and the settings page,
 * with realistic demo data, into docs/screenshots/ (KRING_SCREENSHOTS names the folder; in a normal
 * test run they go to test-results/ so the run also checks that every view renders).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { dueDate } from '../../src/network/cadence';
import { seedData } from '../helpers/seed';
import { expect, fixtureHtml, openPopup, openThread, renderInPlace, sidebarOf, storeCounts, test, type Served } from './fixtures';
import type { BrowserContext, Page } from '@playwright/test';

const OUT = process.env.KRING_SCREENSHOTS ?? 'test-results/screenshots';
const shot = (name: string) => join(OUT, name);
const DAY = 86_400_000;

async function capture(context: BrowserContext, served: Served) {
  const gmail = await openThread(context, served, 'thread-long.html', '#inbox/FMfcgzQXJWbqMzTbvDkqrXSGdJHnLLmP');
  await expect(sidebarOf(gmail).locator('.card')).toHaveCount(2);
  for (const [file, hash] of [
    ['thread-dutch.html', '#inbox/FMfcgzQXJWbqKkgpmVwLQnBTqxZshDrb'],
    ['thread-details.html', '#inbox/FMfcgzQXJWbqPLkgnMqbRVnFwrxsHvcV'],
  ] as const) {
    await renderInPlace(gmail, fixtureHtml('gmail', file), hash);
    await gmail.waitForTimeout(700);
  }
  return gmail;
}

/** A network of 60 more people with five years of history, written as the store holds them. */
async function seedNetwork(popup: Page) {
  const now = Date.now();
  const { persons, items } = seedData(60, 700, 2026, now - 2 * DAY);
  const cadences = [14, 30, 90, 30, 180, 90, 365];
  const people = persons.map((p, n) => {
    const mine = items.filter((i) => i.personId === p.id);
    const contacts = mine.filter((i) => i.direction !== 'cc').map((i) => i.at);
    const lastContact = contacts.length ? Math.max(...contacts) : 0;
    const network = n % 3 === 0;
    const record: Record<string, unknown> = {
      id: p.id,
      name: p.name,
      status: network ? 'network' : 'seen',
      reason: n % 2 ? 'you-wrote' : 'they-wrote',
      firstContact: contacts.length ? Math.min(...contacts) : 0,
      lastContact,
      lastIn: Math.max(0, ...mine.filter((i) => i.direction === 'in').map((i) => i.at)),
      lastOut: Math.max(0, ...mine.filter((i) => i.direction === 'out').map((i) => i.at)),
      lastSeen: Math.max(0, ...mine.map((i) => i.at)),
      createdAt: now - 400 * DAY,
      cadenceDays: network ? cadences[n % cadences.length] : null,
      snoozedUntil: 0,
      addedAt: network ? now - 300 * DAY : 0,
      notes: n === 0 ? 'Met at the Noordzee kickoff. Two kids, cycles to work.' : '',
      tags: n % 4 === 0 ? ['client'] : n % 5 === 0 ? ['friend'] : [],
    };
    const due = network ? dueDate(record as never) : undefined;
    if (due !== undefined) record.due = due;
    return record;
  });
  await popup.evaluate(
    ({ people, addresses, interactions }) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('kring');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const tx = req.result.transaction(['people', 'addresses', 'interactions'], 'readwrite');
          for (const p of people) tx.objectStore('people').put(p);
          for (const a of addresses) tx.objectStore('addresses').put(a);
          for (const i of interactions) tx.objectStore('interactions').put(i);
          tx.oncomplete = () => (req.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    {
      people,
      addresses: persons.flatMap((p) => p.addresses.map((address) => ({ address, personId: p.id }))),
      interactions: items.map((i) => ({ ...i, provider: 'gmail', sourceId: i.id.split(':')[1], atEstimated: false, seenIn: 'page' })),
    },
  );
}

test('screenshots of the popup, the sidebar and the settings page', async ({ context, extensionId, served }) => {
  test.setTimeout(120_000);
  mkdirSync(OUT, { recursive: true });
  const gmail = await capture(context, served);
  const popup = await openPopup(context, extensionId);
  await expect.poll(async () => (await storeCounts(popup)).people ?? 0).toBeGreaterThanOrEqual(4);
  await seedNetwork(popup);
  await popup.reload();

  await expect(popup.locator('.due-row').first()).toBeVisible();
  await popup.screenshot({ path: shot('popup.png') });
  await popup.getByRole('tab', { name: 'People' }).click();
  await expect(popup.locator('button.person').first()).toBeVisible();
  await popup.screenshot({ path: shot('popup-people.png') });
  // Found by search: the list is ordered by last contact, and her thread's date is fixed (Nov 2026).
  await popup.getByLabel('Search names, addresses, domains, tags and notes').fill('maria jansen');
  await popup.getByRole('button', { name: /Maria Jansen/ }).click();
  await popup.locator('#tags').fill('client, noordzee');
  await popup.locator('#tags').blur();
  await popup.locator('#notes').fill('Leads the Noordzee project for Rijnmond Zorg. Prefers a call to email.');
  await expect(popup.locator('#notes-hint')).toHaveText('Saved');
  await popup.screenshot({ path: shot('popup-person.png') });
  await popup.emulateMedia({ colorScheme: 'dark' });
  await popup.getByRole('button', { name: /Back/ }).click();
  await popup.getByRole('tab', { name: 'Due' }).click();
  await popup.screenshot({ path: shot('popup-dark.png') });
  // Organisations (issue 20): the seeded network's companies, then one organisation's page.
  await popup.emulateMedia({ colorScheme: 'light' });
  await popup.getByRole('tab', { name: 'Organisations' }).click();
  await expect(popup.locator('.org-row').first()).toBeVisible();
  await popup.screenshot({ path: shot('popup-organisations.png') });
  await popup.locator('.org-row button').first().click();
  await expect(popup.locator('.org-people li').first()).toBeVisible();
  await popup.screenshot({ path: shot('popup-organisation.png') });
  await popup.getByRole('button', { name: /Back/ }).click();

  await renderInPlace(gmail, fixtureHtml('gmail', 'thread-long.html'), '#inbox/FMfcgzQXJWbqMzTbvDkqrXSGdJHnLLmP');
  const maria = sidebarOf(gmail).locator('.card[data-email="m.jansen@rijnmond-zorg.nl"]');
  await expect(maria).toBeVisible();
  await maria.getByRole('button', { name: 'Add to my network' }).click();
  await expect(maria.getByLabel('Keep in touch')).toHaveValue('90');
  await gmail.waitForTimeout(1000); // let any late refresh land: it must not undo the click
  await expect(maria.locator('.chip-network')).toHaveText('In your network');
  await gmail.screenshot({ path: shot('sidebar.png') });

  const options = await context.newPage();
  await options.setViewportSize({ width: 900, height: 1200 });
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByRole('heading', { name: 'Your own addresses' })).toBeVisible();
  await options.getByLabel('Address or @domain').fill('@newsletter.example');
  await options.getByLabel('Address or @domain').press('Enter');
  await expect(options.getByText('@newsletter.example')).toBeVisible();
  await options.screenshot({ path: shot('options.png'), fullPage: true });
});
