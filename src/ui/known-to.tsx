/**
 * "Known to Anna (strong, last contact Oct 2026)": teammates who know a person (issue 21), in the
 * sidebar and on a person's page. The strength and the month are what the teammate published.
 */
import { cachedFormat, t, uiLanguage } from './i18n';

export interface Knower {
  member: string;
  strength: 1 | 2 | 3;
  lastMonth: string | null;
}

const STRENGTH = { 1: 'teamStrength1', 2: 'teamStrength2', 3: 'teamStrength3' } as const;

/** "2026-10" → "Oct 2026" (in the page's language). */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const f = cachedFormat('month-year', () => new Intl.DateTimeFormat(uiLanguage(), { month: 'short', year: 'numeric', timeZone: 'UTC' }));
  return f.format(Date.UTC(y!, m! - 1, 15));
}

export function knownToText(k: Knower): string {
  const strength = t(STRENGTH[k.strength]);
  return k.lastMonth ? t('teamKnownTo', [k.member, strength, formatMonth(k.lastMonth)]) : t('teamKnownToNoDate', [k.member, strength]);
}

export function KnownTo({ knowers }: { knowers: readonly Knower[] | undefined }) {
  if (!knowers?.length) return null;
  return (
    <ul class="known-to" aria-label={t('teamKnownToLabel')}>
      {knowers.map((k) => (
        <li key={k.member}>{knownToText(k)}</li>
      ))}
    </ul>
  );
}
