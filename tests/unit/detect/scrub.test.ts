import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detect } from '../../../src/detect';
import { scrubbedCopy } from '../../../src/detect/scrub';
import { listFixtures, loadDocument } from '../../helpers/fixtures';

const fixtures = listFixtures();

describe('scrubbedCopy', () => {
  it.each(fixtures.map((f) => [`${f.provider}/${f.file}`, f] as const))('%s: nobody recognisable, detection structure kept', (_, f) => {
    const doc = loadDocument(f.path, f.url);
    const before = detect(doc, new URL(f.url));
    const html = readFileSync(f.path, 'utf8');
    const scrubbed = scrubbedCopy(doc);

    // Not one address or multi-word name the detector found survives, nor any in the source.
    // Tokens, not a regex over the page: "x+@" backtracks quadratically over the hostile 100 KB name.
    const addresses = new Set(
      html
        .split(/[\s<>()[\]\\,;:"'=/&]+/)
        .filter((t) => /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/.test(t))
        .map((t) => t.toLowerCase()),
    );
    for (const a of addresses) expect(scrubbed.toLowerCase()).not.toContain(a);
    for (const p of before.items.flatMap((i) => i.people)) {
      if (p.name && p.name.includes(' ')) expect(scrubbed).not.toContain(p.name);
    }
    expect(scrubbed).not.toMatch(/<script[^>]*>[^<]+<\/script>/);

    const after = detect(loadDocument(scrubbed, f.url, true), new URL(f.url));
    expect(after.view).toBe(before.view);
    expect(after.items.length).toBe(before.items.length);
    expect(after.items.map((i) => i.people.map((p) => p.role))).toEqual(before.items.map((i) => i.people.map((p) => p.role)));
    expect(after.items.map((i) => i.at)).toEqual(before.items.map((i) => i.at));
    expect(Boolean(after.account)).toBe(Boolean(before.account));
  });

  it('keeps the same address as the same placeholder everywhere, and different ones apart', () => {
    const url = 'https://mail.google.com/mail/u/0/#inbox/x';
    const doc = loadDocument(fixtures.find((f) => f.file === 'thread-long.html')!.path, url);
    const before = detect(doc, new URL(url));
    const after = detect(loadDocument(scrubbedCopy(doc), url, true), new URL(url));
    const shape = (d: typeof before) => {
      const ids = new Map<string, number>();
      return d.items.map((i) => i.people.map((p) => ids.get(p.email!) ?? (ids.set(p.email!, ids.size), ids.size - 1)));
    };
    expect(shape(after)).toEqual(shape(before));
  });

  it('does not change the live document', () => {
    const f = fixtures.find((x) => x.file === 'thread-one.html')!;
    const doc = loadDocument(f.path, f.url);
    const text = doc.body.textContent;
    scrubbedCopy(doc);
    expect(doc.body.textContent).toBe(text);
  });

  it('drops event handler attributes and empties scripts', () => {
    const doc = loadDocument('<!doctype html><div onclick="steal()">Hi Pieter</div><script>var VIEW_DATA=["pieter@x.nl"]</script>', 'https://mail.google.com/', true);
    const out = scrubbedCopy(doc);
    expect(out).not.toContain('onclick');
    expect(out).not.toContain('VIEW_DATA');
    expect(out).not.toContain('Pieter');
  });
});
