/**
 * Google Calendar (calendar.google.com): who met, in the open event.
 *
 * Reads the visible event details dialog (Google leaves stale, hidden dialogs behind) or the event
 * edit page. Guests come from `[data-email]` inside the guest section only, so addresses in the
 * description or location are never guests. Evidence: ../shared/research/webmail-selectors.md §4
 * (xDetDlg ids: meeting-cost extension and a real dialog's markup pasted in a public transcript; `data-email`: cal.com's
 * integration and public attendee selectors). The guests' role labels and response icons were not
 * seen in a real capture; their selectors below follow the evidence's aria-label approach.
 */
import { parseEventWhen, parseFormDate } from './dates';
import { calendarOfEventId, googleAccountFromControl } from './google-account';
import { asEmail, cleanName, cleanText, looksHidden } from './text';
import type { DetectedItem, DetectedPerson, Detection, Detector } from './types';

const SEL = {
  // Ids are matched as attributes: stale dialogs duplicate them, and scoped `#id` lookups then
  // miss in some DOMs (jsdom's, at least). Browsers give the same result either way.
  /** Event dialogs; only visible ones count. event-dialog-stale.html: 2, 1 visible. */
  dialog: '[role=dialog]',
  /** The details container with its event id (base64 "<event id> <calendar address>"). */
  details: '[id="xDetDlg"][data-eventid], [data-eventid]',
  title: '[id="rAECCd"], [role=heading][aria-level="1"], [role=heading]',
  when: '[id="xDetDlgWhen"]',
  /** The guest section; every guest carries data-email. event-dialog.html: 4. */
  guestSection: '[id="xDetDlgAtt"], [aria-label="Guests invited to this event."], [aria-label="Gasten die zijn uitgenodigd voor dit evenement."]',
  guest: '[data-email]',
  /** Edit page fields (labelled inputs). event-edit.html. */
  editTitle: 'input[aria-label="Title"], input[aria-label="Titel"], input[aria-label="Add title"], input[aria-label="Titel toevoegen"]',
  editStartDate: 'input[aria-label="Start date"], input[aria-label="Begindatum"], input[aria-label="Startdatum"]',
  editStartTime: 'input[aria-label="Start time"], input[aria-label="Begintijd"], input[aria-label="Starttijd"]',
  editEndDate: 'input[aria-label="End date"], input[aria-label="Einddatum"]',
  editEndTime: 'input[aria-label="End time"], input[aria-label="Eindtijd"]',
  editGuests: '[role=list][aria-label="Guests"], [role=list][aria-label="Gasten"], [id="xGstLst"]',
  /** The page header, where the shown month and year are printed ("November 2026"). */
  header: 'header',
} as const;

const ORGANIZER = /^(organizer|organisator|organiser)$/i;
const NOT_A_NAME = /^(organizer|organisator|organiser|optional|optioneel|creator|maker)$/i;
const RESPONSES: [RegExp, DetectedPerson['response']][] = [
  [/\b(accepted|attending|yes|geaccepteerd|ja)\b/i, 'accepted'],
  [/\b(declined|no|geweigerd|afgewezen|nee)\b/i, 'declined'],
  [/\b(maybe|tentative|misschien)\b/i, 'tentative'],
  [/\b(awaiting|needs action|not responded|in afwachting|geen reactie)\b/i, 'awaiting'],
];

function response(el: Element): DetectedPerson['response'] | undefined {
  const labels = [el, ...Array.from(el.querySelectorAll('[aria-label]'))].map((e) => e.getAttribute('aria-label') ?? '').join(' ');
  return RESPONSES.find(([re]) => re.test(labels))?.[1];
}

