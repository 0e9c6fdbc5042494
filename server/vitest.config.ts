import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One graphql for the tests and the libraries Node loads (Yoga, Envelop, graphql-ws), as in production:
    // Vite would otherwise pick graphql's ESM build and Node its CommonJS one, and errors made by one fail the
    // other's instanceof checks (Yoga then answers 500 to a refused document).
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time on the 2-core machines: most of a file's time is spent waiting on PostgreSQL, Redis,
    // timers and child processes, so one file per core (Vitest's default leaves one core idle) halves the suite.
    maxWorkers: 2,
    // Creates and migrates the embedded databases once; each embedded test app starts on a copy.
    globalSetup: ['test/support/global-setup.ts'],
    env: { NODE_ENV: 'test' },
    // The JSON copy lets .ci/run print one plain "N passed, N failed" line for the whole suite.
    reporters: ['default', ['json', { outputFile: '../.tmp/test-results/server.json' }]],
  },
});
