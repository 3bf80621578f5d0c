/**
 * Dates as webmail pages print them, turned into ISO 8601 in the process's time zone. One reader
 * for every provider and language: the text is cut into tokens (a time, a weekday, a month word
 * or number, a day, a year, joining words such as "at", "om", "um … Uhr", "à", "a las", "alle
 * ore", "à(s)", "o"), every token must be one of those, and the date must exist. Words come from
 * ./words.ts (eight languages, checked against CLDR). Examples, all read:
 *   "Thu, Dec 18, 2014 at 12:35 PM"       (Gmail, English; tests/fixtures/gmail/inbox-list-2014.html)
 *   "Fri, Nov 20, 2026, 3:42 PM"          (Gmail title; a narrow no-break space may precede PM)
 *   "20 Aug 2025, 13:19"                  (Gmail, day first; research §7)
 *   "vr 20 nov. 2026 15:42", "Mi., 27. Okt. 2021 um 09:31 Uhr", "mer. 27 oct. 2021 à 09:31",
 *   "mié, 27 oct 2021 a las 9:31", "mer 27 ott 2021 alle ore 09:31", "quarta, 27/10/2021 à(s) 09:31",
 *   "śr., 27 paź 2021 o 09:31"           (Gmail in Dutch, German, French, Spanish, Italian, Portuguese, Polish)
 *   "Fri 11/20/2026 3:42 PM", "Fr 20.11.2026 15:42", "vr 20-11-2026 15:42"   (Outlook's short dates)
 *   "2024-01-04 08:00"                    (Roundcube)
 *   "Tuesday, January 02, 2024 09:00 UTC" (SOGo; a stated zone is honoured)
 * A date with a time is a moment. Relative text ("Today 16:00", "Yesterday 16:00", "Wed 16:00",
 * "16:00") is read only when the caller says when the page is read (`hints.now`); "2 hours ago",
 * or an unknown word, gives null, and the caller treats the item as undated.
 */
import type { DetectedItem } from './types';
import { JOINERS, MONTHS, relativeDay, WEEKDAYS } from './words';

const DIGITS = '0123456789';
/**
 * Two digits (0–99), spelled out rather than converted: converting small numbers to text fills V8's
 * number-to-string cache, which the whole tab shares and which grows from 1 KB to 64 KB for good
 * once two numbers meet in it (bench: JS heap added to a Gmail tab, issue 22).
 */
export const two = (n: number) => DIGITS[(n / 10) | 0]! + DIGITS[n % 10]!;
const pad = (n: number, w = 2) => (n >= 0 && n < 100 && w === 2 ? two(n) : n >= 0 && n < 10_000 && w === 4 ? two((n / 100) | 0) + two(n % 100) : String(n).padStart(w, '0'));

