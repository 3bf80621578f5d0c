// `npm run test:firefox`: build for Firefox, lint it as addons.mozilla.org does, and run the
// Firefox end-to-end tests, when Firefox ESR is installed (.ci/run installs it). Without it, say
// so and pass: the Chromium suite still ran.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/**
 * Lint warnings that are understood and explained in the README ("Firefox"); any other warning,
 * or any error, fails the run.
 */
const EXPLAINED = [
  // The shared UI chunk's name follows whichever module Rollup puts first; it is the one holding Preact.
  { code: 'UNSAFE_VAR_ASSIGNMENT', file: /^chunks\/[\w-]+\.js$/, holds: 'dangerouslySetInnerHTML', why: "Preact's renderer (dangerouslySetInnerHTML support, never used by Kring)" },
  // zod: in the background, in the settings page's chunk since backups are checked with it (src/io/backup.ts),
  // and in the settings page's import worker, which plans and writes through the store (src/store/transfer.ts).
  { code: 'DANGEROUS_EVAL', file: /^(?:background\.js|chunks\/[\w-]+\.js|assets\/read-file\.worker-[\w-]+\.js)$/, holds: 'jitless', why: "zod's eval probe (jitless is set; never runs under the extension's CSP)" },
];

const firefox = process.env.FIREFOX_BIN ?? '/usr/bin/firefox-esr';
if (!existsSync(firefox)) {
  console.log(`Firefox tests skipped: no ${firefox} (Debian: apt-get install -y firefox-esr; or set FIREFOX_BIN).`);
  process.exit(0);
}
const run = (cmd) => execSync(cmd, { stdio: 'inherit' });
run('npx wxt build -b firefox');

let report;
try {
  report = JSON.parse(execSync('npx web-ext lint --source-dir .output/firefox-mv3 --self-hosted --output json', { encoding: 'utf8' }));
} catch (e) {
  report = JSON.parse(e.stdout);
}
const holds = (file, text) => !text || readFileSync(`.output/firefox-mv3/${file}`, 'utf8').includes(text);
const unexplained = report.warnings.filter((w) => !EXPLAINED.some((x) => x.code === w.code && x.file.test(w.file ?? '') && holds(w.file, x.holds)));
for (const m of [...report.errors, ...unexplained]) console.error(`web-ext lint: ${m.code} ${m.file ?? ''}: ${m.message}`);
console.log(`web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings (${report.warnings.length - unexplained.length} explained in the README)`);
if (report.errors.length || unexplained.length) process.exit(1);

run('npx vitest run --config vitest.firefox.config.ts');
