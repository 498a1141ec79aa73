// The built `interop` command with no arguments, --version, and an unknown command: exit codes and output as a
// user sees them (a child process running packages/cli/bin/interop.js).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCliProcess } from '../helpers/cli.js';

const run = runCliProcess;

describe('interop (no command)', () => {
  it('no arguments: the usage and exit 2', async () => {
    const r = await run([]);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^usage: interop <command> \[options\]\n/);
    expect(r.stdout).toMatch(/\n {2}devnet /);
    expect(r.stderr).toBe('');
  });

  it('--version: the CLI package version and exit 0', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'packages', 'cli', 'package.json'), 'utf8'));
    const r = await run(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`interop ${version}\n`);
  });

  it('an unknown command: one line on stderr naming it, exit 2', async () => {
    const r = await run(['frobnicate', '--now']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('interop: unknown command "frobnicate" (run `interop --help`)\n');
  });
});