/** ISO 8601 for a local wall-clock time, with the local offset ("2026-11-20T15:42:00+01:00"). */
export function toLocalIso(d: Date): string {
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  return (
    `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    `T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

interface Day {
  y: number;
  mo: number;
  d: number;
}
interface Time {
  h: number;
  mi: number;
  /** Set when the text said am or pm, so the other end of a range can inherit it. */
  ampm?: 'a' | 'p';
}

/** How to read "04/05/2026": month first (the US) or day first (everyone else). */
export type NumericOrder = 'mdy' | 'dmy';

export interface DateHints {
  /** The year to assume when the text has none (a calendar showing its year elsewhere). */
  year?: number | null;
  /** The page's language ("en-US", "nl"): decides "04/05/2026" when nothing else does. */
  lang?: string | null;
  /**
   * The moment the page is read (epoch ms). Given, relative dates are read against it in the
   * process's time zone: "Today 16:00", "Yesterday 16:00" (eight languages), "Wed 16:00" (the
   * latest Wednesday before yesterday, within the week; Roundcube), "16:00" alone (today; SOGo).
   * A relative date that lands more than an hour ahead of `now` is no date.
   */
  now?: number;
}

function valid(y: number, mo: number, d: number, h = 0, mi = 0): boolean {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || y < 1970 || y > 2200) return false;
  const date = new Date(y, mo - 1, d, h, mi);
  return date.getMonth() === mo - 1 && date.getDate() === d;
}

function build(day: Day, t: Time | null, offsetMinutes: number | null = null): string | null {
  const h = t?.h ?? 0;
  const mi = t?.mi ?? 0;
  if (!valid(day.y, day.mo, day.d, h, mi)) return null;
  if (offsetMinutes === null) return toLocalIso(new Date(day.y, day.mo - 1, day.d, h, mi, 0, 0));
  return toLocalIso(new Date(Date.UTC(day.y, day.mo - 1, day.d, h, mi) - offsetMinutes * 60_000));
}

const normaliseSpaces = (raw: string) => (/[\u00a0\u202f\u2009\u200a]|\s\s|^\s|\s$/.test(raw) ? raw.replace(/[\u00a0\u202f\u2009\u200a]/g, ' ').replace(/\s+/g, ' ').trim() : raw);

/** A time in the text: "3:42 PM", "15:42", "10:00am", "9:31 a.m.". */
const TIME = /(?<![\d:/.-])(\d{1,2}):(\d{2})(?::\d{2})?(?:\s?([ap])\.?\s?m\.?(?![a-z]))?/gi;
/** A time alone: "11:00", "11am", "2:30 pm", "14.30". */
const TIME_ALONE = /^(\d{1,2})(?:[:.](\d{2}))?\s?(?:([ap])\.?\s?m\.?)?(?:\s?uhr|\s?h)?$/i;
/** A stated zone: "UTC", "GMT", "GMT+1", "UTC+01:00", "+0100". */
const ZONE = /^(?:(?:UTC|GMT|Z)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?|([+-])(\d{2}):?(\d{2}))$/i;
/** Zone abbreviations that name one offset (SOGo prints the user's: "… 11:15 CEST"), in minutes. */
export const ZONE_NAMES: ReadonlyMap<string, number> = new Map(
  Object.entries({
    WET: 0, WEST: 60, BST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180, MSK: 180,
    EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
    AEST: 600, AEDT: 660, JST: 540,
  }),
);

export function readTime(raw: string, inheritAmPm?: 'a' | 'p'): Time | null {
  const m = TIME_ALONE.exec(normaliseSpaces(raw));
  return m ? clock(m[1]!, m[2], m[3], inheritAmPm) : null;
}

/**
 * A time from its parts as a pattern found them ("3", "42", "p"): the hour, the minutes if shown,
 * am or pm if said. Readers that found the parts call this directly rather than printing them
 * back into text for readTime to match again.
 */
function clock(hour: string, minutes: string | undefined, ap: string | undefined, inheritAmPm?: 'a' | 'p'): Time | null {
  const said = ap?.toLowerCase() as 'a' | 'p' | undefined;
  const ampm = said ?? inheritAmPm;
  if (!minutes && !ampm) return null; // a bare number is not a time
  let h = +hour;
  if (ampm) {
    if (h < 1 || h > 12) return null;
    h = h === 12 ? (ampm === 'p' ? 12 : 0) : ampm === 'p' ? h + 12 : h;
  }
  const mi = minutes ? +minutes : 0;
  if (h > 23 || mi > 59) return null;
  return { h, mi, ...(said ? { ampm: said } : {}) };
}

interface Reading {
  day: Day | null;
  time: Time | null;
  offset: number | null;
}

/** Weekday of a date, for telling "04/05/2026" apart when the page names the day. */
const weekdayOf = (d: Day) => new Date(d.y, d.mo - 1, d.d).getDay();

/** "Fri, Nov 20, 2026, 3:42 PM" / "Thu, Dec 18, 2014 at 12:35 PM": Gmail's English title, the commonest by far. */
const GMAIL_EN = /^(?:([A-Z][a-z]{2}), )?([A-Z][a-z]{2}) (\d{1,2}), (\d{4})(?:,| at) (\d{1,2}):(\d{2})[\u202f\u00a0 ]([AP])M$/;

/**
 * Read a date (and a time, if there is one) from text made only of date tokens; null on any other
 * word. Bounded: text longer than `max` is not looked at (page text is attacker-controlled).
 */
function read(raw: string | null | undefined, hints: DateHints = {}, max = 80): Reading | null {
  if (!raw || raw.length > max * 2) return null;
  let s = normaliseSpaces(raw);
  if (s.length === 0 || s.length > max) return null;
  if (/[^\x00-\x7f]/.test(s)) s = s.normalize('NFC');
  let time: Time | null = null;
  let times = 0;
  s = s.replace(TIME, (all, h: string, mi: string, ap: string | undefined) => {
    times++;
    time = clock(h, mi, ap);
    return ' ';
  });
  if (times > 1 || (times === 1 && !time)) return null;
  let offset: number | null = null;
  let weekday: number | null = null;
  let rel: number | null = null;
  let year: number | null = null;
  const days: number[] = [];
  /** Month words; `wd` when the word is a weekday too ("mar": March, or Tuesday in French). */
  const months: { n: number; wd: number | undefined }[] = [];
  let numeric: { a: number; b: number; y: number; sep: string } | null = null;
  let iso: Day | null = null;
  for (const token of s.split(/[\s,]+/)) {
    if (!token) continue;
    let m: RegExpExecArray | null;
    const word = token.replace(/[.,]+$/, '');
    const c = word.charCodeAt(0);
    if (c >= 48 && c <= 57) {
      // Starts with a digit: a day, a year, or a numeric date.
      if (word.length <= 2 && /^\d+$/.test(word)) days.push(+word);
      else if (word.length === 4 && /^\d{4}$/.test(word) && year === null) year = +word;
      else if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(word))) iso = { y: +m[1]!, mo: +m[2]!, d: +m[3]! };
      else if ((m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(word))) numeric = { a: +m[1]!, b: +m[3]!, y: +m[4]!, sep: m[2]! };
      else if ((m = /^(\d{1,2})-(\p{L}{3,9})-(\d{2})$/u.exec(word)) && MONTHS.has(m[2]!.toLowerCase())) {
        // "20-Oct-26": SOGo's short list date (day, month word, two-digit year).
        iso = { y: 2000 + +m[3]!, mo: MONTHS.get(m[2]!.toLowerCase())!, d: +m[1]! };
      } else return null;
      continue;
    }
    const lower = word.toLowerCase();
    const r = relativeDay(lower);
    if (r !== undefined) {
      if (rel !== null) return null;
      rel = r;
      continue;
    }
    const mo = MONTHS.get(lower);
    const wd = WEEKDAYS.get(lower);
    if (mo !== undefined) months.push({ n: mo, wd });
    else if (wd !== undefined) {
      if (weekday !== null) return null;
      weekday = wd;
    } else if (JOINERS.has(lower) || lower === 'uhr' || lower === 'h') continue;
    else if (ZONE_NAMES.has(word)) offset = ZONE_NAMES.get(word)!;
    else if ((m = ZONE.exec(word))) {
      const [, s1, h1, m1, s2, h2, m2] = m;
      const sign = (s1 ?? s2) === '-' ? -1 : 1;
      offset = sign * ((+(h1 ?? h2 ?? 0)) * 60 + +(m1 ?? m2 ?? 0));
    } else return null;
  }
  // "Mar 16:00" alone: Tuesday (French, Spanish, Italian), not March: a month needs a day.
  if (!iso && !numeric && months.length === 1 && months[0]!.wd !== undefined && !days.length && year === null && weekday === null) {
    weekday = months[0]!.wd!;
    months.length = 0;
  }
  // "Today" beside a full date: not a date we understand.
  if (rel !== null && (iso || numeric || months.length || days.length || year !== null)) return null;
  let day: Day | null = null;
  if (iso) day = iso;
  else if (numeric) {
    // Beside a numeric date a month word can only be a weekday ("mar. 10/03/2026").
    if (months.some((x) => x.wd === undefined) || months.length > 1 || days.length || year !== null) return null;
    if (months.length === 1) {
      if (weekday !== null) return null;
      weekday = months[0]!.wd!;
    }
    const { a, b, y, sep } = numeric;
    const mdy = { y, mo: a, d: b };
    const dmy = { y, mo: b, d: a };
    const pick = (): Day => {
      if (sep !== '/') return dmy; // 20-11-2026, 20.11.2026
      if (a > 12) return dmy;
      if (b > 12) return mdy;
      if (weekday !== null && valid(mdy.y, mdy.mo, mdy.d) && valid(dmy.y, dmy.mo, dmy.d)) {
        if (weekdayOf(mdy) === weekday && weekdayOf(dmy) !== weekday) return mdy;
        if (weekdayOf(dmy) === weekday && weekdayOf(mdy) !== weekday) return dmy;
      }
      return orderFor(hints.lang) === 'dmy' ? dmy : mdy;
    };
    day = pick();
  } else if (months.length) {
    // "mar. 27 oct." is Tuesday 27 October: a word that is both a weekday and a month is the
    // weekday when another month word is there.
    const real = months.length > 1 ? months.filter((x) => x.wd === undefined) : months;
    if (real.length !== 1 || days.length !== 1) return null;
    const asWeekday = months.filter((x) => x !== real[0]);
    if (asWeekday.length > 1 || (asWeekday.length === 1 && weekday !== null)) return null;
    if (asWeekday.length === 1) weekday = asWeekday[0]!.wd!;
    const y = year ?? hints.year ?? null;
    if (y === null) return null;
    day = { y, mo: real[0]!.n, d: days[0]! };
  } else if (days.length || year !== null) return null;
  else if (hints.now !== undefined && (rel !== null || time)) {
    // Relative: "Today 16:00", "Yesterday", "Wed 16:00", "16:00" alone.
    if (rel !== null && weekday !== null) return null;
    const today = new Date(hints.now);
    const back = rel !== null ? -rel : weekday !== null ? ((today.getDay() - weekday + 7) % 7 || 7) : 0;
    const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() - back);
    day = { y: d.getFullYear(), mo: d.getMonth() + 1, d: d.getDate() };
    const t = time as Time | null;
    const at = new Date(day.y, day.mo - 1, day.d, t?.h ?? 0, t?.mi ?? 0).getTime();
    if (at > hints.now + 3_600_000) return null;
  }
  if (rel !== null && !day) return null;
  if (day && !valid(day.y, day.mo, day.d)) return null;
  // A weekday that is not the date's: not a date we understand ("Mar Apr 5 2026").
  if (day && weekday !== null && weekdayOf(day) !== weekday) return null;
  return { day, time, offset };
}

