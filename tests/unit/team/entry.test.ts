// Issue 21: what a team member publishes, the keyed hashes, and how strong a relationship is said to be.
import { describe, expect, it } from 'vitest';
import { checkValue, deriveTeamKey, normaliseAddress, tagger } from '../../../src/team/crypto';
import { ENTRY_FN, META_UID, monthOf, readTeamCard, strengthOf, writeEntry, writeMeta, type TeamEntry } from '../../../src/team/entry';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-02T12:00:00Z');
const SALT = 'c2FsdC1mb3ItdGVzdHMtMQ';

describe('the team key and its hashes', () => {
  it('the same passphrase and salt give the same key; another salt or passphrase another; typed NFC or NFD, with spaces around, the same', async () => {
    const rounds = 1000;
    const k = await deriveTeamKey('Zeven fietsen op de Neude', SALT, rounds);
    expect(await deriveTeamKey('  Zeven fietsen op de Neude ', SALT, rounds)).toBe(k);
    expect(await deriveTeamKey('Zeven fietsen op de Neude', 'b3RoZXItc2FsdA', rounds)).not.toBe(k);
    expect(await deriveTeamKey('Zeven fietsen op de neude', SALT, rounds)).not.toBe(k);
    expect(await deriveTeamKey('Café', SALT, rounds)).toBe(await deriveTeamKey('Cafe\u0301', SALT, rounds));
  });

  it('an address hashes the same however it is written, differently per kind and per key, and never shows the address', async () => {
    const t = await tagger(await deriveTeamKey('een', SALT, 1000));
    const u = await tagger(await deriveTeamKey('twee', SALT, 1000));
    const h = await t.tag('address', normaliseAddress(' Pieter@DevRies-Advies.nl '));
    expect(h).toBe(await t.tag('address', 'pieter@devries-advies.nl'));
    expect(h).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await t.tag('org', 'pieter@devries-advies.nl')).not.toBe(h);
    expect(await u.tag('address', 'pieter@devries-advies.nl')).not.toBe(h);
    expect(await checkValue(t)).not.toBe(await checkValue(u));
  });
});

describe('team cards', () => {
  const entry: TeamEntry = { uid: 'dWlkLTE', addresses: ['YWRkcmVzcy0x', 'YWRkcmVzcy0y'], orgs: ['b3JnLTE'], strength: 2, lastMonth: '2026-10' };

  it('an entry and a meta card read back as written; an entry has no name but the fixed FN', () => {
    const text = writeEntry(entry);
    expect(text).toContain(`FN:${ENTRY_FN}`);
    expect(readTeamCard(text)).toEqual({ entry });
    const meta = { salt: SALT, check: 'Y2hlY2s', member: 'Anna de Wit, Utrecht; team' };
    expect(readTeamCard(writeMeta(meta))).toEqual({ meta });
    expect(writeMeta(meta)).toContain(`UID:${META_UID}`);
  });

  it('a card as a server may rewrite it (reordered, folded, LF line ends, a group) reads the same', () => {
    const text = ['BEGIN:VCARD', 'VERSION:3.0', 'X-KRING-TEAM-STRENGTH:2', 'item1.X-KRING-TEAM-ADDRESS:YWRkcmVzcy0y', 'FN:Kring team entry', 'X-KRING-TEAM-ADDRESS:YWRkcmVz', ' cy0x', 'UID:dWlkLTE', 'X-KRING-TEAM-ORG:b3JnLTE', 'X-KRING-TEAM-LAST-CONTACT:2026-10', 'END:VCARD'].join('\n');
    expect(readTeamCard(text)).toEqual({ entry: { ...entry, addresses: ['YWRkcmVzcy0y', 'YWRkcmVzcy0x'] } });
  });

  it('anything else in a team book is ignored, never trusted: other cards, a bad strength, a hash that is not one, a huge card', () => {
    expect(readTeamCard('BEGIN:VCARD\r\nVERSION:3.0\r\nUID:x\r\nFN:Jan\r\nEMAIL:jan@x.nl\r\nEND:VCARD\r\n')).toBeNull();
    expect(readTeamCard(writeEntry({ ...entry, strength: 2 }).replace('STRENGTH:2', 'STRENGTH:9'))).toBeNull();
    expect(readTeamCard(writeEntry(entry).replace(/X-KRING-TEAM-ADDRESS:[^\r]+/g, 'X-KRING-TEAM-ADDRESS:jan@x.nl'))).toBeNull();
    expect(readTeamCard(writeEntry(entry).replace('2026-10', '2026-13'))).toEqual({ entry: { ...entry, lastMonth: null } });
    expect(readTeamCard(writeMeta({ salt: SALT, check: 'not a check!', member: 'x' }))).toBeNull();
    expect(readTeamCard(`${writeEntry(entry)}${'X'.repeat(100_001)}`)).toBeNull();
    expect(readTeamCard('')).toBeNull();
  });

  it('the last contact is published to the month only', () => {
    expect(monthOf(Date.parse('2026-10-31T23:30:00Z'))).toBe('2026-10');
    expect(monthOf(0)).toBeNull();
  });
});

describe('strength', () => {
  const at = (daysAgo: number, direction = 'in') => ({ at: NOW - daysAgo * DAY, direction });
  const twoWay = { lastIn: NOW - DAY, lastOut: NOW - 2 * DAY };
  it('3: both wrote, 6 contacts in a year, the last within 90 days', () => {
    expect(strengthOf(twoWay, [1, 30, 60, 100, 200, 300].map((d) => at(d)), NOW)).toBe(3);
    // The last contact 100 days ago: not strong any more.
    expect(strengthOf(twoWay, [100, 130, 160, 200, 250, 300].map((d) => at(d)), NOW)).toBe(2);
  });
  it('2: both wrote (or met) and at least 2 contacts in a year', () => {
    expect(strengthOf(twoWay, [at(10), at(200)], NOW)).toBe(2);
    expect(strengthOf({ lastIn: NOW - DAY, lastOut: 0 }, [at(10), at(20, 'meeting')], NOW)).toBe(2);
  });
  it('1: one-way, or little in the last year', () => {
    expect(strengthOf({ lastIn: NOW - DAY, lastOut: 0 }, [1, 2, 3, 4, 5, 6, 7].map((d) => at(d)), NOW)).toBe(1);
    expect(strengthOf(twoWay, [at(10), at(400), at(500)], NOW)).toBe(1);
  });
});
