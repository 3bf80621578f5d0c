// Issue 15: a detector must survive the webmail's next build. For every fixture of the hosted
// webmails, seeded variants rename every class, add and remove plain wrapper levels and shuffle
// attributes (tests/helpers/churn.ts); each variant must yield the same people, ids and dates as
// the original, with the same roles, or with roles only weakened (to/cc → recipient) and the
// detection marked `degraded`. The seeds are fixed, not tuned: 1..VARIANTS for every page.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detect, type DetectedItem, type Detection, type Role } from '../../../src/detect';
import { toContract } from '../../../src/detect/contract';
import { churn } from '../../helpers/churn';
import { listFixtures, loadDocument } from '../../helpers/fixtures';

const PROVIDERS = new Set(['gmail', 'outlook-mail', 'google-calendar', 'outlook-calendar']);
const VARIANTS = 24;
const fixtures = listFixtures().filter((f) => PROVIDERS.has(f.provider));

/** A role a degraded reading may report instead of the original's. */
const WEAKER: Partial<Record<Role, Role[]>> = { to: ['recipient'], cc: ['recipient'], bcc: ['recipient'] };

const who = (i: DetectedItem) => i.people.map((p) => `${p.email}|${p.name}`).sort();

function sameReading(original: Detection, variant: Detection, label: string) {
  expect(variant.provider, label).toBe(original.provider);
  expect(variant.account, `${label}: account`).toBe(original.account);
  expect(variant.items.map((i) => i.id), `${label}: item ids`).toEqual(original.items.map((i) => i.id));
  expect(variant.items.map(who), `${label}: people`).toEqual(original.items.map(who));
  expect(variant.items.map((i) => i.at), `${label}: dates`).toEqual(original.items.map((i) => i.at));
  if (!variant.degraded?.length) {
    expect(toContract(variant), `${label}: not marked degraded, so exactly the original`).toStrictEqual(toContract(original));
    return;
  }
  original.items.forEach((item, n) => {
    for (const p of item.people) {
      const q = variant.items[n]!.people.find((x) => x.email === p.email && x.name === p.name)!;
      if (q.role !== p.role) expect(WEAKER[p.role] ?? [], `${label}: item ${n} ${p.email} was ${p.role}, now ${q.role}`).toContain(q.role);
    }
  });
}

describe('detectors under markup churn', () => {
  it('has fixtures to churn', () => expect(fixtures.length).toBeGreaterThanOrEqual(20));

  it.each(fixtures.map((f) => [`${f.provider}/${f.file}`, f] as const))('%s: every variant reads the same people', { timeout: 60_000 }, (_, f) => {
    const html = readFileSync(f.path, 'utf8');
    const url = new URL(f.url);
    const original = detect(loadDocument(html, f.url, true), url);
    for (let seed = 1; seed <= VARIANTS; seed++) {
      const variant = detect(loadDocument(churn(html, f.url, seed), f.url, true), url);
      sameReading(original, variant, `${f.provider}/${f.file} seed ${seed}`);
    }
  });
});
