/**
 * Issue 16: an adversarial review's findings, each reproduced as the attack it describes, in
 * Chromium with the built extension (1, 2, 3, 7, 8 here; 4 in tests/e2e/network.spec.ts and the
 * clickjacking test of leak.spec.ts; 5 and 12 in sites.spec.ts; 6 in heavy.spec.ts and
 * tests/unit/background/pages.test.ts; 9-11 in tests/unit/security-findings.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, expect, openPopup, openThread, sidebarOf, storedRows, test } from '../e2e/fixtures';

const ONE = '#inbox/FMfcgzQXJWbqNcKsLvLZhnxDBKXnbgzR';

test('1: a subject holding " - pieter@…" does not make Pieter the user; the account waits for the user\'s yes', async ({ context, extensionId, served }) => {
  // The reviewer's page: Gmail's title is "<subject> - <account> - Gmail", and the subject names Pieter.
  const html = readFileSync(join(FIXTURES, 'gmail', 'thread-one.html'), 'utf8').replace(
    /<title>[^<]*<\/title>/,
    '<title>Invoice - pieter@devries-advies.nl - sanne.bakker@gmail.com - Gmail</title>',
  );
  served.gmailHtml(html);
  const gmail = await context.newPage();
  await gmail.goto(`https://mail.google.com/mail/u/0/${ONE}`);
  await expect(sidebarOf(gmail).locator('.card[data-email="pieter@devries-advies.nl"]')).toBeVisible();
  const popup = await openPopup(context, extensionId);
  await expect.poll(async () => (await storedRows<{ address: string }>(popup, 'addresses')).map((a) => a.address)).toEqual(['pieter@devries-advies.nl']);
  const settings = await storedRows<{ key: string; value: unknown }>(popup, 'settings');
  expect(settings.find((s) => s.key === 'ownAddresses')).toBeUndefined();
  expect(settings.find((s) => s.key === 'pendingOwn')?.value).toEqual([{ key: 'sanne.bakker@gmail.com', provider: 'gmail', at: expect.any(Number) }]);
  // The popup asks; the answer makes the address the user's.
  await popup.reload();
  await expect(popup.locator('.own-questions')).toContainText('Kring saw you signed in as sanne.bakker@gmail.com on Gmail.');
  await popup.getByRole('button', { name: "Yes, that's me" }).click();
  await expect.poll(async () => (await storedRows<{ key: string; value: unknown }>(popup, 'settings')).find((s) => s.key === 'ownAddresses')?.value).toEqual(['sanne.bakker@gmail.com']);
  await expect(popup.locator('.own-questions')).toHaveCount(0);
});

test('2: the page cannot learn who is in the network through the sidebar frame\'s fragment', async ({ context, extensionId, served }) => {
  const gmail = await openThread(context, served, 'thread-one.html', ONE);
  const sidebar = sidebarOf(gmail);
  const card = sidebar.locator('.card[data-email="pieter@devries-advies.nl"]');
  await card.getByRole('button', { name: 'Add to my network' }).click();
  await expect(card.getByLabel('Keep in touch')).toBeVisible();
  // No id in the frame says who it is about.
  const frame = gmail.frames().find((f) => f.url().includes('/sidebar.html'))!;
  const ids = await frame.evaluate(() => Array.from(document.querySelectorAll('[id]'), (e) => e.id));
  expect(ids.length).toBeGreaterThan(0);
  for (const id of ids) expect(id).not.toMatch(/pieter|devries|advies/i);
  // The review's probe: point the frame's fragment at the id the cadence picker used to have and
  // listen for the page losing focus (one bit per address). Nothing moves.
  const blurred = await gmail.evaluate(async () => {
    const frame = document.querySelector('iframe[title="Kring"]') as HTMLIFrameElement;
    window.focus();
    let blur = 0;
    window.addEventListener('blur', () => blur++);
    for (const guess of ['p-pieter-devries-advies-nl-cadence', 'p-pieter-devries-advies-nl']) {
      frame.src = `${frame.src.replace(/#.*$/, '')}#${guess}`;
      await new Promise((r) => setTimeout(r, 300));
    }
    return blur;
  });
  expect(blurred).toBe(0);
  expect(await frame.evaluate(() => document.activeElement?.tagName)).toBe('BODY');
});

test('3: a third-party frame inside the webmail gets no sidebar, nor does a copy the page makes of Kring\'s frame', async ({ context, served }) => {
  const gmail = await openThread(context, served, 'thread-one.html', ONE);
  await expect(sidebarOf(gmail).locator('.card[data-email="pieter@devries-advies.nl"]')).toBeVisible();
  const src = await gmail.evaluate(() => (document.querySelector('iframe[title="Kring"]') as HTMLIFrameElement).src.replace(/#.*$/, ''));
  // An ad frame inside Gmail that somehow has the sidebar's current address frames it.
  await context.route('https://ads.googleusercontent.com/**', (r) => r.fulfill({ contentType: 'text/html', body: `<!doctype html><title>Ad</title><iframe id="inner" src="${src}" width="320" height="600"></iframe>` }));
  await gmail.evaluate(() => {
    const ad = document.createElement('iframe');
    ad.id = 'ad';
    ad.src = 'https://ads.googleusercontent.com/banner'; // a host Gmail's frame-src allows
    ad.style.cssText = 'position:fixed;left:0;bottom:0;width:400px;height:700px';
    document.body.append(ad);
    // And the page itself makes a second copy of Kring's frame.
    const copy = document.createElement('iframe');
    copy.id = 'copy';
    copy.src = (document.querySelector('iframe[title="Kring"]') as HTMLIFrameElement).src;
    copy.style.cssText = 'position:fixed;left:420px;bottom:0;width:320px;height:700px';
    document.body.append(copy);
  });
  const inner = gmail.frameLocator('#ad').frameLocator('#inner');
  await expect(inner.locator('.sidebar-tab')).toBeVisible();
  const copy = gmail.frameLocator('#copy');
  await expect(copy.locator('.sidebar-tab')).toBeVisible();
  await inner.locator('.sidebar-tab').click();
  await copy.locator('.sidebar-tab').click();
  await gmail.waitForTimeout(1000);
  await expect(inner.locator('.card')).toHaveCount(0);
  await expect(copy.locator('.card')).toHaveCount(0);
  // Kring's own frame still shows Pieter.
  await expect(sidebarOf(gmail).locator('.card[data-email="pieter@devries-advies.nl"]')).toBeVisible();
});

test('8: a web page cannot tell Kring is installed by loading its sidebar from its fixed address', async ({ context, extensionId }) => {
  await context.route('https://probe.example/**', (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Probe</title>' }));
  const page = await context.newPage();
  await page.goto('https://probe.example/');
  const answer = await page.evaluate(async (id) => {
    try {
      const r = await fetch(`chrome-extension://${id}/sidebar.html`);
      return `status ${r.status}`;
    } catch (e) {
      return `failed: ${(e as Error).name}`;
    }
  }, extensionId);
  expect(answer).toMatch(/^failed/);
  // The same for a resource that does not exist: the two cannot be told apart.
  const control = await page.evaluate(async () => {
    try {
      await fetch('chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/sidebar.html');
      return 'loaded';
    } catch (e) {
      return `failed: ${(e as Error).name}`;
    }
  });
  expect(answer).toBe(control);
});

test('7: a scrubbed copy keeps no hosts of links, no URLs or names in styles, and no templates', async ({ context, extensionId, served }) => {
  const html = readFileSync(join(FIXTURES, 'gmail', 'thread-one.html'), 'utf8').replace(
    '</body>',
    `<div class="sig"><a href="https://www.pieter-devries-advies.nl/over-ons?ref=mail">site</a><img src="https://photos.example/u/pieter-de-vries.jpg" alt=""></div>
     <div style="background-image:url(https://lh3.googleusercontent.com/a/pieter-de-vries-avatar); font-family: 'Pieter Handwriting'">x</div>
     <style>.avatar { background: url("https://avatars.example/pieter.devries.png"); } .n::after { content: "Pieter de Vries"; }</style>
     <template><div>Pieter de Vries &lt;pieter@devries-advies.nl&gt; private note</div></template></body>`,
  );
  served.gmailHtml(html);
  const gmail = await context.newPage();
  await gmail.goto(`https://mail.google.com/mail/u/0/${ONE}`);
  await expect(sidebarOf(gmail).locator('.card')).toHaveCount(1);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const download = options.waitForEvent('download');
  await options.getByRole('button', { name: 'Save a scrubbed copy of mail.google.com' }).click();
  const file = await (await download).path();
  const copy = readFileSync(file, 'utf8');
  for (const secret of ['pieter-devries-advies.nl', 'photos.example', 'googleusercontent', 'pieter-de-vries', 'avatars.example', 'Pieter Handwriting', 'Pieter de Vries', 'private note', 'devries-advies']) {
    expect(copy, secret).not.toContain(secret);
  }
  // What the detectors read is still there: the copy reads the same people, by shape.
  expect(copy).toContain('data-message-id');
  expect(copy).toMatch(/url\(\)/);
});
