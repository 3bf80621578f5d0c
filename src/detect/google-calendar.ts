/**
 * Google Calendar (calendar.google.com): who met, in the open event.
 *
 * Reads the visible event details dialog (Google leaves stale, hidden dialogs behind) or the event
 * edit page. Guests come from `[data-email]` inside the guest section only, so addresses in the
 * description or location are never guests. Evidence: ../shared/research/webmail-selectors.md §4
 * (xDetDlg ids: meeting-cost extension and a real dialog's markup pasted in a public transcript; `data-email`: cal.com's
 * integration and public attendee selectors). The guests' role labels and response icons were not
 * seen in a real capture; their selectors below follow the evidence's aria-label approach.
 *
 * Durable anchors: `[role=dialog]`, `data-eventid` (base64 of "<event id> <calendar address>"), the
 * ids `xDetDlg`, `xDetDlgWhen`, `xDetDlgAtt`, `xGstLst`, `data-email` on every guest, the
 * `/eventedit/<id>` URL, the edit page's input values.
 * Hints: ARIA labels and words ("Guests invited to this event.", "Organizer", "Start date", the
 * responses) in eight languages (CALENDAR_WORDS); the "when" line is read in all eight (dates.ts).
 * Without the edit page's labels, its fields are told apart by their values (a date, a time);
 * that reading is marked `degraded`.
 */
import { parseEventWhen, parseFormDate, readTime } from './dates';
import { calendarOfEventId, googleAccountFromControl } from './google-account';
import { asEmail, cleanName, cleanText, looksHidden } from './text';
import type { DetectedItem, DetectedPerson, Detection, Detector, PageAddress } from './types';

/**
 * Google Calendar's words, by language (en, nl, de, fr, es, it, pt, pl). English and Dutch are from
 * the evidence above and earlier fixtures; the others are Google's terms in its localised Calendar
 * as best known, not seen in a capture: an unknown word costs a guest's organizer mark or response,
 * never the guest.
 */
export const CALENDAR_WORDS = {
  guests: ['Guests invited to this event.', 'Gasten die zijn uitgenodigd voor dit evenement.', 'Zu diesem Termin eingeladene Gäste.', 'Invités à cet événement.', 'Invitados a este evento.', 'Invitati a questo evento.', 'Convidados para este evento.', 'Goście zaproszeni na to wydarzenie.'],
  organizer: ['Organizer', 'Organiser', 'Organisator', 'Organisateur', 'Organizador', 'Organizzatore', 'Organizator'],
  notAName: ['Optional', 'Optioneel', 'Facultatif', 'Facultative', 'Opcional', 'Facoltativo', 'Opcjonalny', 'Opcjonalnie', 'Creator', 'Maker', 'Ersteller', 'Créateur'],
  title: ['Title', 'Add title', 'Titel', 'Titel toevoegen', 'Titel hinzufügen', 'Titre', 'Ajouter un titre', 'Título', 'Añadir título', 'Titolo', 'Aggiungi titolo', 'Adicionar título', 'Tytuł', 'Dodaj tytuł'],
  startDate: ['Start date', 'Begindatum', 'Startdatum', 'Date de début', 'Fecha de inicio', 'Data di inizio', 'Data de início', 'Data rozpoczęcia'],
  startTime: ['Start time', 'Begintijd', 'Starttijd', 'Startzeit', 'Heure de début', 'Hora de inicio', 'Ora di inizio', 'Hora de início', 'Godzina rozpoczęcia'],
  endDate: ['End date', 'Einddatum', 'Enddatum', 'Date de fin', 'Fecha de finalización', 'Data di fine', 'Data de término', 'Data zakończenia'],
  endTime: ['End time', 'Eindtijd', 'Endzeit', 'Heure de fin', 'Hora de finalización', 'Ora di fine', 'Hora de término', 'Godzina zakończenia'],
  guestList: ['Guests', 'Gasten', 'Gäste', 'Invités', 'Invitados', 'Invitati', 'Convidados', 'Goście'],
  accepted: ['accepted', 'attending', 'yes', 'geaccepteerd', 'ja', 'zugesagt', 'angenommen', 'accepté', 'oui', 'aceptado', 'sí', 'accettato', 'aceito', 'sim', 'zaakceptowano', 'tak'],
  declined: ['declined', 'no', 'geweigerd', 'afgewezen', 'nee', 'abgesagt', 'abgelehnt', 'nein', 'refusé', 'non', 'rechazado', 'rifiutato', 'recusado', 'não', 'odrzucono', 'nie'],
  tentative: ['maybe', 'tentative', 'misschien', 'vielleicht', 'peut-être', 'quizás', 'tal vez', 'forse', 'talvez', 'może'],
  awaiting: ['awaiting', 'awaiting response', 'needs action', 'not responded', 'in afwachting', 'in afwachting van reactie', 'geen reactie', 'ausstehend', 'antwort ausstehend', 'keine antwort', 'en attente', 'en attente de réponse', 'pendiente', 'respuesta pendiente', 'in attesa', 'in attesa di risposta', 'aguardando', 'aguardando resposta', 'oczekuje', 'oczekuje na odpowiedź'],
} as const;

