// Issue 3: detection follows the page as a single-page app changes it.
import { expect, fixtureHtml, openPopup, renderInPlace, storeCounts, storedInteractions, test } from './fixtures';

test('moving between threads by hash change captures each thread once', async ({ context, extensionId, served }) => {
  served.gmail('thread-one.html');
  const gmail = await context.newPage();
  await gmail.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWbqNcKsLvLZhnxDBKXnbgzR');
  const popup = await openPopup(context, extensionId);
  await expect.poll(() => storeCounts(popup)).toMatchObject({ interactions: 1 });

  await renderInPlace(gmail, fixtureHtml('gmail', 'thread-cc-quoted.html'), '#inbox/FMfcgzQXJWbqPLkgnMqbRVnFwrxsHvcT');
  // Lena wrote to the owner (in), Tom was copied with the owner (cc).
  await expect.poll(() => storeCounts(popup)).toMatchObject({ people: 3, interactions: 3 });

  await renderInPlace(gmail, fixtureHtml('gmail', 'thread-one.html'), '#inbox/FMfcgzQXJWbqNcKsLvLZhnxDBKXnbgzR');
  await gmail.waitForTimeout(1500);
  expect(await storeCounts(popup)).toMatchObject({ people: 3, interactions: 3 });
});

test('a message expanded after load is captured', async ({ context, extensionId, served }) => {
  served.gmail('thread-long.html');
  const gmail = await context.newPage();
  await gmail.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWbqMzTbvDkqrXSGdJHnLLmP');
  const popup = await openPopup(context, extensionId);
  await expect.poll(() => storeCounts(popup)).toMatchObject({ interactions: 6 });

  // Expand Tom's collapsed message of Oct 5: its recipients (the owner and Maria) appear.
  await gmail.evaluate(() => {
    const id = BigInt('1845290011230000222').toString(16);
    const wrapper = document.querySelector(`[data-legacy-message-id="${id}"]`)!.closest('.kv')!;
    wrapper.className = 'h7';
    const hb = document.createElement('span');
    hb.className = 'hb';
    for (const [email, name] of [['sanne.bakker@gmail.com', 'me'], ['m.jansen@rijnmond-zorg.nl', 'Maria Jansen']]) {
      const chip = document.createElement('span');
      chip.className = 'g2';
      chip.setAttribute('email', email!);
      chip.setAttribute('name', name!);
      chip.textContent = name!;
      hb.append(chip);
    }
    wrapper.querySelector('.gs')!.append(hb);
  });
  await expect.poll(() => storeCounts(popup)).toMatchObject({ interactions: 7 });
  const maria = (await storedInteractions(popup)).filter((i) => i.address === 'm.jansen@rijnmond-zorg.nl');
  expect(maria.map((i) => i.direction).sort()).toEqual(['cc', 'in', 'in', 'out']);
});

test('a calendar event dialog opened after load is captured', async ({ context, extensionId, served }) => {
  served.calendarHtml(
    '<!doctype html><title>Google Calendar - Week of November 23, 2026</title><header role="banner"><a aria-label="Google Account: Sanne Bakker (sanne.bakker@gmail.com)" href="#"></a></header><div role="main"></div>',
  );
  const calendar = await context.newPage();
  await calendar.goto('https://calendar.google.com/calendar/u/0/r/week/2026/11/23');
  const popup = await openPopup(context, extensionId);
  await calendar.waitForTimeout(800);
  expect((await storeCounts(popup)).interactions ?? 0).toBe(0);

  await renderInPlace(calendar, fixtureHtml('google-calendar', 'event-dialog.html'));
  // Organizer Pieter and guest Tom; Maria declined, so she did not meet anyone; the owner is nobody;
  // the description's addresses are not guests.
  await expect.poll(() => storeCounts(popup)).toMatchObject({ people: 2, interactions: 2 });
  const stored = await storedInteractions(popup);
  expect(stored.map((i) => i.address).sort()).toEqual(['pieter@devries-advies.nl', 'tom.hendriks@example.com']);
  expect(new Set(stored.map((i) => i.direction))).toEqual(new Set(['meeting']));

  await popup.getByRole('tab', { name: 'People' }).click();
  await popup.getByRole('button', { name: /Pieter de Vries/ }).click();
  await expect(popup.locator('.history li .direction')).toHaveText(['Meeting']);
  await expect(popup.locator('.history li .subject')).toHaveText(['Kwartaaloverleg Noordzee']);
});
