/**
 * A copy of a page safe to attach to a bug report: the structure and the hooks detectors read
 * (classes, roles, ids, message ids, ARIA label words of the interface) are kept; every text and
 * attribute value that could hold personal data is replaced by a placeholder of the same shape.
 * - each word becomes a made-up word of the same length and case ("Pieter de Vries" → "Qbmvra
 *   lk Toqjz"), the same word the same everywhere in one copy and different words different, so
 *   who-is-who survives; the letters come from a random salt per copy, so hashing a list of names
 *   cannot undo it; digits become 0; interface words ("to", "Organizer", …) stay;
 * - each distinct address becomes its own placeholder ("xxxxxx1@xxxxxx.invalid"), the same at
 *   every place it appeared, so "who is where" survives and nobody can be recognised;
 * - dates that parse stay as they are (they are what breaks most often);
 * - scripts are emptied and comments dropped. The live document is never changed.
 */
import { ZONE_NAMES, parseDisplayedDate, parseEventWhen } from './dates';
import { ACCOUNT_LABELS } from './google-account';
import { CALENDAR_WORDS } from './google-calendar';
import { headerWords } from './labels';
import { OUTLOOK_WORDS } from './outlook-common';
import { asEmail } from './text';
import { isJoiner, monthNumber, weekdayNumber } from './words';

/** Attributes whose values are structure, not content. */
const KEEP_ATTRS = new Set([
  'class', 'id', 'role', 'type', 'dir', 'lang', 'tabindex', 'colspan', 'rowspan', 'cellpadding', 'cellspacing',
  'hidden', 'width', 'height', 'align', 'valign', 'charset', 'http-equiv', 'translate', 'contenteditable',
  'aria-hidden', 'aria-expanded', 'aria-modal', 'aria-level', 'aria-haspopup', 'aria-checked', 'aria-selected',
  'aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-multiline', 'aria-activedescendant',
  'jscontroller', 'jsname', 'jsmodel', 'jsaction', 'data-is-adaptive', 'data-is-popup', 'data-app-section',
  'data-message-id', 'data-legacy-message-id', 'data-thread-perm-id', 'data-legacy-thread-id', 'data-thread-id',
  'data-focusable-row', 'data-automationid', 'data-log-name', 'data-test-id', 'data-testid', 'data-tooltip-align',
]);

/** Template bindings of Angular (Material) webmails such as SOGo: expressions, not content. */
const TEMPLATE_ATTR = /^(?:ng-|md-|sg-|layout|flex)/;

/**
 * Interface words kept as they are, lower case: a base list, and every word of the detectors' own
 * label tables in the eight languages (header labels, Outlook's and Google Calendar's words).
 */
const UI_WORDS = new Set(
  [
    ...(
      'to cc bcc from date subject reply-to me ik mij aan van onderwerp datum and en more older messages message ' +
      'guests guest organizer organisator optional optioneel accepted declined maybe awaiting response yes no ' +
      'geaccepteerd geweigerd misschien afwachting title titel start end time date begindatum begintijd einddatum eindtijd ' +
      'show details edit event close gasten uitgenodigd invited this for dit evenement google account reading pane list ' +
      'body unread important inbox sent drafts wrote schreef on op opens card opent kaart openen email e-mail ' +
      'attendees deelnemers organizer by door busy free bezet vrij recurring terugkerend new nieuwe tentative declined ' +
      'canceled cancelled location locatie description kopie copie copia von an de à a para sender afzender absender ' +
      'recipient recipients ontvanger ontvangers empfänger destinataire destinataires cci cco remitente expéditeur schrieb écrit escribió ' +
      'betreff objet asunto oggetto assunto temat gesendet envoyé enviado inviato wysłane'
    ).split(' '),
    ...[ACCOUNT_LABELS, ...Object.values(headerWords()), ...Object.values(OUTLOOK_WORDS), ...Object.values(CALENDAR_WORDS)].flatMap((list) => list.flatMap((phrase) => phrase.toLowerCase().split(/[\s:.]+/))),
  ].filter(Boolean),
);

