/**
 * Outlook on the web (outlook.live.com, outlook.office.com, outlook.office365.com): who wrote, to
 * whom, in the reading pane or conversation, and senders in the message list.
 * Outlook often shows display names without addresses (research §2.2, "Key limitation"): such a
 * person is reported with `email: null`, never an invented address; Kring resolves the name when
 * an address for it appears on a later page.
 */
import { parseDisplayedDate } from './dates';
import { chipsIn, headerRole, outlookAccount } from './outlook-common';
import { cleanName, cleanText, findEmail, looksHidden } from './text';
import type { DetectedItem, DetectedPerson, Detection, Detector } from './types';

const SEL = {
  /** The reading pane (gabeosx live capture; Outlook-Copy). All reading-pane fixtures: 1. */
  readingPane: '[id="ReadingPaneContainerId"], [role=main][aria-label="Reading Pane"], [role=main][aria-label="Leesvenster"], [data-app-section="ConversationContainer"]',
  conversation: '[data-app-section="ConversationContainer"]',
  /** One message in the pane. conversation.html: 3. */
  message: '[data-app-section="MailReadCompose"], [aria-label="Email message"], [aria-label="E-mailbericht"]',
  heading: '[role=heading]',
  /** Message bodies: quoted headers and addresses in them are not people. */
  body: '[role=document], [aria-label="Message body"], [aria-label="Berichttekst"], blockquote',
  /** The message list and its rows (gabeosx capture 4). message-list.html: 4 rows. */
  listRow: '[role=listbox] [role=option][data-convid]',
  listTime: '[title]',
  /** Compose: a form with recipient wells (Briskine, Mailvelope). */
  compose: '[data-app-section="Form_Content"], [aria-label="Message body, press Alt+F10 to exit"]',
} as const;

const inBody = (el: Element) => el.closest(SEL.body) !== null;

function itemId(url: URL): string | null {
  const m = /\/(?:id|read)\/([^/?#]+)/.exec(url.pathname);
  return m ? decodeURIComponent(m[1]!).slice(0, 200) : null;
}

function messageItem(msg: Element, subject: string | null, convId: string | null, account: string | null): DetectedItem | null {
  const people: DetectedPerson[] = [];
  let at: string | null = null;
  for (const h of Array.from(msg.querySelectorAll(SEL.heading))) {
    if (inBody(h)) continue;
    const role = headerRole(h.getAttribute('aria-label') ?? h.textContent);
    if (role) people.push(...chipsIn(h, role, account));
    else at ??= parseDisplayedDate(cleanText(h.textContent));
  }
  if (people.length === 0) return null;
  return { kind: 'email', id: convId && at ? `${convId}@${at}` : null, subject, at, people, threadId: convId };
}

function paneItems(doc: Document, url: URL, account: string | null): DetectedItem[] | null {
  const pane = Array.from(doc.querySelectorAll(SEL.readingPane)).find((p) => !looksHidden(p));
  if (!pane) return null;
  const conv = pane.matches(SEL.conversation) ? pane : pane.querySelector(SEL.conversation);
  const convId = cleanText(conv?.getAttribute('data-convid')) ?? itemId(url);
  const messages = Array.from(pane.querySelectorAll(SEL.message)).filter((m) => !inBody(m));
  // The subject: the pane's heading that is neither a header line, a date, nor inside a message.
  const subject =
    Array.from(pane.querySelectorAll(SEL.heading))
      .filter((h) => !h.closest(SEL.message) && !headerRole(h.getAttribute('aria-label') ?? h.textContent))
      .map((h) => cleanText(h.textContent))
      .find((t) => t && !parseDisplayedDate(t)) ?? null;
  const items = messages.map((m) => messageItem(m, subject, convId, account)).filter((i): i is DetectedItem => i !== null);
  // A single message without a conversation id takes the item id from the URL.
  if (items.length === 1 && !items[0]!.id) items[0]!.id = itemId(url);
  return items;
}

function listItems(doc: Document, account: string | null): DetectedItem[] {
  const items: DetectedItem[] = [];
  for (const row of Array.from(doc.querySelectorAll(SEL.listRow))) {
    if (looksHidden(row)) continue;
    const convId = cleanText(row.getAttribute('data-convid'));
    const titled = Array.from(row.querySelectorAll(SEL.listTime)).map((e) => ({ el: e, title: e.getAttribute('title') ?? '' }));
    const at = titled.map((t) => parseDisplayedDate(t.title)).find(Boolean) ?? null;
    // The sender: the first titled element holding an address, else the first one that is a name.
    const sender = titled.find((t) => findEmail(t.title)) ?? titled.find((t) => !parseDisplayedDate(t.title));
    const email = sender ? findEmail(sender.title) : null;
    const name = sender ? cleanName(sender.el.textContent) : null;
    if (!email && !name) continue;
    const subjectEl = titled.filter((t) => t !== sender && !parseDisplayedDate(t.title))[0];
    const from: DetectedPerson = { email, name: email && email === account ? null : name, role: 'from' };
    items.push({ kind: 'email', id: convId && at ? `${convId}@${at}` : null, subject: cleanText(subjectEl?.el.textContent), at, people: [from], threadId: convId });
  }
  return items;
}

export function detectOutlookMail(doc: Document, url: URL): Detection {
  const { account, accountName } = outlookAccount(doc);
  const base = { provider: 'outlook-mail' as const, account, accountName };
  const pane = paneItems(doc, url, account);
  if (pane && pane.length > 0) {
    const failure = pane.some((i) => !i.id) ? ('no-id' as const) : undefined;
    return { ...base, view: 'thread', items: pane, ...(failure ? { failure } : {}) };
  }
  if (pane && /\/(id|read)\//.test(url.pathname)) return { ...base, view: 'thread', items: [], failure: 'no-people' };
  const list = listItems(doc, account);
  if (list.length > 0) return { ...base, view: 'list', items: list };
  return { ...base, view: doc.querySelector(SEL.compose) ? 'compose' : 'other', items: [] };
}

const HOSTS = new Set(['outlook.live.com', 'outlook.office.com', 'outlook.office365.com']);

export const outlookMail: Detector = {
  provider: 'outlook-mail',
  matches: (url) => HOSTS.has(url.hostname) && !url.pathname.startsWith('/calendar'),
  detect: detectOutlookMail,
};

// Tested on: tests/fixtures/outlook-mail/*.html (see each .expected.json).
