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
    // A worker runs its test files one after another in one process instead of a fresh one each: loading viem, the
    // node and the SDK again for each of 65 files cost ~55 s of the two workers' time (the suite 133-137 s -> 87-108 s
    // on this machine). Test files restore what they change (env, timers, listeners) and stop what they start.
    isolate: false,
  },
});
