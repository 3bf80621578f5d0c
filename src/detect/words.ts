/**
 * The calendar words of the eight languages Kring reads pages in: English, Dutch, German, French,
 * Spanish, Italian, Portuguese and Polish. The webmails print dates with the Unicode CLDR names
 * (Google's Closure library and Microsoft's both follow CLDR); every abbreviated, full and
 * genitive ("5 marca") month and weekday name CLDR gives is here, and
 * tests/unit/detect/words.test.ts checks each against the CLDR data this machine's ICU carries
 * (`Intl.DateTimeFormat`). A contributor adding a language adds its words here and its locale to
 * that test.
 *
 * Words are stored lower case, without a trailing period; `normaliseWord` makes page text
 * comparable.
 */

export const LANGUAGES = ['en', 'nl', 'de', 'fr', 'es', 'it', 'pt', 'pl'] as const;

/** Month names and abbreviations by month number, all languages together (no two disagree). */
const MONTH_WORDS: readonly (readonly string[])[] = [
  [],
  // 1
  ['jan', 'january', 'januari', 'januar', 'jän', 'jänner', 'janv', 'janvier', 'ene', 'enero', 'gen', 'gennaio', 'janeiro', 'sty', 'styczeń', 'stycznia'],
  ['feb', 'february', 'februari', 'februar', 'févr', 'février', 'fév', 'febrero', 'febbraio', 'fev', 'fevereiro', 'lut', 'luty', 'lutego'],
  ['mar', 'march', 'mrt', 'maart', 'mär', 'märz', 'mrz', 'mars', 'marzo', 'março', 'marzec', 'marca'],
  ['apr', 'april', 'avr', 'avril', 'abr', 'abril', 'aprile', 'kwi', 'kwiecień', 'kwietnia'],
  ['may', 'mei', 'mai', 'mayo', 'mag', 'maggio', 'maio', 'maj', 'maja'],
  ['jun', 'june', 'juni', 'juin', 'junio', 'giu', 'giugno', 'junho', 'cze', 'czerwiec', 'czerwca'],
  ['jul', 'july', 'juli', 'juil', 'juillet', 'julio', 'lug', 'luglio', 'julho', 'lip', 'lipiec', 'lipca'],
  ['aug', 'august', 'augustus', 'août', 'ago', 'agosto', 'sie', 'sierpień', 'sierpnia'],
  ['sep', 'sept', 'september', 'septembre', 'septiembre', 'set', 'settembre', 'setembro', 'wrz', 'wrzesień', 'września'],
  ['oct', 'october', 'okt', 'oktober', 'octobre', 'octubre', 'ott', 'ottobre', 'out', 'outubro', 'paź', 'październik', 'października'],
  ['nov', 'november', 'novembre', 'noviembre', 'novembro', 'lis', 'listopad', 'listopada'],
  ['dec', 'december', 'dez', 'dezember', 'déc', 'décembre', 'dic', 'diciembre', 'dicembre', 'dezembro', 'gru', 'grudzień', 'grudnia'],
];

/**
 * Weekday names and abbreviations by JavaScript day number (0 = Sunday), all languages together.
 * Besides CLDR's: Roundcube's own Polish labels "Pn" and "Sb" (program/localization/pl_PL/labels.inc).
 */
