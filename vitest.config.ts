import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: tests that start anvil networks compete for CPU, so cap the workers.
    maxWorkers: 2,
    pool: 'forks',
  },
});
