/**
 * Any other webmail the user turned Kring on for. It cannot know the page, so it is cautious:
 * people only from header-like regions — an element labelled From/To/Cc (Van/Aan, Von/An, De/À,
 * …) and what follows the label — as `mailto:` links, `email`/`data-email` attributes, `title`s
 * holding an address, or "Name <address>" text. Never inside quoted text (`blockquote`, a
 * "… wrote:" / "… schreef:" line and what follows it). A page with no labelled sender shows
 * nobody: a page that is not mail must not be guessed at. Recipients folded away ("15 more…",
 * "+15", "and 15 others" as a link, button or the value's last part) are counted.
 */
import { parseDisplayedDate } from './dates';
import { MAX_LABEL_LENGTH, headerRole, moreCount, nameBeside } from './labels';
import { asEmail, cleanName, cleanText, findEmail, looksHidden } from './text';
import type { DetectedPerson, Detection, Detector, Role, PageAddress } from './types';
import { emptyDetection } from './types';

const QUOTE_LINE = /\b(?:wrote|schreef|schrieb|a écrit|escribió)\s*:\s*$/i;
/** Bounds: a hostile page can be huge. */
const MAX_LABELS = 200;
const MAX_PER_REGION = 100;
/** Elements looked at in one header value. */
const MAX_NODES_PER_REGION = 500;
// DOM constants by value: detectors also run where the DOM's globals are absent (the detect command).
const SHOW_TEXT = 4; // NodeFilter.SHOW_TEXT
const FOLLOWING = 4; // Node.DOCUMENT_POSITION_FOLLOWING

function quoted(el: Element): boolean {
  return el.closest('blockquote, .gmail_quote, [type="cite"], .quote, .quoted') !== null;
}

/** The element holding a label's value: the next cell, the next sibling, or the rest of its parent. */
function valueRegion(label: Element): Element | null {
  if (label.tagName === 'TH' || label.tagName === 'TD') return label.nextElementSibling;
  if (label.tagName === 'DT') return label.nextElementSibling?.tagName === 'DD' ? label.nextElementSibling : null;
  return label.nextElementSibling ?? label.parentElement;
}

/** The recipients a header value says it folded away: its last part, or a short link, button or span saying so. */
function foldedIn(region: Element): number {
  const tail = (region.textContent ?? '').slice(-80).split(/[,;]/).pop();
  const fromTail = moreCount(tail);
  if (fromTail) return fromTail;
  for (const el of Array.from(region.querySelectorAll('a, button, span')).slice(0, MAX_NODES_PER_REGION)) {
    if (el.childElementCount > 0 || quoted(el) || looksHidden(el)) continue;
    const n = moreCount(el.textContent);
    if (n) return n;
  }
  return 0;
}

/** Addresses in a header value, in page order, each once. */
function addressesIn(region: Element, role: Role, label: string): DetectedPerson[] {
  const out = new Map<string, DetectedPerson>();
  const add = (email: string | null, name: string | null) => {
    if (email && !out.has(email) && out.size < MAX_PER_REGION) out.set(email, { email, name: cleanName(name), role });
  };
  const nodes = [region, ...Array.from(region.querySelectorAll('a[href^="mailto:" i], [email], [data-email], [title]')).slice(0, MAX_NODES_PER_REGION)];
  for (const el of nodes) {
    if (quoted(el) || looksHidden(el)) continue;
    const href = el.getAttribute('href');
    if (href && /^mailto:/i.test(href)) add(asEmail(decodeURIComponent(href.slice(7).split('?')[0]!)), el.textContent);
    add(asEmail(el.getAttribute('email')), el.getAttribute('name') ?? el.textContent);
    add(asEmail(el.getAttribute('data-email')), el.textContent);
    add(asEmail(el.getAttribute('title')), el.textContent);
  }
  if (out.size === 0) {
    // "Name <address>, Other <other@x>" as plain text.
    for (const part of (region.textContent ?? '').slice(0, 5_000).split(/[,;](?![^<]*>)/)) {
      const email = findEmail(part);
      if (email) add(email, nameBeside(part.replace(label, ''), email));
    }
  }
  return [...out.values()];
}

/** The closest element holding both. */
function commonAncestor(a: Element, b: Element): Element | null {
  const above = new Set<Element>();
  for (let e: Element | null = a; e; e = e.parentElement) above.add(e);
  for (let e: Element | null = b; e; e = e.parentElement) if (above.has(e)) return e;
  return null;
}

/** The first "… wrote:" line of the page: everything after it belongs to a quoted message. */
function firstQuoteLine(doc: Document): Node | null {
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const v = n.nodeValue;
    if (v && v.length < 500 && QUOTE_LINE.test(v.trim())) return n;
  }
  return null;
}

export const generic: Detector = {
  provider: 'generic',
  matches: () => true,
  detect(doc: Document, _url?: PageAddress, now?: number): Detection {
    const root = doc.body;
    if (!root) return emptyDetection('generic');
    const byRole = new Map<Role, DetectedPerson[]>();
    let folded = 0;
    const quoteLine = firstQuoteLine(doc);
    const afterQuote = (el: Element) => quoteLine !== null && (quoteLine.compareDocumentPosition(el) & FOLLOWING) !== 0;
    let labels = 0;
    // Every role comes from one header (issue 16: a "Cc:" table in a message body added people who
    // were never mailed): the labels read must all meet in the element where the first two meet.
    let first: Element | null = null;
    let header: Element | null = null;
    for (const el of Array.from(root.querySelectorAll('th, td, dt, label, span, div, b, strong'))) {
      // A label is a leaf with a short text ("From:", "Van"); anything else is not looked into.
      if (el.childElementCount > 0) continue;
      const role = headerRole(el.textContent ?? '');
      if (!role || byRole.has(role) || quoted(el) || looksHidden(el)) continue;
      if (++labels > MAX_LABELS) break;
      const region = valueRegion(el);
      if (!region || quoted(region) || afterQuote(el)) continue;
      if (first) {
        const meet = commonAncestor(first, el);
        if (header && meet !== header) continue;
        header ??= meet;
      }
      const found = addressesIn(region, role, el.textContent ?? '');
      if (found.length > 0) {
        byRole.set(role, found);
        if (role !== 'from') folded += foldedIn(region);
        first ??= el;
      }
    }
    const from = byRole.get('from') ?? [];
    // No labelled sender with an address: not a message Kring can read. Report nobody.
    if (from.length === 0) return emptyDetection('generic');
    const seen = new Set<string>();
    const people: DetectedPerson[] = [];
    for (const role of ['from', 'to', 'cc', 'bcc'] as const) {
      for (const p of byRole.get(role) ?? []) {
        if (seen.has(p.email!)) continue;
        seen.add(p.email!);
        people.push(p);
      }
    }
    const heading = root.querySelector('h1, h2, [role="heading"]');
    const dateLabel = Array.from(root.querySelectorAll('th, td, dt, span, div')).find((e) => e.childElementCount === 0 && (e.textContent ?? '').length <= MAX_LABEL_LENGTH && /^(?:date|datum|fecha):?$/i.test((e.textContent ?? '').trim()));
    const dateRegion = dateLabel ? valueRegion(dateLabel) : null;
    return {
      provider: 'generic',
      view: 'message',
      account: null,
      items: [{ kind: 'email', id: null, subject: cleanText(heading?.textContent ?? doc.title), at: parseDisplayedDate(dateRegion?.textContent ?? null, { now }), threadId: null, people, ...(folded ? { moreRecipients: folded } : {}) }],
    };
  },
};
