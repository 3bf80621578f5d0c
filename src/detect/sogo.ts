/**
 * SOGo (5.x, Angular Material) for users who turn Kring on there: the open message, and the
 * calendar's event dialog. Read off Debian's SOGo 5.8 running on loopback (tests/real/sogo) and its
 * saved pages (tests/fixtures/sogo, ../shared/research/sogo.md).
 *
 * Durable anchors: SOGo's own template bindings, which name what each element shows
 * (`ng-bind="::viewer.message.subject"`, `…from[0].name`, `…from[0].email`, `md-chips
 * ng-model="::viewer.message.to|cc|bcc"`, `::activeUser.email`, `::editor.component.summary`,
 * `…localizedStartDate`, `ng-model="::editor.organizer"`, `…component.attendees`), chip texts
 * (`md-chip-template`), the guest's address in `.md-contact-name[aria-label]`, `time.msg-date`,
 * and the message's folder and number in the URL (`#!/Mail/0/INBOX/4`).
 * Hints: the classes beside them (`msg-recipients`, `pseudo-input-label`, `md-caption`,
 * `icon-accepted`) and the labels "To", "Cc", "Organizer", "Attendees", read only where a
 * binding is missing (a SOGo whose templates differ), which marks the detection degraded.
 *
 * SOGo shows recipients by name only (the address only when there is no name): such a person is
 * reported with `email: null`; the owner's own name is theirs (the page shows it with their
 * address), and a name shown with an address elsewhere on the page takes that address. Kring
 * resolves the others when a later page shows their address (they write, or a meeting lists them).
 * The message list shows only a name and a day per row, with no message number: it is not read.
 * The message body (`.msg-body`), where quoted replies live, is never read.
 */
import { parseDisplayedDate, parseFormDate } from './dates';
import { headerRole } from './labels';
import { asEmail, cleanName, cleanText, looksHidden } from './text';
import type { DetectedItem, DetectedPerson, Detection, Detector, Role, PageAddress } from './types';
import { emptyDetection } from './types';

const bound = (expr: string) => `[ng-bind*="${expr}"]`;

const SEL = {
  account: bound('activeUser.email'),
  accountName: bound('activeUser.identification'),
  subject: bound('viewer.message.subject'),
  date: `time.msg-date, ${bound('viewer.message.date')}`,
  fromName: bound('viewer.message.from[0].name'),
  fromEmail: bound('viewer.message.from[0].email'),
  chips: (field: string) => `md-chips[ng-model*="viewer.message.${field}"]`,
  chip: 'md-chip-template',
  /** Without the bindings: SOGo's class names and labels (older or customised templates). */
  recipientsHint: '.msg-recipients .pseudo-input-container--compact',
  senderHint: '.pseudo-input-container--compact a.md-caption',
  messageList: 'md-list-item.sg-message-list-item',
  // The event dialog.
  dialog: 'md-dialog',
  summary: bound('editor.component.summary'),
  start: [bound('editor.component.localizedStartDate'), bound('editor.component.localizedStartTime')],
  end: [bound('editor.component.localizedEndDate'), bound('editor.component.localizedEndTime')],
  organizer: 'md-chips[ng-model*="editor.organizer"]',
  attendees: 'md-chips[ng-model*="component.attendees"]',
  guest: '.md-contact-name',
} as const;

const ROLES: readonly [string, Role][] = [
  ['to', 'to'],
  ['cc', 'cc'],
  ['bcc', 'bcc'],
];

const PARTSTAT: Record<string, DetectedPerson['response']> = {
  'icon-accepted': 'accepted',
  'icon-declined': 'declined',
  'icon-tentative': 'tentative',
  'icon-needs-action': 'awaiting',
};

const text = (el: Element | null | undefined) => cleanText(el?.textContent);

/** "#!/Mail/0/INBOX/4" → "INBOX/4"; the account number is left out. */
function messageId(url: PageAddress): string | null {
  const m = /^#!\/Mail\/\d+\/(.+)\/(\d+)\/?$/.exec(url.hash);
  return m ? `${decodeURIComponent(m[1]!)}/${m[2]}` : null;
}

interface Owner {
  account: string | null;
  accountName: string | null;
}

/** A recipient chip: an address where SOGo shows one (no name known), else the name alone. */
function chipPerson(chip: Element, role: Role, owner: Owner, known: Map<string, string>): DetectedPerson | null {
  const shown = text(chip);
  if (!shown) return null;
  const email = asEmail(shown);
  if (email) return { email, name: null, role };
  const name = cleanName(shown);
  if (!name) return null;
  if (owner.accountName && name === owner.accountName && owner.account) return { email: owner.account, name: null, role };
  return { email: known.get(name) ?? null, name, role };
}

