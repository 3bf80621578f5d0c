// Issue 9 (part): hostile page text stays bounded text; injected URLs into extension pages do nothing.
import type { Page } from '@playwright/test';
import { expect, fixtureHtml, openPopup, sidebarOf, storeCounts, test } from '../e2e/fixtures';

const HASH = '#inbox/FMfcgzQXJWbqMzTbvDkqrXSGdJHnLLmP';
const EVIL = '<img src=x onerror="window.__pwned=1">"><svg onload="window.__pwned=2"></style><';

/** Collect console errors that report a Content Security Policy violation, and any injected node. */
function watch(page: Page) {
  const csp: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Trusted Type/i.test(m.text())) csp.push(m.text());
  });
  return csp;
}
const injected = (page: Page) =>
  page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
    nodes: document.querySelectorAll('svg, script:not([src]), img:not([src="/icon/32.png"])').length,
    links: Array.from(document.querySelectorAll('a[href]'), (a) => a.getAttribute('href')).filter((h) => !/^https:\/\/(mail|calendar)\.google\.com\//.test(h ?? '')),
  }));

test('markup, script, huge names, RTL overrides and look-alikes stay bounded text everywhere', async ({ context, extensionId, served }) => {
  served.gmailHtml(fixtureHtml('hostile', 'gmail-thread.html'));
  const gmail = await context.newPage();
  await gmail.setViewportSize({ width: 1280, height: 800 });
  await gmail.goto(`https://mail.google.com/mail/u/0/${HASH}`);
  const sidebar = sidebarOf(gmail);
  await expect(sidebar.locator('.card').first()).toBeVisible();
  // The names are shown exactly as text, bounded; nothing they carry runs or renders.
  const names = await sidebar.locator('.card .name').allTextContents();
  expect(names.find((n) => n.startsWith('<img src=x'))).toBeTruthy();
  expect(Math.max(...names.map((n) => n.length))).toBeLessThanOrEqual(300);
  // Direction overrides and zero-width characters are dropped from names.
  expect(names.some((n) => /[\u200b-\u200f\u202a-\u202e\u2066-\u2069]/.test(n))).toBe(false);
  // A look-alike address (Cyrillic o) is a different person, shown with its own address.
  await expect(sidebar.locator('.card[data-email="m.jansen@rijnmond-z\u043erg.nl"] .address')).toHaveText('m.jansen@rijnmond-z\u043erg.nl');
  await expect(sidebar.locator('.card[data-email="m.jansen@rijnmond-zorg.nl"]')).toHaveCount(1);
  expect(await sidebar.locator('.card svg, .card script, .card img').count()).toBe(0);
  const frame = gmail.frames().find((f) => f.url().includes('/sidebar.html'))!;
  expect(await frame.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null)).toBeNull();

  const popup = await openPopup(context, extensionId);
  const csp = watch(popup);
  const counts = await storeCounts(popup);
  expect(counts.people).toBeGreaterThanOrEqual(4);
  // The javascript: "address" was never an address.
  const addresses = await popup.evaluate(() => new Promise<string[]>((res) => { const r = indexedDB.open('kring'); r.onsuccess = () => { const q = r.result.transaction('addresses').objectStore('addresses').getAllKeys(); q.onsuccess = () => res(q.result as string[]); }; }));
  expect(addresses.some((a) => a.includes('javascript'))).toBe(false);
  await popup.getByRole('tab', { name: 'People' }).click();
  await expect(popup.locator('button.person').first()).toBeVisible();
  expect(await injected(popup)).toEqual({ pwned: null, nodes: 0, links: [] });
  await popup.locator('button.person', { hasText: '<img src=x' }).click();
  await expect(popup.locator('.person-detail h1')).toContainText('<img src=x onerror=');
  await expect(popup.locator('.history .subject').first()).toContainText('<script>alert(2)</script>');
  expect(await injected(popup)).toEqual({ pwned: null, nodes: 0, links: expect.any(Array) });
  expect((await injected(popup)).links).toEqual([]);
  expect(csp).toEqual([]);
});

test('query-string and hash injection into extension pages renders nothing and changes nothing', async ({ context, extensionId }) => {
  const base = `chrome-extension://${extensionId}`;
  const payload = encodeURIComponent('<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>');
  for (const path of [`popup.html#${payload}`, `popup.html?${payload}`, `sidebar.html?${payload}#${payload}`, `options.html#forget=${payload}`, `options.html?x=${payload}#forget=../../people`]) {
    const page = await context.newPage();
    const csp = watch(page);
    await page.goto(`${base}/${path}`);
    await page.waitForTimeout(400);
    expect(await injected(page), path).toEqual({ pwned: null, nodes: 0, links: [] });
    expect(csp, path).toEqual([]);
    await page.close();
  }
  const options = await context.newPage();
  await options.goto(`${base}/options.html#forget=${payload}`);
  await expect(options.getByText('That person is no longer in Kring.')).toBeVisible();
});
