/**
 * Issue 9, "data never leaks to the page": with a history stored, the webmail page's own scripts
 * walk everything they can reach (the DOM, every open shadow root, frames, URLs, storage) and
 * find none of it; and the sidebar's frame, hidden or covered by the page, cannot be made to
 * remove anyone from the network or forget, erase or import anything.
 */
import type { Page, Worker } from '@playwright/test';
import { expect, openPopup, sidebarOf, storeCounts, test } from '../e2e/fixtures';

const ME = 'sanne.bakker@gmail.com';
const SECRETS = ['Overname Zuidas vertrouwelijk', 'Zelda Geheimhouder', 'zelda@geheim.example', 'Prefers calls after 4 pm, divorce pending'];

/** Earlier captures through the real message path, as a Gmail tab of the past would have sent them. */
async function seedHistory(sw: Worker) {
  await sw.evaluate(
    async ({ me }) => {
      const receive = (globalThis as unknown as { kringReceive(m: unknown, s: unknown): Promise<unknown> }).kringReceive;
      const sender = { id: (globalThis as unknown as { chrome: { runtime: { id: string } } }).chrome.runtime.id, tab: { id: 999 }, frameId: 0, origin: 'https://mail.google.com' };
      const items = [
        { kind: 'email', id: 'a1', subject: 'Overname Zuidas vertrouwelijk', at: '2026-10-01T10:00:00+02:00', threadId: 'old1', people: [{ email: 'pieter@devries-advies.nl', name: 'Pieter de Vries', role: 'from' }, { email: me, name: null, role: 'to' }, { email: 'zelda@geheim.example', name: 'Zelda Geheimhouder', role: 'cc' }] },
        { kind: 'email', id: 'a2', subject: 'Re: Overname Zuidas vertrouwelijk', at: '2026-10-02T10:00:00+02:00', threadId: 'old1', people: [{ email: me, name: null, role: 'from' }, { email: 'pieter@devries-advies.nl', name: 'Pieter de Vries', role: 'to' }] },
      ];
      await receive({ type: 'capture/detected', detection: { provider: 'gmail', view: 'thread', account: me, items } }, sender);
    },
    { me: ME },
  );
}

async function addNote(page: Page, email: string, note: string) {
  await page.evaluate(
    ({ email, note }) =>
      new Promise<void>((resolve, reject) => {
        const r = indexedDB.open('kring');
        r.onsuccess = () => {
          const tx = r.result.transaction(['addresses', 'people'], 'readwrite');
          const a = tx.objectStore('addresses').get(email);
          a.onsuccess = () => {
            const people = tx.objectStore('people');
            const p = people.get(a.result.personId);
            p.onsuccess = () => people.put({ ...p.result, notes: note, status: 'network', cadenceDays: 30 });
          };
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
    { email, note },
  );
}

/** Everything the page's own world can read: text, attributes, open shadow roots, frames, URLs, storage. */
const pageWorldReach = (page: Page) =>
  page.evaluate(() => {
    const seen: string[] = [];
    const frames: { src: string | null; readable: boolean }[] = [];
    const walk = (root: Node) => {
      const it = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let n: Node | null = it.currentNode; n; n = it.nextNode()) {
        if (n.nodeType === Node.TEXT_NODE) seen.push(n.nodeValue ?? '');
        if (!(n instanceof Element)) continue;
        for (const a of Array.from(n.attributes)) seen.push(a.value);
        if (n.shadowRoot) walk(n.shadowRoot);
        if (n instanceof HTMLIFrameElement) {
          let readable = false;
          try {
            const doc = n.contentDocument;
            if (doc) {
              readable = true;
              walk(doc);
            }
          } catch {
            /* cross-origin: not readable */
          }
          frames.push({ src: n.src, readable });
        }
      }
    };
    walk(document);
    for (let i = 0; i < window.frames.length; i++) {
      try {
        seen.push(window.frames[i]!.location.href, window.frames[i]!.document.documentElement.outerHTML);
      } catch {
        /* cross-origin */
      }
    }
    seen.push(location.href, document.title, document.cookie, JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage }), JSON.stringify(performance.getEntries().map((e) => e.name)));
    return { text: seen.join('\n'), frames, shadowRoots: Array.from(document.querySelectorAll('*')).filter((e) => e.shadowRoot).length };
  });

test('the page cannot reach stored history: no subject, note or other person in its DOM, shadow roots, frames or URLs', async ({ context, serviceWorker, extensionId, served }) => {
  await seedHistory(serviceWorker);
  const popup = await openPopup(context, extensionId);
  await addNote(popup, 'pieter@devries-advies.nl', SECRETS[3]!);

  served.gmail('thread-one.html');
  const gmail = await context.newPage();
  await gmail.setViewportSize({ width: 1280, height: 800 });
  await gmail.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWbqNcKsLvLZhnxDBKXnbgzR');
  // The sidebar shows Pieter with his history, the old confidential subject among it…
  const card = sidebarOf(gmail).locator('.card[data-email="pieter@devries-advies.nl"]');
  await expect(card).toBeVisible();
  await expect(card.locator('.history')).toContainText('Overname Zuidas vertrouwelijk');

  // …yet from the page's own world none of it is there.
  const reach = await pageWorldReach(gmail);
  expect(reach.frames.length).toBeGreaterThan(0);
  expect(reach.frames.filter((f) => f.readable)).toEqual([]);
  for (const secret of SECRETS) expect(reach.text.toLowerCase(), secret).not.toContain(secret.toLowerCase());
  // The sidebar frame's address carries nothing about people either.
  for (const f of reach.frames) expect(f.src ?? '').not.toMatch(/@|zuidas|pieter/i);
});