function messageItem(doc: Document, url: PageAddress, owner: Owner, degraded: Set<string>, now: number | undefined): DetectedItem | null | 'unreadable' {
  const subjectEl = doc.querySelector(SEL.subject);
  if (!subjectEl || looksHidden(subjectEl)) return null;
  const people: DetectedPerson[] = [];
  // Names this page shows with an address, to give name-only chips theirs.
  const known = new Map<string, string>();
  let fromEmail = asEmail(text(doc.querySelector(SEL.fromEmail)));
  let fromName = cleanName(text(doc.querySelector(SEL.fromName)));
  if (!fromEmail) {
    const hint = doc.querySelector(SEL.senderHint);
    fromEmail = asEmail(text(hint));
    fromName = cleanName(text(hint?.parentElement?.querySelector('span')));
    if (fromEmail) degraded.add('sogo:sender-binding');
  }
  if (!fromEmail) return 'unreadable';
  if (owner.account && owner.accountName) known.set(owner.accountName, owner.account);
  if (fromName) known.set(fromName, fromEmail);
  people.push({ email: fromEmail, name: fromEmail === owner.account ? null : fromName, role: 'from' });
  let blocks: { role: Role; chips: Element[] }[] = ROLES.map(([field, role]) => ({ role, chips: Array.from(doc.querySelectorAll(`${SEL.chips(field)} ${SEL.chip}`)) }));
  if (!doc.querySelector(`${SEL.chips('to')}, ${SEL.chips('cc')}`)) {
    // Templates without the bindings: each labelled block's chips, by its label.
    blocks = Array.from(doc.querySelectorAll(SEL.recipientsHint)).flatMap((b) => {
      const role = headerRole(text(b.querySelector('label')));
      return role ? [{ role, chips: Array.from(b.querySelectorAll(SEL.chip)) }] : [];
    });
    if (blocks.some((b) => b.chips.length)) degraded.add('sogo:recipients-binding');
  }
  for (const { role, chips } of blocks) {
    for (const chip of chips) {
      const p = chipPerson(chip, role, owner, known);
      if (p && !people.some((q) => q.role === p.role && (q.email ?? q.name) === (p.email ?? p.name))) people.push(p);
    }
  }
  return {
    kind: 'email',
    id: messageId(url),
    subject: text(subjectEl),
    at: parseDisplayedDate(text(doc.querySelector(SEL.date)), { lang: doc.documentElement?.getAttribute('lang'), now }),
    threadId: null,
    people,
  };
}

function guests(chips: Element | null, role: Role, owner: Owner): DetectedPerson[] {
  if (!chips) return [];
  const out: DetectedPerson[] = [];
  for (const chip of Array.from(chips.querySelectorAll(SEL.chip))) {
    const contact = chip.querySelector(SEL.guest);
    const email = asEmail(contact?.getAttribute('aria-label'));
    const name = cleanName(text(contact?.querySelector('a') ?? contact));
    if (!email && !name) continue;
    const status = Array.from(chip.querySelectorAll('md-icon')).flatMap((i) => Array.from(i.classList)).find((c) => c in PARTSTAT);
    const response = status ? PARTSTAT[status] : undefined;
    out.push({ email, name: email !== null && email === owner.account ? null : name, role, ...(response ? { response } : {}) });
  }
  return out;
}

function eventItem(doc: Document, owner: Owner): DetectedItem | null {
  const dialog = Array.from(doc.querySelectorAll(SEL.dialog)).find((d) => !looksHidden(d) && d.querySelector(SEL.summary));
  if (!dialog) return null;
  const lang = doc.documentElement?.getAttribute('lang');
  const value = (sel: string) => text(dialog.querySelector(sel));
  const start = parseFormDate(value(SEL.start[0]), value(SEL.start[1]), lang);
  const end = parseFormDate(value(SEL.end[0]), value(SEL.end[1]), lang);
  const subject = value(SEL.summary);
  const people = [...guests(dialog.querySelector(SEL.organizer), 'organizer', owner)];
  for (const g of guests(dialog.querySelector(SEL.attendees), 'attendee', owner)) {
    if (!people.some((p) => (p.email ?? p.name) === (g.email ?? g.name))) people.push(g);
  }
  // SOGo puts no event id in the page: the event is its title at its start.
  return { kind: 'meeting', id: subject && start ? `${subject}@${start}` : null, subject, at: start, end, people };
}

export const sogo: Detector = {
  provider: 'sogo',
  matches: (url) => /\/SOGo\//.test(url.pathname),
  detect(doc: Document, url: PageAddress, now?: number): Detection {
    const owner: Owner = { account: asEmail(text(doc.querySelector(SEL.account))), accountName: cleanName(text(doc.querySelector(SEL.accountName))) };
    const base = { provider: 'sogo' as const, account: owner.account, ...(owner.accountName ? { accountName: owner.accountName } : {}) };
    const degraded = new Set<string>();
    const marks = () => (degraded.size ? { degraded: [...degraded].sort() } : {});
    if (/\/Calendar\//.test(url.pathname)) {
      const event = eventItem(doc, owner);
      if (!event) return { ...emptyDetection('sogo', 'calendar'), ...base };
      return { ...base, view: 'event', items: [event], ...(event.id ? {} : { failure: 'no-id' as const }) };
    }
    const item = messageItem(doc, url, owner, degraded, now);
    if (item === 'unreadable') return { ...base, view: 'message', items: [], failure: 'no-people', ...marks() };
    if (!item) return { ...emptyDetection('sogo', doc.querySelector(SEL.messageList) ? 'list' : 'other'), ...base };
    return { ...base, view: 'message', items: [item], ...(item.id ? {} : { failure: 'no-id' as const }), ...marks() };
  },
};

// Tested on: tests/fixtures/sogo/*.html (saved from SOGo 5.8), tests/real/sogo (the running SOGo).
