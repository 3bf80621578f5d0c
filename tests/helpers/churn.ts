/**
 * Markup churn, as a webmail's next build brings it: a variant of a saved page in which every class
 * name is renamed, plain wrapper elements gain or lose a level, and attributes change order. What a
 * page says through durable anchors (ids, roles, ARIA labels, `email`/`data-*` attributes, titles,
 * `mailto:` links, tag names, visible text) is left as it was; only the hints move.
 *
 * Seeded (mulberry32), so a failing variant can be regenerated from its seed.
 */
import { JSDOM, VirtualConsole } from 'jsdom';

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Elements whose position the HTML parser fixes: never wrapped, unwrapped or wrapped into. */
const TABLE_PARTS = new Set(['TABLE', 'TBODY', 'THEAD', 'TFOOT', 'TR', 'TD', 'TH', 'CAPTION', 'COL', 'COLGROUP']);
const NO_WRAP = new Set([...TABLE_PARTS, 'HTML', 'HEAD', 'BODY', 'TITLE', 'META', 'LINK', 'SCRIPT', 'STYLE', 'OPTION', 'OPTGROUP', 'LI', 'DT', 'DD', 'SELECT', 'TEMPLATE']);
/** Inline parents that a `div` may not sit in (the parser would move it). */
const PHRASING_PARENTS = new Set(['P', 'SPAN', 'A', 'B', 'STRONG', 'EM', 'I', 'BDI', 'LABEL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BUTTON']);
/** Attributes that carry meaning: an element with any of these is not a plain wrapper. */
const PLAIN_ATTRIBUTES = new Set(['class', 'dir', 'tabindex', 'translate', 'cellpadding', 'jsaction', 'jscontroller', 'jsname']);

export interface ChurnOptions {
  /** Chance that an element is wrapped in a new element. */
  wrap?: number;
  /** Chance that a plain wrapper (`div`/`span` with no meaningful attribute and no text of its own) is replaced by its children. */
  unwrap?: number;
}

export function churn(html: string, url: string, seed: number, opts: ChurnOptions = {}): string {
  const random = rng(seed);
  const wrapP = opts.wrap ?? 0.12;
  const unwrapP = opts.unwrap ?? 0.25;
  const dom = new JSDOM(html, { url, virtualConsole: new VirtualConsole() });
  const doc = dom.window.document;
  const all = Array.from(doc.querySelectorAll('*'));

  // 1. Every class name renamed, consistently within the variant (a new build's hashes).
  const names = new Map<string, string>();
  const rename = (c: string) => {
    let n = names.get(c);
    if (!n) {
      n = `z${Math.floor(random() * 36 ** 5).toString(36)}${names.size.toString(36)}`;
      names.set(c, n);
    }
    return n;
  };
  for (const el of all) {
    const cls = el.getAttribute('class');
    if (cls === null) continue;
    el.setAttribute('class', cls.split(/\s+/).filter(Boolean).map(rename).join(' '));
  }

  // 2. Wrapper levels: plain wrappers lose a level, any element may gain one.
  // A wrapper holds elements only: a span around text is the text's own element, and lifting the
  // text out would run it into its neighbours ("Maria Jansen" + "Organizer").
  const plain = (el: Element) =>
    (el.tagName === 'DIV' || el.tagName === 'SPAN') &&
    Array.from(el.attributes).every((a) => PLAIN_ATTRIBUTES.has(a.name)) &&
    Array.from(el.childNodes).every((n) => n.nodeType !== 3 || !n.nodeValue?.trim());
  for (const el of all) {
    if (!el.isConnected || !el.parentElement || NO_WRAP.has(el.tagName)) continue;
    if (TABLE_PARTS.has(el.parentElement.tagName) && el.parentElement.tagName !== 'TD' && el.parentElement.tagName !== 'TH') continue;
    const r = random();
    if (r < unwrapP && plain(el)) {
      // A block's children lifted into an inline parent would be moved by the parser: keep blocks.
      if (PHRASING_PARENTS.has(el.parentElement.tagName) && el.querySelector('div, table, p, ul, h1, h2, h3, h4, h5, h6, blockquote')) continue;
      el.replaceWith(...Array.from(el.childNodes));
    } else if (r > 1 - wrapP) {
      const inline = PHRASING_PARENTS.has(el.parentElement.tagName) || !/^(DIV|TABLE|UL|OL|H[1-6]|BLOCKQUOTE|FORM|SECTION|ARTICLE|HEADER|MAIN|NAV|ASIDE|P)$/.test(el.tagName);
      const wrapper = doc.createElement(inline ? 'span' : 'div');
      if (random() < 0.5) wrapper.setAttribute('class', rename(`wrap${Math.floor(random() * 1e6)}`));
      el.replaceWith(wrapper);
      wrapper.append(el);
    }
  }

  // 3. Attribute order shuffled.
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    const attrs = Array.from(el.attributes).map((a) => [a.name, a.value] as const);
    if (attrs.length < 2) continue;
    for (let i = attrs.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [attrs[i], attrs[j]] = [attrs[j]!, attrs[i]!];
    }
    for (const [name] of attrs) el.removeAttribute(name);
    for (const [name, value] of attrs) el.setAttribute(name, value);
  }
  const out = dom.serialize();
  dom.window.close();
  return out;
}
