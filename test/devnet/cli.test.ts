// `interop devnet` as a user runs it: a child process on free ports, stopped with SIGINT.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getFreePort } from '@interop/devnet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN as bin, ROOT as root } from '../helpers/cli.js';
import { poll } from '../helpers/rpc.js';
import {
  allExited,
  anvilCacheDirOf,
  anvilPidsOf,
  freeDevnetPorts,
  isAlive,
  portFree,
  type SpawnedDevnet,
  spawnDevnet,
  untilReady,
} from '../helpers/spawnDevnet.js';

async function rpc(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  return ((await res.json()) as { result: unknown }).result;
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

describe('interop devnet (CLI)', () => {
  describe('started on free ports', () => {
    let child: ChildProcess;
    let stdout = '';
    let stderr = '';
    let dataDir: string;
    let l1Port: number;
    let l2Port: number;
    let explorerPort: number;

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'interop-cli-devnet-'));
      ({ l1Port, l2Port, explorerPort } = await freeDevnetPorts());
      child = spawn(
        process.execPath,
        [
          bin,
          'devnet',
          '--l1-port',
          String(l1Port),
          '--l2-port',
          String(l2Port),
          '--explorer-port',
          String(explorerPort),
          '--data-dir',
          dataDir,
        ],
        // Its own process group, so cleanup can kill the devnet and everything it started at once.
        { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
      );
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "ready" within 60 s; stderr:\n${stderr}`)), 60_000);
        child.stdout!.on('data', (d: Buffer) => {
          stdout += d.toString();
          if (/\bready\b/.test(stdout)) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`devnet exited with ${code} before ready; stderr:\n${stderr}`));
        });
      });
    }, 120_000);

    afterAll(async () => {
      const anvils = child?.pid ? anvilPidsOf(child.pid) : [];
      // The devnet alone: its anvils' watchdogs stop them and remove their state caches.
      if (child && child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
      expect(await allExited(anvils, 15_000)).toBe(true);
    });

    it('prints the chains, contracts and accounts, with "ready" on the last line', () => {
      const lines = stdout.trimEnd().split('\n');
      expect(lines.at(-1)).toMatch(/ready in \d+(\.\d+)? s/);
      expect(stdout).toContain(`http://127.0.0.1:${l1Port}`);
      expect(stdout).toContain(`http://127.0.0.1:${l2Port}`);
      expect(stdout).toContain(`http://127.0.0.1:${l2Port + 1}`);
      expect(stdout).toContain('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
      expect(stdout).toMatch(/interopCenter\s+0x0000000000000000000000000000000000010008/);
      expect(stdout).toContain(`explorer  http://127.0.0.1:${explorerPort}`);
    });

    it('serves the explorer: the app at any page path, the network at /config.json, JSON-RPC at /rpc/<chainId>', async () => {
      const base = `http://127.0.0.1:${explorerPort}`;
      const page = await fetch(`${base}/message/0x${'ab'.repeat(32)}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="app">');
      const config = (await (await fetch(`${base}/config.json`)).json()) as { chains: { chainId: number }[] };
      expect(config.chains.map((c: { chainId: number }) => c.chainId)).toEqual([271, 272]);
      expect(await rpc(`${base}/rpc/272`, 'eth_chainId')).toBe('0x110');
      expect((await fetch(`${base}/rpc/1234`, { method: 'POST', body: '{}' })).status).toBe(404);
      expect((await fetch(`${base}/assets/nope.js`)).status).toBe(404);
    });

    it('interop explorer serves the explorer for the running devnet (endpoints from devnet.json)', async () => {
      const explorer = spawn(process.execPath, [bin, 'explorer', '--port', '0', '--data-dir', dataDir], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        const url = await new Promise<string>((resolve, reject) => {
          let out = '';
          explorer.stdout!.on('data', (d: Buffer) => {
            out += d.toString();
            const m = /explorer {2}(http:\/\/\S+)/.exec(out);
            if (m) resolve(m[1]);
          });
          explorer.once('exit', (code) => reject(new Error(`interop explorer exited with ${code}`)));
        });
        const config = (await (await fetch(`${url}/config.json`)).json()) as { settlement: { contract: string } };
        expect(config.settlement.contract).toMatch(/^0x[0-9a-fA-F]{40}$/);
        expect(await rpc(`${url}/rpc/271`, 'eth_chainId')).toBe('0x10f');
        expect((await fetch(`${url}/chain/271`)).headers.get('content-type')).toMatch(/text\/html/);
        explorer.kill('SIGINT');
        expect(await exitOf(explorer)).toBe(0);
      } finally {
        if (explorer.exitCode === null) explorer.kill('SIGKILL');
      }
      const bad = spawnSync(process.execPath, [bin, 'explorer', '--port', 'x'], { cwd: root, encoding: 'utf8' });
      expect(bad.status).toBe(2);
      expect(bad.stderr.trim()).toMatch(/--port must be a port number/);
    });

    it('writes devnet.json describing the public endpoints', () => {
      const json = JSON.parse(readFileSync(join(dataDir, 'devnet.json'), 'utf8'));
      expect(json.l1).toEqual({ chainId: 9, rpcUrl: `http://127.0.0.1:${l1Port}` });
      expect(json.l2).toEqual([
        { chainId: 271, rpcUrl: `http://127.0.0.1:${l2Port}`, settlesOn: 9 },
        { chainId: 272, rpcUrl: `http://127.0.0.1:${l2Port + 1}`, settlesOn: 9 },
      ]);
      expect(json.accounts).toHaveLength(10);
      expect(json.accounts[0]).toEqual({
        address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
        privateKey: '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
      });
      expect(json.contracts.interopCenter).toBe('0x0000000000000000000000000000000000010008');
      expect(json.contracts.l2MessageVerification).toBe('0x0000000000000000000000000000000000010009');
      expect(json.contracts.settlement).toMatch(/^0x[0-9a-fA-F]{40}$/);
      expect(json.explorer).toEqual({ url: `http://127.0.0.1:${explorerPort}` });
    });

    it('answers on every endpoint, with the zks_ methods on the L2s', async () => {
      const json = JSON.parse(readFileSync(join(dataDir, 'devnet.json'), 'utf8'));
      expect(await rpc(json.l1.rpcUrl, 'eth_chainId')).toBe('0x9');
      expect(await rpc(json.l2[0].rpcUrl, 'eth_chainId')).toBe('0x10f');
      expect(await rpc(json.l2[1].rpcUrl, 'eth_chainId')).toBe('0x110');
      expect(await rpc(json.l2[0].rpcUrl, 'zks_L1ChainId')).toBe('0x9');
      const code = await rpc(json.l2[1].rpcUrl, 'eth_getCode', [json.contracts.interopCenter, 'latest']);
      expect(code).toMatch(/^0x[0-9a-f]{10,}/);
      const settlementCode = await rpc(json.l1.rpcUrl, 'eth_getCode', [json.contracts.settlement, 'latest']);
      expect(settlementCode).toMatch(/^0x[0-9a-f]{10,}/);
    });

    it('refuses a second devnet on the same data dir with one line and exit 2', async () => {
      const second = await spawnDevnet(dataDir);
      expect(await second.exited).toBe(2);
      const { stdout: out, stderr: err } = second.output();
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(err).toContain(`in use by another devnet (pid ${child.pid})`);
      expect(out).toBe('');
      // The running devnet is untouched.
      expect(await rpc(`http://127.0.0.1:${l2Port}`, 'eth_chainId')).toBe('0x10f');
    });

    it('stops everything on SIGINT and exits 0', async () => {
      const anvils = anvilPidsOf(child.pid!);
      expect(anvils.length).toBe(3); // chain 9, 271, 272
      child.kill('SIGINT');
      expect(await exitOf(child)).toBe(0);
      for (const pid of anvils) expect(isAlive(pid)).toBe(false);
      expect(await portFree(l1Port)).toBe(true);
      expect(await portFree(l2Port)).toBe(true);
      expect(existsSync(join(dataDir, 'devnet.lock'))).toBe(false);
    }, 30_000);
  });

  describe('killed with SIGKILL', () => {
    let devnet: SpawnedDevnet | undefined;
    let dataDir: string;
    let anvils: number[] = [];

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'interop-cli-devnet-'));
      devnet = await spawnDevnet(dataDir);
      await untilReady(devnet);
      anvils = anvilPidsOf(devnet.child.pid!);
    }, 120_000);

    afterAll(() => {
      devnet?.child.kill('SIGKILL');
      for (const pid of anvils.filter(isAlive)) process.kill(pid, 'SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('leaves no anvil running: they exit within seconds; the stale lock does not block the next start', async () => {
      expect(anvils).toHaveLength(3);
      const caches = anvils.map(anvilCacheDirOf);
      devnet!.child.kill('SIGKILL');
      await devnet!.exited;
      expect(await allExited(anvils, 10_000)).toBe(true);
      // Nor their state caches (anvil's watchdog removes each once its anvil has exited).
      await poll('the anvils’ state caches removed', async () => caches.every((dir) => !existsSync(dir)), 10_000);
      expect(existsSync(join(dataDir, 'devnet.lock'))).toBe(true);
      const next = await spawnDevnet(dataDir);
      try {
        await untilReady(next);
        expect(await rpc(`http://127.0.0.1:${next.l2Port}`, 'eth_chainId')).toBe('0x10f');
      } finally {
        next.child.kill('SIGINT');
        expect(await next.exited).toBe(0);
      }
    }, 90_000);
  });

  describe('with a port in use', () => {
    let server: Server;
    let port: number;

    beforeAll(async () => {
      server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as { port: number }).port;
    });

    afterAll(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('fails with a one-line error naming the port, before starting anything', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'interop-cli-devnet-'));
      try {
        const l2Port = await getFreePort();
        const child = spawn(
          process.execPath,
          [
            bin,
            'devnet',
            '--l1-port',
            String(port),
            '--l2-port',
            String(l2Port),
            '--no-explorer',
            '--data-dir',
            dataDir,
          ],
          { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
        );
        let stderr = '';
        let stdout = '';
        child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
        child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
        const code = await exitOf(child);
        expect(code).not.toBe(0);
        expect(stderr.trim().split('\n')).toHaveLength(1);
        expect(stderr).toContain(String(port));
        expect(stderr).toMatch(/in use/);
        expect(stdout).toBe('');
        expect(existsSync(join(dataDir, 'devnet.json'))).toBe(false);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });

    it('rejects a bad option with exit code 2', () => {
      const r = spawnSync(process.execPath, [bin, 'devnet', '--l2', 'many'], { cwd: root, encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/--l2 must be an integer/);
    });
  });
});
