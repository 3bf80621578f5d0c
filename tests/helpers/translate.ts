/**
 * The hosted-webmail fixtures in another interface language: every interface word a provider prints
 * (labels, chip prefixes, responses, the Gmail "to" line) replaced by that language's, and every
 * date re-printed as the provider prints dates there. Dates are formatted by this machine's ICU
 * (`Intl.DateTimeFormat`, CLDR data, the same source the webmails format with), so the detectors'
 * own date words (src/detect/words.ts) are not what writes them. People, addresses, subjects and
 * ids stay as they are: the translated page must read exactly like the English one.
 *
 * The pseudo-language `xx` replaces every interface word with a word no table knows and keeps
 * English dates: what a detector reads there, it reads through structure alone.
 */
import { JSDOM, VirtualConsole } from 'jsdom';

export const PAGE_LANGUAGES = ['nl', 'de', 'fr', 'es', 'it', 'pt', 'pl'] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number] | 'xx';

const LOCALE: Record<PageLanguage, string> = { nl: 'nl-NL', de: 'de-DE', fr: 'fr-FR', es: 'es-ES', it: 'it-IT', pt: 'pt-BR', pl: 'pl-PL', xx: 'en-US' };

/** Interface words: English → the language's. One row per string the fixtures print. */
const WORDS: Record<string, Record<Exclude<PageLanguage, 'xx'>, string>> = {
  // Gmail's details popup and "to" line
  'from:': { nl: 'van:', de: 'von:', fr: 'de :', es: 'de:', it: 'da:', pt: 'de:', pl: 'od:' },
  'reply-to:': { nl: 'antwoord aan:', de: 'antwort an:', fr: 'répondre à :', es: 'responder a:', it: 'rispondi a:', pt: 'responder a:', pl: 'odpowiedź do:' },
  'to:': { nl: 'aan:', de: 'an:', fr: 'à :', es: 'para:', it: 'a:', pt: 'para:', pl: 'do:' },
  'cc:': { nl: 'cc:', de: 'cc:', fr: 'cc :', es: 'cc:', it: 'cc:', pt: 'cc:', pl: 'dw:' },
  'date:': { nl: 'datum:', de: 'datum:', fr: 'date :', es: 'fecha:', it: 'data:', pt: 'data:', pl: 'data:' },
  'to ': { nl: 'aan ', de: 'an ', fr: 'à ', es: 'para ', it: 'a ', pt: 'para ', pl: 'do ' },
  'Show details': { nl: 'Details weergeven', de: 'Details anzeigen', fr: 'Afficher les détails', es: 'Mostrar detalles', it: 'Mostra dettagli', pt: 'Mostrar detalhes', pl: 'Pokaż szczegóły' },
  'Google Account: ': { nl: 'Google-account: ', de: 'Google-Konto: ', fr: 'Compte Google : ', es: 'Cuenta de Google: ', it: 'Account Google: ', pt: 'Conta do Google: ', pl: 'Konto Google: ' },
  // Outlook mail
  'From: ': { nl: 'Van: ', de: 'Von: ', fr: 'De : ', es: 'De: ', it: 'Da: ', pt: 'De: ', pl: 'Od: ' },
  'To: ': { nl: 'Aan: ', de: 'An: ', fr: 'À : ', es: 'Para: ', it: 'A: ', pt: 'Para: ', pl: 'Do: ' },
  'Cc: ': { nl: 'CC: ', de: 'Cc: ', fr: 'Cc : ', es: 'CC: ', it: 'Cc: ', pt: 'Cc: ', pl: 'DW: ' },
  'Opens card for ': { nl: 'Opent kaart voor ', de: 'Öffnet Karte für ', fr: 'Ouvre la carte de ', es: 'Abre la tarjeta de ', it: 'Apre la scheda di ', pt: 'Abre o cartão de ', pl: 'Otwiera kartę dla ' },
  'Reading Pane': { nl: 'Leesvenster', de: 'Lesebereich', fr: 'Volet de lecture', es: 'Panel de lectura', it: 'Riquadro di lettura', pt: 'Painel de Leitura', pl: 'Okienko odczytu' },
  'Email message': { nl: 'E-mailbericht', de: 'E-Mail-Nachricht', fr: 'Message électronique', es: 'Mensaje de correo electrónico', it: 'Messaggio di posta elettronica', pt: 'Mensagem de email', pl: 'Wiadomość e-mail' },
  'Message body': { nl: 'Berichttekst', de: 'Nachrichtentext', fr: 'Corps du message', es: 'Cuerpo del mensaje', it: 'Corpo del messaggio', pt: 'Corpo da mensagem', pl: 'Treść wiadomości' },
  // Outlook calendar
  Event: { nl: 'Afspraak', de: 'Termin', fr: 'Événement', es: 'Evento', it: 'Evento', pt: 'Evento', pl: 'Wydarzenie' },
  Time: { nl: 'Tijd', de: 'Zeit', fr: 'Heure', es: 'Hora', it: 'Ora', pt: 'Hora', pl: 'Godzina' },
  Organizer: { nl: 'Organisator', de: 'Organisator', fr: 'Organisateur', es: 'Organizador', it: 'Organizzatore', pt: 'Organizador', pl: 'Organizator' },
  'Organizer: ': { nl: 'Organisator: ', de: 'Organisator: ', fr: 'Organisateur : ', es: 'Organizador: ', it: 'Organizzatore: ', pt: 'Organizador: ', pl: 'Organizator: ' },
  Attendees: { nl: 'Deelnemers', de: 'Teilnehmer', fr: 'Participants', es: 'Asistentes', it: 'Partecipanti', pt: 'Participantes', pl: 'Uczestnicy' },
  "Didn't respond": { nl: 'Geen antwoord', de: 'Keine Antwort', fr: 'Pas de réponse', es: 'Sin respuesta', it: 'Nessuna risposta', pt: 'Sem resposta', pl: 'Brak odpowiedzi' },
  'By ': { nl: 'Door ', de: 'Von ', fr: 'Par ', es: 'Por ', it: 'Da ', pt: 'Por ', pl: 'Przez ' },
  'Declined: ': { nl: 'Geweigerd: ', de: 'Abgelehnt: ', fr: 'Refusé : ', es: 'Rechazado: ', it: 'Rifiutato: ', pt: 'Recusado: ', pl: 'Odrzucono: ' },
  'New event': { nl: 'Nieuwe afspraak', de: 'Neuer Termin', fr: 'Nouvel événement', es: 'Nuevo evento', it: 'Nuovo evento', pt: 'Novo evento', pl: 'Nowe wydarzenie' },
  // Both calendars: responses
  Accepted: { nl: 'Geaccepteerd', de: 'Angenommen', fr: 'Accepté', es: 'Aceptado', it: 'Accettato', pt: 'Aceito', pl: 'Zaakceptowano' },
  Declined: { nl: 'Geweigerd', de: 'Abgelehnt', fr: 'Refusé', es: 'Rechazado', it: 'Rifiutato', pt: 'Recusado', pl: 'Odrzucono' },
  Maybe: { nl: 'Misschien', de: 'Vielleicht', fr: 'Peut-être', es: 'Quizás', it: 'Forse', pt: 'Talvez', pl: 'Może' },
  'Awaiting response': { nl: 'In afwachting van reactie', de: 'Antwort ausstehend', fr: 'En attente de réponse', es: 'Respuesta pendiente', it: 'In attesa di risposta', pt: 'Aguardando resposta', pl: 'Oczekuje na odpowiedź' },
  // Google Calendar
  'Guests invited to this event.': { nl: 'Gasten die zijn uitgenodigd voor dit evenement.', de: 'Zu diesem Termin eingeladene Gäste.', fr: 'Invités à cet événement.', es: 'Invitados a este evento.', it: 'Invitati a questo evento.', pt: 'Convidados para este evento.', pl: 'Goście zaproszeni na to wydarzenie.' },
  Title: { nl: 'Titel', de: 'Titel', fr: 'Titre', es: 'Título', it: 'Titolo', pt: 'Título', pl: 'Tytuł' },
  'Start date': { nl: 'Startdatum', de: 'Startdatum', fr: 'Date de début', es: 'Fecha de inicio', it: 'Data di inizio', pt: 'Data de início', pl: 'Data rozpoczęcia' },
  'Start time': { nl: 'Starttijd', de: 'Startzeit', fr: 'Heure de début', es: 'Hora de inicio', it: 'Ora di inizio', pt: 'Hora de início', pl: 'Godzina rozpoczęcia' },
  'End date': { nl: 'Einddatum', de: 'Enddatum', fr: 'Date de fin', es: 'Fecha de finalización', it: 'Data di fine', pt: 'Data de término', pl: 'Data zakończenia' },
  'End time': { nl: 'Eindtijd', de: 'Endzeit', fr: 'Heure de fin', es: 'Hora de finalización', it: 'Ora di fine', pt: 'Hora de término', pl: 'Godzina zakończenia' },
  Guests: { nl: 'Gasten', de: 'Gäste', fr: 'Invités', es: 'Invitados', it: 'Invitati', pt: 'Convidados', pl: 'Goście' },
};

