// The date words Kring reads (src/detect/words.ts) hold every month and weekday name that CLDR
// (the data behind the webmails' own date formatting, carried by this machine's ICU) prints in
// each of the eight languages: abbreviated and full, alone and inside a date.
import { describe, expect, it } from 'vitest';
import { LANGUAGES, monthNumber, weekdayNumber } from '../../../src/detect/words';

const UTC = 'UTC';
const monthParts = (lang: string, opts: Intl.DateTimeFormatOptions, month: number) =>
  new Intl.DateTimeFormat(lang, { ...opts, timeZone: UTC }).formatToParts(new Date(Date.UTC(2026, month - 1, 5, 12))).filter((p) => p.type === 'month').map((p) => p.value);
const weekdayParts = (lang: string, opts: Intl.DateTimeFormatOptions, day: number) =>
  new Intl.DateTimeFormat(lang, { ...opts, timeZone: UTC }).formatToParts(new Date(Date.UTC(2026, 2, 1 + day, 12))).filter((p) => p.type === 'weekday').map((p) => p.value);

describe('date words', () => {
  it.each(LANGUAGES)('%s: every CLDR month name, abbreviated and full, alone and in a date', (lang) => {
    for (let m = 1; m <= 12; m++) {
      const names = [
        ...monthParts(lang, { month: 'short' }, m),
        ...monthParts(lang, { month: 'long' }, m),
        ...monthParts(lang, { day: 'numeric', month: 'short', year: 'numeric' }, m),
        ...monthParts(lang, { day: 'numeric', month: 'long', year: 'numeric' }, m),
        ...monthParts(lang, { weekday: 'long', day: 'numeric', month: 'long' }, m),
      ];
      for (const name of names) expect(monthNumber(name), `${lang} "${name}"`).toBe(m);
    }
  });

  it.each(LANGUAGES)('%s: every CLDR weekday name, abbreviated and full', (lang) => {
    // 1 March 2026 is a Sunday.
    for (let d = 0; d < 7; d++) {
      const names = [
        ...weekdayParts(lang, { weekday: 'short' }, d),
        ...weekdayParts(lang, { weekday: 'long' }, d),
        ...weekdayParts(lang, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }, d),
        ...weekdayParts(lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }, d),
      ];
      for (const name of names) expect(weekdayNumber(name), `${lang} "${name}"`).toBe(d);
    }
  });
});

describe("Roundcube's own weekday labels", () => {
  // program/localization/*/labels.inc of Roundcube 1.6, Sunday first: what its list prints for mail of the last six days.
  const labels: Record<string, string[]> = {
    en_US: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
    nl_NL: ['Zo', 'Ma', 'Di', 'Wo', 'Do', 'Vr', 'Za'],
    de_DE: ['So', 'Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa'],
    fr_FR: ['Dim', 'Lun', 'Mar', 'Mer', 'Jeu', 'Ven', 'Sam'],
    es_ES: ['dom', 'lun', 'mar', 'mié', 'jue', 'vie', 'sáb'],
    it_IT: ['Dom', 'Lun', 'Mar', 'Mer', 'Gio', 'Ven', 'Sab'],
    pt_BR: ['Dom.', 'Seg.', 'Ter.', 'Qua.', 'Qui.', 'Sex.', 'Sáb.'],
    pl_PL: ['Nd', 'Pn', 'Wt', 'Śr', 'Czw', 'Pt', 'Sb'],
  };
  it.each(Object.entries(labels))('%s', (_lang, days) => {
    days.forEach((w, d) => expect(weekdayNumber(w), w).toBe(d));
  });
});
