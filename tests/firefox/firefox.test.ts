// Issue 10: the end-to-end paths that matter most, in Firefox ESR (run when firefox-esr is there).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firefoxAvailable, fixture, startFirefox, type Session } from './harness';

const LONG = '#inbox/FMfcgzQXJWbqMzTbvDkqrXSGdJHnLLmP';
const DUTCH = '#inbox/FMfcgzQXJWbqKkgpmVwLQnBTqxZshDrb';

describe.skipIf(!firefoxAvailable())('Kring in Firefox ESR', () => {
  let ff: Session;
  beforeAll(async () => {
    ff = await startFirefox();
  }, 60_000);
  afterAll(async () => {
    await ff?.close();
  });

  const texts = (frame: { $$eval: (s: string, f: (els: Element[]) => string[]) => Promise<string[]> }, sel: string) =>
    frame.$$eval(sel, (els) => els.map((e) => (e.textContent ?? '').trim()));

  it('captures a Gmail thread and shows its people in the sidebar', async () => {
    ff.serveGmail(fixture('gmail', 'thread-long.html'));
    const gmail = await ff.openGmail(LONG);
    const sidebar = await ff.sidebarFrame(gmail);
    await sidebar.waitForSelector('.card .name', { timeout: 15_000 });
    await expect.poll(() => texts(sidebar, '.card .name'), { timeout: 10_000 }).toEqual(['Maria Jansen', 'Tom Hendriks']);
    expect((await texts(sidebar, '.card .chip'))[0]).toBe('Seen 3 times');
    await gmail.close();
  });

  it('adds a person to the network in one click; the popup shows them under People and, past their cadence, under Due', async () => {
    ff.serveGmail(fixture('gmail', 'thread-dutch.html'));
    const gmail = await ff.openGmail(DUTCH);
    const sidebar = await ff.sidebarFrame(gmail);
    const card = 'section.card[data-email="pieter@devries-advies.nl"]';
    await sidebar.waitForSelector(`${card} button.primary`, { timeout: 15_000 });
    await sidebar.click(`${card} button.primary`);
    await sidebar.waitForSelector(`${card} select`, { timeout: 10_000 });
    expect(await sidebar.$eval(`${card} select`, (s) => (s as HTMLSelectElement).value)).toBe('90');
    await sidebar.select(`${card} select`, '14');

    const popup = await ff.openExtensionPage('popup.html', '.due-row, .empty');
    await popup.waitForSelector('.due-row', { timeout: 10_000 });
    expect(await popup.$eval('.due-row', (e) => e.textContent)).toMatch(/Pieter de Vries.*overdue.*every 2 weeks/);
    const tabs = await popup.$$('[role=tab]');
    await tabs[1]!.click();
    await popup.waitForSelector('button.person');
    expect(await texts(popup, 'button.person .name')).toContain('Pieter de Vries');
    await popup.close();
    await gmail.close();
  });

  it('keeps a hostile page text: markup in names and subjects is never rendered', async () => {
    const evil = '<img src=x onerror="document.title=\'pwned\'">Mallory';
    const html = fixture('gmail', 'thread-one.html')
      .replaceAll('name="Pieter de Vries"', `name="${evil.replace(/"/g, '&quot;')}"`)
      .replace('>Coffee next week?</h2>', '>&lt;svg onload=alert(1)&gt;Subject&lt;/svg&gt;</h2>');
    ff.serveGmail(html);
    const gmail = await ff.openGmail('#inbox/FMfcgzQXJWbqNcKsLvLZhnxDBKXnbgzR');
    const sidebar = await ff.sidebarFrame(gmail);
    await sidebar.waitForSelector('.card .name', { timeout: 15_000 });
    expect(await texts(sidebar, '.card .name')).toEqual([evil]);
    expect(await sidebar.$$eval('.card img, .card svg, .card script', (els) => els.length)).toBe(0);
    const popup = await ff.openExtensionPage('popup.html', '.due-row, .empty, .section');
    const tabs = await popup.$$('[role=tab]');
    await tabs[1]!.click();
    await popup.waitForSelector('button.person');
    expect(await popup.$$eval('main img:not([src="/icon/32.png"]), main svg, main script', (els) => els.length)).toBe(0);
    expect(await texts(popup, 'button.person .name')).toContain(evil);
    expect(await popup.title()).not.toBe('pwned');
    await popup.close();
    await gmail.close();
  });
});
