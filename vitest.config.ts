import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CI runs properties from a fixed seed; locally each run draws a new one (see the file).
    setupFiles: ['test/helpers/fast-check-seed.ts'],
    testTimeout: 60_000,
  },
});
