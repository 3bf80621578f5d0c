/**
 * Dates as webmail pages print them, turned into ISO 8601 in the process's time zone.
 * Gmail puts the full date in `title` attributes without a zone, in the UI language:
 *   "Thu, Dec 18, 2014 at 12:35 PM"     (English, 2014; tests/fixtures/gmail/inbox-list-2014.html)
 *   "Fri, Nov 20, 2026, 3:42 PM"        (English, current; a narrow no-break space may precede PM)
 *   "20 Nov 2026, 15:42"                (English, UK)
 *   "vr 20 nov. 2026 15:42" / "vr 20 nov 2026, 15:42"   (Dutch)
 * Anything else gives null; the caller falls back to the moment of observation.
 */

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, januari: 1,
  feb: 2, february: 2, februari: 2,
  mar: 3, march: 3, mrt: 3, maart: 3,
  apr: 4, april: 4,
  may: 5, mei: 5,
  jun: 6, june: 6, juni: 6,
  jul: 7, july: 7, juli: 7,
  aug: 8, august: 8, augustus: 8,
  sep: 9, sept: 9, september: 9,
  oct: 10, october: 10, okt: 10, oktober: 10,
  nov: 11, november: 11,
  dec: 12, december: 12,
};

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

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

function build(y: number, mo: number, d: number, h: number, mi: number): string | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || y < 1970 || y > 2200) return null;
  const date = new Date(y, mo - 1, d, h, mi, 0, 0);
  if (date.getMonth() !== mo - 1 || date.getDate() !== d) return null; // 31 Feb and the like
  return toLocalIso(date);
}

function hour12(h: number, ampm: string | undefined): number {
  if (!ampm) return h;
  const pm = /^p/i.test(ampm);
  if (h === 12) return pm ? 12 : 0;
  return pm ? h + 12 : h;
}

const month = (word: string): number | undefined => MONTHS[word.toLowerCase().replace(/\.$/, '')];

/** Parse a full date as a webmail page shows it; null when it is relative or unknown. */
export function parseDisplayedDate(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const s = raw.replace(/[\u00a0\u202f\u2009]/g, ' ').replace(/\s+/g, ' ').trim();
  if (s.length > 80) return null;
  let m: RegExpExecArray | null;
  // Month first: "Thu, Dec 18, 2014 at 12:35 PM", "Fri, Nov 20, 2026, 3:42 PM"
  m = /^(?:[A-Za-z]+,? )?([A-Za-z]+)\.? (\d{1,2}),? (\d{4})(?:,| at| om)? (\d{1,2}):(\d{2})(?: ?([AaPp])\.?[Mm]\.?)?$/.exec(s);
  if (m) {
    const mo = month(m[1]!);
    if (mo) return build(+m[3]!, mo, +m[2]!, hour12(+m[4]!, m[6]), +m[5]!);
  }
  // Day first: "20 Nov 2026, 15:42", "vr 20 nov. 2026 15:42", "vr 20 nov 2026 om 15:42"
  m = /^(?:[A-Za-z]+\.?,? )?(\d{1,2}) ([A-Za-z]+)\.? (\d{4})(?:,| at| om)? (\d{1,2}):(\d{2})(?: ?([AaPp])\.?[Mm]\.?)?$/.exec(s);
  if (m) {
    const mo = month(m[2]!);
    if (mo) return build(+m[3]!, mo, +m[1]!, hour12(+m[4]!, m[6]), +m[5]!);
  }
  // Numeric: "2024-01-04 08:00" (Roundcube), "20-11-2026 15:42" / "vr 20-11-2026 15:42" (Dutch)
  m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})$/.exec(s);
  if (m) return build(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!);
  m = /^(?:[A-Za-z]+\.? )?(\d{1,2})[-.](\d{1,2})[-.](\d{4}),? (\d{1,2}):(\d{2})$/.exec(s);
  if (m) return build(+m[3]!, +m[2]!, +m[1]!, +m[4]!, +m[5]!);
  // US numeric, as Outlook prints it: "Fri 11/20/2026 3:42 PM" (month first)
  m = /^(?:[A-Za-z]+\.? )?(\d{1,2})\/(\d{1,2})\/(\d{4}),? (\d{1,2}):(\d{2})(?: ?([AaPp])\.?[Mm]\.?)?$/.exec(s);
  if (m) return build(+m[3]!, +m[1]!, +m[2]!, hour12(+m[4]!, m[6]), +m[5]!);
  return null;
}

const DAY_MONTH = /(?:^|[\s,])(\d{1,2})\.? ([A-Za-z]+)\.?(?:,? (\d{4}))?|(?:^|[\s,])([A-Za-z]+)\.? (\d{1,2})(?:,? (\d{4}))?/g;
const TIME = /(\d{1,2})(?:[:.](\d{2}))?\s?([ap])?\.?m?\.?/i;

