/**
 * Outlook calendar on the web (/calendar/ on the Outlook hosts): who met.
 * The event's full view names the organizer and each attendee with their response; where nothing
 * is open, the week view's event tiles carry one ARIA label each ("Weekly Standup, 9:00 AM to
 * 9:30 AM, Monday, March 3, 2026, Microsoft Teams Meeting, By Artur Zielinski, Busy, Recurring
 * event"): the organizer follows "By ". Evidence: research §3 (gabeosx, pulse-agent fixture).
 */
import { parseDateTimeRange, parseDisplayedDate } from './dates';
import { chipsIn, outlookAccount } from './outlook-common';
import { cleanName, cleanText, looksHidden } from './text';
import type { DetectedItem, DetectedPerson, Detection, Detector } from './types';

const SEL = {
  /** The full event view. event-full.html: 1. */
  fullView: '[data-app-section="CalendarItemFullView"], [role=main][aria-label="Event"], [role=main][aria-label="Afspraak"]',
  title: '[role=heading][aria-level="1"], [role=heading][aria-level="2"]',
  when: '[data-app-section="EventTime"], [aria-label^="Time"], [aria-label^="Tijd"]',
  organizer: '[data-app-section="Organizer"], [aria-label^="Organizer"], [aria-label^="Organisator"]',
  attendees: '[role=list][aria-label="Attendees"], [role=list][aria-label="Deelnemers"]',
  /** Week view tiles. week-tiles.html: 4 tiles, 1 declined, 1 placeholder. */
  tile: '[role=button][aria-label][data-calitemid], [role=button][aria-label*=", By "], [role=button][aria-label*=", Door "]',
} as const;

const RESPONSE: [RegExp, DetectedPerson['response']][] = [
  [/\b(accepted|geaccepteerd)\b/i, 'accepted'],
  [/\b(declined|geweigerd|afgewezen)\b/i, 'declined'],
  [/\b(tentative|tentatively|voorlopig)\b/i, 'tentative'],
  [/\b(didn't respond|no response|not responded|geen antwoord|niet gereageerd)\b/i, 'awaiting'],
];

function fullViewItem(doc: Document, url: URL, account: string | null): DetectedItem | null {
  const view = Array.from(doc.querySelectorAll(SEL.fullView)).find((v) => !looksHidden(v));
  if (!view) return null;
  const subject = cleanText(view.querySelector(SEL.title)?.textContent);
  const when = parseDateTimeRange(cleanText(view.querySelector(SEL.when)?.textContent));
  const organizer = view.querySelector(SEL.organizer);
  const people: DetectedPerson[] = organizer ? chipsIn(organizer, 'organizer', account) : [];
  const list = view.querySelector(SEL.attendees);
  if (list) {
    for (const item of Array.from(list.querySelectorAll('[role=listitem]'))) {
      const [p] = chipsIn(item, 'attendee', account);
      if (!p || people.some((q) => (q.email ?? q.name) === (p.email ?? p.name))) continue;
      const label = [item.getAttribute('aria-label'), ...Array.from(item.querySelectorAll('[aria-label]')).map((e) => e.getAttribute('aria-label'))].join(' ');
      const response = RESPONSE.find(([re]) => re.test(label))?.[1];
      people.push({ ...p, ...(response ? { response } : {}) });
    }
  }
  const idMatch = /\/item\/([^/?#]+)/.exec(url.pathname);
  const id = idMatch ? decodeURIComponent(idMatch[1]!).slice(0, 200) : subject && when.start ? `${subject}@${when.start}` : null;
  return { kind: 'meeting', id, subject, at: when.start, end: when.end, people };
}

const TILE = /^(?<title>.+?), (?<start>\d{1,2}[:.]\d{2}(?: ?[AaPp]\.?[Mm]\.?)?) (?:to|tot) (?<end>\d{1,2}[:.]\d{2}(?: ?[AaPp]\.?[Mm]\.?)?), (?<date>[^,]+(?:, [^,]+)?, \d{4}|[^,]+ \d{4})(?<rest>.*)$/;

function tileItems(doc: Document, accountName: string | null): DetectedItem[] {
  const items: DetectedItem[] = [];
  for (const tile of Array.from(doc.querySelectorAll(SEL.tile))) {
    const label = cleanText(tile.getAttribute('aria-label')) ?? '';
    // Declined events were not met; "New event" is the empty slot's placeholder.
    if (/^(declined|geweigerd|canceled|cancelled|geannuleerd):/i.test(label) || /^(new event|nieuwe afspraak)\b/i.test(label)) continue;
    const m = TILE.exec(label);
    if (!m?.groups) continue;
    const { title, start, end, date, rest } = m.groups;
    const at = parseDisplayedDate(`${date} ${start}`);
    const by = /, (?:By|Door) ([^,]+)/.exec(rest ?? '')?.[1];
    const organizer = cleanName(by);
    const people: DetectedPerson[] = organizer && organizer !== accountName ? [{ email: null, name: organizer, role: 'organizer' }] : [];
    items.push({ kind: 'meeting', id: at ? `${title}@${at}` : null, subject: cleanText(title), at, end: parseDisplayedDate(`${date} ${end}`), people });
  }
  return items;
}

export function detectOutlookCalendar(doc: Document, url: URL): Detection {
  const { account, accountName } = outlookAccount(doc);
  const base = { provider: 'outlook-calendar' as const, account, accountName };
  const full = fullViewItem(doc, url, account);
  if (full) return { ...base, view: 'event', items: [full], ...(full.id ? {} : { failure: 'no-id' as const }) };
  const tiles = tileItems(doc, accountName);
  return { ...base, view: 'calendar', items: tiles };
}

const HOSTS = new Set(['outlook.live.com', 'outlook.office.com', 'outlook.office365.com']);

export const outlookCalendar: Detector = {
  provider: 'outlook-calendar',
  matches: (url) => HOSTS.has(url.hostname) && url.pathname.startsWith('/calendar'),
  detect: detectOutlookCalendar,
};

// Tested on: tests/fixtures/outlook-calendar/*.html (see each .expected.json).