/** Month first for US English pages, day first elsewhere; month first when the page says nothing. */
export function orderFor(lang: string | null | undefined): NumericOrder {
  if (!lang) return 'mdy';
  const l = lang.toLowerCase();
  return l === 'en' || l === 'en-us' || l.startsWith('en-us') ? 'mdy' : 'dmy';
}

/** A full date with a time, as a webmail prints when a message was sent; null otherwise. */
export function parseDisplayedDate(raw: string | null | undefined, hints: DateHints = {}): string | null {
  const quick = raw && raw.length < 40 ? GMAIL_EN.exec(raw) : null;
  if (quick) {
    // Gmail's English titles, one per message of a long conversation, read without the tokens.
    const [, wd, mon, d, y, h, mi, ap] = quick;
    const mo = MONTHS.get(mon!.toLowerCase());
    const day = mo ? { y: +y!, mo, d: +d! } : null;
    const t = clock(h!, mi, ap);
    if (day && t && valid(day.y, day.mo, day.d) && (!wd || WEEKDAYS.get(wd.toLowerCase()) === weekdayOf(day))) return build(day, t);
  }
  const r = read(raw, hints);
  if (!r?.day || !r.time) return null;
  return build(r.day, r.time, r.offset);
}

/**
 * An item whose detector left its date as printed (`atText`), read: the first text that reads as a
 * date and time (parseDisplayedDate, no page hints) becomes `at`. An item that already has `at`
 * keeps it. Done where a detection is received (./receive.ts), not in the tab.
 */
