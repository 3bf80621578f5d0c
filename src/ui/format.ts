import { CADENCE_CHOICES, DAY } from '../network/cadence';
import type { CaptureReason, Direction } from '../model/types';
import { cachedFormat, t, uiLanguage, type MessageKey } from './i18n';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * DAY],
  ['month', 30 * DAY],
  ['week', 7 * DAY],
  ['day', DAY],
];

let relative: Intl.RelativeTimeFormat | undefined;
const relativeFormat = () => (relative ??= new Intl.RelativeTimeFormat(uiLanguage(), { numeric: 'auto' }));

/** "3 weeks ago", "yesterday", "in 2 days", in the UI language. */
export function relativeTime(ms: number, now = Date.now()): string {
  const diff = ms - now;
  const fmt = relativeFormat();
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size || unit === 'day') return fmt.format(Math.round(diff / size), unit);
  }
  return fmt.format(0, 'day');
}

/** "2 weeks", "3 days", in the UI language. */
export function duration(ms: number): string {
  for (const [unit, size] of UNITS) {
    if (Math.abs(ms) >= size || unit === 'day') {
      const n = Math.max(1, Math.round(Math.abs(ms) / size));
      return cachedFormat(`unit:${unit}`, () => new Intl.NumberFormat(uiLanguage(), { style: 'unit', unit, unitDisplay: 'long' })).format(n);
    }
  }
  return '';
}

export function monthLabel(ms: number): string {
  return cachedFormat('month', () => new Intl.DateTimeFormat(uiLanguage(), { month: 'long', year: 'numeric' })).format(ms);
}

export function cadenceLabel(days: number | null): string {
  if (!days) return t('cadenceNone');
  return (CADENCE_CHOICES as readonly number[]).includes(days) ? t(`cadence${days}` as MessageKey) : t('cadenceCustom', String(days));
}

export const DIRECTION_LABEL: Record<Direction, MessageKey> = {
  in: 'directionIn',
  out: 'directionOut',
  cc: 'directionCc',
  meeting: 'directionMeeting',
  upcoming: 'directionUpcoming',
  manual: 'directionManual',
};

export const REASON_LABEL: Record<CaptureReason, MessageKey> = {
  'you-wrote': 'reasonYouWrote',
  'they-wrote': 'reasonTheyWrote',
  meeting: 'reasonMeeting',
  cc: 'reasonCc',
  manual: 'reasonManual',
};
