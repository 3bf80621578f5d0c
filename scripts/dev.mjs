// `npm run dev`: build Kring in watch mode and open a browser with it loaded (WXT). First find that
// browser, and where there is none, say which were looked for and how to get one, instead of WXT's
// stack trace asking for CHROME_PATH. Playwright's Chromium counts when it is installed.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where a Chromium or Chrome usually lives, after CHROMIUM_BIN and CHROME_PATH. */
export const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

/**
 * The browser `npm run dev` opens: CHROMIUM_BIN, CHROME_PATH, a usual place, then Playwright's
 * Chromium. `tried` lists what was looked at, in order.
 */
export function pickBrowser({ env = process.env, exists = existsSync, playwright = () => null } = {}) {
  const tried = [];
  for (const name of ['CHROMIUM_BIN', 'CHROME_PATH']) {
    const p = env[name];
    if (!p) continue;
    if (exists(p)) return { path: p, tried };
    tried.push(`${name}=${p} (not found)`);
  }
  for (const p of CANDIDATES) {
    if (exists(p)) return { path: p, tried };
    tried.push(p);
  }
  let p = null;
  try {
    p = playwright();
  } catch {
    p = null;
  }
  if (p && exists(p)) return { path: p, tried };
  tried.push(`Playwright's Chromium${p ? ` (${p}, not installed)` : ' (not available)'}`);
  return { path: null, tried };
}

export function noBrowserMessage(tried) {
  return `
npm run dev opens Chromium or Chrome with Kring loaded, and found none. Looked for:
  ${tried.join('\n  ')}

Get one of these:
  Debian/Ubuntu:   sudo apt-get install -y chromium
  any machine:     npx playwright install chromium
  or point at one: CHROMIUM_BIN=/path/to/chrome npm run dev

Or build without a browser (npm run build) and load .output/chrome-mv3 as an unpacked extension
(chrome://extensions, Developer mode, Load unpacked). Firefox: npm run dev:firefox.
`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const playwright = await import('@playwright/test').then(
    (m) => () => m.chromium.executablePath(),
    () => () => null,
  );
  const { path, tried } = pickBrowser({ playwright });
  if (!path) {
    console.error(noBrowserMessage(tried));
    process.exit(1);
  }
  console.log(`Kring opens in ${path}`);
  // wxt.config.ts hands CHROMIUM_BIN to the browser runner.
  const wxt = spawn('npx', ['wxt', ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, CHROMIUM_BIN: path } });
  wxt.on('exit', (code) => process.exit(code ?? 1));
}
