/**
 * Gmail (mail.google.com): who wrote, to whom, in the open conversation or the message list.
 *
 * Durable anchors, read first: the `email` attribute on every person chip (with `name` beside it,
 * and `data-hovercard-id`), message ids in `data-message-id` / `data-legacy-message-id` (and, where
 * no element carries one, the `#msg-f:` id base64-encoded in a body's `jslog`), thread ids in
 * `data-legacy-thread-id` / `data-thread-perm-id` and the URL hash, `[role=main]`, the subject's
 * `h2`, the sender's `h3`, `title` attributes holding the full date, `blockquote`, forms, and the
 * details popup's `[role=dialog]` with its row labels.
 * Hints (obfuscated classes that churn with every Gmail build): the message wrappers `h7`/`kv`,
 * the sender chip `gD` (in `gF`), the recipients line `hb`, the date chip `g3`, bodies `a3s`/`ii`,
 * compose boxes `M9`/`aaZ`/`az9`, the details table `ajC`, list rows `zA`.
 * Losing any hint still reads the right people: a message is then everything around its id up to
 * the next message or the subject; its sender is the chip in its `h3` (else its first chip); every
 * other chip outside the details popup is a recipient; list rows are the table rows holding chips.
 * Such a reading is marked `degraded` with the hints that were missing.
 * Evidence: ../shared/research/webmail-selectors.md §1 and §7 (InboxSDK, gmail.js, FlowCrypt, Mailvelope, defuddle).
 */
import { googleAccountFromControl } from './google-account';
import { headerRole } from './labels';
import { asEmail, cleanText, looksHidden } from './text';
import { MAX_ADDRESS, MAX_RAW_NAME, PRINTED_DATE_MAX, PRINTED_DATES_PER_ITEM, type DetectedItem, type DetectedPerson, type Detection, type Detector, type Role, type PageAddress } from './types';

/** Each selector names the fixtures it must match (tests/fixtures/gmail/). */
const SEL = {
  /** The main pane; list and thread render inside it. All thread-*.html. */
  main: '[role=main]',
  /** Conversation subject. thread-*.html: exactly one. Hint class, then the durable heading. */
  subject: 'h2.hP',
  subjectDurable: 'h2[data-legacy-thread-id], h2[data-thread-perm-id]',
  /** One per message of the conversation, expanded or collapsed. thread-long.html: 6. */
  message: '[data-message-id], [data-legacy-message-id]',
  /** The element around one message: expanded (h7) or collapsed (kv); hidden groups (kx) show nobody. */
  messageWrapper: '.h7, .kv',
  /** The sender's chip in a message header (gmail.js `span[email].gD`, InboxSDK `td.gF span[email]`). */
  sender: '.gD[email], .gF [email]',
  /** The mixed to/cc/bcc line under the sender: "to me, Bob" (InboxSDK `.hb span[email]`). */
  recipients: '.hb [email]',
  /** Anything with a full date in its title or alt: the date chip `.g3[title]` (InboxSDK `.ads .gK .g3`). */
  dated: '[title], [alt]',
  /** The "details" popup under "to me ▾", with typed rows (gmail.js issue #466); its role is durable. */
  detailsBox: 'table.ajC, [role=dialog]',
  /**
   * Never read people from inside these: message bodies and quoted text, and compose boxes (an
   * inline reply's chips are people being written to, not yet an interaction; research §1.5).
   * Hint classes first, then what does not churn: quotes, forms, editable text, pickers.
   */
  notHeader: '.a3s, .ii.gt, .gmail_quote, .gmail_attr, blockquote, div.M9, .aaZ, .AD, [role=dialog] form, div.az9',
  /** The same without the classes: quotes, forms, editable text, pickers (asked only when no body class is there). */
  notHeaderDurable: 'blockquote, form, [contenteditable="true"], [role=textbox], [role=listbox]',
  body: '.a3s, .ii.gt',
  /** The date chip (hint); without it, any element whose title or alt is a full date. */
  date: '.g3[title], .g3[alt]',
  /** List rows (InboxSDK thread-row-parser). inbox-list-2014.html: 16. */
  listRow: 'tr.zA',
  /** Senders of a list row, horizontal and vertical split layouts. */
  listSenders: 'td.yX div.yW [email], td.apy div.yW [email], td.apx div.yW [email]',
  listSubject: 'td.a4W div.y6 > span:first-child, td div.xT div.y6 > span:first-child',
  listThreadId: '[data-legacy-thread-id]',
  /** Promotions ad rows. */
  listAd: '.am0, .bvA',
  /** A compose window (new message, reply or forward). compose-empty-2020.html. */
  compose: 'div.M9, input[name=subjectbox], textarea[name=to]',
  /** The owner's own chip in lists and headers ("me" in each language). inbox-list-2014.html: 3 rows. */
  ownerChip: ['me', 'ik', 'mij', 'ich', 'moi', 'yo', 'io', 'eu', 'ja'].map((n) => `[email][name="${n}"]`).join(', '),
} as const;

