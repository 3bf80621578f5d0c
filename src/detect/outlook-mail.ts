/**
 * Outlook on the web (outlook.live.com, outlook.office.com, outlook.office365.com): who wrote, to
 * whom, in the reading pane or conversation, and senders in the message list.
 * Outlook often shows display names without addresses (research §2.2, "Key limitation"): such a
 * person is reported with `email: null`, never an invented address; Kring resolves the name when
 * an address for it appears on a later page.
 *
 * Durable anchors: the pane's id and `data-app-section`s, `data-convid`, `[role=heading]` header
 * lines, `[role=document]` bodies, chips (outlook-common.ts), the URL's item id, the list's
 * `[role=listbox] [role=option][data-convid]` rows and their `title`s.
 * Hints: the ARIA labels of the pane, the message and the body, and the header lines' labels
 * ("From:", "Von:", "De :"…), in eight languages (OUTLOOK_WORDS, labels.ts). Without the message
 * wrapper, each header line naming a sender starts a message (a reading pane showing one message
 * with no wrapper is that one message); without known labels, the first header line with people
 * is the sender and the others are recipients. Either is marked `degraded`.
 */
import { parseDisplayedDate } from './dates';
import { OUTLOOK_WORDS, ariaAny, chipsIn, headerLineRole, outlookAccount } from './outlook-common';
import { cleanName, cleanText, findEmail, looksHidden } from './text';
import type { DetectedItem, DetectedPerson, Detection, Detector, Role, PageAddress } from './types';

const SEL = {
  /** The reading pane (gabeosx live capture; Outlook-Copy; Mailvelope's German template). All reading-pane fixtures: 1. */
  readingPane: `[id="ReadingPaneContainerId"], [id="ConversationReadingPaneContainer"], ${ariaAny(OUTLOOK_WORDS.readingPane, false, '[role=main]')}, [data-app-section="ConversationContainer"]`,
  conversation: '[data-app-section="ConversationContainer"]',
  /** One message in the pane. conversation.html: 3. */
  message: `[data-app-section="MailReadCompose"], ${ariaAny(OUTLOOK_WORDS.message)}`,
  /** Header lines and dates: headings, and labelled lines ("From: …" spans, recipient wells). */
  line: '[role=heading], [aria-label], [data-testid="RecipientWell"]',
  heading: '[role=heading]',
  /** Message bodies: quoted headers and addresses in them are not people. */
  body: `[role=document], ${ariaAny(OUTLOOK_WORDS.messageBody)}, [id^="UniqueMessageBody"], blockquote`,
  /** The message list and its rows (gabeosx capture 4). message-list.html: 4 rows. */
  listRow: '[role=listbox] [role=option][data-convid]',
  listTime: '[title]',
  /** Compose: a form with recipient wells (Briskine, Mailvelope). */
  compose: '[data-app-section="Form_Content"], [aria-label="Message body, press Alt+F10 to exit"], [contenteditable="true"][role=textbox]',
} as const;

const inBody = (el: Element) => el.closest(SEL.body) !== null;

