/**
 * Gmail (mail.google.com): who wrote, to whom, in the open conversation or the message list.
 *
 * Gmail's class names are obfuscated and churn, so every person comes from the durable `email`
 * attribute (with `name` beside it), messages from `data-message-id` / `data-legacy-message-id`,
 * and classes are used only to tell sender from recipients and to skip message bodies.
 * Evidence: ../shared/research/webmail-selectors.md §1 (InboxSDK, gmail.js, FlowCrypt, Mailvelope).
 */
import { parseDisplayedDate } from './dates';
import { googleAccountFromControl } from './google-account';
import { asEmail, cleanName, cleanText, looksHidden } from './text';
import type { DetectedItem, DetectedPerson, Detection, Detector, Role } from './types';

/** Each selector names the fixtures it must match (tests/fixtures/gmail/). */
const SEL = {
  /** The main pane; list and thread render inside it. All thread-*.html. */
  main: '[role=main]',
  /** Conversation subject. thread-*.html: exactly one. */
  subject: 'h2.hP',
  /** One per message of the conversation, expanded or collapsed. thread-long.html: 6. */
  message: '[data-message-id], [data-legacy-message-id]',
  /** The element around one message: expanded (h7) or collapsed (kv); hidden groups (kx) show nobody. */
  messageWrapper: '.h7, .kv',
  /** The sender's chip in a message header (gmail.js `span[email].gD`, InboxSDK `td.gF span[email]`). */
  sender: 'span.gD[email], .gF span[email]',
  /** The mixed to/cc/bcc line under the sender: "to me, Bob" (InboxSDK `.hb span[email]`). */
  recipients: '.hb [email]',
  /** The date chip; its title holds the full date (InboxSDK `.ads .gK .g3`). */
  date: '.g3[title], .g3[alt]',
  /** The "details" popup under "to me ▾", with typed rows (gmail.js issue #466). */
  details: 'table.ajC',
  /**
   * Never read people from inside these: message bodies and quoted text, and compose boxes (an
   * inline reply's chips are people being written to, not yet an interaction; research §1.5).
   */
  notHeader: '.a3s, .ii.gt, .gmail_quote, .gmail_attr, blockquote, div.M9, .aaZ, .AD, [role=dialog] form, div.az9',
  /** List rows (InboxSDK thread-row-parser). inbox-list-2014.html: 16. */
  listRow: 'tr.zA',
  /** Senders of a list row, horizontal and vertical split layouts. */
  listSenders: 'td.yX div.yW [email], td.apy div.yW [email], td.apx div.yW [email]',
  listSubject: 'td.a4W div.y6 > span:first-child, td div.xT div.y6 > span:first-child',
  listDate: 'td.xW > span[title], td.apt div.apm > span[title]',
  listThreadId: '[data-legacy-thread-id]',
  /** Promotions ad rows. */
  listAd: '.am0, .bvA',
  /** A compose window (new message, reply or forward). compose-empty-2020.html. */
  compose: 'div.M9, input[name=subjectbox], textarea[name=to]',
  /** The owner's own chip in lists and headers. inbox-list-2014.html: 3 rows. */
  ownerChip: '[email][name="me"], [email][name="ik"], [email][name="mij"]',
} as const;

/** Row labels of the details popup, English and Dutch. */
const DETAIL_ROLES: Record<string, Role | 'skip'> = {
  from: 'from', van: 'from',
  to: 'to', aan: 'to',
  cc: 'cc',
  bcc: 'bcc',
  'reply-to': 'skip', 'antwoord aan': 'skip', 'antwoorden aan': 'skip',
  date: 'skip', datum: 'skip', subject: 'skip', onderwerp: 'skip',
  'mailed-by': 'skip', 'signed-by': 'skip', 'verzonden door': 'skip', 'ondertekend door': 'skip',
  security: 'skip', beveiliging: 'skip',
};


function person(el: Element, role: Role, account: string | null): DetectedPerson | null {
  const email = asEmail(el.getAttribute('email') ?? el.getAttribute('data-hovercard-id'));
  if (!email) return null;
  // Gmail labels the owner "me" ("mij" in Dutch): a pronoun, not their name.
  const name = email === account ? null : cleanName(el.getAttribute('name') ?? el.textContent);
  return { email, name, role };
}

