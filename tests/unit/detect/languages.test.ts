// Issue 15: Kring reads the hosted webmails in the user's own language. Every Gmail, Outlook,
// Google Calendar and Outlook calendar fixture is shown in Dutch, German, French, Spanish, Italian,
// Portuguese and Polish (tests/helpers/translate.ts: interface words replaced, dates re-printed by
// ICU as the provider prints them) and must read exactly as in English: the same people, roles,
// responses, ids and dates, and no fallback needed. In a language no table knows (`xx`), the
// detectors still read the same people through structure, say so (`degraded`), and at most
// weaken a role.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detect, type Detection, type Role } from '../../../src/detect';
import { toContract } from '../../../src/detect/contract';
import { churn } from '../../helpers/churn';
import { listFixtures, loadDocument } from '../../helpers/fixtures';
import { PAGE_LANGUAGES, translatePage } from '../../helpers/translate';

const PROVIDERS = new Set(['gmail', 'outlook-mail', 'google-calendar', 'outlook-calendar']);
// Not localised by the provider or read without words: the 2014 inbox (its only words are dates,
// covered by the threads) and the empty compose window (nobody either way).
// The pages written in English (the hand-checked pages in other languages are checked as they are).
const fixtures = listFixtures().filter(
  (f) => PROVIDERS.has(f.provider) && f.file !== 'compose-empty-2020.html' && /<html lang="en"|<html>|<html lang="en-/.test(readFileSync(f.path, 'utf8')),
);

const read = (html: string, url: string) => detect(loadDocument(html, url, true), new URL(url));
const responses = (d: Detection) => d.items.map((i) => i.people.map((p) => `${p.email ?? p.name}:${p.response ?? '-'}`));
const WEAKER: Partial<Record<Role, Role[]>> = { to: ['recipient'], cc: ['recipient'], bcc: ['recipient'], organizer: ['attendee'] };

describe('detectors in eight languages', () => {
  describe.each(PAGE_LANGUAGES)('%s', (lang) => {
    it.each(fixtures.map((f) => [`${f.provider}/${f.file}`, f] as const))('%s reads as in English', { timeout: 30_000 }, (_, f) => {
      const html = readFileSync(f.path, 'utf8');
      const english = read(html, f.url);
      const page = translatePage(html, f.url, lang);
      expect(page, 'the translation changed the page').not.toBe(html);
      const d = read(page, f.url);
      expect(toContract(d)).toStrictEqual(toContract(english));
      expect(responses(d)).toEqual(responses(english));
      expect(d.degraded ?? [], 'no fallback needed in a known language').toEqual(english.degraded ?? []);
      // And the next build of the page in that language: classes renamed, levels moved.
      for (const seed of [101, 102, 103]) {
        const v = read(churn(page, f.url, seed), f.url);
        expect(v.items.map((i) => i.people.map((p) => `${p.email}|${p.name}`).sort()), `seed ${seed}`).toEqual(english.items.map((i) => i.people.map((p) => `${p.email}|${p.name}`).sort()));
      }
    });
  });

  // Outlook's week tiles name the organizer only after a word ("By"): in an unknown language that
  // word is unknown and the tile's organizer is lost (the tile's time and title still read).
  it.each(fixtures.filter((f) => f.file !== 'week-tiles.html').map((f) => [`${f.provider}/${f.file}`, f] as const))('an unknown language: %s reads the same people through structure', (_, f) => {
    const html = readFileSync(f.path, 'utf8');
    const english = read(html, f.url);
    const d = read(translatePage(html, f.url, 'xx'), f.url);
    expect(d.items.map((i) => i.id)).toEqual(english.items.map((i) => i.id));
    expect(d.items.map((i) => i.at)).toEqual(english.items.map((i) => i.at));
    expect(d.items.map((i) => i.people.map((p) => `${p.email}|${p.name}`).sort())).toEqual(english.items.map((i) => i.people.map((p) => `${p.email}|${p.name}`).sort()));
    const changed = english.items.some((item, n) =>
      item.people.some((p) => {
        const q = d.items[n]!.people.find((x) => x.email === p.email && x.name === p.name)!;
        if (q.role !== p.role) expect(WEAKER[p.role] ?? [], `${p.email ?? p.name} was ${p.role}, now ${q.role}`).toContain(q.role);
        return q.role !== p.role;
      }),
    );
    if (changed) expect(d.degraded?.length, 'a weakened reading says it is degraded').toBeGreaterThan(0);
  });
});
