// Where the end-to-end tests find Chromium: CHROMIUM_BIN, then Debian's /usr/bin/chromium,
// then a Chromium that Playwright installed. Shared by the pre-flight check and the fixtures.
import { existsSync } from 'node:fs';

export function findChromium() {
  const tried = [];
  const fromEnv = process.env.CHROMIUM_BIN;
  if (fromEnv) {
    if (existsSync(fromEnv)) return { path: fromEnv, tried };
    tried.push(`CHROMIUM_BIN=${fromEnv} (not found)`);
  }
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (existsSync(p)) return { path: p, tried };
    tried.push(p);
  }
  return { path: null, tried };
}

export async function findChromiumWithPlaywright() {
  const found = findChromium();
  if (found.path) return found;
  try {
    const { chromium } = await import('@playwright/test');
    const p = chromium.executablePath();
    if (p && existsSync(p)) return { path: p, tried: found.tried };
    found.tried.push(`Playwright's Chromium (${p}, not installed)`);
  } catch {
    found.tried.push("Playwright's Chromium (unavailable)");
  }
  return found;
}