/** "18f3a1b2c4d5e6f7" stays; "#msg-f:1789…" (decimal) becomes the same hex the legacy attribute holds. */
export function normaliseGmailId(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const v = raw.trim().replace(/^#/, '');
  if (!v || v === 'undefined') return null;
  const m = /^(?:msg|thread)-f:(\d{1,24})$/.exec(v);
  if (m) return BigInt(m[1]!).toString(16);
  if (/^[0-9a-f]{8,24}$/i.test(v)) return v.toLowerCase();
  return v.slice(0, 100);
}

/** The signed-in address: the title ("Inbox (3) - me@x.com - Gmail"), the account control, or the "me" chip. */
export function gmailAccount(doc: Document): string | null {
  const fromTitle = doc.title.split(' - ').map((p) => asEmail(p)).find(Boolean);
  if (fromTitle) return fromTitle;
  const fromControl = googleAccountFromControl(doc);
  if (fromControl) return fromControl;
  // Gmail names the owner "me" ("ik"/"mij" in Dutch) on their own chips (inbox-list-2014.html).
  return asEmail(doc.querySelector(SEL.ownerChip)?.getAttribute('email'));
}

function threadIdFrom(doc: Document, url: URL): string | null {
  const main = doc.querySelector(SEL.main) ?? doc;
  // Scope to the conversation: list rows carry thread ids too (research §6, point 2).
  const h = main.querySelector(`${SEL.subject}[data-legacy-thread-id], ${SEL.subject}[data-thread-perm-id]`);
  const fromDom =
    normaliseGmailId(h?.getAttribute('data-legacy-thread-id')) ??
    normaliseGmailId(h?.getAttribute('data-thread-perm-id'));
  if (fromDom) return fromDom;
  // "#inbox/<id>", "#label/Foo/<id>", "#search/query/<id>"
  const last = url.hash.split('/').pop();
  return url.hash.includes('/') && last && /^[A-Za-z0-9]{16,}$/.test(last) ? normaliseGmailId(last) : null;
}

function detailRows(wrapper: Element, account: string | null): DetectedPerson[] | null {
  const table = wrapper.getElementsByClassName('ajC')[0];
  if (!table || looksHidden(table)) return null;
  const people: DetectedPerson[] = [];
  for (const row of Array.from(table.querySelectorAll('tr'))) {
    const cells = row.querySelectorAll('td');
    const label = cleanText(cells[0]?.textContent)?.replace(/:$/, '').toLowerCase();
    const role = label ? DETAIL_ROLES[label] : undefined;
    if (!role || role === 'skip') continue;
    for (const el of Array.from(row.querySelectorAll('[email]'))) {
      const p = person(el, role, account);
      if (p) people.push(p);
    }
  }
  return people.some((p) => p.role === 'from') ? people : null;
}

function dedupe(people: DetectedPerson[]): DetectedPerson[] {
  const seen = new Set<string>();
  return people.filter((p) => {
    const key = `${p.role}|${p.email}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function threadItems(doc: Document, url: URL, account: string | null): DetectedItem[] {
  const main = doc.querySelector(SEL.main) ?? doc.body;
  if (!main) return [];
  const subject = cleanText(main.querySelector(SEL.subject)?.textContent);
  const threadId = threadIdFrom(doc, url);
  // One pass, no per-element ancestor search against the long body selector: what lies inside
  // bodies, quotes and compose boxes is collected by one query and left out (bench: detect-100).
  const hidden = new Set<Element>();
  for (const root of Array.from(main.querySelectorAll(SEL.notHeader))) {
    for (const el of Array.from(root.querySelectorAll(`[email], ${SEL.date}, ${SEL.message}, ${SEL.messageWrapper}`))) hidden.add(el);
  }
  const wrapperOf = (el: Element) => el.closest(SEL.messageWrapper);
  // Messages in page order: expanded and collapsed wrappers, and id-carrying elements outside them.
  const order: Element[] = [];
  const byWrapper = new Map<Element, { id: string | null; from: Element | null; recipients: Element[]; date: Element | null }>();
  const entry = (w: Element) => {
    let e = byWrapper.get(w);
    if (!e) {
      e = { id: null, from: null, recipients: [], date: null };
      byWrapper.set(w, e);
      order.push(w);
    }
    return e;
  };
  for (const el of Array.from(main.querySelectorAll(`${SEL.messageWrapper}, ${SEL.message}`))) {
    if (hidden.has(el)) continue;
    const w = wrapperOf(el) ?? el;
    const e = entry(w);
    if (e.id === null && el.matches(SEL.message)) {
      e.id = normaliseGmailId(el.getAttribute('data-legacy-message-id')) ?? normaliseGmailId(el.getAttribute('data-message-id'));
    }
  }
  for (const el of Array.from(main.querySelectorAll('[email]'))) {
    if (hidden.has(el)) continue;
    const w = wrapperOf(el);
    const e = w && byWrapper.get(w);
    if (!e) continue;
    if (el.classList.contains('gD') || (!e.from && el.closest('.gF'))) e.from ??= el;
    else if (el.closest('.hb')) e.recipients.push(el);
  }
  for (const el of Array.from(main.querySelectorAll(SEL.date))) {
    if (hidden.has(el)) continue;
    const w = wrapperOf(el);
    const e = w && byWrapper.get(w);
    if (e && !e.date) e.date = el;
  }
  const items: DetectedItem[] = [];
  const seenIds = new Set<string>();
  for (const w of order) {
    const e = byWrapper.get(w)!;
    if (e.id && seenIds.has(e.id)) continue; // the wrapper and its body may both carry the id
    if (e.id) seenIds.add(e.id);
    let people = detailRows(w, account);
    if (!people) {
      people = [];
      const from = e.from && person(e.from, 'from', account);
      if (from) people.push(from);
      for (const r of e.recipients) {
        const p = person(r, 'recipient', account);
        if (p) people.push(p);
      }
    }
    const at = parseDisplayedDate(e.date?.getAttribute('title') ?? e.date?.getAttribute('alt'));
    people = dedupe(people);
    if (people.length === 0 && !e.id) continue;
    items.push({ kind: 'email', id: e.id, subject, at, people, threadId });
  }
  return items;
}

function listItems(doc: Document, account: string | null): DetectedItem[] {
  const items: DetectedItem[] = [];
  for (const row of Array.from(doc.querySelectorAll(SEL.listRow))) {
    if (row.querySelector(SEL.listAd) || looksHidden(row)) continue;
    const people = dedupe(
      Array.from(row.querySelectorAll(SEL.listSenders))
        .map((el) => person(el, 'from', account))
        .filter((p): p is DetectedPerson => p !== null),
    );
    if (people.length === 0) continue;
    const threadId = normaliseGmailId(row.querySelector(SEL.listThreadId)?.getAttribute('data-legacy-thread-id'));
    const subject = cleanText(row.querySelector(SEL.listSubject)?.textContent);
    const at = parseDisplayedDate(row.querySelector(SEL.listDate)?.getAttribute('title'));
    items.push({ kind: 'email', id: threadId, subject, at, people, threadId });
  }
  return items;
}

export function detectGmail(doc: Document, url: URL): Detection {
  const account = gmailAccount(doc);
  const thread = threadItems(doc, url, account);
  if (thread.length > 0) {
    const failure = thread.some((i) => i.people.length === 0) ? 'no-people' : thread.some((i) => !i.id) ? 'no-id' : undefined;
    return { provider: 'gmail', view: 'thread', account, items: thread, ...(failure ? { failure } : {}) };
  }
  // A conversation is open (it has a subject) but no message was readable: Gmail changed.
  const main = doc.querySelector(SEL.main);
  if (main?.querySelector(SEL.subject) && !looksHidden(main)) {
    return { provider: 'gmail', view: 'thread', account, items: [], failure: 'no-people' };
  }
  const list = listItems(doc, account);
  if (list.length > 0) return { provider: 'gmail', view: 'list', account, items: list };
  // Compose: people being written to are not interactions until sent (issue 3).
  const view = doc.querySelector(SEL.compose) ? 'compose' : 'other';
  return { provider: 'gmail', view, account, items: [] };
}

export const gmail: Detector = {
  provider: 'gmail',
  matches: (url) => url.hostname === 'mail.google.com',
  detect: detectGmail,
};

// Tested on: tests/fixtures/gmail/*.html (see each .expected.json).
