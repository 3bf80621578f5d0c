// `npm run test:firefox`: build for Firefox, lint it as addons.mozilla.org would, and run the
// Firefox end-to-end tests, when Firefox ESR is installed (.ci/run installs it). Without it, say
// so and pass: the Chromium suite still ran.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const firefox = process.env.FIREFOX_BIN ?? '/usr/bin/firefox-esr';
if (!existsSync(firefox)) {
  console.log(`Firefox tests skipped: no ${firefox} (Debian: apt-get install -y firefox-esr; or set FIREFOX_BIN).`);
  process.exit(0);
}
const run = (cmd) => execSync(cmd, { stdio: 'inherit' });
run('npx wxt build -b firefox');
run('npx web-ext lint --source-dir .output/firefox-mv3 --self-hosted --warnings-as-errors');
run('npx vitest run --config vitest.firefox.config.ts');