/** Rows of the details popup that are not people ("reply-to:", "date:", "mailed-by:"…). */
const DETAIL_SKIP = /^(?:reply-to|antwoord aan|antwoorden aan|antwort an|répondre à|responder a|rispondi a|odpowiedź do)$/i;

/**
 * A chip's person as the page gives it: the address trimmed and lower-cased, the name as written.
 * Both are checked where the detection is received (./receive.ts): an address that is not one
 * drops the person there, a name is tidied. What runs for every chip in the tab stays small.
 */
function person(el: Element, role: Role, account: string | null): DetectedPerson | null {
  const raw = el.getAttribute('email') ?? el.getAttribute('data-hovercard-id');
  if (!raw || raw.length > MAX_ADDRESS) return null;
  const email = raw.trim().toLowerCase();
  if (!email) return null;
  // Gmail labels the owner "me" ("mij" in Dutch): a pronoun, not their name.
  const name = email === account ? null : (el.getAttribute('name') ?? el.textContent);
  return { email, name: name ? name.slice(0, MAX_RAW_NAME) : null, role };
}

/** "18f3a1b2c4d5e6f7" stays; "#msg-f:1789…" (decimal) becomes the same hex the legacy attribute holds. */
export function normaliseGmailId(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let v = raw.trim();
  if (v.charCodeAt(0) === 35) v = v.slice(1); // "#"
  if (!v || v === 'undefined') return null;
  // The legacy hex form first: the commonest, one pattern for each id (issue 22).
  if (/^[0-9a-f]{8,24}$/i.test(v)) return v.toLowerCase();
  const m = /^(?:msg|thread)-f:(\d{1,24})$/.exec(v);
  if (m) return BigInt(m[1]!).toString(16);
  return v.slice(0, 100);
}

/**
 * Ids carried in a `jslog` attribute: its parts are base64 JSON such as `["#msg-f:1845…"]`
 * (research §7: a real message body's `div.ii.gt[jslog]`). Returns the message id, if any.
 */
export function messageIdFromJslog(jslog: string | null): string | null {
  if (!jslog || jslog.length > 2_000) return null;
  for (const part of jslog.split(';')) {
    const m = /^\s*\d+:([A-Za-z0-9+/_-]{8,400}={0,2})\s*$/.exec(part);
    if (!m) continue;
    try {
      const b64 = m[1]!.replace(/-/g, '+').replace(/_/g, '/');
      const id = /"#msg-f:(\d{1,24})"/.exec(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)))?.[1];
      if (id) return normaliseGmailId(`msg-f:${id}`);
    } catch {
      /* not base64 */
    }
  }
  return null;
}

/**
 * The signed-in address: the account control, else the title's second-to-last part ("<subject> -
 * <account> - Gmail"), else the "me" chip. Never the first address-looking part of the title: a
 * subject such as "Invoice - pieter@…" holds one (issue 16).
 */
export function gmailAccount(doc: Document): string | null {
  const fromControl = googleAccountFromControl(doc);
  if (fromControl) return fromControl;
  const parts = doc.title.split(' - ');
  const fromTitle = parts.length >= 2 && /gmail/i.test(parts.at(-1)!) ? asEmail(parts.at(-2)) : null;
  if (fromTitle) return fromTitle;
  // Gmail names the owner "me" ("ik"/"mij" in Dutch) on their own chips (inbox-list-2014.html).
  return asEmail(doc.querySelector(SEL.ownerChip)?.getAttribute('email'));
}

function threadIdFrom(main: ParentNode, url: PageAddress): string | null {
  // Scope to the conversation: list rows carry thread ids too (research §6, point 2).
  const h = main.querySelector(SEL.subjectDurable);
  const fromDom =
    normaliseGmailId(h?.getAttribute('data-legacy-thread-id')) ??
    normaliseGmailId(h?.getAttribute('data-thread-perm-id'));
  if (fromDom) return fromDom;
  // "#inbox/<id>", "#label/Foo/<id>", "#search/query/<id>"
  const last = url.hash.split('/').pop();
  return url.hash.includes('/') && last && /^[A-Za-z0-9]{16,}$/.test(last) ? normaliseGmailId(last) : null;
}

