/**
 * What a team member publishes (issue 21), as vCards in their own book on the team's server, and
 * how strong a relationship is said to be. Pure.
 *
 * - One card per shared person: UID, address and organisation fields are keyed hashes (team/crypto.ts);
 *   the strength 1–3 and the month of the last contact. No name, address, subject or note.
 * - One card per book, UID `kring-team`: the team's salt, the check value that tells a wrong
 *   passphrase, and the member's name as they chose to show it.
 */
import { esc, fold } from '../io/vcard-write';

export const META_UID = 'kring-team';
/** The FN every entry carries (a vCard needs one): says what it is to anyone browsing the book. */
export const ENTRY_FN = 'Kring team entry';

export type Strength = 1 | 2 | 3;

export interface TeamEntry {
  uid: string;
  /** Keyed hashes of the person's addresses. */
  addresses: string[];
  /** Keyed hashes of their organisations' domains (never a mail provider's). */
  orgs: string[];
  strength: Strength;
  /** "2026-10": the month of the last contact, or null for none. */
  lastMonth: string | null;
}

export interface TeamMeta {
  salt: string;
  check: string;
  /** The member's name as shown to the team ("Anna"). */
  member: string;
}

const TAG = /^[A-Za-z0-9_-]{1,64}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const card = (lines: string[]) => ['BEGIN:VCARD', 'VERSION:3.0', ...lines.map(fold), 'END:VCARD', ''].join('\r\n');

export function writeEntry(e: TeamEntry): string {
  return card([
    `UID:${e.uid}`,
    `FN:${ENTRY_FN}`,
    ...[...e.addresses].sort().map((a) => `X-KRING-TEAM-ADDRESS:${a}`),
    ...[...e.orgs].sort().map((o) => `X-KRING-TEAM-ORG:${o}`),
    `X-KRING-TEAM-STRENGTH:${e.strength}`,
    ...(e.lastMonth ? [`X-KRING-TEAM-LAST-CONTACT:${e.lastMonth}`] : []),
  ]);
}

export function writeMeta(m: TeamMeta): string {
  return card([`UID:${META_UID}`, `FN:${esc(m.member)}`, `X-KRING-TEAM-SALT:${m.salt}`, `X-KRING-TEAM-CHECK:${m.check}`, `X-KRING-TEAM-MEMBER:${esc(m.member)}`]);
}

/** Properties of a card, unfolded, names upper case without groups or parameters. */
function props(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const line of text.replace(/\r\n[ \t]|\n[ \t]|\r[ \t]/g, '').split(/\r\n|\n|\r/)) {
    const colon = line.indexOf(':');
    if (colon < 1) continue;
    const head = line.slice(0, colon).split(';')[0]!;
    out.push([head.slice(head.lastIndexOf('.') + 1).toUpperCase(), line.slice(colon + 1)]);
  }
  return out;
}

const unesc = (v: string) => v.replace(/\\([\\,;nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

/** A team card: an entry, the book's meta card, or null for anything else (ignored, never trusted). */
export function readTeamCard(text: string): { entry: TeamEntry } | { meta: TeamMeta } | null {
  if (text.length > 100_000) return null;
  const p = props(text);
  const one = (name: string) => p.find(([n]) => n === name)?.[1]?.trim();
  const all = (name: string) => p.filter(([n]) => n === name).map(([, v]) => v.trim());
  const uid = one('UID');
  if (!uid) return null;
  if (uid === META_UID) {
    const salt = one('X-KRING-TEAM-SALT');
    const check = one('X-KRING-TEAM-CHECK');
    const member = unesc(one('X-KRING-TEAM-MEMBER') ?? '').replace(/\s+/g, ' ').trim().slice(0, 100);
    if (!salt || !TAG.test(salt) || !check || !TAG.test(check)) return null;
    return { meta: { salt, check, member } };
  }
  const addresses = all('X-KRING-TEAM-ADDRESS').filter((a) => TAG.test(a)).slice(0, 50);
  const orgs = all('X-KRING-TEAM-ORG').filter((o) => TAG.test(o)).slice(0, 50);
  const strength = Number(one('X-KRING-TEAM-STRENGTH'));
  const month = one('X-KRING-TEAM-LAST-CONTACT') ?? null;
  if (!TAG.test(uid) || addresses.length === 0 || ![1, 2, 3].includes(strength)) return null;
  return { entry: { uid, addresses, orgs, strength: strength as Strength, lastMonth: month && MONTH.test(month) ? month : null } };
}

/** The month of an epoch-ms date, in UTC ("2026-10"); null for 0. */
export function monthOf(at: number): string | null {
  if (!at) return null;
  const d = new Date(at);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

const DAY = 86_400_000;

/**
 * How strong the member's relationship is, from their own history (README, "Team"):
 * - 3 (strong): both have written (or met), at least 6 contacts in the last 12 months, the last
 *   within 90 days;
 * - 2 (good): both have written (or met) and at least 2 contacts in the last 12 months;
 * - 1 (known): otherwise (in the network, little recent contact).
 * `contacts`: the dates of the person's dated contacts (written, received, met, logged).
 */
export function strengthOf(p: { lastIn: number; lastOut: number }, contacts: { at: number; direction: string }[], now: number): Strength {
  const year = contacts.filter((c) => c.at > now - 365 * DAY && c.at <= now);
  const met = year.some((c) => c.direction === 'meeting' || c.direction === 'manual');
  const twoWay = met || (p.lastIn > 0 && p.lastOut > 0);
  const last = Math.max(0, ...year.map((c) => c.at));
  if (twoWay && year.length >= 6 && last > now - 90 * DAY) return 3;
  if (twoWay && year.length >= 2) return 2;
  return 1;
}
