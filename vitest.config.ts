import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/fast-check-seed.ts', 'test/support/all-parts.ts'],
    testTimeout: 60_000,
  },
});