/** Words that join the parts of a date or a time range, beside those of words.ts. */
const DATE_GLUE = new Set(['am', 'pm', 'a.m', 'p.m', 'to', 'tot', 'bis', 'até', 'al', 'uhr']);
const isDateWord = (w: string) =>
  monthNumber(w) !== undefined || weekdayNumber(w) !== undefined || isJoiner(w) || DATE_GLUE.has(w.toLowerCase().replace(/\.$/, '')) || ZONE_NAMES.has(w) || /^(?:UTC|GMT)$/.test(w);

/** Text made only of date words, numbers and punctuation that reads as a date is kept whole. */
function isOnlyADate(text: string): boolean {
  if (text.length > 100 || !/\d/.test(text)) return false;
  if (/^\s*\d{1,2}[:.]\d{2}\s?([ap]\.?m\.?)?\s*$/i.test(text)) return true; // a time on its own
  const words = text.match(/\p{L}+(?:[.(]\p{L}+\)?)*/gu) ?? [];
  return words.every(isDateWord) && (parseDisplayedDate(text) !== null || parseEventWhen(text, 2000).start !== null);
}

/**
 * Date-shaped spans inside longer text (event tiles, "On … wrote:" lines) stay as they are: runs of
 * numbers, times and date words (months, weekdays, joiners, in the eight languages) holding a
 * number and a month, weekday or time. Month words elsewhere are scrubbed like any word ("Jan" and
 * "May" are names too).
 */
function dateSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const tokens = [...text.matchAll(/\d{1,2}[:.]\d{2}|\d+|[\p{L}][\p{L}'’().]*/gu)];
  let run: RegExpMatchArray[] = [];
  const flush = () => {
    const hasNumber = run.some((t) => /^\d/.test(t[0]));
    const hasDateWord = run.some((t) => /:/.test(t[0]) || monthNumber(t[0]) !== undefined || weekdayNumber(t[0]) !== undefined);
    if (hasNumber && hasDateWord) spans.push([run[0]!.index!, run.at(-1)!.index! + run.at(-1)![0].length]);
    run = [];
  };
  for (const t of tokens) {
    const between = run.length ? text.slice(run.at(-1)!.index! + run.at(-1)![0].length, t.index) : '';
    if (run.length && !/^[\s,./⋅–—-]*$/.test(between)) flush();
    if (/^\d/.test(t[0]) || isDateWord(t[0])) run.push(t);
    else flush();
  }
  flush();
  return spans;
}

/** Tokens that may be addresses; matched without backtracking (see findEmail in text.ts). */
const TOKEN = /[^\s<>()[\]\\,;:"'=/]+/g;

/** A seed of 32 random bits per copy (pass one to make a copy reproducible in tests). */
function randomSalt(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]!;
}

export function scrubbedCopy(doc: Document, salt: number = randomSalt()): string {
  const addresses = new Map<string, string>();
  const placeholderFor = (address: string) => {
    const a = address.toLowerCase();
    let p = addresses.get(a);
    if (!p) {
      const [local = '', domain = ''] = a.split('@');
      const n = String(addresses.size + 1);
      p = `${'x'.repeat(Math.max(1, local.length - n.length))}${n}@${'x'.repeat(Math.max(1, domain.split('.')[0]!.length))}.invalid`;
      addresses.set(a, p);
    }
    return p;
  };
  const shape = (word: string) => {
    let h = salt >>> 0;
    for (const ch of word.toLowerCase()) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
    return word.replace(/\p{L}|\d/gu, (ch) => {
      if (/\d/.test(ch)) return '0';
      h ^= h << 13;
      h ^= h >>> 17;
      h ^= h << 5;
      h >>>= 0;
      const letter = String.fromCharCode(97 + (h % 26));
      return ch !== ch.toLowerCase() ? letter.toUpperCase() : letter;
    });
  };
  const scrubText = (text: string): string => {
    if (!text.trim()) return text;
    if (isOnlyADate(text)) return text;
    // Addresses become their placeholders and date spans stay; every other word is shaped.
    const segments: { text: string; keep: boolean }[] = [];
    text
      .replace(TOKEN, (m) => {
        const email = m.includes('@') ? asEmail(m.replace(/^[.]+|[.]+$/g, '')) : null;
        return email ? `\u0000${placeholderFor(email)}\u0000` : m;
      })
      .split('\u0000')
      .forEach((part, i) => {
        if (i % 2 === 1) return void segments.push({ text: part, keep: true });
        let at = 0;
        for (const [a, b] of dateSpans(part)) {
          segments.push({ text: part.slice(at, a), keep: false }, { text: part.slice(a, b), keep: true });
          at = b;
        }
        segments.push({ text: part.slice(at), keep: false });
      });
    const word = (w: string) => (UI_WORDS.has(w.toLowerCase().replace(/[.:]$/, '')) ? w : shape(w));
    return segments.map((g) => (g.keep ? g.text : g.text.replace(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu, word))).join('');
  };
  /**
   * CSS keeps its properties (the detectors read `display: none`), never what it points to or
   * quotes: `url(...)` is emptied and quoted strings shaped (issue 16: avatar URLs and names in
   * `style` attributes and `<style>` text survived).
   */
  const scrubCss = (css: string): string =>
    css.slice(0, 200_000).replace(/url\(\s*(['"]?)[^)]*\1\s*\)/gi, 'url()').replace(/(["'])((?:(?!\1)[^\\]|\\.)*)\1/g, (_, q: string, inner: string) => `${q}${shape(inner)}${q}`);
  /** A URL keeps its scheme and shape; its host, path and query are shaped like words (issue 16). */
  const scrubUrl = (value: string): string => {
    const m = /^([a-z][a-z0-9+.-]*:)(\/\/)?/i.exec(value);
    if (!m) return shape(value);
    return `${m[1]}${m[2] ?? ''}${shape(value.slice(m[0].length))}`;
  };
  const scrubAttr = (name: string, value: string): string => {
    if (KEEP_ATTRS.has(name) || TEMPLATE_ATTR.test(name)) return value;
    if (name === 'style') return scrubCss(value);
    const email = asEmail(value);
    if (email) return name === 'href' ? `mailto:${placeholderFor(email)}` : placeholderFor(email);
    if (name === 'href' || name === 'src' || name === 'action' || name === 'srcset' || name === 'poster' || name === 'background') return scrubUrl(value);
    return scrubText(value);
  };

  const root = doc.documentElement.cloneNode(true) as Element;
  // Inert markup the walker does not enter (and the serializer writes out): gone.
  for (const tpl of Array.from(root.querySelectorAll('template'))) tpl.replaceChildren();
  for (const tpl of Array.from(root.querySelectorAll('template')) as HTMLTemplateElement[]) tpl.content?.replaceChildren();
  const walker = doc.createTreeWalker(root, 0x1 | 0x4 | 0x80); // elements, text, comments
  const comments: Node[] = [];
  for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
    if (node.nodeType === 8) comments.push(node);
    else if (node.nodeType === 3) {
      const parent = node.parentElement?.localName;
      node.nodeValue = parent === 'script' ? '' : parent === 'style' ? scrubCss(node.nodeValue ?? '') : scrubText(node.nodeValue ?? '');
    } else if (node.nodeType === 1) {
      const el = node as Element;
      for (const attr of Array.from(el.attributes)) {
        // Event handler attributes are code, not data: drop them.
        if (/^on/i.test(attr.name)) el.removeAttribute(attr.name);
        else el.setAttribute(attr.name, scrubAttr(attr.name.toLowerCase(), attr.value));
      }
    }
  }
  for (const c of comments) c.parentNode?.removeChild(c);
  const title = root.querySelector('title');
  if (title) title.textContent = scrubText(doc.title);
  const doctype = doc.doctype ? '<!doctype html>\n' : '';
  return doctype + new (doc.defaultView?.XMLSerializer ?? XMLSerializer)().serializeToString(root);
}
