// Issue 20: `npm run dev` on a machine without Chrome or Chromium says what it looked for and how to get one.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { CANDIDATES, noBrowserMessage, pickBrowser } from '../../scripts/dev.mjs';

describe('the browser npm run dev opens', () => {
  it('takes CHROMIUM_BIN, then CHROME_PATH, then a usual place, then Playwright’s Chromium', () => {
    const has = (...paths: string[]) => (p: string) => paths.includes(p);
    expect(pickBrowser({ env: { CHROMIUM_BIN: '/opt/c' }, exists: has('/opt/c', '/usr/bin/chromium') }).path).toBe('/opt/c');
    expect(pickBrowser({ env: { CHROMIUM_BIN: '/gone', CHROME_PATH: '/opt/chrome' }, exists: has('/opt/chrome') })).toEqual({ path: '/opt/chrome', tried: ['CHROMIUM_BIN=/gone (not found)'] });
    expect(pickBrowser({ env: {}, exists: has('/usr/bin/google-chrome') }).path).toBe('/usr/bin/google-chrome');
    expect(pickBrowser({ env: {}, exists: has('/pw/chrome'), playwright: () => '/pw/chrome' }).path).toBe('/pw/chrome');
  });

  it('with none, lists every place it looked and how to get one', () => {
    const { path, tried } = pickBrowser({ env: {}, exists: () => false, playwright: () => '/root/.cache/ms-playwright/chromium/chrome' });
    expect(path).toBeNull();
    expect(tried).toEqual([...CANDIDATES, "Playwright's Chromium (/root/.cache/ms-playwright/chromium/chrome, not installed)"]);
    const text = noBrowserMessage(tried);
    expect(text).toContain('/usr/bin/chromium');
    expect(text).toContain('apt-get install -y chromium');
    expect(text).toContain('npx playwright install chromium');
    expect(text).not.toMatch(/CHROME_PATH environment variable|Error:/);
  });
});
