// Issue 10: the end-to-end paths that matter most, in Firefox ESR (run when firefox-esr is there).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firefoxAvailable, fixture, startFirefox, type Session } from './harness';

const LONG = '#inbox/FMfcgzQXJWbqMzTbvDkqrXSGdJHnLLmP';
const DUTCH = '#inbox/FMfcgzQXJWbqKkgpmVwLQnBTqxZshDrb';
const poll = { timeout: 15_000, interval: 250 };

describe.skipIf(!firefoxAvailable())('Kring in Firefox ESR', () => {
  let ff: Session;
  beforeAll(async () => {
    ff = await startFirefox();
  }, 60_000);
  afterAll(async () => {
    await ff?.close();
  });

  const names = (page: Parameters<Session['inSidebar']>[0]) => () =>
    ff.inSidebar<string[]>(page, `Array.from(document.querySelectorAll('.card .name'), (e) => e.textContent.trim())`);
  const texts = (page: { $$eval: (s: string, f: (els: Element[]) => string[]) => Promise<string[]> }, sel: string) =>
    page.$$eval(sel, (els) => els.map((e) => (e.textContent ?? '').trim()));

  it('captures a Gmail thread and shows its people in the sidebar', async () => {
    ff.serveGmail(fixture('gmail', 'thread-long.html'));
    const gmail = await ff.openGmail(LONG);
    await expect.poll(names(gmail), poll).toEqual(['Maria Jansen', 'Tom Hendriks']);
    expect(await ff.inSidebar<string>(gmail, `document.querySelector('.card .chip').textContent`)).toBe('Seen 3 times');
    await gmail.close();
  });

  it('follows the page to another thread, and collapses when the user collapses it elsewhere (issue 22: posted to the frame, told by the background)', async () => {
    ff.serveGmail(fixture('gmail', 'thread-long.html'));
    const gmail = await ff.openGmail(LONG);
    await expect.poll(names(gmail), poll).toEqual(['Maria Jansen', 'Tom Hendriks']);
    // The page shows another conversation in place, as Gmail does: no load, a new address.
    await gmail.evaluate((html) => {
      // The fixture is served with Gmail's policy, which requires Trusted Types for markup.
      const tt = (window as unknown as { trustedTypes?: { createPolicy(n: string, p: object): { createHTML(s: string): string } } }).trustedTypes;
      const markup = tt ? (tt.createPolicy('kring-test', { createHTML: (s: string) => s }).createHTML(html) as unknown as string) : html;
      const doc = new DOMParser().parseFromString(markup, 'text/html');
      document.body.replaceChildren(...Array.from(doc.body.childNodes).map((n) => document.importNode(n, true)));
      location.hash = '#inbox/FMfcgzQXKrLwMbqPvRtDdJmNkzWxHqTs';
    }, fixture('gmail', 'thread-german.html'));
    await expect.poll(names(gmail), poll).toEqual(['Katrin Wagner', 'Jonas Becker']);
    const state = () => gmail.$eval('iframe[title="Kring"]', (f) => (f as HTMLElement).dataset.kringState ?? '');
    expect(await state()).toBe('open');
    // Collapsed from an extension page (the sidebar's button and the shortcut write the same).
    const popup = await ff.openExtensionPage('popup.html', '[role=tab]');
    const collapse = (v: boolean) => popup.evaluate((v) => (globalThis as unknown as { browser: { storage: { local: { set(o: object): Promise<void> } } } }).browser.storage.local.set({ sidebarCollapsed: v }), v);
    await collapse(true);
    await expect.poll(state, poll).toBe('collapsed');
    await collapse(false);
    await expect.poll(state, poll).toBe('open');
    await popup.close();
    await gmail.close();
  });

  it('adds a person to the network in one click; the popup shows them under People and, past their cadence, under Due', async () => {
    ff.serveGmail(fixture('gmail', 'thread-dutch.html'));
    const gmail = await ff.openGmail(DUTCH);
    const card = `document.querySelector('section.card[data-email="pieter@devries-advies.nl"]')`;
    await expect.poll(names(gmail), poll).toContain('Pieter de Vries');
    await ff.inSidebar(gmail, `${card}.querySelector('button.primary').click()`);
    await expect.poll(() => ff.inSidebar<string | null>(gmail, `${card}?.querySelector('select')?.value ?? null`), poll).toBe('90');
    await ff.inSidebar(gmail, `(() => { const s = ${card}.querySelector('select'); s.value = '14'; s.dispatchEvent(new Event('change', { bubbles: true })); })()`);

    const popup = await ff.openExtensionPage('popup.html', '.due-row, .empty, .section');
    await popup.waitForSelector('.due-row', { timeout: 10_000 });
    expect(await popup.$eval('.due-row', (e) => e.textContent)).toMatch(/Pieter de Vries.*overdue.*every 2 weeks/);
    const tabs = await popup.$$('[role=tab]');
    await tabs[1]!.click();
    await popup.waitForSelector('button.person');
    expect(await texts(popup, 'button.person .name')).toContain('Pieter de Vries');
    await popup.close();
    await gmail.close();
  });

  it('registers the Alt+Shift+K shortcut and speaks the browser\'s language from _locales', async () => {
    const popup = await ff.openExtensionPage('popup.html', '[role=tab]');
    const commands = await popup.evaluate(() => (globalThis as unknown as { browser: { commands: { getAll(): Promise<{ name: string; shortcut: string }[]> } } }).browser.commands.getAll());
    expect(commands.find((c) => c.name === 'toggle-sidebar')?.shortcut).toBe('Alt+Shift+K');
    expect(await texts(popup, '[role=tab]')).toEqual(['Due', 'People', 'Organisations']);
    await popup.close();
  });

  it('reads and imports a contacts file in a worker on the settings page: an Outlook 2.1 vCard in Windows-1252 is previewed and written', async () => {
    const options = await ff.openExtensionPage('options.html', '#import-file');
    await options.evaluate(() => {
      const bytes = new Uint8Array([...'BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Zo'].map((c) => c.charCodeAt(0)).concat([0xeb], [...' Visser\r\nEMAIL;PREF;INTERNET:zoe@visser.example\r\nEND:VCARD\r\n'].map((c) => c.charCodeAt(0))));
      const input = document.querySelector<HTMLInputElement>('#import-file')!;
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'oud.vcf', { type: 'text/vcard' }));
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await options.waitForSelector('.preview', { timeout: 15_000 });
    const text = await options.$eval('.preview', (e) => e.textContent ?? '');
    expect(text).toContain('1 new people');
    expect(text).toContain('Read as Windows-1252 (Western European)');
    expect(text).toContain('For example: Zoë Visser');
    // The worker writes it: IndexedDB from a worker of a moz-extension page.
    await options.$eval('.preview button.primary', (b) => (b as HTMLButtonElement).click());
    await options.waitForFunction(() => document.querySelector('[role=status]')?.textContent?.startsWith('Imported'), { timeout: 15_000 });
    expect(await options.$eval('[role=status]', (e) => e.textContent)).toBe('Imported: 1 new people, 0 merged into people you had.');
    await options.close();
  });

  it('keeps a hostile page text: markup in names and subjects is never rendered', async () => {
    const evil = '<img src=x onerror="document.title=\'pwned\'">Mallory';
    const html = fixture('gmail', 'thread-one.html')
      .replaceAll('name="Pieter de Vries"', `name="${evil.replace(/"/g, '&quot;')}"`)
      .replace('>Coffee next week?</h2>', '>&lt;svg onload=alert(1)&gt;Subject&lt;/svg&gt;</h2>');
    ff.serveGmail(html);
    const gmail = await ff.openGmail('#inbox/FMfcgzQXJWbqNcKsLvLZhnxDBKXnbgzR');
    await expect.poll(names(gmail), poll).toEqual([evil]);
    expect(await ff.inSidebar<number>(gmail, `document.querySelectorAll('.card img, .card svg, .card script').length`)).toBe(0);
    const popup = await ff.openExtensionPage('popup.html', '.due-row, .empty, .section');
    const tabs = await popup.$$('[role=tab]');
    await tabs[1]!.click();
    await popup.waitForSelector('button.person');
    expect(await texts(popup, 'button.person .name')).toContain(evil);
    expect(await popup.$$eval('main img:not([src="/icon/32.png"]), main svg, main script', (els) => els.length)).toBe(0);
    expect(await popup.title()).not.toBe('pwned');
    await popup.close();
    await gmail.close();
  });
});
