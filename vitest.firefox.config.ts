import { defineConfig } from 'vitest/config';

process.env.TZ = 'Europe/Amsterdam';

// Firefox ESR end-to-end tests (tests/firefox): one browser, one file, in order.
export default defineConfig({
  test: {
    include: ['tests/firefox/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest-firefox.json' }]],
  },
});
