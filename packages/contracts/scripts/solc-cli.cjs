#!/usr/bin/env node
// A solc command line over the pinned solc npm package (the same compiler build as scripts/compile.mjs), for
// `forge --use packages/contracts/scripts/solc-cli.cjs`: forge normally downloads a native solc, which a machine
// without that download (CI here) cannot. forge only runs `solc --version` and `solc --standard-json` (input on
// stdin), which is all this answers. Like native solc, a source the input does not hold (forge names a file
// reached through a symlink by two paths) is read from disk under --base-path or an --include-path.
const { existsSync, readFileSync } = require('node:fs');
const { isAbsolute, resolve } = require('node:path');
const solc = require('solc');

const args = process.argv.slice(2);
const values = (flag) => args.flatMap((a, i) => (a === flag && args[i + 1] ? args[i + 1].split(',') : []));

function readImport(path) {
  const roots = isAbsolute(path) ? [''] : [...values('--base-path'), ...values('--include-path'), process.cwd()];
  for (const root of roots) {
    const file = resolve(root, path);
    if (existsSync(file)) return { contents: readFileSync(file, 'utf8') };
  }
  return { error: `solc-cli: ${path} not found under ${roots.join(', ')}` };
}

if (args.includes('--version')) {
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`);
} else if (args.includes('--standard-json')) {
  process.stdout.write(solc.compile(readFileSync(0, 'utf8'), { import: readImport }));
} else {
  process.stderr.write('solc-cli: only --version and --standard-json are supported\n');
  process.exitCode = 2;
}
