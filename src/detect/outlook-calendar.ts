/**
 * Outlook calendar on the web (/calendar/ on the Outlook hosts): who met.
 * The event's full view names the organizer and each attendee with their response; where nothing
 * is open, the week view's event tiles carry one ARIA label each ("Weekly Standup, 9:00 AM to
 * 9:30 AM, Monday, March 3, 2026, Microsoft Teams Meeting, By Artur Zielinski, Busy, Recurring
 * event"): the organizer follows "By ". Evidence: research §3 (gabeosx, pulse-agent fixture).
 *
 * Durable anchors: `data-app-section` (CalendarItemFullView, EventTime, Organizer), the URL's item
 * id, `[role=list]`/`[role=listitem]`, chips (outlook-common.ts), and a tile label's shape: its
 * title, then a time range, then a date with its year, in any language.
 * Hints: the ARIA labels and words ("Event", "Organizer", "Attendees", "By", "Declined:", the
 * responses), in eight languages (OUTLOOK_WORDS). Without the attendee list's label, the view's
 * list of people is the attendees (marked `degraded`).
 */
import { parseDateTimeRange, parseDay, readTime, two } from './dates';
import { OUTLOOK_WORDS, ariaAny, chipsIn, outlookAccount, wordsRe } from './outlook-common';
import { cleanName, cleanText, looksHidden } from './text';
import type { DetectedItem, DetectedPerson, Detection, Detector, PageAddress } from './types';

const SEL = {
  /** The full event view. event-full.html: 1. */
  fullView: `[data-app-section="CalendarItemFullView"], ${ariaAny(OUTLOOK_WORDS.event, false, '[role=main]')}`,
  title: '[role=heading][aria-level="1"], [role=heading][aria-level="2"], [role=heading]',
  when: `[data-app-section="EventTime"], ${ariaAny(OUTLOOK_WORDS.time, true)}`,
  organizer: `[data-app-section="Organizer"], ${ariaAny(OUTLOOK_WORDS.organizer, true)}`,
  attendees: ariaAny(OUTLOOK_WORDS.attendees, false, '[role=list]'),
  /** Week view tiles. week-tiles.html: 4 tiles, 1 declined, 1 placeholder. */
  tile: '[role=button][aria-label]',
} as const;

