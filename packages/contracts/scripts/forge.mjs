#!/usr/bin/env node
// Runs the forge binary of the @foundry-rs/forge npm package with these arguments and exits with forge's exit code.
// (The package's own `forge` command, node_modules/.bin/forge, exits 0 even when forge fails, so `forge fmt --check`
// through it could never fail a lint run.)
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const arch = process.arch === 'x64' ? 'amd64' : process.arch;
const pkg = `@foundry-rs/forge-${process.platform}-${arch}`;
let bin;
try {
  bin = join(dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`)), 'bin', 'forge');
} catch {
  process.stderr.write(`forge: ${pkg} is not installed (run npm install)\n`);
  process.exit(2);
}
const run = spawnSync(bin, process.argv.slice(2), { stdio: 'inherit' });
if (run.error) {
  process.stderr.write(`forge: ${run.error.message}\n`);
  process.exit(2);
}
process.exit(run.status ?? 1);