/** Gmail joins date and time with a word in its list titles ("… at 12:35 PM"). */
const AT: Record<Exclude<PageLanguage, 'xx'>, string> = { nl: 'om', de: 'um', fr: 'à', es: 'a las', it: 'alle ore', pt: 'à(s)', pl: 'o' };
/** Outlook joins a tile's two times with a word ("9:00 AM to 9:30 AM"). */
const TILE_TO: Record<Exclude<PageLanguage, 'xx'>, string> = { nl: 'tot', de: 'bis', fr: 'à', es: 'a', it: '-', pt: 'até', pl: 'do' };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const month = (w: string) => MONTHS.indexOf(w.slice(0, 3).toLowerCase()) + 1;
const h24 = (h: string, ap: string | undefined) => (ap ? (+h % 12) + (/p/i.test(ap) ? 12 : 0) : +h);

/** A date re-printed in `lang`, by pattern: each returns the new text or null when it does not apply. */
function redate(text: string, lang: Exclude<PageLanguage, 'xx'>): string | null {
  const loc = LOCALE[lang];
  const f = (opts: Intl.DateTimeFormatOptions, d: Date) => new Intl.DateTimeFormat(loc, opts).format(d);
  const time = (d: Date) => f({ hour: '2-digit', minute: '2-digit', hour12: false }, d);
  let m: RegExpExecArray | null;
  // Gmail: "Mon, Nov 23, 2026, 3:47 PM" and "Thu, Dec 18, 2014 at 12:35 PM"
  if ((m = /^[A-Z][a-z]{2}, ([A-Z][a-z]{2}) (\d{1,2}), (\d{4})(,| at) (\d{1,2}):(\d{2})\s?([AP]M)$/.exec(text))) {
    const d = new Date(+m[3]!, month(m[1]!) - 1, +m[2]!, h24(m[5]!, m[7]), +m[6]!);
    if (m[4] === ',') return f({ weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }, d);
    if (lang === 'pt') return `${f({ weekday: 'long' }, d).split('-')[0]}, ${f({ day: '2-digit', month: '2-digit', year: 'numeric' }, d)} ${AT[lang]} ${time(d)}`;
    return `${f({ weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }, d)} ${AT[lang]} ${time(d)}`;
  }
  // Outlook: "Tue 11/24/2026 9:05 AM", with an end time after " - "
  if ((m = /^[A-Z][a-z]{2} (\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}) ([AP]M)(?: - (\d{1,2}):(\d{2}) ([AP]M))?$/.exec(text))) {
    const d = new Date(+m[3]!, +m[1]! - 1, +m[2]!, h24(m[4]!, m[6]), +m[5]!);
    const out = `${f({ weekday: 'short' }, d)} ${f({ day: '2-digit', month: '2-digit', year: 'numeric' }, d)} ${time(d)}`;
    return m[7] ? `${out} - ${time(new Date(2000, 0, 1, h24(m[7], m[9]), +m[8]!))}` : out;
  }
  // Outlook tiles: "Weekly Standup, 9:00 AM to 9:30 AM, Monday, November 23, 2026, …, By Artur Zielinski, Busy"
  if ((m = /^(.+?), (\d{1,2}):(\d{2}) ([AP]M) to (\d{1,2}):(\d{2}) ([AP]M), [A-Z][a-z]+, ([A-Z][a-z]+) (\d{1,2}), (\d{4})(.*)$/.exec(text))) {
    const day = new Date(+m[10]!, month(m[8]!) - 1, +m[9]!);
    const t = (h: string, mi: string, ap: string) => time(new Date(2000, 0, 1, h24(h, ap), +mi));
    const rest = m[11]!.replace(', By ', `, ${WORDS['By ']![lang]}`);
    const title = m[1]!.replace(/^Declined: /, WORDS['Declined: ']![lang]);
    return `${title}, ${t(m[2]!, m[3]!, m[4]!)} ${TILE_TO[lang]} ${t(m[5]!, m[6]!, m[7]!)}, ${f({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }, day)}${rest}`;
  }
  // Google Calendar: "Thursday, November 26⋅10:00 – 11:00am", optionally with the year
  if ((m = /^[A-Z][a-z]+, ([A-Z][a-z]+) (\d{1,2})(?:, (\d{4}))?⋅(\d{1,2}):(\d{2})(am|pm)? – (\d{1,2}):(\d{2})(am|pm)$/.exec(text))) {
    const y = m[3] ? +m[3] : 2026;
    const day = new Date(y, month(m[1]!) - 1, +m[2]!);
    const ap1 = m[6] ?? m[9];
    const t = (h: string, mi: string, ap: string | undefined) => time(new Date(2000, 0, 1, h24(h, ap), +mi));
    const dayText = f({ weekday: 'long', day: 'numeric', month: 'long', ...(m[3] ? { year: 'numeric' } : {}) }, day);
    return `${dayText}⋅${t(m[4]!, m[5]!, ap1)} – ${t(m[7]!, m[8]!, m[9])}`;
  }
  // Form fields: "Nov 26, 2026", "10:00am"; the calendar header "November 2026"
  if ((m = /^([A-Z][a-z]{2}) (\d{1,2}), (\d{4})$/.exec(text))) return f({ day: 'numeric', month: 'short', year: 'numeric' }, new Date(+m[3]!, month(m[1]!) - 1, +m[2]!));
  if ((m = /^(\d{1,2}):(\d{2})(am|pm)$/.exec(text))) return time(new Date(2000, 0, 1, h24(m[1]!, m[3]), +m[2]!));
  if ((m = /^([A-Z][a-z]+) (\d{4})$/.exec(text)) && month(m[1]!) > 0 && m[1]!.length > 3) return f({ month: 'long', year: 'numeric' }, new Date(+m[2]!, month(m[1]!) - 1, 1));
  return null;
}