export function readPrintedDate<T extends DetectedItem>(item: T): Omit<T, 'atText'> {
  const { atText, ...rest } = item;
  if (!atText || rest.at !== null) return rest;
  for (const text of atText) {
    const at = parseDisplayedDate(text);
    if (at) return { ...rest, at };
  }
  return rest;
}

/** A day (with or without a time); a time-less day is its midnight. */
export function parseDay(raw: string | null | undefined, hints: DateHints = {}): string | null {
  const r = read(raw, hints);
  return r?.day ? build(r.day, r.time, r.offset) : null;
}

const RANGE = /\s[–—-]\s|\s?[–—]\s?|\s(?:to|tot|bis|à|a|al|do)\s/;

/**
 * An event's "when" line as Google Calendar prints it, with start and end:
 *   "Thursday, November 26⋅10:00 – 11:00am"       (no year: the page's year is passed in)
 *   "Thursday, November 26, 2026⋅10:00am – 2:30pm"
 *   "November 26, 2026, 10:00am – November 27, 2026, 11:00am"
 *   "donderdag 26 november⋅10:00 - 11:00", "Donnerstag, 5. März 2026 ⋅ 10:00 – 11:00",
 *   "jueves, 5 de marzo de 2026⋅10:00–11:00", "czwartek, 5 marca 2026⋅10:00–11:00"
 *   "Thursday, November 26" (all day: starts at midnight)
 */
