// The generic detector on hostile pages: bounded work and bounded output, whatever the page.
import { describe, expect, it } from 'vitest';
import { generic } from '../../../src/detect/generic';
import { loadDocument } from '../../helpers/fixtures';

const URL_ = new URL('https://webmail.example.nl/message/1');

describe('generic detector', () => {
  // Sizes for jsdom, whose parser is slow on deep trees; the browser runs the 20 MB page in
  // tests/security/heavy.spec.ts.
  it('a mail to 5,000 people inside 300 levels of nesting: at most 100 people per header', () => {
    const crowd = Array.from({ length: 5_000 }, (_, i) => `<span title="p${i}@crowd.example">P ${i}</span>`).join(', ');
    const html = `<!doctype html><body>${'<div>'.repeat(300)}<table><tr><th>From:</th><td>Anna &lt;anna@x.nl&gt;</td></tr><tr><th>To:</th><td>${crowd}</td></tr></table>${'</div>'.repeat(300)}</body>`;
    const d = generic.detect(loadDocument(html, URL_.href, true), URL_);
    expect(d.items).toHaveLength(1);
    const to = d.items[0]!.people.filter((p) => p.role === 'to');
    expect(to.length).toBeLessThanOrEqual(100);
    expect(d.items[0]!.people[0]).toEqual({ email: 'anna@x.nl', name: 'Anna', role: 'from' });
  }, 30_000);

  it('a label-like text megabytes long is not a label', () => {
    const html = `<!doctype html><body><div>${'From: '.repeat(400_000)}</div><p><a href="mailto:x@y.nl">x</a></p></body>`;
    expect(generic.detect(loadDocument(html, URL_.href, true), URL_).items).toEqual([]);
  }, 30_000);
});
