import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two cores: crawls and Chromium compete for CPU, so run at most two files at once.
    maxWorkers: 2,
  },
});
