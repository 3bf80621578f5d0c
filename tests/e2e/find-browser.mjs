// Pre-flight for `npm run test:e2e`: stop at once, with a way forward, when there is no Chromium.
import { findChromiumWithPlaywright } from './browser.mjs';

const { path, tried } = await findChromiumWithPlaywright();
if (!path) {
  console.error(`
Kring's end-to-end tests need Chromium, and none was found. Looked for:
  ${tried.join('\n  ')}

Get one of these:
  Debian/Ubuntu:   sudo apt-get install -y chromium
  any machine:     npx playwright install chromium
  or point at one: CHROMIUM_BIN=/path/to/chrome npm test
`);
  process.exit(1);
}
console.log(`end-to-end tests use ${path}`);