const WEEKDAY_WORDS: readonly (readonly string[])[] = [
  ['sun', 'sunday', 'zo', 'zondag', 'so', 'sonntag', 'dim', 'dimanche', 'dom', 'domingo', 'domenica', 'niedz', 'niedziela', 'nd'],
  ['mon', 'monday', 'ma', 'maandag', 'mo', 'montag', 'lun', 'lundi', 'lunes', 'lunedì', 'seg', 'segunda', 'segunda-feira', 'pon', 'poniedziałek', 'pn'],
  ['tue', 'tues', 'tuesday', 'di', 'dinsdag', 'dienstag', 'mar', 'mardi', 'martes', 'martedì', 'ter', 'terça', 'terça-feira', 'wt', 'wtorek'],
  ['wed', 'wednesday', 'wo', 'woensdag', 'mi', 'mittwoch', 'mer', 'mercredi', 'mié', 'miércoles', 'mercoledì', 'qua', 'quarta', 'quarta-feira', 'śr', 'środa'],
  ['thu', 'thur', 'thurs', 'thursday', 'do', 'donderdag', 'donnerstag', 'jeu', 'jeudi', 'jue', 'jueves', 'gio', 'giovedì', 'qui', 'quinta', 'quinta-feira', 'czw', 'czwartek'],
  ['fri', 'friday', 'vr', 'vrijdag', 'fr', 'freitag', 'ven', 'vendredi', 'vie', 'viernes', 'venerdì', 'sex', 'sexta', 'sexta-feira', 'pt', 'piątek'],
  ['sat', 'saturday', 'za', 'zaterdag', 'sa', 'samstag', 'sam', 'samedi', 'sáb', 'sábado', 'sab', 'sabato', 'sob', 'sobota', 'sb'],
];

/**
 * Words that only join the parts of a date: "Thu, Dec 18, 2014 at 12:35 PM", "wo 27 okt. 2021 om
 * 09:31", "Mi., 27. Okt. 2021 um 09:31 Uhr", "mer. 27 oct. 2021 à 09:31", "mié, 27 oct 2021 a las
 * 9:31", "mer 27 ott 2021 alle ore 09:31", "quarta, 27/10/2021 à(s) 09:31", "śr., 27 paź 2021 o
 * 09:31" (Gmail's own dates in each language, quoted in crisp-oss/email-forward-parser
 * test/fixtures/gmail_*_body.txt), "5 de marzo de 2026", "5 de março de 2026".
 */
export const JOINERS: ReadonlySet<string> = new Set(['at', 'om', 'um', 'uhr', 'à', 'a', 'las', 'la', 'alle', 'ore', 'às', 'à(s)', 'o', 'de', 'del', 'le', 'el', 'il', 'h']);

/** "Today" and "yesterday" as the webmails print them in the eight languages. */
const TODAY = new Set(['today', 'vandaag', 'heute', "aujourd'hui", 'aujourd’hui', 'hoy', 'oggi', 'hoje', 'dzisiaj', 'dziś']);
const YESTERDAY = new Set(['yesterday', 'gisteren', 'gestern', 'hier', 'ayer', 'ieri', 'ontem', 'wczoraj']);

function index(table: readonly (readonly string[])[]): Map<string, number> {
  const m = new Map<string, number>();
  table.forEach((words, n) => words.forEach((w) => m.set(w, n)));
  return m;
}

/** Lower-case word (no trailing period, NFC) → month number 1-12 / JavaScript day 0-6. */
export const MONTHS: ReadonlyMap<string, number> = index(MONTH_WORDS);
export const WEEKDAYS: ReadonlyMap<string, number> = index(WEEKDAY_WORDS);

/** Lower case, NFC, no trailing period or comma: "Okt." → "okt", "Mi.," → "mi". */
export function normaliseWord(w: string): string {
  return w.normalize('NFC').toLowerCase().replace(/[.,]+$/, '');
}

export const monthNumber = (w: string): number | undefined => MONTHS.get(normaliseWord(w));
export const weekdayNumber = (w: string): number | undefined => WEEKDAYS.get(normaliseWord(w));
export const isJoiner = (w: string): boolean => JOINERS.has(normaliseWord(w));
export const relativeDay = (w: string): 0 | -1 | undefined => (TODAY.has(normaliseWord(w)) ? 0 : YESTERDAY.has(normaliseWord(w)) ? -1 : undefined);

/** For the table test: every word of every kind. */
export const WORDS = { months: MONTH_WORDS, weekdays: WEEKDAY_WORDS } as const;