function guests(section: Element | null, account: string | null): DetectedPerson[] {
  if (!section) return [];
  const out: DetectedPerson[] = [];
  const seen = new Set<string>();
  for (const el of Array.from(section.querySelectorAll(SEL.guest))) {
    const email = asEmail(el.getAttribute('data-email'));
    if (!email || seen.has(email)) continue;
    seen.add(email);
    const texts = Array.from(el.querySelectorAll('span, div'))
      .filter((e) => e.children.length === 0)
      .map((e) => cleanText(e.textContent))
      .filter((t): t is string => Boolean(t));
    const organizer = texts.some((t) => ORGANIZER.test(t));
    const name = email === account ? null : cleanName(el.getAttribute('data-name') ?? texts.find((t) => !NOT_A_NAME.test(t)));
    const r = response(el);
    out.push({ email, name, role: organizer ? 'organizer' : 'attendee', ...(r ? { response: r } : {}) });
  }
  // The organizer first, as in the contract's examples.
  return out.sort((a, b) => Number(b.role === 'organizer') - Number(a.role === 'organizer'));
}

/** The year the page is showing: from the URL (/r/week/2026/11/23), else the header ("November 2026"). */
function pageYear(doc: Document, url: URL): number | null {
  const fromUrl = /\/r\/[a-z]+\/(\d{4})\/\d{1,2}\/\d{1,2}/.exec(url.pathname);
  if (fromUrl) return +fromUrl[1]!;
  const header = doc.querySelector(SEL.header)?.textContent ?? '';
  const m = /\b(20\d{2})\b/.exec(header);
  return m ? +m[1]! : null;
}

/** The account control, else the calendar the open event is on (the user's own, as a rule). */
function calendarAccount(doc: Document, url: URL): string | null {
  const eid = doc.querySelector(SEL.details)?.getAttribute('data-eventid') ?? /\/eventedit\/([A-Za-z0-9_=-]+)/.exec(url.pathname)?.[1];
  return googleAccountFromControl(doc) ?? calendarOfEventId(eid);
}

function dialogItem(doc: Document, url: URL, account: string | null): DetectedItem | null | 'unreadable' {
  const dialogs = Array.from(doc.querySelectorAll(SEL.dialog)).filter((d) => !looksHidden(d) && d.querySelector(SEL.details));
  const dialog = dialogs.at(-1); // the most recently opened visible one
  if (!dialog) return null;
  const details = dialog.querySelector(SEL.details)!;
  const id = cleanText(details.getAttribute('data-eventid'));
  const subject = cleanText(dialog.querySelector(SEL.title)?.textContent);
  const when = parseEventWhen(dialog.querySelector(SEL.when)?.textContent, pageYear(doc, url));
  const people = guests(dialog.querySelector(SEL.guestSection), account);
  if (!id) return 'unreadable';
  return { kind: 'meeting', id, subject, at: when.start, end: when.end, people };
}

function editItem(doc: Document, url: URL, account: string | null): DetectedItem | null {
  const m = /\/eventedit\/([A-Za-z0-9_=-]+)/.exec(url.pathname);
  if (!m) return null;
  const value = (sel: string) => doc.querySelector<HTMLInputElement>(sel)?.getAttribute('value') ?? doc.querySelector<HTMLInputElement>(sel)?.value ?? null;
  const start = parseFormDate(value(SEL.editStartDate), value(SEL.editStartTime));
  const end = parseFormDate(value(SEL.editEndDate) ?? value(SEL.editStartDate), value(SEL.editEndTime));
  return {
    kind: 'meeting',
    id: m[1]!,
    subject: cleanText(value(SEL.editTitle)),
    at: start,
    end,
    people: guests(doc.querySelector(SEL.editGuests), account),
  };
}

export function detectGoogleCalendar(doc: Document, url: URL): Detection {
  const account = calendarAccount(doc, url);
  const edit = editItem(doc, url, account);
  if (edit) return { provider: 'google-calendar', view: 'edit', account, items: [edit] };
  const item = dialogItem(doc, url, account);
  if (item === 'unreadable') return { provider: 'google-calendar', view: 'event', account, items: [], failure: 'no-id' };
  if (item) return { provider: 'google-calendar', view: 'event', account, items: [item] };
  return { provider: 'google-calendar', view: 'calendar', account, items: [] };
}

export const googleCalendar: Detector = {
  provider: 'google-calendar',
  matches: (url) => url.hostname === 'calendar.google.com',
  detect: detectGoogleCalendar,
};

// Tested on: tests/fixtures/google-calendar/*.html (see each .expected.json).