/** Attendee responses as Outlook words them, eight languages (hints; see OUTLOOK_WORDS). */
const RESPONSE: [RegExp, DetectedPerson['response']][] = [
  [/(?<!\p{L})(?:accepted|geaccepteerd|angenommen|zugesagt|accepté|aceptad[oa]|accettato|aceito|zaakceptowan[oa])(?!\p{L})/iu, 'accepted'],
  [/(?<!\p{L})(?:declined|geweigerd|afgewezen|abgelehnt|refusé|rechazad[oa]|rifiutato|recusad[oa]|odrzucon[oa])(?!\p{L})/iu, 'declined'],
  [/(?<!\p{L})(?:tentative|tentatively|voorlopig|mit vorbehalt|vorläufig|provisoire|provisional|provvisorio|provisório|wstępnie)(?!\p{L})/iu, 'tentative'],
  [/(?:didn't respond|no response|not responded|geen antwoord|niet gereageerd|keine antwort|pas de réponse|sin respuesta|nessuna risposta|sem resposta|brak odpowiedzi)/iu, 'awaiting'],
];

function fullViewItem(doc: Document, url: PageAddress, account: string | null, lang: string | null, degraded: Set<string>): DetectedItem | null {
  const view = Array.from(doc.querySelectorAll(SEL.fullView)).find((v) => !looksHidden(v));
  if (!view) return null;
  const subject = cleanText(view.querySelector(SEL.title)?.textContent);
  const when = parseDateTimeRange(cleanText(view.querySelector(SEL.when)?.textContent), lang);
  const organizer = view.querySelector(SEL.organizer);
  const people: DetectedPerson[] = organizer ? chipsIn(organizer, 'organizer', account) : [];
  let list = view.querySelector(SEL.attendees);
  if (!list) {
    list = Array.from(view.querySelectorAll('[role=list]')).find((l) => l.querySelector('[role=listitem]')) ?? null;
    if (list) degraded.add('outlook:attendees-label');
  }
  if (list) {
    for (const item of Array.from(list.querySelectorAll('[role=listitem]'))) {
      const [p] = chipsIn(item, 'attendee', account);
      if (!p || people.some((q) => (q.email ?? q.name) === (p.email ?? p.name))) continue;
      const label = [item.getAttribute('aria-label'), ...Array.from(item.querySelectorAll('[aria-label]')).map((e) => e.getAttribute('aria-label')), item.textContent].join(' ');
      const response = RESPONSE.find(([re]) => re.test(label))?.[1];
      people.push({ ...p, ...(response ? { response } : {}) });
    }
  }
  const idMatch = /\/item\/([^/?#]+)/.exec(url.pathname);
  const id = idMatch ? decodeURIComponent(idMatch[1]!).slice(0, 200) : subject && when.start ? `${subject}@${when.start}` : null;
  return { kind: 'meeting', id, subject, at: when.start, end: when.end, people };
}

const TIME_RANGE = /^(\d{1,2}[:.]\d{2}(?:\s?[AaPp]\.?[Mm]\.?)?)\s*(?:\S{1,4})\s*(\d{1,2}[:.]\d{2}(?:\s?[AaPp]\.?[Mm]\.?)?)$/;
const NOT_MET = new RegExp(`^${wordsRe(OUTLOOK_WORDS.tileNotMet).source}\\s?:`, 'i');
const PLACEHOLDER = new RegExp(`^${wordsRe(OUTLOOK_WORDS.tilePlaceholder).source}\\b`, 'i');
const BY = new RegExp(`^${wordsRe(OUTLOOK_WORDS.tileBy).source}\\s+(.+)$`, 'i');

/** A tile's label read by its shape: title, a time range, a date with its year, then the rest. */
function readTile(label: string, lang: string | null): { title: string; start: string | null; end: string | null; rest: string[] } | null {
  const parts = label.split(', ');
  const i = parts.findIndex((p) => TIME_RANGE.test(p));
  if (i < 1) return null;
  const [, t1, t2] = TIME_RANGE.exec(parts[i]!)!;
  for (let k = 1; k <= 4 && i + k < parts.length; k++) {
    const dayText = parts.slice(i + 1, i + 1 + k).join(', ');
    const day = parseDay(dayText, { lang });
    if (!day) continue;
    const at = (t: string) => {
      const time = readTime(t);
      return time ? parseDay(`${dayText} ${two(time.h)}:${two(time.mi)}`, { lang }) : null;
    };
    return { title: parts.slice(0, i).join(', '), start: at(t1!), end: at(t2!), rest: parts.slice(i + 1 + k) };
  }
  return null;
}

function tileItems(doc: Document, accountName: string | null, lang: string | null): DetectedItem[] {
  const items: DetectedItem[] = [];
  for (const tile of Array.from(doc.querySelectorAll(SEL.tile))) {
    const label = cleanText(tile.getAttribute('aria-label')) ?? '';
    // Declined and canceled events were not met; "New event" is the empty slot's placeholder.
    if (NOT_MET.test(label) || PLACEHOLDER.test(label)) continue;
    const tileParts = readTile(label, lang);
    if (!tileParts) continue;
    const { title, start, end, rest } = tileParts;
    const by = rest.map((r) => BY.exec(r)?.[1]).find(Boolean);
    const organizer = cleanName(by);
    const people: DetectedPerson[] = organizer && organizer !== accountName ? [{ email: null, name: organizer, role: 'organizer' }] : [];
    items.push({ kind: 'meeting', id: start ? `${title}@${start}` : null, subject: cleanText(title), at: start, end, people });
  }
  return items;
}

export function detectOutlookCalendar(doc: Document, url: PageAddress): Detection {
  const { account, accountName } = outlookAccount(doc);
  const lang = doc.documentElement?.getAttribute('lang') ?? null;
  const degraded = new Set<string>();
  const base = { provider: 'outlook-calendar' as const, account, accountName };
  const full = fullViewItem(doc, url, account, lang, degraded);
  const marks = degraded.size ? { degraded: [...degraded].sort() } : {};
  if (full) return { ...base, view: 'event', items: [full], ...(full.id ? {} : { failure: 'no-id' as const }), ...marks };
  const tiles = tileItems(doc, accountName, lang);
  return { ...base, view: 'calendar', items: tiles };
}

const HOSTS = new Set(['outlook.live.com', 'outlook.office.com', 'outlook.office365.com']);

export const outlookCalendar: Detector = {
  provider: 'outlook-calendar',
  matches: (url) => HOSTS.has(url.hostname) && url.pathname.startsWith('/calendar'),
  detect: detectOutlookCalendar,
};

// Tested on: tests/fixtures/outlook-calendar/*.html (see each .expected.json).
