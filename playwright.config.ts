import { defineConfig } from '@playwright/test';

// The extension is built once by `npm test` (wxt build) before Playwright starts.
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  // One retry: timing checks on a shared 2-core machine can be pushed over by a busy neighbour.
  retries: 1,
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
});
