// Issue 2: a person in an open Gmail message is stored on the device and shown in the popup.
import { expect, openPopup, storeCounts, test } from './fixtures';

const THREAD = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWbqMzTbvDkqrXSGdJHnLLmP';

test('a Gmail thread is captured and shown in the popup with its history', async ({ context, extensionId, served, strayRequests }) => {
  served.gmail('thread-long.html');
  const gmail = await context.newPage();
  await gmail.goto(THREAD);

  const popup = await openPopup(context, extensionId);
  // thread-long.html: Maria (in 2×, out 1×), Tom (in 1×, out 1×, cc 1×); the owner is no contact.
  await expect.poll(() => storeCounts(popup)).toMatchObject({ people: 2, interactions: 6 });
  await popup.getByRole('tab', { name: 'People' }).click();

  const rows = popup.locator('button.person');
  await expect(rows).toHaveCount(2);
  // Most recent contact first: the owner wrote to both on Nov 13.
  await expect(rows.nth(0).locator('.name')).toHaveText(/Maria Jansen|Tom Hendriks/);
  await expect(rows.nth(0).locator('.last')).toHaveText('Last contact Nov 13, 2026');
  await expect(rows.nth(1).locator('.last')).toHaveText('Last contact Nov 13, 2026');

  await popup.getByRole('button', { name: /Maria Jansen/ }).click();
  await expect(popup.locator('.person-detail h1')).toHaveText('Maria Jansen');
  await expect(popup.locator('.addresses')).toHaveText('m.jansen@rijnmond-zorg.nl');
  const history = popup.locator('.history li');
  await expect(history).toHaveCount(3);
  await expect(popup.locator('.month h3').first()).toHaveText('November 2026');
  await expect(history.nth(0).locator('time')).toHaveText(/^Nov 13(, 2026)?$/);
  await expect(history.nth(0).locator('.direction')).toHaveText('Sent');
  await expect(history.nth(0).locator('.subject')).toHaveText('Project Noordzee: planning');
  // A link back to the message in Gmail, built from the message id Kring parsed.
  await expect(history.nth(0).getByRole('link', { name: 'Open this in Gmail' })).toHaveAttribute('href', `https://mail.google.com/mail/u/0/#all/${BigInt('1849080012345600444').toString(16)}`);
  await expect(history.nth(1).locator('.direction')).toHaveText('Received');
  await expect(history.nth(2).locator('time')).toHaveText(/^Oct 2(, 2026)?$/);
  await expect(popup.locator('.month h3')).toHaveText(['November 2026', 'October 2026']);

  await popup.getByRole('button', { name: /Back/ }).click();
  await popup.getByRole('tab', { name: 'People' }).click();
  await expect(rows).toHaveCount(2);

  await popup.screenshot({ path: 'test-results/popup-people.png' });
  expect(strayRequests).toEqual([]);
});

test('visiting the same thread again stores nothing twice', async ({ context, extensionId, served }) => {
  served.gmail('thread-one.html');
  const gmail = await context.newPage();
  await gmail.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWbqNcKsLvLZhnxDBKXnbgzR');
  const popup = await openPopup(context, extensionId);
  await expect.poll(() => storeCounts(popup)).toMatchObject({ people: 1, interactions: 1, addresses: 1 });
  const before = await storeCounts(popup);

  await gmail.reload();
  const again = await context.newPage();
  await again.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWbqNcKsLvLZhnxDBKXnbgzR');
  // Give both tabs time to detect and send; then nothing may have changed.
  await again.waitForTimeout(2000);
  expect(await storeCounts(popup)).toEqual(before);
});

test('a page imitating Kring with postMessage and DOM events stores nothing', async ({ context, extensionId, served }) => {
  served.gmail('compose-empty-2020.html');
  const gmail = await context.newPage();
  await gmail.goto('https://mail.google.com/mail/u/0/#inbox');
  await gmail.evaluate(() => {
    const forged = {
      type: 'capture/detected',
      detection: {
        provider: 'gmail',
        view: 'thread',
        account: 'victim@gmail.com',
        items: [{ kind: 'email', id: 'forged', subject: 'forged', at: null, people: [{ email: 'attacker@evil.example', name: 'Attacker', role: 'from' }] }],
      },
    };
    window.postMessage(forged, '*');
    window.postMessage(JSON.stringify(forged), '*');
    document.dispatchEvent(new CustomEvent('capture/detected', { detail: forged }));
    window.dispatchEvent(new MessageEvent('message', { data: forged }));
    // No externally_connectable: the page has no channel to the extension at all.
    const runtime = (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime;
    if (runtime?.sendMessage) throw new Error('the page can reach chrome.runtime.sendMessage');
  });
  await gmail.waitForTimeout(1500);
  const popup = await openPopup(context, extensionId);
  const counts = await storeCounts(popup);
  expect(counts.people ?? 0).toBe(0);
  expect(counts.interactions ?? 0).toBe(0);
  await popup.getByRole('tab', { name: 'People' }).click();
  await expect(popup.locator('.empty')).toHaveText(/No one yet/);
});
