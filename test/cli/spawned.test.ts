// The built CLI as users run it: `node bin/interop.js …` in a child process (built by the test
// global setup). Checks exit codes, one-line errors, and `watch` following a message until SIGINT.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN as bin, ROOT as root, runCliProcess } from '../helpers/cli.js';
import { startTestDevnet, type TestDevnet } from '../helpers/devnet.js';

let devnet: TestDevnet;

const run = runCliProcess;

beforeAll(async () => {
  devnet = await startTestDevnet();
});
afterAll(async () => {
  await devnet?.stop();
});

describe('bin/interop.js', () => {
  it('bad input: exit 2, one line, no stack trace', async () => {
    const r = await run(['send', '--chain', '271', '--data', 'hello', '--data-dir', devnet.dataDir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^interop: --data must be 0x-prefixed hex[^\n]*\n$/);
  });

  it('send, then watch --json follows it until imported everywhere and exits 0 on SIGINT', async () => {
    const watch = spawn(
      process.execPath,
      [bin, 'watch', '--json', '--history', '--interval', '100', '--data-dir', devnet.dataDir],
      { cwd: root },
    );
    const lines: Record<string, unknown>[] = [];
    let buffer = '';
    let stderr = '';
    watch.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => watch.once('exit', (code) => resolve(code)));
    try {
      const sent = await run([
        'send',
        '--chain',
        '272',
        '--text',
        'watch me',
        '--private-key',
        devnet.accounts[7].privateKey,
        '--json',
        '--data-dir',
        devnet.dataDir,
      ]);
      expect(sent.status, sent.stderr).toBe(0);
      const { interopHash } = JSON.parse(sent.stdout);
      const done = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 30_000);
        watch.stdout.on('data', (d) => {
          buffer += d;
          const parts = buffer.split('\n');
          buffer = parts.pop()!;
          for (const p of parts) {
            const l = JSON.parse(p);
            lines.push(l);
            const s = l.status as { importedOn?: number[] } | undefined;
            if (
              l.interopHash === interopHash &&
              l.stage === 'imported' &&
              s?.importedOn?.includes(271) &&
              s.importedOn.includes(272)
            ) {
              clearTimeout(timer);
              resolve(true);
            }
          }
        });
      });
      expect(done, stderr).toBe(true);
      const mine = lines.filter((l) => l.interopHash === interopHash);
      expect(mine[0]).toMatchObject({ chainId: 272, stage: 'sent' });
      watch.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      if (watch.exitCode === null) watch.kill('SIGKILL');
    }
  });
});
