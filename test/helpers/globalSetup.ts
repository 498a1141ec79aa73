// Builds the workspace before any test runs, so that tests which spawn the built CLI (packages/cli/bin) never
// run against a stale dist. Incremental: a no-op rebuild takes about a second. The explorer's bundle (which the
// browser tests load) is rebuilt only when its sources, or the SDK it bundles, are newer than it.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function buildExplorerIfStale(root: string): void {
  const dir = join(root, 'packages', 'explorer');
  const built = newestMtime(join(dir, 'dist', 'index.html'));
  const sources = Math.max(
    ...['src', 'index.html', 'vite.config.ts', 'package.json'].map((f) => newestMtime(join(dir, f))),
    newestMtime(join(root, 'packages', 'sdk', 'dist')),
  );
  if (built > sources) return;
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: dir,
      stdio: 'inherit',
    },
  );
}

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
  buildExplorerIfStale(root);
}