/** A word no table knows, the same for the same English word. */
const nonsense = (w: string) => w.replace(/[A-Za-z]/g, (c) => String.fromCharCode(((c.toLowerCase().charCodeAt(0) - 97 + 7) % 26) + 97)).replace(/^./, (c) => c.toUpperCase());

function translateValue(value: string, lang: PageLanguage): string {
  const trimmed = value.trim();
  if (!trimmed) return value;
  const pad = (s: string) => value.replace(trimmed, s);
  if (lang !== 'xx') {
    const dated = redate(trimmed, lang);
    if (dated) return pad(dated);
  }
  const word = (en: string) => (lang === 'xx' ? (en.endsWith(': ') ? `${nonsense(en.slice(0, -2))}: ` : en.endsWith(':') ? `${nonsense(en.slice(0, -1))}:` : nonsense(en)) : WORDS[en]![lang]);
  if (WORDS[trimmed]) return pad(word(trimmed));
  if (WORDS[`${trimmed} `]) return pad(word(`${trimmed} `).trimEnd());
  // A prefix: "From: Maria Jansen", "Opens card for Maria Jansen", "Google Account: …", "Declined: …"
  for (const en of Object.keys(WORDS)) {
    if (en.endsWith(' ') && value.startsWith(en) && value.length > en.length) return word(en) + value.slice(en.length);
  }
  // A suffix: "Maria Jansen, Accepted"
  const comma = value.lastIndexOf(', ');
  if (comma > 0 && WORDS[value.slice(comma + 2)]) return `${value.slice(0, comma + 2)}${word(value.slice(comma + 2))}`;
  return value;
}

/** The page `html` as its provider shows it in `lang`. */
export function translatePage(html: string, url: string, lang: PageLanguage): string {
  const dom = new JSDOM(html, { url, virtualConsole: new VirtualConsole() });
  const doc = dom.window.document;
  doc.documentElement.setAttribute('lang', lang === 'xx' ? 'xx' : LOCALE[lang]);
  const walker = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement?.closest('script, style')) continue;
    n.nodeValue = translateValue(n.nodeValue ?? '', lang);
  }
  for (const el of Array.from(doc.body.querySelectorAll('[aria-label], [title], [alt], input[value]'))) {
    for (const attr of ['aria-label', 'title', 'alt', 'value']) {
      const v = el.getAttribute(attr);
      if (v) el.setAttribute(attr, translateValue(v, lang));
    }
  }
  const out = dom.serialize();
  dom.window.close();
  return out;
}
