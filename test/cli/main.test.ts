// The CLI's router, in-process: no arguments, --version, an unknown command, and --help of every command (each
// answered from the command table, without loading the command's code).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commands } from '../../packages/cli/src/commands/index.js';
import { runCli } from './runCli.js';

describe('interop (router)', () => {
  it('with no arguments prints the usage listing every command and exits 2', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^usage: interop <command>/);
    for (const c of commands) expect(r.stdout).toContain(`  ${c.name.padEnd(16)} ${c.summary}`);
  });

  it('--version prints the version of packages/cli/package.json', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../packages/cli/package.json', import.meta.url), 'utf8'));
    const r = await runCli(['--version']);
    expect(r).toEqual({ code: 0, stdout: `interop ${version}\n`, stderr: '' });
  });

  it('an unknown command is one line on stderr and exit 2', async () => {
    const r = await runCli(['teleport', '0x00']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('interop: unknown command "teleport" (run `interop --help`)\n');
  });

  it.each(commands.map((c) => c.name))('%s --help prints its usage and exits 0', async (name) => {
    const r = await runCli([...name.split(' '), '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(`usage: interop ${name}`)).toBe(true);
    expect(r.stderr).toBe('');
  });

  it('every command of the table loads and can run', async () => {
    for (const c of commands) expect(typeof (await c.load()).run).toBe('function');
  });
});
