/**
 * A 100-message Gmail conversation in the markup of tests/fixtures/gmail/thread-*.html (which say
 * where that markup comes from): the last 10 messages expanded with recipients and bodies, the
 * rest collapsed, 15 correspondents, seeded so every run sees the same page.
 */
import { rng } from '../tests/helpers/seed';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const chip = (cls: string, email: string, name: string) =>
  `<span translate="no" class="${cls}" email="${esc(email)}" name="${esc(name)}" data-hovercard-id="${esc(email)}"><span>${esc(name)}</span></span>`;

export const OWNER = 'sanne.bakker@gmail.com';

export function gmailThread(messages = 100, seed = 7): string {
  const r = rng(seed);
  const first = ['Anna', 'Bram', 'Carla', 'Daan', 'Eva', 'Finn', 'Gijs', 'Hanna', 'Iris', 'Jesse', 'Kim', 'Lars', 'Mila', 'Noah', 'Roos'];
  const people = first.map((f, i) => [`${f.toLowerCase()}.${['bos', 'smit', 'vos', 'kok'][i % 4]}${i}@noordzee.example`, `${f} ${['Bos', 'Smit', 'Vos', 'Kok'][i % 4]}`] as const);
  const start = Date.parse('2026-06-01T09:00:00Z');
  let body = '';
  for (let m = 0; m < messages; m++) {
    const fromOwner = r() < 0.3;
    const sender = fromOwner ? ([OWNER, 'me'] as const) : people[Math.floor(r() * people.length)]!;
    const at = new Date(start + m * 36 * 3600_000);
    const title = at.toLocaleString('en-US', { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' });
    const id = (BigInt('1849000000000000000') + BigInt(m * 7919)).toString();
    const hex = BigInt(id).toString(16);
    if (m < messages - 10) {
      body += `<div class="kv" role="listitem" aria-expanded="false"><div class="Bk"><div class="G3 G2"><div><div class="adf ads"><div class="gs"><div class="gE hI"><table class="cf gJ"><tbody><tr class="acZ"><td class="gF gK">${chip('gD', sender[0], sender[1])}</td><td class="gH"><div class="gK"><span class="g3" title="${title}">${title}</span></div></td></tr></tbody></table></div><div class="iA g6"><span>Snippet of message ${m}</span></div></div></div><div class="adn ads" style="display:none" data-message-id="#msg-f:${id}" data-legacy-message-id="${hex}"></div></div></div></div></div>\n`;
    } else {
      const to = [people[(m * 3) % people.length]!, people[(m * 5 + 1) % people.length]!, [OWNER, 'me'] as const];
      body += `<div class="h7 ie nH oy8Mbf" role="listitem" aria-expanded="true"><div class="Bk"><div class="G3 G2"><div><div class="adn ads" data-message-id="#msg-f:${id}" data-legacy-message-id="${hex}"><div class="gs"><div class="gE iv gt"><table class="cf gJ"><tbody><tr class="acZ"><td class="gF gK"><h3 class="iw">${chip('gD', sender[0], sender[1])}</h3></td><td class="gH bAk"><div class="gK"><span class="g3" title="${title}">${title}</span></div></td></tr><tr class="acZ xD"><td colspan="3"><span class="hb">to ${to.map(([e, n]) => chip('g2', e, n)).join(', ')}</span></td></tr></tbody></table></div><div class="ii gt"><div class="a3s aiL"><div dir="ltr">${'Message text about the Noordzee planning. '.repeat(20)}</div><div class="gmail_quote"><div class="gmail_attr">On ${title} someone &lt;quoted@example.org&gt; wrote:</div><blockquote class="gmail_quote">${'Earlier text. '.repeat(40)}</blockquote></div></div></div></div></div></div></div></div></div>\n`;
    }
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Project Noordzee - ${OWNER} - Gmail</title></head><body><div class="nH" role="main"><div class="nH g id"><div class="ha"><h2 class="hP" data-legacy-thread-id="19a0000000000001" data-thread-perm-id="thread-f:1846000000000000001">Project Noordzee</h2></div><div class="Bs nH iY" role="list">\n${body}</div></div></div></body></html>`;
}
