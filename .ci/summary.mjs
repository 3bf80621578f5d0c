// Prints "N passed, N failed" summed over the vitest and Playwright JSON reports of this run.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

let passed = 0;
let failed = 0;
let skipped = 0;
const seen = [];

for (const vitest of ['test-results/vitest.json', 'test-results/vitest-firefox.json']) {
if (existsSync(vitest)) {
  const r = JSON.parse(readFileSync(vitest, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  // A file that failed to load has no tests but is a failure.
  failed += (r.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
  seen.push(vitest.includes('firefox') ? 'firefox' : 'vitest');
}
}

const pw = 'test-results/playwright.json';
if (existsSync(pw)) {
  const s = JSON.parse(readFileSync(pw, 'utf8')).stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
  seen.push('playwright');
}

// A step outside the test runners (typecheck, build, the browser check) that failed counts once.
const status = Number(process.argv[2] ?? 0);
if (status !== 0 && failed === 0) {
  failed = 1;
  console.log('a step outside the test runners failed (typecheck, build or the browser check)');
}
console.log(`(${seen.join(' + ') || 'no test reports found'})`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);

// A failed end-to-end test leaves what its pages showed (error-context.md): printed here, since
// CI keeps only this log, so a failure seen once can be understood without running it again.
const artifacts = 'test-results/playwright-artifacts';
if (failed > 0 && existsSync(artifacts)) {
  for (const dir of readdirSync(artifacts)) {
    const file = join(artifacts, dir, 'error-context.md');
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    console.log(`\n::: ${file}\n${text.length > 6000 ? `${text.slice(0, 6000)}\n… (${text.length} characters)` : text}`);
  }
}