const inputs = (words: readonly string[]) => words.map((w) => `input[aria-label="${w}"]`).join(', ');

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
  guestSection: `[id="xDetDlgAtt"], ${CALENDAR_WORDS.guests.map((w) => `[aria-label="${w}"]`).join(', ')}`,
  guest: '[data-email]',
  /** Edit page fields (labelled inputs). event-edit.html. */
  editTitle: inputs(CALENDAR_WORDS.title),
  editStartDate: inputs(CALENDAR_WORDS.startDate),
  editStartTime: inputs(CALENDAR_WORDS.startTime),
  editEndDate: inputs(CALENDAR_WORDS.endDate),
  editEndTime: inputs(CALENDAR_WORDS.endTime),
  editGuests: `[id="xGstLst"], ${CALENDAR_WORDS.guestList.map((w) => `[role=list][aria-label="${w}"]`).join(', ')}`,
  /** The page header, where the shown month and year are printed ("November 2026"). */
  header: 'header',
} as const;

const oneOf = (words: readonly string[]) => new RegExp(`^(?:${words.join('|')})$`, 'i');
const ORGANIZER = oneOf(CALENDAR_WORDS.organizer);
const NOT_A_NAME = oneOf([...CALENDAR_WORDS.organizer, ...CALENDAR_WORDS.notAName]);
/** A guest's answer, matched on a whole label part ("Accepted", "Awaiting response"), never on a name. */
const RESPONSES: [RegExp, DetectedPerson['response']][] = [
  [oneOf(CALENDAR_WORDS.accepted), 'accepted'],
  [oneOf(CALENDAR_WORDS.declined), 'declined'],
  [oneOf(CALENDAR_WORDS.tentative), 'tentative'],
  [oneOf(CALENDAR_WORDS.awaiting), 'awaiting'],
];

