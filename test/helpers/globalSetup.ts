// Builds the workspace before any test runs, so that tests which spawn the built CLI (packages/cli/bin) never
// run against a stale dist. Incremental: a no-op rebuild takes about a second.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  const root = join(import.meta.dirname, '..', '..');
  execFileSync(process.execPath, [join(root, 'packages', 'contracts', 'scripts', 'compile.mjs')], {
    cwd: root,
    stdio: 'ignore',
  });
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'tsconfig.build.json'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
