import { defineConfig } from 'vitest/config';

// The project's test run, plus a setup file that counts tolerance comparisons.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    setupFiles: [new URL('./setup.ts', import.meta.url).pathname],
  },
});
