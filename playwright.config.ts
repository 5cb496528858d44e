import { defineConfig } from '@playwright/test';

// The extension is built once by `npm test` (wxt build) before Playwright starts.
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 90_000,
  // Ceilings, not durations: a loaded 2-core machine can take many seconds for a preview or a scan.
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  // No test asserts a duration; one retry covers a cold start on a loaded 2-core CI machine.
  retries: 1,
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
});