test('the sidebar frame hidden or covered by the page: clicks in it cannot remove a network person, forget, erase or import', async ({ context, serviceWorker, extensionId, served }) => {
  await seedHistory(serviceWorker);
  const popup = await openPopup(context, extensionId);
  await addNote(popup, 'pieter@devries-advies.nl', 'Met at the Zuidas fair');
  const before = await storeCounts(popup);

  served.gmail('thread-one.html');
  const gmail = await context.newPage();
  await gmail.setViewportSize({ width: 1280, height: 800 });
  await gmail.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWbqNcKsLvLZhnxDBKXnbgzR');
  const sidebar = sidebarOf(gmail);
  await expect(sidebar.locator('.card[data-email="pieter@devries-advies.nl"]')).toBeVisible();
  // Clickjacking: the page makes the frame invisible and paints a decoy over it that lets clicks
  // through, so the user's clicks on the decoy land in the frame.
  await gmail.evaluate(() => {
    const frame = document.querySelector('iframe[title="Kring"]') as HTMLIFrameElement;
    frame.style.setProperty('opacity', '0', 'important');
    const decoy = document.createElement('div');
    decoy.textContent = 'Click here to claim your prize';
    decoy.style.cssText = 'position:fixed;inset:0;z-index:2147483647;background:#fff;pointer-events:none';
    document.documentElement.append(decoy);
  });
  // Every control in the frame, clicked (forced past the overlay, as a tricked user's clicks would land).
  const buttons = sidebar.locator('button:visible');
  const labels = await buttons.allTextContents();
  expect(labels.join(' ')).not.toMatch(/erase|import|wis alles|importeer/i);
  const pages = context.pages().length;
  // Last first: the first is the frame's own collapse tab, after which the others are hidden.
  for (let i = labels.length - 1; i >= 0; i--) await buttons.nth(i).click({ force: true });
  expect(labels).toContain('Forget…');
  await gmail.waitForTimeout(500);

  // Pieter (in the network) is not removed; nothing was forgotten or erased; "Forget" at most
  // opened the settings page, where forgetting waits for a confirmation there.
  const after = await storeCounts(popup);
  expect(after.forgotten ?? 0).toBe(0);
  expect(after.interactions).toBeGreaterThanOrEqual(before.interactions!);
  const pieter = await popup.evaluate(
    () =>
      new Promise<{ status: string; notes: string } | null>((resolve) => {
        const r = indexedDB.open('kring');
        r.onsuccess = () => {
          const tx = r.result.transaction(['addresses', 'people']);
          const a = tx.objectStore('addresses').get('pieter@devries-advies.nl');
          a.onsuccess = () => {
            if (!a.result) return resolve(null);
            const p = tx.objectStore('people').get(a.result.personId);
            p.onsuccess = () => resolve(p.result);
          };
        };
      }),
  );
  expect(pieter).toMatchObject({ status: 'network', notes: 'Met at the Zuidas fair' });
  const opened = context.pages().slice(pages);
  expect(opened).toHaveLength(1); // the "Forget" button: a settings page asking to confirm
  for (const p of opened) {
    await expect(p.getByRole('alertdialog')).toContainText('Forget Pieter de Vries?');
    expect(new URL(p.url()).pathname).toBe('/options.html');
  }
});

test('a tab that leaves the webmail for another site cannot read the page Kring kept for it, even by framing the sidebar', async ({ context, extensionId, served }) => {
  served.gmail('thread-one.html');
  const tab = await context.newPage();
  await tab.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWbqNcKsLvLZhnxDBKXnbgzR');
  await expect(sidebarOf(tab).locator('.card[data-email="pieter@devries-advies.nl"]')).toBeVisible();
  // The address Kring's frame was loaded from, as if it had leaked (a page can read its own DOM).
  const leaked = await tab.evaluate(() => (document.querySelector('iframe[title="Kring"]') as HTMLIFrameElement).src.replace(/#.*$/, ''));
  expect(new URL(leaked).host).not.toBe(extensionId); // a per-session address, not the extension's id
  // The same tab goes to a site that frames Kring's sidebar page: from its fixed address (which
  // no longer answers, issue 16) and from the leaked one (which carries this tab's key).
  await context.route('https://evil.example/**', (r) =>
    r.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>Evil</title><iframe id="fixed" src="chrome-extension://${extensionId}/sidebar.html" width="320" height="300"></iframe><iframe id="probe" src="${leaked}" width="320" height="600"></iframe>`,
    }),
  );
  await tab.goto('https://evil.example/');
  const probe = tab.frameLocator('#probe');
  // It loads, asks the background for this tab's page, and gets nothing: it stays a closed tab.
  await expect(probe.locator('.sidebar-tab')).toBeVisible();
  await probe.locator('.sidebar-tab').click();
  await tab.waitForTimeout(1000);
  await expect(probe.locator('.card')).toHaveCount(0);
  // Inside, the page's address is the extension's own (Chrome maps the per-session one to it).
  const key = new URL(leaked).searchParams.get('k')!;
  const frame = tab.frames().find((f) => f.url().includes(`/sidebar.html?k=${key}`))!;
  expect(await frame.evaluate(() => document.body.innerText)).not.toMatch(/Pieter|devries/i);
  // The fixed address shows no Kring page at all.
  await expect(tab.frameLocator('#fixed').locator('.sidebar-tab, .card')).toHaveCount(0);
});
