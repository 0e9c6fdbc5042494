import { defineConfig } from 'vitest/config';

// End-to-end: the test starts the real server (embedded mode, serving client/dist) and drives
// Debian's Chromium with playwright-core. Build the client first: `pnpm --filter client build`.
export default defineConfig({
  test: {
    include: ['test/**/*.browser.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 90_000,
    reporters: ['default', ['json', { outputFile: '../.tmp/test-results/browser.json' }]],
  },
});
