import { describe, expect, it } from 'vitest';
import { parseDisplayedDate, toLocalIso } from '../../../src/detect/dates';

// vitest.config.ts runs tests in Europe/Amsterdam.
describe('parseDisplayedDate', () => {
  it.each([
    ['Thu, Dec 18, 2014 at 12:35 PM', '2014-12-18T12:35:00+01:00'],
    ['Fri, Nov 20, 2026, 3:42\u202fPM', '2026-11-20T15:42:00+01:00'],
    ['Sat, Jul 4, 2026, 12:05 AM', '2026-07-04T00:05:00+02:00'],
    ['20 Nov 2026, 15:42', '2026-11-20T15:42:00+01:00'],
    ['vr 20 nov. 2026 15:42', '2026-11-20T15:42:00+01:00'],
    ['di 3 mrt 2026, 09:05', '2026-03-03T09:05:00+01:00'],
    ['ma 5 okt. 2026 om 8:00', '2026-10-05T08:00:00+02:00'],
    ['2024-01-04 08:00', '2024-01-04T08:00:00+01:00'],
    ['20-11-2026 15:42', '2026-11-20T15:42:00+01:00'],
  ])('%s → %s', (raw, iso) => {
    expect(parseDisplayedDate(raw)).toBe(iso);
  });

  it.each(['', '3:42 PM (2 hours ago)', 'Yesterday', 'gisteren', 'Feb 30, 2026, 1:00 PM', 'Nov 20', 'x'.repeat(500), 'Fri, Nov 20, 2026, 25:42'])(
    'gives null for %j (relative, partial, impossible or unknown)',
    (raw) => {
      expect(parseDisplayedDate(raw)).toBeNull();
    },
  );

  it('writes the local offset', () => {
    expect(toLocalIso(new Date(Date.UTC(2026, 5, 1, 12, 0)))).toBe('2026-06-01T14:00:00+02:00');
  });

  it('writes every field with its zeros, for years of any width (digits spelled, not printed)', () => {
    expect(toLocalIso(new Date(2026, 0, 5, 7, 3, 9))).toBe('2026-01-05T07:03:09+01:00');
    expect(toLocalIso(new Date(2099, 11, 31, 23, 59, 59))).toBe('2099-12-31T23:59:59+01:00');
    const early = new Date(2000, 0, 1, 10, 0);
    early.setFullYear(999);
    expect(toLocalIso(early)).toMatch(/^0999-01-01T10:00:00\+\d\d:\d\d$/);
    const late = new Date(2000, 0, 1, 10, 0);
    late.setFullYear(12345);
    expect(toLocalIso(late)).toBe('12345-01-01T10:00:00+01:00');
  });
});

describe('dates in the eight languages and with zones', () => {
  it.each([
    ['Mi., 27. Okt. 2021 um 09:31 Uhr', '2021-10-27T09:31:00+02:00'],
    ['mer. 27 oct. 2021 à 09:31', '2021-10-27T09:31:00+02:00'],
    ['mar. 26 oct. 2021 à 09:31', '2021-10-26T09:31:00+02:00'],
    ['Mar 27, 2021, 9:31 AM', '2021-03-27T09:31:00+01:00'],
    ['mié, 27 oct 2021 a las 9:31', '2021-10-27T09:31:00+02:00'],
    ['mer 27 ott 2021 alle ore 09:31', '2021-10-27T09:31:00+02:00'],
    ['quarta, 27/10/2021 à(s) 09:31', '2021-10-27T09:31:00+02:00'],
    ['śr., 27 paź 2021 o 09:31', '2021-10-27T09:31:00+02:00'],
    ['qui., 5 de mar. de 2026, 9:31', '2026-03-05T09:31:00+01:00'],
    ['Fr 20.11.2026 15:42', '2026-11-20T15:42:00+01:00'],
    ['mar. 10/03/2026 15:42', '2026-03-10T15:42:00+01:00'],
    ['Tuesday, January 02, 2024 09:00 UTC', '2024-01-02T10:00:00+01:00'],
    ['Monday, October 12, 2026 11:15 CEST', '2026-10-12T11:15:00+02:00'],
    ['Monday, October 12, 2026 05:15 EDT', '2026-10-12T11:15:00+02:00'],
  ])('%s → %s', (raw, iso) => {
    expect(parseDisplayedDate(raw)).toBe(iso);
  });

  it('reads "04/05/2026" by the weekday it names, else by the page language', () => {
    expect(parseDisplayedDate('Mon 04/05/2026 10:00')).toBe('2026-05-04T10:00:00+02:00');
    expect(parseDisplayedDate('Sun 04/05/2026 10:00')).toBe('2026-04-05T10:00:00+02:00');
    expect(parseDisplayedDate('04/05/2026 10:00', { lang: 'en-US' })).toBe('2026-04-05T10:00:00+02:00');
    expect(parseDisplayedDate('04/05/2026 10:00', { lang: 'fr-FR' })).toBe('2026-05-04T10:00:00+02:00');
  });

  it('gives null for words that are not dates, two weekdays, or a subject that names a month', () => {
    for (const raw of ['Marketing 27 Oct 2026 10:00', 'Mon Tue 5 Oct 2026 10:00', 'Planning May 2026', 'Re: 5 juni 2026 10:00', 'Mar Apr 5 2026 10:00']) expect(parseDisplayedDate(raw), raw).toBeNull();
  });
});

