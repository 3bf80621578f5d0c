/**
 * Roundcube webmail (1.5–1.6, elastic skin; larus, its 1.7 successor, keeps the same markup for
 * these parts). Evidence: ../shared/research/roundcube.md and pages of a real Roundcube 1.6.5
 * (tests/real/roundcube, tests/fixtures/roundcube).
 *
 * - A message, in the preview frame (`_action=preview`) or as a page (`_action=show`): the header
 *   table `table.header-headers` with rows `td.header.from|to|cc|bcc`, each address
 *   `a.rcmContactAddress[title=address]` with the name as text; the summary line when the table
 *   is missing. The body (`#messagebody`) is never read: quoted "X wrote:" lines live there.
 * - The list: rows `tr[id^=rcmrow]`, the correspondent in `span.fromto .rcmContactAddress[title]`
 *   (the sender, or the recipient in the Sent folder), the date in `span.date`, and the uid and
 *   folder in the subject link.
 * - Folded recipients: a message's header lists ten per line and links the rest as "15 more..."
 *   (`a.morelink`, its count in the text, eight languages); a list row shows three and "...".
 * - Compose: nobody.
 * Ids are "<folder>/<uid>", the same in the list and the opened message.
 */
import { parseDisplayedDate } from './dates';
import { moreCount } from './labels';
import { asEmail, cleanName, cleanText } from './text';
import type { DetectedItem, DetectedPerson, Detection, Detector, Role, PageAddress } from './types';
import { emptyDetection } from './types';

const HEADER_ROLES: readonly [string, Role][] = [
  ['from', 'from'],
  ['to', 'to'],
  ['cc', 'cc'],
  ['bcc', 'bcc'],
];

/** The address elements of one header cell: `a.rcmContactAddress` or `span.rcmContactAddress`. */
function people(root: Element | null, role: Role): DetectedPerson[] {
  if (!root) return [];
  const out: DetectedPerson[] = [];
  for (const el of Array.from(root.querySelectorAll('.rcmContactAddress'))) {
    const email = asEmail(el.getAttribute('title')) ?? asEmail(el.getAttribute('href'));
    if (!email) continue;
    out.push({ email, name: cleanName(el.textContent), role });
  }
  return out;
}

/** Roundcube says which folder is Sent by a class on its entry in the folder list. */
function isSentFolder(doc: Document, mbox: string | null): boolean {
  const selected = doc.querySelector('#mailboxlist li.selected');
  if (selected) return selected.classList.contains('sent');
  return mbox !== null && /^(?:INBOX[./])?(?:Sent|Sent Items|Sent Messages|Verzonden|Verzonden items|Gesendet)$/i.test(mbox);
}

function account(doc: Document): string | null {
  return asEmail(doc.querySelector('.header-title.username, .username')?.textContent ?? null);
}

function messageItem(doc: Document, url: PageAddress, now: number | undefined): DetectedItem | null {
  const header = doc.querySelector('#message-header');
  if (!header) return null;
  const table = header.querySelector('table.header-headers');
  let found: DetectedPerson[] = [];
  if (table) for (const [cls, role] of HEADER_ROLES) found.push(...people(table.querySelector(`td.header.${cls}`), role));
  // Without the table (or with it empty), the visible summary: the sender.
  if (!found.some((p) => p.role === 'from')) found = [...people(header.querySelector('.header-summary'), 'from'), ...found];
  const query = new URLSearchParams(url.search);
  const uid = query.get('_uid');
  const mbox = query.get('_mbox');
  let more = 0;
  if (table) for (const link of Array.from(table.querySelectorAll('td.header.to a.morelink, td.header.cc a.morelink, td.header.bcc a.morelink'))) more += moreCount(link.textContent) ?? 0;
  const subjectEl = header.querySelector('h2.subject');
  let subject: string | null = null;
  if (subjectEl) {
    const copy = subjectEl.cloneNode(true) as Element;
    for (const hidden of Array.from(copy.querySelectorAll('.voice, a'))) hidden.remove();
    subject = cleanText(copy.textContent);
  }
  // The details table and the summary line print the same date; the first one that reads, so
  // "Wed 16:00" in one and "2026-11-25 16:00" in the other gives the full date.
  const dates = [table?.querySelector('td.header.date')?.textContent, header.querySelector('.header-summary .text-nowrap')?.textContent];
  const at = dates.map((t) => parseDisplayedDate(t)).find(Boolean) ?? dates.map((t) => parseDisplayedDate(t, { now })).find(Boolean) ?? null;
  return {
    kind: 'email',
    id: uid && mbox ? `${mbox}/${uid}` : null,
    subject,
    at,
    threadId: null,
    people: found,
    ...(more ? { moreRecipients: more } : {}),
  };
}

function listItems(doc: Document, account: string | null, now: number | undefined): DetectedItem[] {
  const items: DetectedItem[] = [];
  for (const row of Array.from(doc.querySelectorAll('tr[id^="rcmrow"]'))) {
    const link = row.querySelector('a[href*="_uid="]');
    let uid: string | null = null;
    let mbox: string | null = null;
    try {
      const href = new URL(link?.getAttribute('href') ?? '', 'https://roundcube.invalid/');
      uid = href.searchParams.get('_uid');
      mbox = href.searchParams.get('_mbox');
    } catch {
      /* no usable link */
    }
    const sent = isSentFolder(doc, mbox);
    const fromto = row.querySelector('.fromto');
    const them = people(fromto, sent ? 'to' : 'from');
    if (them.length === 0) continue;
    // Three recipients and "...": more, uncounted.
    const folded = sent && /(?:\.\.\.|…)\s*$/u.test(fromto?.textContent ?? '');
    const owner: DetectedPerson[] = account ? [{ email: account, name: null, role: sent ? 'from' : 'to' }] : [];
    items.push({
      kind: 'email',
      id: uid && mbox ? `${mbox}/${uid}` : null,
      subject: cleanText(row.querySelector('span.subject a')?.textContent ?? null),
      at: parseDisplayedDate(row.querySelector('span.date')?.textContent ?? null, { now }),
      threadId: null,
      people: [...them, ...owner],
      ...(folded ? { moreRecipients: 'unknown' as const } : {}),
    });
  }
  return items;
}

export const roundcube: Detector = {
  provider: 'roundcube',
  // Every Roundcube address carries `_task`; the login page too (and shows nobody).
  matches: (url) => new URLSearchParams(url.search).has('_task'),
  detect(doc: Document, url: PageAddress, now?: number): Detection {
    const query = new URLSearchParams(url.search);
    const task = query.get('_task');
    const action = query.get('_action');
    const me = account(doc);
    if (task !== 'mail') return { ...emptyDetection('roundcube', task ?? 'other'), account: me };
    if (action === 'compose') return { ...emptyDetection('roundcube', 'compose'), account: me };
    if (action === 'preview' || action === 'show') {
      const item = messageItem(doc, url, now);
      if (!item) return { ...emptyDetection('roundcube', 'message'), account: me };
      const failure = item.people.length === 0 ? 'no-people' : item.id === null ? 'no-id' : undefined;
      return { provider: 'roundcube', view: 'message', account: me, items: item.people.length ? [item] : [], ...(failure ? { failure } : {}) };
    }
    return { provider: 'roundcube', view: 'list', account: me, items: listItems(doc, me, now) };
  },
};
