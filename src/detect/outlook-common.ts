/**
 * Shared by the Outlook mail and calendar detectors: the signed-in account, the people in a
 * header line, and Outlook's own interface words in eight languages.
 *
 * Durable anchors: element ids (`ReadingPaneContainerId`, `mectrl_currentAccount_*`), roles
 * (`main`, `heading`, `document`, `listbox`/`option`, `list`/`listitem`, `button`),
 * `data-app-section`, `data-convid`, `data-calitemid`, `title` attributes holding "Name <address>",
 * `mailto:` links, and the chip's own text (the person's name).
 * Hints: the ARIA labels, which follow the interface language ("Opens card for …", "From: …",
 * "Reading Pane"). Outlook's class names are hashed per build and never read.
 * (../shared/research/webmail-selectors.md §2-3.)
 */
import { headerRole } from './labels';
import { asEmail, cleanName, findEmail } from './text';
import type { DetectedPerson, Role } from './types';

/**
 * Outlook's words, by language: en, nl, de, fr, es, it, pt, pl. English and the Dutch chip prefix
 * are from live captures (gabeosx/outlook-web-skill references/outlook-ui.md, 2026-04-10); the
 * other languages are Microsoft's terms for these controls in its localised Office interfaces and
 * were not seen in a capture of Outlook on the web: wherever one is wrong, the detectors still read
 * people through the structure around it (a chip's own text is its name; the first header line
 * with people is the sender) and mark the page degraded.
 */
export const OUTLOOK_WORDS = {
  /** The persona button's label before the name: "Opens card for Maria Jansen". */
  chipPrefix: ['Opens card for', 'Opent kaart voor', 'Kaart openen voor', 'Öffnet Karte für', 'Karte öffnen für', 'Ouvre la carte de', 'Ouvrir la carte de', 'Abre la tarjeta de', 'Apre la scheda di', 'Abre o cartão de', 'Otwiera kartę dla'],
  readingPane: ['Reading Pane', 'Leesvenster', 'Lesebereich', 'Volet de lecture', 'Panel de lectura', 'Riquadro di lettura', 'Painel de Leitura', 'Painel de leitura', 'Okienko odczytu'],
  message: ['Email message', 'E-mailbericht', 'E-Mail-Nachricht', 'Message électronique', 'Mensaje de correo electrónico', 'Messaggio di posta elettronica', 'Mensagem de email', 'Wiadomość e-mail'],
  messageBody: ['Message body', 'Berichttekst', 'Nachrichtentext', 'Corps du message', 'Cuerpo del mensaje', 'Corpo del messaggio', 'Corpo da mensagem', 'Treść wiadomości'],
  event: ['Event', 'Afspraak', 'Termin', 'Événement', 'Evento', 'Wydarzenie'],
  time: ['Time', 'Tijd', 'Zeit', 'Heure', 'Hora', 'Ora', 'Godzina'],
  organizer: ['Organizer', 'Organisator', 'Organisateur', 'Organizador', 'Organizzatore', 'Organizator'],
  attendees: ['Attendees', 'Deelnemers', 'Teilnehmer', 'Participants', 'Asistentes', 'Partecipanti', 'Participantes', 'Uczestnicy'],
  /** Week-view tiles: "9:00 AM to 9:30 AM", "By Artur Zielinski", "Declined: …", "New event". */
  tileTo: ['to', 'tot', 'bis', 'à', 'a', 'até', 'do', '-', '–'],
  tileBy: ['By', 'Door', 'Von', 'Par', 'Por', 'Da', 'Przez', 'Organizer:', 'Organisator:'],
  tileNotMet: ['Declined', 'Geweigerd', 'Abgelehnt', 'Refusé', 'Rechazado', 'Rifiutato', 'Recusado', 'Odrzucono', 'Canceled', 'Cancelled', 'Geannuleerd', 'Abgesagt', 'Annulé', 'Cancelado', 'Annullato', 'Anulowano'],
  tilePlaceholder: ['New event', 'Nieuwe afspraak', 'Neues Ereignis', 'Neuer Termin', 'Nouvel événement', 'Nuevo evento', 'Nuovo evento', 'Novo evento', 'Nowe wydarzenie'],
} as const;

