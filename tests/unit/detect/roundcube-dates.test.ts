// Roundcube prints mail of the last week relatively ("Today 16:00", "Wed 16:00"; program/include/
// rcmail.php format_date). The real saved pages, with their dates rewritten the way Roundcube
// prints them when they are recent, read with the moment the page is seen.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { roundcube } from '../../../src/detect/roundcube';
import { loadDocument } from '../../helpers/fixtures';

const page = (name: string) => readFileSync(`tests/fixtures/roundcube/${name}`, 'utf8');
const urls = JSON.parse(page('urls.json')) as Record<string, string>;
// Tuesday 1 December 2026, 17:00 in Amsterdam (vitest's zone).
const now = new Date('2026-12-01T17:00:00+01:00').getTime();

describe('Roundcube dates of recent mail', () => {
  it('list rows: "Today", a weekday, a full date', () => {
    const html = page('inbox-list.html')
      .replace('2026-11-10 08:00', 'Today 08:00')
      .replace('2026-11-09 17:45', 'Mon 17:45')
      .replace('2026-11-06 09:05', 'Wed 09:05');
    const url = urls['inbox-list.html']!;
    const at = roundcube.detect(loadDocument(html, url, true), new URL(url), now).items.map((i) => i.at);
    expect(at).toEqual(['2026-12-01T08:00:00+01:00', '2026-11-30T17:45:00+01:00', '2026-11-25T09:05:00+01:00', '2026-11-04T15:30:00+01:00', '2026-11-02T10:15:00+01:00']);
    // Without the moment, no date is made up.
    expect(roundcube.detect(loadDocument(html, url, true), new URL(url)).items.map((i) => i.at).slice(0, 3)).toEqual([null, null, null]);
  });

  it('an open message takes the full date the summary line prints over the details table\'s weekday', () => {
    const url = urls['show-1.html']!;
    const html = page('show-1.html').replace('<td class="header date">2026-11-02 10:15</td>', '<td class="header date">Wed 16:00</td>').replace('text-nowrap">2026-11-02 10:15', 'text-nowrap">2026-11-25 16:05');
    expect(roundcube.detect(loadDocument(html, url, true), new URL(url), now).items[0]!.at).toBe('2026-11-25T16:05:00+01:00');
    // Both relative: the weekday read against the moment.
    const both = html.replace('text-nowrap">2026-11-25 16:05', 'text-nowrap">Wed 16:00');
    expect(roundcube.detect(loadDocument(both, url, true), new URL(url), now).items[0]!.at).toBe('2026-11-25T16:00:00+01:00');
  });
});
