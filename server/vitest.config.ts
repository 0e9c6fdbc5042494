import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { NODE_ENV: 'test' },
    // The JSON copy lets .ci/run print one plain "N passed, N failed" line for the whole suite.
    reporters: ['default', ['json', { outputFile: '../.tmp/test-results/server.json' }]],
  },
});