/** `[aria-label="A"], [aria-label="B"]…` for one list of words, optionally as a prefix match. */
export const ariaAny = (words: readonly string[], prefix = false, extra = '') =>
  words.map((w) => `${extra}[aria-label${prefix ? '^' : ''}="${w}"]`).join(', ');

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const wordsRe = (words: readonly string[], flags = 'i') => new RegExp(`(?:${words.map(escapeRe).join('|')})`, flags);

const CHIP_PREFIX = new RegExp(`^(?:${OUTLOOK_WORDS.chipPrefix.map(escapeRe).join('|')})\\s+`, 'i');

const SEL = {
  /** Microsoft's account control ("MeControl"): name and address of the signed-in user. */
  accountAddress: '[id="mectrl_currentAccount_secondary"]',
  accountName: '[id="mectrl_currentAccount_primary"]',
  accountButton: '[id="O365_MainLink_Me"], [id="mectrl_headerPicture"]',
  /** One person: a persona button (any language), a mailto link, a titled "Name <address>". */
  chip: `${ariaAny(OUTLOOK_WORDS.chipPrefix, true)}, button, [role=button], a[href^="mailto:" i], [title*="@"]`,
} as const;

export function outlookAccount(doc: Document): { account: string | null; accountName: string | null } {
  const account =
    asEmail(doc.querySelector(SEL.accountAddress)?.textContent) ?? findEmail(doc.querySelector(SEL.accountButton)?.getAttribute('aria-label'));
  const name = cleanName(doc.querySelector(SEL.accountName)?.textContent);
  return { account, accountName: name };
}

/** Role of a header line from its label: "From:", "To:", "Cc:", "Von:", "De :", "Od:"… (labels.ts). */
export function headerLineRole(label: string | null | undefined): Role | null {
  const m = /^\s*([^:]{1,20}?)\s*:/.exec((label ?? '').slice(0, 41));
  return m ? headerRole(m[1]) : null;
}

/** A chip's name: its own text, else its label without the "Opens card for" prefix or a header label. */
function chipName(chip: Element): string | null {
  const text = cleanName(chip.textContent);
  if (text && !headerLineRole(text)) return text;
  const label = chip.getAttribute('aria-label');
  if (!label) return null;
  if (CHIP_PREFIX.test(label)) return cleanName(label.replace(CHIP_PREFIX, ''));
  const afterHeader = /^\s*[^:]{1,20}:\s*(.+)$/.exec(label);
  return afterHeader && headerLineRole(label) ? cleanName(afterHeader[1]) : null;
}

/** The people of one header line: each chip's name and, where the page has it, its address. */
export function chipsIn(el: Element, role: Role, account: string | null): DetectedPerson[] {
  const out: DetectedPerson[] = [];
  const seen = new Set<string>();
  for (const chip of Array.from(el.querySelectorAll(SEL.chip))) {
    if (chip.parentElement?.closest(SEL.chip) && el.contains(chip.parentElement.closest(SEL.chip))) continue; // a part of a chip is the same person
    const titles = [chip, ...Array.from(chip.querySelectorAll('[title]'))].map((e) => e.getAttribute('title'));
    const href = chip.getAttribute('href') ?? chip.querySelector('a[href^="mailto:" i]')?.getAttribute('href');
    const email = titles.map((t) => findEmail(t)).find(Boolean) ?? asEmail(href?.replace(/\?.*$/, '')) ?? null;
    const shown = chipName(chip);
    // A "+2" or "…" button is not a person.
    const name = (email !== null && email === account) || (shown && !/\p{L}/u.test(shown)) || (shown && /^\+\s?\d/.test(shown)) ? null : shown;
    if (!email && !name) continue;
    const key = email ?? `~${name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ email, name, role });
  }
  if (out.length === 0) {
    // No chips: addresses written in the line's own label ("From: sender@example.com", Mailvelope's
    // German Outlook templates).
    const label = el.getAttribute('aria-label') ?? '';
    for (const part of label.replace(/^\s*[^:]{1,20}:/, '').split(/[;,](?![^<]*>)/)) {
      const email = findEmail(part);
      if (email && !seen.has(email)) {
        seen.add(email);
        out.push({ email, name: email === account ? null : cleanName(part.replace(/<[^>]*>/g, '').replace(email, '').replace(/["']/g, '')), role });
      }
    }
  }
  return out;
}
