import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources (the "@interop/source" export condition), so tests never
// see a stale dist; the built CLI that some tests spawn is rebuilt by the global setup. The condition is named after
// the project so that no consumer's toolchain matches it by accident (a plain "source" is a common custom condition
// in monorepos): installed from npm, the packages resolve to dist/ with its types.
const conditions = ['@interop/source', ...defaultServerConditions];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: tests that start anvil networks compete for CPU, so cap the workers.
    maxWorkers: 2,
    pool: 'forks',
  },
});