/**
 * The typed rows of the details popup ("from:", "to:", "cc:"… in any of the eight languages). A row
 * with people under a label Kring does not know gives them as recipients, and says so.
 */
function detailRows(boxes: readonly Element[], account: string | null, skip: (el: Element) => boolean, degraded: Set<string>): { people: DetectedPerson[]; chips: Set<Element> } | null {
  const people: DetectedPerson[] = [];
  const chips = new Set<Element>();
  let unknown = false;
  for (const row of boxes.flatMap((b) => Array.from(b.querySelectorAll('tr')))) {
    const label = row.querySelector('td');
    if (!label || label.querySelector('[email]') || row.querySelector('tr')) continue;
    const text = cleanText(label.textContent);
    if (!text || text.length > 30) continue;
    let role: Role | 'skip' | null = DETAIL_SKIP.test(text.replace(/[:\s]+$/, '')) ? 'skip' : headerRole(text);
    const found = Array.from(row.querySelectorAll('[email]'));
    if (!role) {
      if (found.length === 0 || !/:\s*$/.test(text)) continue;
      role = 'recipient';
      unknown = true;
    }
    if (looksHidden(row)) return null;
    for (const el of found) {
      chips.add(el);
      if (role === 'skip' || skip(el)) continue;
      const p = person(el, role, account);
      if (p) people.push(p);
    }
  }
  if (!people.some((p) => p.role === 'from')) return null;
  if (unknown) degraded.add('gmail:details-labels');
  return { people, chips };
}

/**
 * A date chip's full date as Gmail prints it (its `title`, else its `alt`), kept for the background
 * to read (DetectedItem.atText): this script carries no date tables (issue 22). In order, as they
 * are tried: the first that reads as a date wins. Kept once each, and only text that can be a date
 * with a time: one with a colon (a star's "Not starred" has none), short enough to be read.
 */
function printedDates(el: Element, into: string[]): void {
  keep(el.getAttribute('title'), into);
  keep(el.getAttribute('alt'), into);
}

function keep(text: string | null, into: string[]): void {
  if (text && text.length <= PRINTED_DATE_MAX && text.indexOf(':') > 0 && into.length < PRINTED_DATES_PER_ITEM && !into.includes(text)) into.push(text);
}

function emailItem(id: string | null, subject: string | null, printed: string[], people: DetectedPerson[], threadId: string | null): DetectedItem {
  const item: DetectedItem = { kind: 'email', id, subject, at: null, people, threadId };
  if (printed.length) item.atText = printed;
  return item;
}

/**
 * The conversation's messages. Written as plain index loops over the browser's lists: for-of,
 * spread and a closure per message each compile to code the tab keeps while it is open, and this
 * runs on every message of every conversation (bench: JS heap added to a Gmail tab, issue 22).
 * What only a changed Gmail needs (no wrapper classes, no sender or recipient hints, ids only in
 * `jslog`) lives in functions of its own that a normal page never calls.
 */