function parseTime(raw: string, inheritAmPm?: string): { h: number; mi: number; ampm?: string } | null {
  const m = TIME.exec(raw.trim());
  if (!m) return null;
  const ampm = m[3] ?? inheritAmPm;
  const h = hour12(+m[1]!, ampm);
  const mi = m[2] ? +m[2] : 0;
  if (h > 23 || mi > 59 || (!m[2] && !ampm)) return null; // a bare number is not a time
  return { h, mi, ampm: m[3] };
}

function parseDay(raw: string, fallbackYear: number | null): { y: number; mo: number; d: number } | null {
  // "donderdag 26 november" also reads as word-number ("donderdag 26"): take the first whose word is a month.
  for (const m of raw.matchAll(DAY_MONTH)) {
    const [d, monthWord, y] = m[1] ? [+m[1], m[2]!, m[3]] : [+m[5]!, m[4]!, m[6]];
    const mo = month(monthWord);
    const year = y ? +y : fallbackYear;
    if (mo && year) return { y: year, mo, d };
  }
  for (const m of raw.matchAll(/(\d{1,2})\.? ([A-Za-z]+)/g)) {
    const mo = month(m[2]!);
    if (mo && fallbackYear) return { y: fallbackYear, mo, d: +m[1]! };
  }
  return null;
}

/**
 * An event's "when" line as Google Calendar prints it, with start and end:
 *   "Thursday, November 26⋅10:00 – 11:00am"       (no year: the page's year is passed in)
 *   "Thursday, November 26, 2026⋅10:00am – 2:30pm"
 *   "November 26, 2026, 10:00am – November 27, 2026, 11:00am"
 *   "donderdag 26 november⋅10:00 - 11:00"
 *   "Thursday, November 26" (all day: starts at midnight)
 */
export function parseEventWhen(raw: string | null | undefined, fallbackYear: number | null): { start: string | null; end: string | null } {
  const none = { start: null, end: null };
  if (!raw) return none;
  const s = raw.replace(/[\u00a0\u202f\u2009]/g, ' ').replace(/\s+/g, ' ').trim();
  if (s.length > 160) return none;
  const [left = '', right = ''] = s.split(/\s[–—-]\s|[–—]/).map((x) => x.trim());
  // The day is before the "⋅" (or before the first time); times follow it.
  const [dayPart = '', startTimePart = ''] = left.includes('⋅') ? left.split('⋅') : splitDayAndTime(left);
  const day = parseDay(dayPart, fallbackYear);
  if (!day) return none;
  const rightDay = right ? parseDay(splitDayAndTime(right)[0] ?? '', day.y) : null;
  const endTimeRaw = rightDay ? splitDayAndTime(right)[1] ?? '' : right;
  const endTime = endTimeRaw ? parseTime(endTimeRaw) : null;
  const startTime = startTimePart ? parseTime(startTimePart, endTime?.ampm) : null;
  if (startTimePart && !startTime) return none;
  const start = build(day.y, day.mo, day.d, startTime?.h ?? 0, startTime?.mi ?? 0);
  const endDay = rightDay ?? day;
  const end = endTime ? build(endDay.y, endDay.mo, endDay.d, endTime.h, endTime.mi) : null;
  return { start, end };
}

function splitDayAndTime(s: string): [string, string] {
  const m = /^(.*?\D)(?:,\s*|\s+)(\d{1,2}(?:[:.]\d{2})?\s?(?:[ap]\.?m\.?)?)$/i.exec(s);
  return m && /[:.apm]/i.test(m[2]!) ? [m[1]!.trim(), m[2]!] : [s, ''];
}

/** A date typed in a form field: "Nov 26, 2026", "26 nov. 2026", "2026-11-26". */
export function parseFormDate(dateRaw: string | null | undefined, timeRaw: string | null | undefined): string | null {
  if (!dateRaw) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateRaw.trim());
  const day = iso ? { y: +iso[1]!, mo: +iso[2]!, d: +iso[3]! } : parseDay(dateRaw.replace(/[\u00a0\u202f]/g, ' '), null);
  if (!day) return null;
  const t = timeRaw ? parseTime(timeRaw.replace(/[\u00a0\u202f]/g, ' ')) : null;
  if (timeRaw && !t) return null;
  return build(day.y, day.mo, day.d, t?.h ?? 0, t?.mi ?? 0);
}

/** "Thu 11/26/2026 10:00 AM - 11:00 AM" or "do 26-11-2026 10:00 - 11:00": start and end. */
export function parseDateTimeRange(raw: string | null | undefined): { start: string | null; end: string | null } {
  if (!raw) return { start: null, end: null };
  const s = raw.replace(/[\u00a0\u202f\u2009]/g, ' ').replace(/\s+/g, ' ').trim();
  const [left = '', right = ''] = s.split(/\s[–—-]\s|\sto\s|\stot\s/);
  const start = parseDisplayedDate(left);
  if (!start || !right) return { start, end: null };
  const endFull = parseDisplayedDate(right);
  if (endFull) return { start, end: endFull };
  const day = left.replace(/\s\d{1,2}:\d{2}.*$/, '');
  return { start, end: parseDisplayedDate(`${day} ${right.trim()}`) };
}
