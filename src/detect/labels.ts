/**
 * Mail header labels ("From:", "Van", "Von:", "De :", "Da:", "Od:"…) and "Name <address>" text,
 * shared by every detector that reads labelled headers: Gmail's details popup, Outlook's header
 * lines, Proton, SOGo and the generic reader. One table, eight languages (English, Dutch, German,
 * French, Spanish, Italian, Portuguese, Polish); a contributor adds a language's words here.
 *
 * Where the words come from (each is what the named mail programs print in that language):
 * - Gmail's own: "Van"/"Von"/"De"/"Da"/"Od" for the sender in Gmail's forwarded-message header
 *   (crisp-oss/email-forward-parser test/fixtures/gmail_{nl,de,fr,es,it,pt,pl}_body.txt, MIT);
 * - Outlook's: "Von/An/Cc", "De/À/Cc", "De/Para/CC", "Da/A/Cc", "De/Para/Cc", "Od/Do/DW",
 *   "Van/Aan/CC" as Outlook 2019 and Outlook on the web print them per language (the same
 *   project's lib/parser.js, which names the client and locale of each);
 * - Thunderbird's German and French ("Kopie (CC)", "Blindkopie (BCC)", "Copie à", "Pour"),
 *   mozilla-l10n/firefox-l10n de/mail/messenger/messageheader/headerFields.ftl (MPL-2.0);
 * - blind-copy abbreviations: Cci (fr), CCO (es, pt), Ccn (it), UDW (pl), as the same clients use.
 * Labels are hints: where a page's label is unknown, the detectors fall back on structure (the
 * first header line is the sender) and say the detection is degraded.
 */
import { cleanName } from './text';
import type { Role } from './types';

/**
 * Header labels by role. Matched on the whole label, case-insensitively, without its colon. Made
 * when first asked for, not when a content script loads: most Gmail tabs never open a details
 * popup, and a table built at load is held by every tab (issue 22).
 */
export function headerWords() {
  return {
    from: ['from', 'sender', 'van', 'afzender', 'von', 'absender', 'de', 'expéditeur', 'remitente', 'da', 'mittente', 'od', 'nadawca'],
    to: ['to', 'recipient', 'recipients', 'aan', 'ontvanger', 'ontvangers', 'an', 'empfänger', 'à', 'a', 'pour', 'destinataire', 'destinataires', 'para', 'destinatario', 'destinatarios', 'do', 'adresat'],
    cc: ['cc', 'kopie', 'kopie (cc)', 'copie', 'copie à', 'copia', 'dw'],
    bcc: ['bcc', 'bcc-kopie', 'blindkopie', 'blindkopie (bcc)', 'cci', 'cco', 'ccn', 'udw'],
  } as const;
}
/** Each label word (lower case) and the role it names: a look-up, not a pattern (issue 22). */
let labels: ReadonlyMap<string, Role> | null = null;
const labelRoles = (): ReadonlyMap<string, Role> =>
  (labels ??= new Map((Object.entries(headerWords()) as [Role, readonly string[]][]).flatMap(([role, words]) => words.map((w) => [w, role] as const))));

/** The longest text a label can have; longer text is not looked at (a hostile page can be huge). */
export const MAX_LABEL_LENGTH = 40;

/** The role a header label ("From:", "Aan", "CC", "De :") names, or null. */
export function headerRole(label: string | null | undefined): Role | null {
  if (!label || label.length > MAX_LABEL_LENGTH) return null;
  const text = label.replace(/[:\s\u00a0]+$/, '').trim();
  if (text.length === 0 || text.length > 20) return null;
  return labelRoles().get(text.toLowerCase()) ?? null;
}

/**
 * The role of a header line that starts with its label: "From: Maria Jansen", "An: Tom; Eva",
 * "De : Lena". The label is the text before the first colon.
 */
export function leadingHeaderRole(line: string | null | undefined): Role | null {
  if (!line) return null;
  const m = /^\s*([^:]{1,20}?)\s*:/.exec(line.slice(0, MAX_LABEL_LENGTH + 1));
  return m ? headerRole(m[1]) : null;
}

/** The name in "Name <address>" text (quotes and the address removed), or null. */
export const nameBeside = (text: string, email: string): string | null => cleanName(text.replace(/<[^>]*>/g, '').replace(email, '').replace(/["']/g, ''));

/**
 * How many more recipients a folded list says there are: Roundcube's "15 more..." in its eight
 * languages (program/localization/*\/labels.inc `andnmore`: "$nr more...", "$nr meer...", "$nr
 * weitere …", "$nr de plus…", "$nr más…", "ancora $nr...", "$nr mais...", "$nr więcej..."), and
 * the "+15" and "and 15 others" other webmails print. Short text only; null when it says none.
 */
const MORE_WORDS = 'more|meer|weitere|de plus|más|mas|mais|więcej|others?|anderen?|autres?|otros?|altri|outros?|innych|osób|people|personen|personnes|personas|persone|pessoas';
/** Built on first use: only the sites' readers count, and a Gmail tab holds no pattern it never runs (issue 22). */
let more: RegExp | null = null;
const MORE = () =>
  (more ??= new RegExp(`^(?:(?:and|en|und|et|y|e|i)\\s+)?(?:\\+\\s*(\\d{1,6})(?:\\s+(?:${MORE_WORDS}))?|(\\d{1,6})\\s+(?:${MORE_WORDS})|(?:ancora|altri)\\s+(\\d{1,6}))\\s*(?:\\.{3}|…)?$`, 'iu'));
export function moreCount(text: string | null | undefined): number | null {
  if (!text || text.length > MAX_LABEL_LENGTH) return null;
  const m = MORE().exec(text.replace(/\s+/gu, ' ').trim().replace(/^[,;]\s*/u, ''));
  if (!m) return null;
  const n = +(m[1] ?? m[2] ?? m[3]!);
  return n > 0 ? n : null;
}
