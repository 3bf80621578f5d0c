import { describe, expect, it } from 'vitest';
import { parseDisplayedDate, toLocalIso } from '../../../src/detect/dates';

// vitest.config.ts runs tests in Europe/Amsterdam.
describe('parseDisplayedDate', () => {
  it.each([
    ['Thu, Dec 18, 2014 at 12:35 PM', '2014-12-18T12:35:00+01:00'],
    ['Fri, Nov 20, 2026, 3:42\u202fPM', '2026-11-20T15:42:00+01:00'],
    ['Sat, Jul 4, 2026, 12:05 AM', '2026-07-04T00:05:00+02:00'],
    ['20 Nov 2026, 15:42', '2026-11-20T15:42:00+01:00'],
    ['vr 20 nov. 2026 15:42', '2026-11-20T15:42:00+01:00'],
    ['di 3 mrt 2026, 09:05', '2026-03-03T09:05:00+01:00'],
    ['ma 5 okt. 2026 om 8:00', '2026-10-05T08:00:00+02:00'],
    ['2024-01-04 08:00', '2024-01-04T08:00:00+01:00'],
    ['20-11-2026 15:42', '2026-11-20T15:42:00+01:00'],
  ])('%s → %s', (raw, iso) => {
    expect(parseDisplayedDate(raw)).toBe(iso);
  });

  it.each(['', '3:42 PM (2 hours ago)', 'Yesterday', 'gisteren', 'Feb 30, 2026, 1:00 PM', 'Nov 20', 'x'.repeat(500), 'Fri, Nov 20, 2026, 25:42'])(
    'gives null for %j (relative, partial, impossible or unknown)',
    (raw) => {
      expect(parseDisplayedDate(raw)).toBeNull();
    },
  );

  it('writes the local offset', () => {
    expect(toLocalIso(new Date(Date.UTC(2026, 5, 1, 12, 0)))).toBe('2026-06-01T14:00:00+02:00');
  });
});