export function parseEventWhen(raw: string | null | undefined, fallbackYear: number | null, lang?: string | null): { start: string | null; end: string | null } {
  const none = { start: null, end: null };
  if (!raw) return none;
  const s = normaliseSpaces(raw);
  if (s.length > 160) return none;
  const hints = { year: fallbackYear, lang };
  if (s.includes('⋅')) {
    const [dayPart = '', timePart = ''] = s.split('⋅');
    const day = read(dayPart, hints)?.day;
    if (!day) return none;
    const [t1 = '', t2 = ''] = timePart.split(/\s*[–—-]\s*/).map((x) => x.trim());
    if (!t1) return { start: build(day, null), end: null };
    const end = t2 ? readTime(t2) : null;
    const start = readTime(t1, end?.ampm);
    if (!start) return none;
    return { start: build(day, start), end: end ? build(day, end) : null };
  }
  const [left = '', right = ''] = s.split(RANGE).map((x) => x.trim());
  const a = read(left, hints, 100);
  if (!a?.day) return none;
  const start = build(a.day, a.time, a.offset);
  if (!right) return { start, end: null };
  const endTime = readTime(right);
  if (endTime) return { start, end: build(a.day, endTime, a.offset) };
  const b = read(right, { year: a.day.y, lang }, 100);
  return { start, end: b?.day ? build(b.day, b.time, b.offset) : null };
}

/** A date typed in a form field: "Nov 26, 2026", "26 nov. 2026", "2026-11-26"; the time beside it. */
export function parseFormDate(dateRaw: string | null | undefined, timeRaw: string | null | undefined, lang?: string | null): string | null {
  const day = read(dateRaw, { lang })?.day;
  if (!day) return null;
  const t = timeRaw ? readTime(timeRaw) : null;
  if (timeRaw && !t) return null;
  return build(day, t);
}

/** "Thu 11/26/2026 10:00 AM - 11:00 AM", "do 26-11-2026 10:00 - 11:00", "Do 26.11.2026 10:00 bis 11:00". */
export function parseDateTimeRange(raw: string | null | undefined, lang?: string | null): { start: string | null; end: string | null } {
  if (!raw) return { start: null, end: null };
  const s = normaliseSpaces(raw);
  if (s.length > 160) return { start: null, end: null };
  const [left = '', right = ''] = s.split(RANGE).map((x) => x.trim());
  const a = read(left, { lang });
  if (!a?.day || !a.time) return { start: null, end: null };
  const start = build(a.day, a.time, a.offset);
  if (!right) return { start, end: null };
  const endTime = readTime(right);
  if (endTime) return { start, end: build(a.day, endTime, a.offset) };
  const b = read(right, { year: a.day.y, lang });
  return { start, end: b?.day && b.time ? build(b.day, b.time, b.offset) : null };
}