function response(el: Element): DetectedPerson['response'] | undefined {
  // The guest's own label is "Name, Answer": only the part after the name is an answer.
  const own = el.getAttribute('aria-label')?.split(', ').slice(1) ?? [];
  const labels = [...own, ...Array.from(el.querySelectorAll('[aria-label]')).map((e) => e.getAttribute('aria-label') ?? '')].map((l) => l.trim());
  for (const label of labels) {
    const hit = RESPONSES.find(([re]) => re.test(label));
    if (hit) return hit[1];
  }
  return undefined;
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
function pageYear(doc: Document, url: PageAddress): number | null {
  const fromUrl = /\/r\/[a-z]+\/(\d{4})\/\d{1,2}\/\d{1,2}/.exec(url.pathname);
  if (fromUrl) return +fromUrl[1]!;
  const header = doc.querySelector(SEL.header)?.textContent ?? '';
  const m = /\b(20\d{2})\b/.exec(header);
  return m ? +m[1]! : null;
}

/** The account control, else the calendar the open event is on (the user's own, as a rule). */
function calendarAccount(doc: Document, url: PageAddress): string | null {
  const eid = doc.querySelector(SEL.details)?.getAttribute('data-eventid') ?? /\/eventedit\/([A-Za-z0-9_=-]+)/.exec(url.pathname)?.[1];
  return googleAccountFromControl(doc) ?? calendarOfEventId(eid);
}

function dialogItem(doc: Document, url: PageAddress, account: string | null): DetectedItem | null | 'unreadable' {
  const dialogs = Array.from(doc.querySelectorAll(SEL.dialog)).filter((d) => !looksHidden(d) && d.querySelector(SEL.details));
  const dialog = dialogs.at(-1); // the most recently opened visible one
  if (!dialog) return null;
  const details = dialog.querySelector(SEL.details)!;
  const id = cleanText(details.getAttribute('data-eventid'));
  const subject = cleanText(dialog.querySelector(SEL.title)?.textContent);
  const when = parseEventWhen(dialog.querySelector(SEL.when)?.textContent, pageYear(doc, url), doc.documentElement?.getAttribute('lang'));
  const people = guests(dialog.querySelector(SEL.guestSection) ?? dialog.querySelector('[role=list]'), account);
  if (!id) return 'unreadable';
  return { kind: 'meeting', id, subject, at: when.start, end: when.end, people };
}

function editItem(doc: Document, url: PageAddress, account: string | null, degraded: Set<string>): DetectedItem | null {
  const m = /\/eventedit\/([A-Za-z0-9_=-]+)/.exec(url.pathname);
  if (!m) return null;
  const lang = doc.documentElement?.getAttribute('lang');
  const valueOf = (el: Element | null) => (el as HTMLInputElement | null)?.getAttribute('value') ?? (el as HTMLInputElement | null)?.value ?? null;
  const value = (sel: string) => valueOf(doc.querySelector(sel));
  let fields = {
    title: value(SEL.editTitle),
    startDate: value(SEL.editStartDate),
    startTime: value(SEL.editStartTime),
    endDate: value(SEL.editEndDate),
    endTime: value(SEL.editEndTime),
  };
  if (!fields.startDate) {
    // Labels unknown: the fields by what they hold, in page order (title, dates, times).
    const values = Array.from(doc.querySelectorAll('input')).map(valueOf).filter((v): v is string => Boolean(v && v.trim()));
    const dates = values.filter((v) => parseFormDate(v, null, lang) !== null);
    const times = values.filter((v) => readTime(v) !== null);
    if (dates.length) {
      degraded.add('google-calendar:edit-labels');
      fields = { title: values.find((v) => !dates.includes(v) && !times.includes(v)) ?? null, startDate: dates[0]!, endDate: dates[1] ?? null, startTime: times[0] ?? null, endTime: times[1] ?? null };
    }
  }
  const start = parseFormDate(fields.startDate, fields.startTime, lang);
  const end = parseFormDate(fields.endDate ?? fields.startDate, fields.endTime, lang);
  return {
    kind: 'meeting',
    id: m[1]!,
    subject: cleanText(fields.title),
    at: start,
    end,
    people: guests(doc.querySelector(SEL.editGuests) ?? doc.querySelector('[role=main]'), account),
  };
}

export function detectGoogleCalendar(doc: Document, url: PageAddress): Detection {
  const account = calendarAccount(doc, url);
  const degraded = new Set<string>();
  const marks = (item: DetectedItem) => {
    // Google lists the organizer among the guests: a guest list without one has a label Kring cannot read.
    if (item.people.length > 1 && !item.people.some((p) => p.role === 'organizer')) degraded.add('google-calendar:organizer-label');
    return degraded.size ? { degraded: [...degraded].sort() } : {};
  };
  const edit = editItem(doc, url, account, degraded);
  if (edit) return { provider: 'google-calendar', view: 'edit', account, items: [edit], ...marks(edit) };
  const item = dialogItem(doc, url, account);
  if (item === 'unreadable') return { provider: 'google-calendar', view: 'event', account, items: [], failure: 'no-id' };
  if (item) return { provider: 'google-calendar', view: 'event', account, items: [item], ...marks(item) };
  return { provider: 'google-calendar', view: 'calendar', account, items: [] };
}

export const googleCalendar: Detector = {
  provider: 'google-calendar',
  matches: (url) => url.hostname === 'calendar.google.com',
  detect: detectGoogleCalendar,
};

// Tested on: tests/fixtures/google-calendar/*.html (see each .expected.json).
