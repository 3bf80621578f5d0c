/**
 * A generated mailbox of 18 months for judging Kring on a real webmail (issue 17): deterministic
 * for a seed and a moment ("now"), with the ground truth of every message (folder, date, sender,
 * recipients, the conversation it belongs to, what kind of mail it is). No real people.
 *
 * Who is in it (the owner is Alice Smit):
 * - Bram, weekly for 40 weeks: he writes, she answers a day or two later; Kees or Femke in Cc.
 * - Lena, monthly for 17 months; then she wrote 10 days ago and has no answer (Alice owes one).
 * - Piet, quarterly: Alice writes, Piet answers two days later; last 86 days ago.
 * - Marloes, monthly until 8 months ago, then silence.
 * - Tomás, every six weeks; then Alice wrote 12 days ago and has no answer (he owes one).
 * - Anna, from two addresses (work and private), every two months; last 70 days ago.
 * - A newsletter and notifications (automated), a mailing list with three posters and Alice's own
 *   posts, one mail from Alice to 25 people and one to Alice among 25.
 * Dates are whole minutes; the newest mail is hours old, so the webmail prints it relatively.
 */
import { rawMessage } from '../loopback.mjs';

export const OWNER = { name: 'Alice Smit', address: 'alice@kring.test' };
export const PASSWORD = 'kring-test-password';
const DAY = 86_400_000;
const HOUR = 3_600_000;

const P = {
  bram: ['Bram Visser', 'bram@firma.test'],
  kees: ['Kees Bakker', 'kees@firma.test'],
  femke: ['Femke Bos', 'femke@firma.test'],
  lena: ['Lena de Wit', 'lena@studio.test'],
  piet: ['Piet de Vries', 'piet@devries-advies.test'],
  marloes: ['Marloes Dijkstra', 'm.dijkstra@gemeente.test'],
  tomas: ['Tomás García', 'tomas@partner.test'],
  annaWork: ['Anna Jansen', 'anna@jansen-zorg.test'],
  annaHome: ['Anna Jansen', 'anna.jansen@example.org'],
  jan: ['Jan Mulder', 'jan@openforge.test'],
  sofie: ['Sofie Peeters', 'sofie@openforge.test'],
  ravi: ['Ravi Kumar', 'ravi@example.net'],
  gerda: ['Gerda Hoekstra', 'gerda@evenementen.test'],
};
const NEWSLETTER = ['Zorgnet nieuwsbrief', 'nieuwsbrief@news.zorgnet.test'];
const NOTIFY = ['Forge', 'notifications@forge.test'];
const LIST = ['OpenForge developers', 'dev@lists.openforge.test'];

/**
 * The people Alice adds to her network in the test, the cadence she picks (days), and the rhythm
 * Kring should offer from their history where it differs from that cadence (null: none, because it
 * matches or there is too little history).
 */
export const NETWORK = [
  { address: P.bram[1], cadence: 30, rhythm: 'weekly', expect: 'every 2 weeks' },
  { address: P.lena[1], cadence: 90, rhythm: 'monthly', expect: 'every month' },
  { address: P.piet[1], cadence: 30, rhythm: 'quarterly', expect: 'every 3 months' },
  { address: P.marloes[1], cadence: 30, rhythm: 'monthly, silent 8 months', expect: null },
  { address: P.tomas[1], cadence: 14, rhythm: 'six-weekly', expect: 'every month' },
  { address: P.annaWork[1], cadence: 30, rhythm: 'two-monthly, three times from this address', expect: null },
];

/** Addresses that are no person by what they are (ground truth, not Kring's rules). */
export const NOT_PEOPLE = { automated: [NEWSLETTER[1], NOTIFY[1]], lists: [LIST[1]] };

function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOPICS = ['Planning', 'Begroting', 'Offerte', 'Verslag overleg', 'Projectstatus', 'Voorstel', 'Evaluatie', 'Werksessie', 'Contract', 'Rapportage', 'Afspraak', 'Subsidieaanvraag', 'Jaarplan', 'Kick-off', 'Factuur', 'Presentatie', 'Workshop', 'Nieuwe collega', 'Bezoek', 'Conferentie'];

/**
 * The mailbox for the moment `now` (epoch ms). Each message: { folder, at (epoch ms), from, to,
 * cc, subject, conv (its true conversation), kind ('mail' | 'newsletter' | 'notification' |
 * 'list' | 'crowd'), raw }.
 */
