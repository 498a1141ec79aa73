// The devnet's pieces that need no running network: options, ports, accounts, summary, the data-dir lock.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DevnetInfo } from '@interop/devnet';
import {
  assertPortsFree,
  DataDirInUseError,
  DEVNET_DEPLOYER_PRIVATE_KEY,
  formatDevnetSummary,
  getDevnetAccounts,
  getOperatorPrivateKey,
  LOCK_FILE,
  lockDataDir,
  PortInUseError,
  startAnvil,
  toDevnetJson,
} from '@interop/devnet';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDevnetArgs } from '../../packages/cli/src/commands/devnet.js';
import { CliError } from '../../packages/cli/src/errors.js';

describe('parseDevnetArgs', () => {
  it('applies the documented defaults', () => {
    expect(parseDevnetArgs([])).toEqual({
      l2Count: 2,
      batchMs: 250,
      l1Port: 8545,
      l2Port: 3050,
      dataDir: '.interop',
      persist: false,
      verbose: false,
      explorerPort: 5100,
      allowedOrigins: undefined,
    });
  });

  it('reads every flag', () => {
    expect(
      parseDevnetArgs([
        '--l2',
        '3',
        '--batch-ms',
        '100',
        '--l1-port',
        '9000',
        '--l2-port',
        '4000',
        '--data-dir',
        'x',
        '--persist',
        '--verbose',
        '--explorer-port',
        '6000',
        '--allow-origin',
        'https://remix.ethereum.org, http://localhost:*',
      ]),
    ).toEqual({
      l2Count: 3,
      batchMs: 100,
      l1Port: 9000,
      l2Port: 4000,
      dataDir: 'x',
      persist: true,
      verbose: true,
      explorerPort: 6000,
      allowedOrigins: ['https://remix.ethereum.org', 'http://localhost:*'],
    });
    expect(parseDevnetArgs(['--no-explorer']).explorerPort).toBeUndefined();
    expect(parseDevnetArgs(['--allow-origin', '*']).allowedOrigins).toBe('*');
  });

  it.each([
    [['--l2', '0'], /--l2 must be between 1/],
    [['--l2', 'two'], /--l2 must be an integer/],
    [['--l1-port', '70000'], /--l1-port must be between/],
    [['--l1-port', '3051'], /overlaps the L2 ports 3050–3051/],
    [['--frobnicate'], /Unknown option/],
    [['--explorer-port', 'x'], /--explorer-port must be an integer/],
    [['--explorer-port', '3050'], /--explorer-port 3050 overlaps the chain ports/],
    [['--allow-origin', 'evil.example'], /--allow-origin: "evil.example" is not an origin/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseDevnetArgs(argv)).toThrow(CliError);
    expect(() => parseDevnetArgs(argv)).toThrow(message);
  });
});

describe('assertPortsFree', () => {
  it('names the port that is taken', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const err = await assertPortsFree([port]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PortInUseError);
      expect((err as PortInUseError).port).toBe(port);
      expect((err as Error).message).toContain(`port ${port} is already in use`);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await expect(assertPortsFree([port])).resolves.toBeUndefined();
  });
});

describe('accounts', () => {
  it('are the accounts anvil funds, and the devnet keys are none of them', async () => {
    const anvil = await startAnvil({ chainId: 9 });
    try {
      const res = await fetch(anvil.rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_accounts', params: [] }),
      });
      const funded = ((await res.json()) as { result: string[] }).result.map((a) => a.toLowerCase());
      const ours = getDevnetAccounts();
      expect(ours.map((a) => a.address.toLowerCase())).toEqual(funded.slice(0, 10));
      const keys = ours.map((a) => a.privateKey);
      expect(keys).not.toContain(DEVNET_DEPLOYER_PRIVATE_KEY);
      expect(keys).not.toContain(getOperatorPrivateKey(271n));
      expect(getOperatorPrivateKey(271n)).not.toBe(getOperatorPrivateKey(272n));
    } finally {
      await anvil.stop();
    }
  });
});

describe('summary and devnet.json', () => {
  const info: DevnetInfo = {
    l1: { chainId: 9n, rpcUrl: 'http://127.0.0.1:8545', anvilRpcUrl: 'http://127.0.0.1:40001' },
    l2s: [
      { chainId: 271n, rpcUrl: 'http://127.0.0.1:3050', anvilRpcUrl: 'http://127.0.0.1:40002' },
      { chainId: 272n, rpcUrl: 'http://127.0.0.1:3051', anvilRpcUrl: 'http://127.0.0.1:40003' },
    ],
    accounts: getDevnetAccounts(),
    contracts: { interopCenter: '0x0000000000000000000000000000000000010008' },
    devnetSenders: [{ label: 'operator of 271', address: '0x00000000000000000000000000000000000000aa' }],
    batchMs: 250,
    dataDir: '/tmp/x',
  };

  it('lists every chain with its public URL, never the internal anvil one', () => {
    const text = formatDevnetSummary(info);
    expect(text).toMatch(/settlement layer\s+9\s+http:\/\/127\.0\.0\.1:8545/);
    expect(text).toMatch(/L2 #2\s+272\s+http:\/\/127\.0\.0\.1:3051/);
    expect(text).not.toContain('40001');
    expect(text).toContain('0x00000000000000000000000000000000000000aa');
  });

  it('writes chain ids as JSON numbers and public URLs only', () => {
    const json = toDevnetJson(info);
    expect(json.l1).toEqual({ chainId: 9, rpcUrl: 'http://127.0.0.1:8545' });
    expect(json.l2.map((c) => c.chainId)).toEqual([271, 272]);
    expect(JSON.stringify(json)).not.toContain('40002');
  });
});

describe('lockDataDir', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'interop-lock-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('writes the pid, refuses a second holder in the same process, and removes the file on release', () => {
    const dir = tempDir();
    const lock = lockDataDir(dir);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    lockDataDir(dir).release();
  });

  it('refuses a lock held by a live devnet process, naming its pid', async () => {
    const dir = tempDir();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      writeFileSync(join(dir, LOCK_FILE), `${other.pid}\n`);
      expect(() => lockDataDir(dir)).toThrow(new RegExp(`in use by another devnet \\(pid ${other.pid}\\)`));
    } finally {
      other.kill('SIGKILL');
      await new Promise((resolve) => other.once('exit', resolve));
    }
    // Its process is gone now: the lock is stale and taken over.
    const lock = lockDataDir(dir);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });
});
