/**
 * The test mailbox: messages written for Kring's tests (no real people), in the forms real mail
 * takes: several recipients and Cc, an encoded-word name, a "Last, First" name, a quoted reply,
 * a newsletter, and a message the owner sent. `expected` says what Kring should make of each.
 */
import { rawMessage } from '../loopback.mjs';

export const USER = 'sanne@example.test';
export const PASSWORD = 'kring-test-password';

const msg = ({ folder = 'INBOX', ...m }) => ({ folder, date: m.date, subject: m.subject, raw: rawMessage(m) });

export const MESSAGES = [
  msg({
    date: '2026-11-02T09:15:00Z',
    from: 'Pieter de Vries <pieter@devries-advies.nl>',
    to: 'Sanne Bakker <sanne@example.test>',
    cc: 'Anna Jansen <anna@jansen-zorg.example>, Lars Visser <lars@visser.design>',
    subject: 'Offerte voorjaarsprogramma',
    id: 'offerte-1',
    body: 'Hoi Sanne,\n\nHierbij de offerte voor het voorjaarsprogramma. Anna en Lars lezen mee.\n\nGroet,\nPieter',
  }),
  msg({
    date: '2026-11-04T14:30:00Z',
    from: '=?UTF-8?Q?Jos=C3=A9_M=C3=BCller?= <jose@mueller-bau.example>',
    to: 'sanne@example.test, Femke Bos <femke@bakkerij-bos.nl>',
    subject: '=?UTF-8?Q?Planning_n=C3=A4chste_Woche?=',
    id: 'planning-2',
    body: 'Hallo Sanne, hallo Femke,\n\nkönnen wir Donnerstag sprechen?\n\nJosé',
  }),
  msg({
    date: '2026-11-06T08:05:00Z',
    from: '"Dijkstra, Marloes" <m.dijkstra@gemeente-utrecht.example>',
    to: 'Sanne Bakker <sanne@example.test>',
    subject: 'Uitnodiging werksessie',
    id: 'werksessie-3',
    body: 'Beste Sanne,\n\nGraag nodig ik je uit voor de werksessie op 12 november.\n\nMet vriendelijke groet,\nMarloes Dijkstra',
  }),
  msg({
    date: '2026-11-09T16:45:00Z',
    from: 'Anna Jansen <anna@jansen-zorg.example>',
    to: 'Sanne Bakker <sanne@example.test>',
    subject: 'Re: Verslag overleg',
    id: 'verslag-4',
    body: [
      'Dank je, ziet er goed uit. Kleine aanvulling in punt 3.',
      '',
      'On Thu, 5 Nov 2026 at 10:00, Quinten Quoted <quinten@quoted-only.example> wrote:',
      '> Hierbij het verslag van het overleg.',
      '> Punt 3: de planning schuift een week op.',
    ].join('\n'),
  }),
  msg({
    date: '2026-11-10T07:00:00Z',
    from: 'Nieuwsbrief Zorgnet <nieuwsbrief@news.zorgnet.example>',
    to: 'sanne@example.test',
    subject: 'Zorgnet nieuwsbrief november',
    id: 'nieuwsbrief-5',
    body: 'Het laatste nieuws uit de sector.\n\nAfmelden: https://news.zorgnet.example/afmelden',
    extra: ['List-Unsubscribe: <https://news.zorgnet.example/afmelden>', 'Precedence: bulk'],
  }),
  msg({
    folder: 'Sent',
    date: '2026-11-11T11:20:00Z',
    from: 'Sanne Bakker <sanne@example.test>',
    to: 'Pieter de Vries <pieter@devries-advies.nl>',
    cc: 'Lars Visser <lars@visser.design>',
    subject: 'Re: Offerte voorjaarsprogramma',
    id: 'offerte-reply-6',
    body: 'Hoi Pieter,\n\nAkkoord met de offerte. Lars stuurt de planning.\n\nSanne',
  }),
];