export function generateMailbox(now, seed = 17) {
  const r = random(seed);
  const minute = (t) => Math.floor(t / 60_000) * 60_000;
  // Office hours in the morning or afternoon, whole minutes.
  const at = (daysAgo, hour = 9 + Math.floor(r() * 8)) => {
    const d = new Date(now - daysAgo * DAY);
    d.setHours(hour, Math.floor(r() * 60), 0, 0);
    return minute(d.getTime());
  };
  const messages = [];
  let n = 0;
  const me = [OWNER.name, OWNER.address];
  const add = ({ folder, when, from, to, cc = [], subject, conv, kind = 'mail', extra = [] }) => {
    if (when > now) return; // nothing from the future
    n++;
    messages.push({ folder, at: when, from: from[1], to: to.map((p) => p[1]), cc: cc.map((p) => p[1]), subject, conv, kind, id: `gen-${n}`, raw: rawMessage({ date: new Date(when).toISOString(), from: `${from[0]} <${from[1]}>`, to: to.map((p) => `${p[0]} <${p[1]}>`).join(', '), cc: cc.length ? cc.map((p) => `${p[0]} <${p[1]}>`).join(', ') : undefined, subject, id: `gen-${n}`, body: `${subject}\n\n(generated message ${n})`, extra }) });
  };
  /** They write, Alice answers `replyDays` later (or the other way round). */
  const exchange = (who, daysAgo, subject, { aliceFirst = false, replyDays = 1 + Math.floor(r() * 2), cc = [], answered = true } = {}) => {
    const conv = `c${messages.length}-${subject}`;
    const first = at(daysAgo);
    const reply = first + replyDays * DAY + Math.floor(r() * 3) * HOUR;
    if (aliceFirst) {
      add({ folder: 'Sent', when: first, from: me, to: [who], cc, subject, conv });
      if (answered) add({ folder: 'INBOX', when: reply, from: who, to: [me], cc, subject: `Re: ${subject}`, conv });
    } else {
      add({ folder: 'INBOX', when: first, from: who, to: [me], cc, subject, conv });
      if (answered) add({ folder: 'Sent', when: reply, from: me, to: [who], cc, subject: `Re: ${subject}`, conv });
    }
  };
  const topic = (k) => `${TOPICS[k % TOPICS.length]} ${['voorjaar', 'zomer', 'najaar', 'winter', 'Q1', 'Q2', 'Q3', 'Q4'][Math.floor(k / TOPICS.length) % 8]}`;

  // Bram, weekly for 40 weeks; the latest began three days ago and was answered today (hours ago).
  for (let w = 40; w >= 1; w--) {
    const cc = w % 3 === 0 ? [P.kees] : w % 5 === 0 ? [P.femke] : [];
    if (w === 1) {
      const conv = 'bram-latest';
      add({ folder: 'INBOX', when: at(3, 10), from: P.bram, to: [me], cc, subject: 'Weekplanning', conv });
      add({ folder: 'Sent', when: minute(now - 2 * HOUR), from: me, to: [P.bram], cc, subject: 'Re: Weekplanning', conv });
    } else exchange(P.bram, w * 7 + 3, `${topic(w)} (week ${w})`, { cc });
  }
  // Lena, monthly for 17 months, then 10 days ago unanswered.
  for (let m = 17; m >= 1; m--) exchange(P.lena, m * 30 + 12, topic(100 + m));
  add({ folder: 'INBOX', when: at(10), from: P.lena, to: [me], subject: 'Offerte 2027', conv: 'lena-owed' });
  // Piet, quarterly: Alice writes, Piet answers.
  for (let q = 5; q >= 0; q--) exchange(P.piet, 86 + q * 91, `Kwartaaloverleg ${6 - q}`, { aliceFirst: true, replyDays: 2 });
  // Marloes, monthly until 8 months ago.
  for (let m = 17; m >= 8; m--) exchange(P.marloes, m * 30 + 5, topic(200 + m));
  // Tomás every six weeks, then Alice's question 12 days ago.
  for (let k = 5; k >= 1; k--) exchange(P.tomas, 12 + k * 42, topic(300 + k));
  add({ folder: 'Sent', when: at(12), from: me, to: [P.tomas], subject: 'Voorstel samenwerking', conv: 'tomas-owes' });
  // Anna, every two months, from work and from home.
  for (let k = 5; k >= 1; k--) exchange(k % 2 ? P.annaWork : P.annaHome, 10 + k * 60, topic(400 + k));
  // Automated mail.
  for (let m = 17; m >= 0; m--) add({ folder: 'INBOX', when: at(m * 30 + 2, 7), from: NEWSLETTER, to: [me], subject: `Zorgnet nieuws ${18 - m}`, conv: `news-${m}`, kind: 'newsletter', extra: ['List-Unsubscribe: <https://news.zorgnet.test/afmelden>', 'Precedence: bulk'] });
  for (let k = 15; k >= 1; k--) add({ folder: 'INBOX', when: at(k * 33 + 1), from: NOTIFY, to: [me], subject: `[forge] Build ${100 + k} passed`, conv: `notify-${k}`, kind: 'notification' });
  // The mailing list: posts from three posters to the list; Alice's own posts to it.
  const posters = [P.jan, P.sofie, P.ravi];
  const listHeaders = ['List-Id: OpenForge developers <dev.lists.openforge.test>', 'List-Unsubscribe: <mailto:dev-leave@lists.openforge.test>', 'Precedence: list'];
  for (let k = 25; k >= 1; k--) add({ folder: 'INBOX', when: at(k * 21 + 4), from: posters[k % 3], to: [LIST], subject: `[openforge-dev] ${k % 4 ? 'Re: ' : ''}Release ${Math.ceil(k / 4)}.0 planning`, conv: `list-${Math.ceil(k / 4)}`, kind: 'list', extra: listHeaders });
  for (const k of [3, 11, 19]) add({ folder: 'Sent', when: at(k * 21 + 6), from: me, to: [LIST], subject: `Re: [openforge-dev] Release ${Math.ceil(k / 4)}.0 planning`, conv: `list-${Math.ceil(k / 4)}`, kind: 'list' });
  // Crowds: Alice to 25 (Bram and Lena among them), and Gerda to Alice among 25.
  const crowd = Array.from({ length: 23 }, (_, i) => [`Gast ${i + 1}`, `gast${i + 1}@borrel.test`]);
  add({ folder: 'Sent', when: at(45), from: me, to: [P.bram, P.lena, ...crowd], subject: 'Uitnodiging nieuwjaarsborrel', conv: 'crowd-out', kind: 'crowd' });
  add({ folder: 'INBOX', when: at(60), from: P.gerda, to: [me, ...crowd.slice(0, 24)], cc: [P.piet], subject: 'Programma congres', conv: 'crowd-in', kind: 'crowd' });

  messages.sort((a, b) => a.at - b.at);
  return messages;
}

/** The messages as the test webmail harness takes them. */
export const forHarness = (messages) => messages.map((m) => ({ folder: m.folder, date: new Date(m.at).toISOString(), subject: m.subject, raw: m.raw }));