function threadItems(doc: Document, url: PageAddress, account: string | null, degraded: Set<string>): DetectedItem[] {
  const main = doc.querySelector(SEL.main) ?? doc.body;
  if (!main) return [];
  const subjectEl = main.querySelector(SEL.subject) ?? subjectWithoutHint(main, degraded);
  const subject = cleanText(subjectEl?.textContent);
  const threadId = threadIdFrom(main, url);
  const hidden = hiddenIn(main);
  // Messages by id, in page order; an id may be on several elements (the wrapper and its body).
  const anchors = new Map<string, Element[]>();
  const ids: string[] = [];
  const withId = main.querySelectorAll(SEL.message);
  let carried = false;
  for (let k = 0; k < withId.length; k++) {
    const el = withId[k]!;
    if (hidden.has(el)) continue;
    carried = true;
    const id = normaliseGmailId(el.getAttribute('data-legacy-message-id')) ?? normaliseGmailId(el.getAttribute('data-message-id'));
    if (id) anchor(anchors, ids, id, el);
  }
  if (!carried) anchorsFromJslog(main, anchors, ids, degraded);
  if (ids.length === 0) return [];
  const thread = messagesOf(main, subjectEl, anchors, ids, degraded);
  // One pass over the chips, dates and details popups of the whole conversation, each given to the
  // message around it (bench: detect-100; one query per message costs more than the walk up).
  const chips = main.querySelectorAll('[email]');
  for (let k = 0; k < chips.length; k++) {
    const el = chips[k]!;
    if (!hidden.has(el)) messageOf(thread, el)?.chips.push(el);
  }
  let dates = main.querySelectorAll(SEL.date);
  if (dates.length === 0) dates = main.querySelectorAll(SEL.dated);
  for (let k = 0; k < dates.length; k++) {
    const el = dates[k]!;
    const m = !hidden.has(el) && messageOf(thread, el);
    if (m) printedDates(el, m.printed);
  }
  const boxes = main.querySelectorAll(SEL.detailsBox);
  for (let k = 0; k < boxes.length; k++) {
    const el = boxes[k]!;
    const m = messageOf(thread, el);
    if (m && !within(m.details, el)) m.details.push(el);
  }
  const items: DetectedItem[] = [];
  for (let k = 0; k < thread.messages.length; k++) {
    const m = thread.messages[k]!;
    let people = m.details.length ? peopleWithDetails(m, hidden, account, degraded) : null;
    if (!people) {
      // The message's header chips: its sender, and recipients on the line under it. Read here,
      // in the loop, not in a function called for each message: one that is called a hundred
      // times a read is compiled a second time, optimised, and the tab holds that code too.
      const header = m.chips;
      let from: Element | null = null;
      const recipients: Element[] = [];
      for (let c = 0; c < header.length; c++) {
        const el = header[c]!;
        if (!from && el.matches(SEL.sender)) from = el;
        if (el.matches(SEL.recipients)) recipients.push(el);
      }
      if (!from && header.length) from = senderWithoutHint(header, degraded);
      if (recipients.length === 0) recipientsWithoutHint(header, from, recipients, degraded);
      people = [];
      const sender = from && person(from, 'from', account);
      if (sender) people.push(sender);
      for (let c = 0; c < recipients.length; c++) {
        const p = person(recipients[c]!, 'recipient', account);
        if (p && p.email !== sender?.email) people.push(p);
      }
    }
    if (people.length === 0 && looksHidden(m.scope)) continue;
    items.push(emailItem(m.id, subject, m.printed, people, threadId));
  }
  return items;
}

/**
 * The detector is split where it is cold: V8 compiles a function that runs often to machine code
 * the tab holds, sized by all its bytecode, the branches only a changed Gmail takes included (bench:
 * JS heap added to a Gmail tab, issue 22). So what Gmail's hints make unnecessary lives apart.
 */
function subjectWithoutHint(main: Element, degraded: Set<string>): Element | null {
  const el = main.querySelector(SEL.subjectDurable) ?? main.querySelector('h2');
  if (el) degraded.add('gmail:subject');
  return el;
}

/**
 * What lies inside bodies, quotes and compose boxes, collected by one query and left out: no
 * per-element ancestor search against the long body selector (bench: detect-100).
 */
function hiddenIn(main: Element): Set<Element> {
  const hidden = new Set<Element>();
  let outer: Element | null = null;
  // The durable list costs half again as much on a long conversation (bench: detect-100): it is
  // asked only where Gmail's body classes are gone.
  const roots = main.querySelectorAll(main.querySelector(SEL.body) ? SEL.notHeader : `${SEL.notHeader}, ${SEL.notHeaderDurable}`);
  for (let r = 0; r < roots.length; r++) {
    const root = roots[r]!;
    // In page order: a quote inside a body was covered with the body.
    if (outer?.contains(root)) continue;
    outer = root;
    const inside = root.querySelectorAll(`[email], ${SEL.message}`);
    for (let k = 0; k < inside.length; k++) hidden.add(inside[k]!);
  }
  return hidden;
}

/** The conversation's messages, each with its extent (`scope`), and how to find an element's. */
interface Thread {
  main: Element;
  messages: Message[];
  byScope: Map<Element, Message>;
  /** Every element walked up from, with its message: made on the first walk. */
  found: Map<Element, Message | null> | null;
  /** Every message's extent is one of Gmail's wrappers. */
  allWrapped: boolean;
}

function messagesOf(main: Element, subjectEl: Element | null, anchors: Map<string, Element[]>, ids: string[], degraded: Set<string>): Thread {
  const thread: Thread = { main, messages: [], byScope: new Map(), found: null, allWrapped: true };
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]!;
    const first = anchors.get(id)![0]!;
    const scope = first.closest(SEL.messageWrapper);
    if (!scope || !main.contains(scope) || thread.byScope.has(scope)) {
      unwrapped(thread, subjectEl, anchors, ids.slice(k), degraded);
      break;
    }
    addMessage(thread, id, scope);
  }
  return thread;
}

