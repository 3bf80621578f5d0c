import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests',
  // End-to-end behaviour (e2e/), the security suite (security/), crash tests (durability/) and a
  // real Roundcube on loopback (real/; skipped where its packages are missing), in Chromium.
  testMatch: ['e2e/**/*.spec.ts', 'security/**/*.spec.ts', 'durability/**/*.spec.ts', 'real/**/*.spec.ts'],
  // One browser at a time: each loads the extension, and the machine has 2 cores.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  outputDir: 'test-results/playwright-artifacts',
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
});
