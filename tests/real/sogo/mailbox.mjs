/**
 * The SOGo test account: mail and calendar events written for Kring's tests (no real people), in
 * the forms real mail takes: several recipients and Cc, recipients shown by name only, an
 * encoded-word name, a quoted reply, a newsletter, a message the owner sent; a meeting in the past
 * with guests (one declined) and one next week. Event dates are relative to the moment the harness
 * starts, so "past" and "upcoming" hold whenever the test runs.
 */
import { rawMessage } from '../loopback.mjs';

/** SOGo's login (its users table's c_uid, also the IMAP user) and the account's address. */
export const LOGIN = 'sanne';
export const USER = 'sanne@example.test';
export const PASSWORD = 'kring-sogo-password';

const msg = ({ folder = 'INBOX', ...m }) => ({ folder, date: m.date, subject: m.subject, raw: rawMessage(m) });

export const MESSAGES = [
  msg({
    date: '2026-10-12T09:15:00Z',
    from: 'Pieter de Vries <pieter@devries-advies.nl>',
    to: 'Sanne Bakker <sanne@example.test>, Lars Visser <lars@visser.design>',
    cc: 'Anna Jansen <anna@jansen-zorg.example>',
    subject: 'Offerte voorjaarsprogramma',
    id: 'sogo-offerte-1',
    body: 'Hoi Sanne en Lars,\n\nHierbij de offerte voor het voorjaarsprogramma. Anna leest mee.\n\nGroet,\nPieter',
  }),
  msg({
    date: '2026-10-14T14:30:00Z',
    from: '=?UTF-8?Q?Jos=C3=A9_M=C3=BCller?= <jose@mueller-bau.example>',
    to: 'sanne@example.test, =?UTF-8?Q?Ren=C3=A9e_Bos?= <renee@bakkerij-bos.nl>',
    subject: '=?UTF-8?Q?Planning_n=C3=A4chste_Woche?=',
    id: 'sogo-planning-2',
    body: 'Hallo Sanne, hallo Renée,\n\nkönnen wir Donnerstag sprechen?\n\nJosé',
  }),
  msg({
    date: '2026-10-19T16:45:00Z',
    from: 'Anna Jansen <anna@jansen-zorg.example>',
    to: 'Sanne Bakker <sanne@example.test>',
    subject: 'Re: Verslag overleg',
    id: 'sogo-verslag-3',
    body: [
      'Dank je, ziet er goed uit. Kleine aanvulling in punt 3.',
      '',
      'On Thu, 15 Oct 2026 at 10:00, Quinten Quoted <quinten@quoted-only.example> wrote:',
      '> Hierbij het verslag van het overleg.',
      '> Punt 3: de planning schuift een week op.',
    ].join('\n'),
  }),
  msg({
    date: '2026-10-20T07:00:00Z',
    from: 'Nieuwsbrief Zorgnet <nieuwsbrief@news.zorgnet.example>',
    to: 'sanne@example.test',
    subject: 'Zorgnet nieuwsbrief oktober',
    id: 'sogo-nieuwsbrief-4',
    body: 'Het laatste nieuws uit de sector.\n\nAfmelden: https://news.zorgnet.example/afmelden',
    extra: ['List-Unsubscribe: <https://news.zorgnet.example/afmelden>', 'Precedence: bulk'],
  }),
  msg({
    folder: 'Sent',
    date: '2026-10-21T11:20:00Z',
    from: 'Sanne Bakker <sanne@example.test>',
    to: 'Pieter de Vries <pieter@devries-advies.nl>',
    cc: 'Lars Visser <lars@visser.design>',
    subject: 'Re: Offerte voorjaarsprogramma',
    id: 'sogo-offerte-reply-5',
    body: 'Hoi Pieter,\n\nAkkoord met de offerte. Lars stuurt de planning.\n\nSanne',
  }),
];

const DAY = 86_400_000;
const icsTime = (ms) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
/** Whole hours, so the week view shows them in their slots. */
const hour = (ms) => Math.floor(ms / 3_600_000) * 3_600_000;

function event({ uid, summary, start, minutes, organizer, attendees }) {
  return {
    uid,
    summary,
    start,
    ics: [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Kring//tests//EN',
      'BEGIN:VEVENT',
      `UID:${uid}`,
      `DTSTAMP:${icsTime(Date.now())}`,
      `DTSTART:${icsTime(start)}`,
      `DTEND:${icsTime(start + minutes * 60_000)}`,
      `SUMMARY:${summary}`,
      `ORGANIZER;CN=${organizer.name}:mailto:${organizer.email}`,
      ...attendees.map((a) => `ATTENDEE;CN=${a.name};PARTSTAT=${a.status};ROLE=REQ-PARTICIPANT:mailto:${a.email}`),
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n'),
  };
}

const now = Date.now();
// Tuesday-ish mid-morning, a week and a half ago and next week; the week view of that date shows them.
export const PAST_START = hour(now - 10 * DAY) - (new Date(now - 10 * DAY).getUTCHours() - 9) * 3_600_000;
export const FUTURE_START = hour(now + 8 * DAY) - (new Date(now + 8 * DAY).getUTCHours() - 13) * 3_600_000;

export const EVENTS = [
  event({
    uid: 'kring-past-meeting',
    summary: 'Kwartaaloverleg Noordzee',
    start: PAST_START,
    minutes: 60,
    organizer: { name: 'Marloes Dijkstra', email: 'm.dijkstra@gemeente-utrecht.example' },
    attendees: [
      { name: 'Sanne Bakker', email: USER, status: 'ACCEPTED' },
      { name: 'Tom Hendriks', email: 'tom.hendriks@fabrikam.example', status: 'ACCEPTED' },
      { name: 'Eva de Wit', email: 'eva@dewit.example', status: 'DECLINED' },
    ],
  }),
  event({
    uid: 'kring-future-meeting',
    summary: 'Werksessie planning',
    start: FUTURE_START,
    minutes: 90,
    organizer: { name: 'Sanne Bakker', email: USER },
    attendees: [
      { name: 'Sanne Bakker', email: USER, status: 'ACCEPTED' },
      { name: 'Femke Bos', email: 'femke@bakkerij-bos.nl', status: 'NEEDS-ACTION' },
    ],
  }),
];