function addMessage(thread: Thread, id: string, scope: Element): void {
  const m: Message = { id, scope, chips: [], printed: [], details: [] };
  thread.byScope.set(scope, m);
  thread.messages.push(m);
}

/** The messages from the first whose wrapper is missing: each is everything around its id up to the next. */
function unwrapped(thread: Thread, subjectEl: Element | null, anchors: Map<string, Element[]>, ids: string[], degraded: Set<string>): void {
  degraded.add('gmail:message-wrapper');
  thread.allWrapped = false;
  let extentOf: ((id: string, first: Element) => Element) | null = null;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]!;
    const first = anchors.get(id)![0]!;
    let scope = first.closest(SEL.messageWrapper);
    if (!scope || !thread.main.contains(scope) || thread.byScope.has(scope)) {
      extentOf ??= extents(thread.main, subjectEl, anchors);
      scope = extentOf(id, first);
      if (thread.byScope.has(scope)) continue;
    }
    addMessage(thread, id, scope);
  }
}

/**
 * The message an element belongs to. Where every message's extent is one of Gmail's wrappers, the
 * browser finds the nearest one: the elements in between never enter Kring's world, which would
 * hold a wrapper object for each of them for as long as the page shows it (issue 22).
 */
function messageOf(thread: Thread, el: Element): Message | null {
  if (!thread.allWrapped) return walk(thread, el);
  const w = el.closest(SEL.messageWrapper);
  if (!w || w === thread.main || !thread.main.contains(w)) return null;
  return thread.byScope.get(w) ?? walk(thread, w.parentElement);
}

/** Up from an element to the first with a known message, remembering the way for the next. */
function walk(thread: Thread, el: Element | null): Message | null {
  const found = (thread.found ??= new Map<Element, Message | null>(thread.byScope));
  const path: Element[] = [];
  let m: Message | null | undefined;
  for (let e: Element | null = el; ; e = e.parentElement) {
    if (!e || e === thread.main) {
      m = null;
      break;
    }
    m = found.get(e);
    if (m !== undefined) break;
    path.push(e);
  }
  for (let k = 0; k < path.length; k++) found.set(path[k]!, m);
  return m;
}

interface Message {
  id: string;
  scope: Element;
  chips: Element[];
  /** Its date as printed, for the background to read. */
  printed: string[];
  details: Element[];
}

function anchor(anchors: Map<string, Element[]>, ids: string[], id: string, el: Element): void {
  const list = anchors.get(id);
  if (list) list.push(el);
  else {
    anchors.set(id, [el]);
    ids.push(id);
  }
}

/** No element carries a message id: the ids in the bodies' jslog (research §7). */
function anchorsFromJslog(main: Element, anchors: Map<string, Element[]>, ids: string[], degraded: Set<string>): void {
  for (const el of Array.from(main.querySelectorAll('[jslog]'))) {
    const id = messageIdFromJslog(el.getAttribute('jslog'));
    if (id) anchor(anchors, ids, id, el);
  }
  if (ids.length) degraded.add('gmail:message-id-attribute');
}

/**
 * Where Gmail's wrapper class is gone, a message's extent: the largest element around its id that
 * holds no other message and not the subject. Which ids each element holds is worked out once.
 */
function extents(main: Element, subjectEl: Element | null, anchors: Map<string, Element[]>): (id: string, first: Element) => Element {
  const owners = new Map<Element, Set<string>>();
  for (const [id, els] of anchors) {
    for (const el of els) {
      for (let e: Element | null = el; e && e !== main; e = e.parentElement) {
        let held = owners.get(e);
        if (!held) owners.set(e, (held = new Set()));
        held.add(id);
      }
    }
  }
  const aboveSubject = new Set<Element>();
  for (let e: Element | null = subjectEl; e; e = e.parentElement) aboveSubject.add(e);
  return (id, first) => {
    let scope = first;
    for (let p = scope.parentElement; p && p !== main && !aboveSubject.has(p) && owners.get(p)?.size === 1 && owners.get(p)!.has(id); p = p.parentElement) scope = p;
    return scope;
  };
}

function within(boxes: readonly Element[], el: Element): boolean {
  for (let k = 0; k < boxes.length; k++) if (boxes[k]!.contains(el)) return true;
  return false;
}

