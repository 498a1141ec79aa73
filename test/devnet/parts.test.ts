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
  findFreePorts,
  formatDevnetSummary,
  getDevnetAccounts,
  LOCK_FILE,
  lockDataDir,
  PortInUseError,
  startAnvil,
  toDevnetJson,
} from '@interop/devnet';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDevnetArgs } from '../../packages/cli/src/commands/devnet.js';
import { CliError } from '../../packages/cli/src/errors.js';
import { generateDevnetKeys } from '../../packages/devnet/src/accounts.js';
import { rpc } from '../helpers/rpc.js';
import { parseWithTopologyFile } from '../helpers/topology.js';

describe('parseDevnetArgs', () => {
  it('applies the documented defaults', () => {
    expect(parseDevnetArgs([])).toEqual({
      l2Count: 2,
      batchMs: 250,
      blockTime: undefined,
      l1Port: 8545,
      l2Port: 3050,
      gatewayPort: 3150,
      topology: undefined,
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
        '--block-time',
        '0.25',
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
      blockTime: 0.25,
      l1Port: 9000,
      l2Port: 4000,
      gatewayPort: 3150,
      topology: undefined,
      dataDir: 'x',
      persist: true,
      verbose: true,
      explorerPort: 6000,
      allowedOrigins: ['https://remix.ethereum.org', 'http://localhost:*'],
    });
    expect(parseDevnetArgs(['--no-explorer']).explorerPort).toBeUndefined();
    expect(parseDevnetArgs(['--allow-origin', '*']).allowedOrigins).toBe('*');
  });

  it('--gateway: every L2 settles on the Gateway (506), which settles on L1', () => {
    const options = parseDevnetArgs(['--gateway', '--l2', '3', '--gateway-port', '4100']);
    expect(options.gatewayPort).toBe(4100);
    expect(options.topology).toEqual({
      gateway: 506n,
      chains: [271n, 272n, 273n].map((chainId) => ({ chainId, settlesOn: 506n })),
    });
  });

  it('--topology: a file mixing chains on L1 and on the Gateway', () => {
    expect(
      parseWithTopologyFile({
        gateway: 506,
        chains: [
          { chainId: 271, settlesOn: 506 },
          { chainId: 273, settlesOn: 9 },
        ],
      }).topology,
    ).toEqual({
      gateway: 506n,
      chains: [
        { chainId: 271n, settlesOn: 506n },
        { chainId: 273n, settlesOn: 9n },
      ],
    });
    expect(() => parseWithTopologyFile({ chains: [{ chainId: 271, settlesOn: 506 }] })).toThrow(
      /settles on 506, which is neither L1 \(9\) nor/,
    );
    expect(() => parseWithTopologyFile('{ nope')).toThrow(/cannot read the topology file/);
    expect(() => parseWithTopologyFile('{ nope', ['--gateway'])).toThrow(/exclude each other/);
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
    [['--block-time', '0'], /--block-time must be a number of seconds above 0/],
    [['--block-time=-1'], /--block-time must be a number of seconds above 0/],
    [['--block-time', '1e3'], /--block-time must be a number of seconds above 0 .* got "1e3"/],
    [['--block-time', '7200'], /at most 3600/],
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

describe('findFreePorts', () => {
  it('gives consecutive free ports below the ephemeral range', async () => {
    const ephemeralStart = Number(
      readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0],
    );
    const ports = await findFreePorts(4);
    expect(ports.map((p) => p - ports[0])).toEqual([0, 1, 2, 3]);
    expect(ports[3]).toBeLessThan(ephemeralStart);
    await expect(assertPortsFree(ports)).resolves.toBeUndefined();
  });
});

describe('accounts', () => {
  it('are the accounts anvil funds, and the devnet keys are none of them', async () => {
    const anvil = await startAnvil({ chainId: 9 });
    try {
      const funded = (await rpc<string[]>(anvil.rpcUrl, 'eth_accounts')).map((a) => a.toLowerCase());
      const ours = getDevnetAccounts();
      expect(ours.map((a) => a.address.toLowerCase())).toEqual(funded.slice(0, 10));
      const keys = ours.map((a) => a.privateKey);
      const own = generateDevnetKeys([271n, 272n]);
      const ownKeys = [own.deployer, ...Object.values(own.operators), ...Object.values(own.systemCallers)];
      expect(ownKeys).toHaveLength(5);
      expect(new Set(ownKeys).size).toBe(5);
      for (const key of ownKeys) expect(keys).not.toContain(key);
      // Random per network: another network's keys are others.
      expect(generateDevnetKeys([271n]).operators['271']).not.toBe(own.operators['271']);
    } finally {
      await anvil.stop();
    }
  });
});

describe('summary and devnet.json', () => {
  const info: DevnetInfo = {
    l1: { chainId: 9n, rpcUrl: 'http://127.0.0.1:8545', anvilRpcUrl: 'http://127.0.0.1:40001' },
    l2s: [
      { chainId: 271n, rpcUrl: 'http://127.0.0.1:3050', anvilRpcUrl: 'http://127.0.0.1:40002', settlesOn: 9n },
      { chainId: 272n, rpcUrl: 'http://127.0.0.1:3051', anvilRpcUrl: 'http://127.0.0.1:40003', settlesOn: 9n },
    ],
    accounts: getDevnetAccounts(),
    contracts: { interopCenter: '0x0000000000000000000000000000000000010008' },
    devnetSenders: [{ label: 'operator of 271', address: '0x00000000000000000000000000000000000000aa' }],
    batchMs: 250,
    dataDir: '/tmp/x',
  };

  it('lists every chain with its public URL, never the internal anvil one', () => {
    const text = formatDevnetSummary(info);
    expect(text).toMatch(/settlement layer\s+9\s+-\s+http:\/\/127\.0\.0\.1:8545/);
    expect(text).toMatch(/L2 #2\s+272\s+9\s+http:\/\/127\.0\.0\.1:3051/);
    expect(text).not.toContain('40001');
    expect(text).toContain('0x00000000000000000000000000000000000000aa');
  });

  it('writes chain ids as JSON numbers and public URLs only', () => {
    const json = toDevnetJson(info);
    expect(json.l1).toEqual({ chainId: 9, rpcUrl: 'http://127.0.0.1:8545' });
    expect(json.l2).toEqual([
      { chainId: 271, rpcUrl: 'http://127.0.0.1:3050', settlesOn: 9 },
      { chainId: 272, rpcUrl: 'http://127.0.0.1:3051', settlesOn: 9 },
    ]);
    expect(json.gateway).toBeUndefined();
    expect(JSON.stringify(json)).not.toContain('40002');
  });

  it('with a Gateway: the table shows who settles on whom, devnet.json has "gateway"', () => {
    const withGateway: DevnetInfo = {
      ...info,
      gateway: { chainId: 506n, rpcUrl: 'http://127.0.0.1:3150', anvilRpcUrl: 'http://127.0.0.1:40004' },
      l2s: info.l2s.map((c) => ({ ...c, settlesOn: 506n })),
    };
    const text = formatDevnetSummary(withGateway);
    expect(text).toMatch(/L1\s+9\s+-\s+http:\/\/127\.0\.0\.1:8545/);
    expect(text).toMatch(/Gateway\s+506\s+9\s+http:\/\/127\.0\.0\.1:3150/);
    expect(text).toMatch(/L2 #1\s+271\s+506\s+http:\/\/127\.0\.0\.1:3050/);
    const json = toDevnetJson(withGateway);
    expect(json.gateway).toEqual({ chainId: 506, rpcUrl: 'http://127.0.0.1:3150' });
    expect(json.l2.map((c) => c.settlesOn)).toEqual([506, 506]);
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
