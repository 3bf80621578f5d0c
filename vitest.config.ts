import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Fixture dates are written down in this zone; the detectors print local time.
process.env.TZ = 'Europe/Amsterdam';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx', 'tests/durability/**/*.test.ts', 'tests/real/**/*.test.ts'],
    environment: 'node',
    // Both cores: the full-size upgrade tests (tests/durability) are long and single-threaded.
    maxWorkers: 2,
    setupFiles: ['tests/unit/setup.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