/**
 * A message with a details popup: its typed rows where Kring can read them; else null, and the
 * message keeps only its chips outside the popup, to be read as its header (threadItems).
 */
function peopleWithDetails(m: Message, hidden: Set<Element>, account: string | null, degraded: Set<string>): DetectedPerson[] | null {
  const boxes = m.details;
  const details = detailRows(boxes, account, (el) => hidden.has(el), degraded);
  if (details) return details.people;
  if (boxes.some((b) => b.querySelector('tr td') && !looksHidden(b))) degraded.add('gmail:details-labels');
  // Chips in a details popup Kring cannot read (unknown labels, hidden) are not recipients: the
  // message is read from its other chips, as one without a popup.
  m.chips = m.chips.filter((el) => !within(boxes, el));
  return null;
}

/** Without the sender's hint class: the chip in the message's `h3`, else its first. */
function senderWithoutHint(header: readonly Element[], degraded: Set<string>): Element {
  degraded.add('gmail:sender');
  return header.find((el) => el.closest('h3')) ?? header[0]!;
}

/** No chip on the recipients line (a collapsed message shows none): any other person's chip is one. */
function recipientsWithoutHint(header: readonly Element[], from: Element | null, recipients: Element[], degraded: Set<string>): void {
  // A collapsed message's one chip is its sender's: most messages of a long conversation end here.
  if (header.length < 2 && header[0] === from) return;
  const sender = from?.getAttribute('email');
  let other = false;
  for (let k = 0; k < header.length && !other; k++) other = header[k] !== from && header[k]!.getAttribute('email') !== sender;
  if (!other) return;
  degraded.add('gmail:recipients');
  for (let k = 0; k < header.length; k++) if (header[k] !== from) recipients.push(header[k]!);
}

function listItems(doc: Document, account: string | null, degraded: Set<string>): DetectedItem[] {
  const main = doc.querySelector(SEL.main) ?? doc.body;
  if (!main) return [];
  let rows = Array.from(main.querySelectorAll(SEL.listRow));
  const hinted = rows.length > 0;
  if (!hinted) {
    // Without the row class: the innermost table rows that hold a person chip.
    rows = Array.from(main.querySelectorAll('tr')).filter((r) => r.querySelector('[email]') && !r.querySelector(':scope tr [email]'));
  }
  const items: DetectedItem[] = [];
  for (const row of rows) {
    if (row.querySelector(SEL.listAd) || looksHidden(row)) continue;
    let senders = Array.from(row.querySelectorAll(SEL.listSenders));
    if (senders.length === 0) senders = Array.from(row.querySelectorAll('[email]'));
    const people = senders.map((el) => person(el, 'from', account)).filter((p): p is DetectedPerson => p !== null);
    if (people.length === 0) continue;
    if (!hinted) degraded.add('gmail:list-row');
    const threadId = normaliseGmailId(row.querySelector(SEL.listThreadId)?.getAttribute('data-legacy-thread-id'));
    const subject = cleanText((row.querySelector(SEL.listSubject) ?? row.querySelector('[role=link] span'))?.textContent);
    const printed: string[] = [];
    for (const el of Array.from(row.querySelectorAll(SEL.dated))) printedDates(el, printed);
    items.push(emailItem(threadId, subject, printed, people, threadId));
  }
  return items;
}

export function detectGmail(doc: Document, url: PageAddress): Detection {
  const account = gmailAccount(doc);
  const degraded = new Set<string>();
  const marks = () => (degraded.size ? { degraded: [...degraded].sort() } : {});
  const thread = threadItems(doc, url, account, degraded);
  if (thread.length > 0) {
    const failure = thread.some((i) => i.people.length === 0) ? 'no-people' : thread.some((i) => !i.id) ? 'no-id' : undefined;
    return { provider: 'gmail', view: 'thread', account, items: thread, ...(failure ? { failure } : {}), ...marks() };
  }
  // A conversation is open (it has a subject) but no message was readable: Gmail changed.
  const main = doc.querySelector(SEL.main);
  if (main?.querySelector(`${SEL.subject}, ${SEL.subjectDurable}`) && !looksHidden(main)) {
    return { provider: 'gmail', view: 'thread', account, items: [], failure: 'no-people', ...marks() };
  }
  degraded.clear();
  const list = listItems(doc, account, degraded);
  if (list.length > 0) return { provider: 'gmail', view: 'list', account, items: list, ...marks() };
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
