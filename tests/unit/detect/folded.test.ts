// Recipients a page folds away count toward the crowd rule (issue 17): Roundcube's "15 more..."
// (its own markup, program/actions/mail/index.php address_string), its list's "...", and the
// generic reader's "+15" / "and 15 others".
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generic } from '../../../src/detect/generic';
import { moreCount } from '../../../src/detect/labels';
import { roundcube } from '../../../src/detect/roundcube';
import { createsPeople } from '../../../src/network/direction';
import { loadDocument } from '../../helpers/fixtures';

const page = (name: string) => readFileSync(`tests/fixtures/roundcube/${name}`, 'utf8');
const urls = JSON.parse(page('urls.json')) as Record<string, string>;
const adr = (i: number) => `<span class="adr"><a href="mailto:p${i}@crowd.test" class="rcmContactAddress" title="p${i}@crowd.test">P ${i}</a></span>`;

describe('folded recipient counts', () => {
  it.each([
    ['15 more...', 15], ['15 meer...', 15], ['15 weitere …', 15], ['15 de plus…', 15], ['15 más…', 15],
    ['ancora 15...', 15], ['15 mais...', 15], ['15 więcej...', 15], ['+15', 15], ['+ 15 others', 15],
    ['and 15 others', 15], ['en 15 anderen', 15], ['und 15 weitere', 15], [', and 3 more', 3],
  ])('%j says %i more', (text, n) => {
    expect(moreCount(text)).toBe(n);
  });
  it.each(['15', 'more', '15 more people wrote this', '0 more...', 'Re: 15 more ideas', 'x'.repeat(100)])('%j says nothing', (text) => {
    expect(moreCount(text)).toBeNull();
  });

  it('Roundcube: ten shown and "15 more..." are 25 recipients, and create nobody', () => {
    const url = urls['show-1.html']!;
    const shown = Array.from({ length: 10 }, (_, i) => adr(i)).join(', ');
    const html = page('show-1.html').replace(/<td class="header to">.*?<\/td>/s, `<td class="header to">${shown}, <a href="#more" class="morelink" onclick="return rcmail.simple_dialog('…')">15 more...</a></td>`);
    const [item] = roundcube.detect(loadDocument(html, url, true), new URL(url)).items;
    expect(item!.people.filter((p) => p.role === 'to')).toHaveLength(10);
    expect(item!.moreRecipients).toBe(15);
    expect(createsPeople('email', item!.people, item!.moreRecipients)).toBe(false);
    // Without the fold, the ten shown would have created ten people.
    expect(createsPeople('email', item!.people)).toBe(true);
  });

  it("Roundcube's Sent list: three addresses and \"...\" are more, uncounted: the row creates nobody", () => {
    const url = urls['sent-list.html']!;
    const html = page('sent-list.html').replace(/<span class="fromto skip-on-drag">.*?<\/span><\/span><\/span>/s, `<span class="fromto skip-on-drag">${adr(1).replace('<a href', '<span href').replace('</a>', '</span>')}, ${adr(2)}, ${adr(3)}...</span>`);
    const items = roundcube.detect(loadDocument(html, url, true), new URL(url)).items;
    const folded = items.find((i) => i.people.some((p) => p.email === 'p2@crowd.test'))!;
    expect(folded.moreRecipients).toBe('unknown');
    expect(createsPeople('email', folded.people, folded.moreRecipients)).toBe(false);
    expect(items.filter((i) => i !== folded).every((i) => i.moreRecipients === undefined)).toBe(true);
  });

  it('generic: "+15" after the addresses, or "and 15 others" as a button', () => {
    const url = new URL('https://webmail.example.nl/message/1');
    const a = `<table><tr><th>From:</th><td>Anna &lt;anna@x.nl&gt;</td></tr><tr><th>To:</th><td><a href="mailto:b@x.nl">B</a>, <a href="mailto:c@x.nl">C</a>, +15</td></tr></table>`;
    expect(generic.detect(loadDocument(a, url.href, true), url).items[0]!.moreRecipients).toBe(15);
    const b = `<table><tr><th>From:</th><td>Anna &lt;anna@x.nl&gt;</td></tr><tr><th>Cc:</th><td><a href="mailto:b@x.nl">B</a> <button>and 15 others</button> <span>sent today</span></td></tr></table>`;
    expect(generic.detect(loadDocument(b, url.href, true), url).items[0]!.moreRecipients).toBe(15);
    const none = `<table><tr><th>From:</th><td>Anna &lt;anna@x.nl&gt;</td></tr><tr><th>To:</th><td><a href="mailto:b@x.nl">B</a></td></tr></table>`;
    expect(generic.detect(loadDocument(none, url.href, true), url).items[0]!.moreRecipients).toBeUndefined();
  });
});