function itemId(url: PageAddress): string | null {
  const m = /\/(?:id|read)\/([^/?#]+)/.exec(url.pathname);
  return m ? decodeURIComponent(m[1]!).slice(0, 200) : null;
}

interface Line {
  el: Element;
  /** The role its label names, or null for a line with people whose label is unknown. */
  role: Role | null;
}

/** A header line's label: its ARIA label, else its text. */
const labelOf = (el: Element) => el.getAttribute('aria-label') ?? el.textContent;

/** The header lines and date headings of one region (a message, or a whole pane), in page order. */
function headerParts(region: Element, lang: string | null): { lines: Line[]; dates: { el: Element; at: string }[] } {
  const lines: Line[] = [];
  const dates: { el: Element; at: string }[] = [];
  const taken: Element[] = [];
  for (const el of Array.from(region.querySelectorAll(SEL.line))) {
    if (inBody(el) || taken.some((t) => t.contains(el))) continue;
    const role = headerLineRole(labelOf(el));
    if (role) {
      lines.push({ el, role });
      taken.push(el);
      continue;
    }
    if (!el.matches(SEL.heading)) continue;
    const at = parseDisplayedDate(cleanText(el.textContent), { lang });
    if (at) dates.push({ el, at });
    else if (chipsIn(el, 'to', null).length > 0 && el.querySelector('button, [role=button], a[href^="mailto:" i], [title*="@"]')) {
      lines.push({ el, role: null });
      taken.push(el);
    }
  }
  return { lines, dates };
}

function messageItem(lines: Line[], at: string | null, subject: string | null, convId: string | null, account: string | null, degraded: Set<string>): DetectedItem | null {
  const people: DetectedPerson[] = [];
  lines.forEach((line, n) => {
    let role = line.role;
    if (!role) {
      degraded.add('outlook:header-label');
      role = n === 0 ? 'from' : 'recipient';
    }
    people.push(...chipsIn(line.el, role, account));
  });
  if (people.length === 0) return null;
  return { kind: 'email', id: convId && at ? `${convId}@${at}` : null, subject, at, people, threadId: convId };
}

function paneItems(doc: Document, url: PageAddress, account: string | null, lang: string | null, degraded: Set<string>): DetectedItem[] | null {
  const pane = Array.from(doc.querySelectorAll(SEL.readingPane)).find((p) => !looksHidden(p));
  if (!pane) return null;
  const conv = pane.matches(SEL.conversation) ? pane : pane.querySelector(SEL.conversation);
  const convId = cleanText(conv?.getAttribute('data-convid')) ?? itemId(url);
  const messages = Array.from(pane.querySelectorAll(SEL.message)).filter((m) => !inBody(m));
  // The subject: the pane's heading that is neither a header line, a date, nor inside a message.
  const subjectOf = (exclude: Set<Element>) =>
    Array.from(pane.querySelectorAll(SEL.heading))
      .filter((h) => !h.closest(SEL.message) && !exclude.has(h) && !inBody(h) && !headerLineRole(labelOf(h)))
      .map((h) => cleanText(h.textContent))
      .find((t) => t && !parseDisplayedDate(t, { lang })) ?? null;
  let items: DetectedItem[];
  if (messages.length > 0) {
    const subject = subjectOf(new Set());
    items = messages
      .map((m) => {
        const { lines, dates } = headerParts(m, lang);
        return messageItem(lines, dates[0]?.at ?? null, subject, convId, account, degraded);
      })
      .filter((i): i is DetectedItem => i !== null);
  } else {
    // No message wrapper: each line naming a sender starts a message, with the lines and the date
    // that follow it (a pane showing a single message is that message).
    const { lines, dates } = headerParts(pane, lang);
    if (lines.length === 0) return [];
    degraded.add('outlook:message-wrapper');
    const starts = lines.map((l, i) => (l.role === 'from' || (i === 0 && l.role === null) ? i : -1)).filter((i) => i >= 0);
    if (starts[0] !== 0) starts.unshift(0);
    const subject = subjectOf(new Set([...lines.map((l) => l.el), ...dates.map((d) => d.el)]));
    const follows = (a: Element, b: Element) => (a.compareDocumentPosition(b) & 4) !== 0; // b after a
    items = starts
      .map((start, k) => {
        const end = starts[k + 1] ?? lines.length;
        const own = lines.slice(start, end);
        const next = lines[end]?.el ?? null;
        const date = dates.find((d) => follows(own[0]!.el, d.el) && (!next || follows(d.el, next)));
        return messageItem(own, date?.at ?? null, subject, convId, account, degraded);
      })
      .filter((i): i is DetectedItem => i !== null);
  }
  // A single message without a conversation id takes the item id from the URL.
  if (items.length === 1 && !items[0]!.id) items[0]!.id = itemId(url);
  return items;
}

function listItems(doc: Document, account: string | null, lang: string | null): DetectedItem[] {
  const items: DetectedItem[] = [];
  for (const row of Array.from(doc.querySelectorAll(SEL.listRow))) {
    if (looksHidden(row)) continue;
    const convId = cleanText(row.getAttribute('data-convid'));
    const titled = Array.from(row.querySelectorAll(SEL.listTime)).map((e) => ({ el: e, title: e.getAttribute('title') ?? '' }));
    const dateOf = (t: string) => parseDisplayedDate(t, { lang });
    const at = titled.map((t) => dateOf(t.title)).find(Boolean) ?? null;
    // The sender: the first titled element holding an address, else the first one that is a name.
    const sender = titled.find((t) => findEmail(t.title)) ?? titled.find((t) => !dateOf(t.title));
    const email = sender ? findEmail(sender.title) : null;
    const name = sender ? cleanName(sender.el.textContent) : null;
    if (!email && !name) continue;
    const subjectEl = titled.filter((t) => t !== sender && !dateOf(t.title))[0];
    const from: DetectedPerson = { email, name: email && email === account ? null : name, role: 'from' };
    items.push({ kind: 'email', id: convId && at ? `${convId}@${at}` : null, subject: cleanText(subjectEl?.el.textContent), at, people: [from], threadId: convId });
  }
  return items;
}

export function detectOutlookMail(doc: Document, url: PageAddress): Detection {
  const { account, accountName } = outlookAccount(doc);
  const lang = doc.documentElement?.getAttribute('lang') ?? null;
  const degraded = new Set<string>();
  const base = { provider: 'outlook-mail' as const, account, accountName };
  const marks = () => (degraded.size ? { degraded: [...degraded].sort() } : {});
  const pane = paneItems(doc, url, account, lang, degraded);
  if (pane && pane.length > 0) {
    const failure = pane.some((i) => !i.id) ? ('no-id' as const) : undefined;
    return { ...base, view: 'thread', items: pane, ...(failure ? { failure } : {}), ...marks() };
  }
  if (pane && /\/(id|read)\//.test(url.pathname)) return { ...base, view: 'thread', items: [], failure: 'no-people', ...marks() };
  const list = listItems(doc, account, lang);
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