describe('relative dates, read against the moment the page is read', () => {
  // Tuesday 1 December 2026, 12:00 in Amsterdam (vitest's zone).
  const now = new Date('2026-12-01T12:00:00+01:00').getTime();
  const read = (raw: string, lang?: string) => parseDisplayedDate(raw, { now, lang });

  it.each([
    // Today with a time, in the eight languages (Roundcube's labels, Gmail/Outlook words).
    ['Today 09:15', '2026-12-01T09:15:00+01:00'],
    ['Vandaag 09:15', '2026-12-01T09:15:00+01:00'],
    ['Heute 09:15', '2026-12-01T09:15:00+01:00'],
    ['Aujourd’hui 09:15', '2026-12-01T09:15:00+01:00'],
    ["aujourd'hui 09:15", '2026-12-01T09:15:00+01:00'],
    ['Hoy 09:15', '2026-12-01T09:15:00+01:00'],
    ['Oggi 09:15', '2026-12-01T09:15:00+01:00'],
    ['Hoje 09:15', '2026-12-01T09:15:00+01:00'],
    ['Dzisiaj 09:15', '2026-12-01T09:15:00+01:00'],
    ['Today, 9:15 AM', '2026-12-01T09:15:00+01:00'],
    // Yesterday.
    ['Yesterday 16:00', '2026-11-30T16:00:00+01:00'],
    ['Gisteren 16:00', '2026-11-30T16:00:00+01:00'],
    ['Gestern 16:00', '2026-11-30T16:00:00+01:00'],
    ['Hier 16:00', '2026-11-30T16:00:00+01:00'],
    ['Ayer 16:00', '2026-11-30T16:00:00+01:00'],
    ['Ieri 16:00', '2026-11-30T16:00:00+01:00'],
    ['Ontem 16:00', '2026-11-30T16:00:00+01:00'],
    ['Wczoraj 16:00', '2026-11-30T16:00:00+01:00'],
    // A weekday and a time: the latest such day before today, within the week (Roundcube's
    // "D H:i" for the last six days, with its own weekday labels in each language).
    ['Wed 16:00', '2026-11-25T16:00:00+01:00'],
    ['Mon 08:30', '2026-11-30T08:30:00+01:00'],
    ['Wo 16:00', '2026-11-25T16:00:00+01:00'],
    ['Mi 16:00', '2026-11-25T16:00:00+01:00'],
    ['Mer 16:00', '2026-11-25T16:00:00+01:00'],
    ['mié 16:00', '2026-11-25T16:00:00+01:00'],
    ['Qua 16:00', '2026-11-25T16:00:00+01:00'],
    ['Qua. 16:00', '2026-11-25T16:00:00+01:00'],
    ['Śr 16:00', '2026-11-25T16:00:00+01:00'],
    ['Mar 16:00', '2026-11-24T16:00:00+01:00'], // Tuesday in French, Spanish and Italian: a week ago
    ['Sab 10:00', '2026-11-28T10:00:00+01:00'],
    ['Sb 10:00', '2026-11-28T10:00:00+01:00'],
    ['Zo 10:00', '2026-11-29T10:00:00+01:00'],
    // A time alone: today (SOGo's list, Gmail's list).
    ['09:15', '2026-12-01T09:15:00+01:00'],
    ['9:15 AM', '2026-12-01T09:15:00+01:00'],
  ])('%s → %s', (raw, iso) => {
    expect(read(raw)).toBe(iso);
  });

  it('crosses month, year and daylight-saving boundaries by the calendar, not by 24-hour steps', () => {
    const newYear = new Date('2027-01-01T08:00:00+01:00').getTime();
    expect(parseDisplayedDate('Yesterday 23:30', { now: newYear })).toBe('2026-12-31T23:30:00+01:00');
    // Monday 30 March 2026, the day after clocks went forward.
    const afterDst = new Date('2026-03-30T10:00:00+02:00').getTime();
    expect(parseDisplayedDate('Sat 12:00', { now: afterDst })).toBe('2026-03-28T12:00:00+01:00');
    expect(parseDisplayedDate('Yesterday 12:00', { now: afterDst })).toBe('2026-03-29T12:00:00+02:00');
  });

  it.each([
    'Today 15:00', // more than an hour ahead of the moment read: not a date
    '15:00',
    'Today', // a day without a time is not the moment a mail was sent
    'Yesterday',
    'Wed',
    'Today 2026-11-25 16:00', // two dates
    'Today Wed 16:00',
    'Yesterday Today 16:00',
    'Wed Thu 16:00',
    '2 hours ago',
    'Today 25:00',
  ])('gives null for %j', (raw) => {
    expect(read(raw)).toBeNull();
  });

  it('reads relative words only when told when the page is read', () => {
    expect(parseDisplayedDate('Today 09:15')).toBeNull();
    expect(parseDisplayedDate('Wed 16:00')).toBeNull();
    expect(parseDisplayedDate('09:15')).toBeNull();
  });

  it('still reads full dates the same way with `now` given', () => {
    expect(read('2026-11-25 16:00')).toBe('2026-11-25T16:00:00+01:00');
    expect(read('Fri, Nov 20, 2026, 3:42\u202fPM')).toBe('2026-11-20T15:42:00+01:00');
    expect(read('mar. 10/03/2026 09:00', 'fr')).toBe('2026-03-10T09:00:00+01:00');
  });
});
