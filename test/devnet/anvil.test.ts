import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { startAnvil } from '@interop/devnet';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { poll, rpc } from '../helpers/rpc.js';
import { anvilCacheDirOf, isAlive } from '../helpers/spawnDevnet.js';

/** Old block states anvil wrote into its cache directory. */
const statesIn = (cache: string) =>
  readdirSync(cache, { recursive: true }).filter((f) => String(f).endsWith('.json')).length;

describe('startAnvil', () => {
  it('starts anvil on a free port with the chain id asked for, and stops it', async () => {
    const anvil = await startAnvil({ chainId: 271 });
    try {
      expect(await rpc<string>(anvil.rpcUrl, 'eth_chainId')).toBe('0x10f');
    } finally {
      await anvil.stop();
    }
    expect(anvil.process.exitCode !== null || anvil.process.signalCode !== null).toBe(true);
    await expect(fetch(anvil.rpcUrl, { method: 'POST', body: '{}' })).rejects.toThrow();
  });

  // Past its in-memory limit anvil writes every block's state to disk, by default into ~/.foundry/anvil/tmp, and
  // never removes it: a long or busy chain filled the disk that way.
  it('keeps the states of at most 256 old blocks in a cache of its own, removed when it stops', async () => {
    const anvil = await startAnvil({ chainId: 271 });
    const cache = anvilCacheDirOf(anvil.pid);
    try {
      // Past anvil's in-memory limit (about 500 blocks) every new block spills one state: 512 more blocks would
      // leave over 512 in the cache without the cap.
      await rpc(anvil.rpcUrl, 'anvil_mine', ['0x200']);
      expect(statesIn(cache)).toBeGreaterThan(0);
      await rpc(anvil.rpcUrl, 'anvil_mine', ['0x200']);
      expect(statesIn(cache)).toBeLessThanOrEqual(256);
    } finally {
      await anvil.stop();
    }
    expect(existsSync(cache)).toBe(false);
  });

  it('leaves the cap out when the caller keeps no old states at all (--prune-history): anvil refuses both', async () => {
    const anvil = await startAnvil({ chainId: 271, args: ['--prune-history'] });
    const cache = anvilCacheDirOf(anvil.pid);
    try {
      await rpc(anvil.rpcUrl, 'anvil_mine', ['0x400']);
      expect(statesIn(cache)).toBe(0);
    } finally {
      await anvil.stop();
    }
  });

  // A process that starts an anvil and prints its pid; `detached` puts it in a process group of its own.
  async function spawnAnvilStarter(detached: boolean) {
    const script = `const { startAnvil } = await import('@interop/devnet');
      const a = await startAnvil({ chainId: 271 });
      console.log(a.pid);
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: ROOT,
      stdio: 'pipe',
      detached,
    });
    const pid = await new Promise<number>((resolve, reject) => {
      child.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
      child.once('exit', (code) => reject(new Error(`child exited (${code})`)));
    });
    const cache = anvilCacheDirOf(pid);
    expect(existsSync(cache)).toBe(true);
    return { child, pid, cache };
  }

  it('removes that cache too when the process that started anvil is killed', async () => {
    const { child, pid, cache } = await spawnAnvilStarter(false);
    child.kill('SIGKILL');
    await poll('anvil and its cache gone', async () => !isAlive(pid) && !existsSync(cache), 20_000);
  });

  it('removes it when the whole process group is terminated (timeout, kill -TERM -pgid, a closed terminal)', async () => {
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
      const { child, pid, cache } = await spawnAnvilStarter(true);
      process.kill(-child.pid!, signal);
      await poll(`anvil and its cache gone after ${signal}`, async () => !isAlive(pid) && !existsSync(cache), 20_000);
    }
  });
});
