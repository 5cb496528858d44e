import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: [
      'lib/**/*.test.ts',
      'components/**/*.test.{ts,tsx}',
      'tests/unit/**/*.test.{ts,tsx}',
      'tests/eval/**/*.test.ts',
    ],
    environment: 'node',
    // No test asserts a duration; a generous ceiling keeps a loaded 2-core CI machine from failing
    // a slow corpus build as a timeout.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
