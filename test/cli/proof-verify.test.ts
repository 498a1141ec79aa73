// `interop proof verify`: in process (fast, every case), against a real InteropCenter on anvil for
// --rpc, and once through the real bin/interop.js.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { InteropCenter } from '@interop/contracts';
import { type AnvilInstance, getFreePort, startAnvil } from '@interop/devnet';
import { installSystemContracts } from '@interop/devnet/deploy';
import {
  buildLogTree,
  encodeProof,
  getChainBatchRoot,
  getLeafChainAggregatedRoot,
  hashL2ToL1Log,
  INTEROP_CENTER_ADDRESS,
  type L2Message,
  l2MessageToLog,
  SYSTEM_CALLER_ADDRESS,
} from '@interop/sdk/core';
import { createTestClient, type Hex, http, publicActions, walletActions } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, ROOT } from '../helpers/cli.js';
import { readVector } from '../helpers/vectors.js';
import { runCli } from './runCli.js';

// The known answer of test/vectors/zksync-v29-single-level.json: a log sent by 0x…10008 on chain 271, batch 66, index 1.
const vector = readVector('zksync-v29-single-level.json');
const v = { log: vector.log, proof: vector.proof as Hex[], root: vector.expected.root as Hex };
const base = ['proof', 'verify', '--chain', '271', '--batch', '66', '--index', '1', '--proof', JSON.stringify(v.proof)];
const withLog = [...base, '--log', JSON.stringify(v.log)];
const expectedJson = {
  root: v.root,
  settlementLayer: { chainId: '271', blockNumber: '66' },
  levels: [{ chainId: '271', batchNumber: '66', root: v.root }],
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'interop-proof-verify-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0];
}

describe('interop proof verify (in process)', () => {
  it('reproduces the ZKsync v29 known answer with --log --json; valid is null when unchecked', async () => {
    const r = await runCli([...withLog, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ ...expectedJson, valid: null });
  });

  it('the same message given as --interop-hash and --tx-number', async () => {
    const r = await runCli([...base, '--interop-hash', v.log.value, '--tx-number', '0', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ ...expectedJson, valid: null });
  });

  it('--expect-root decides validity: exit 0 when it matches, 1 when not', async () => {
    const ok = await runCli([...withLog, '--expect-root', v.root.toUpperCase().replace('0X', '0x'), '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).valid).toBe(true);
    const bad = await runCli([...withLog, '--expect-root', `0x${'11'.repeat(32)}`, '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toEqual({ ...expectedJson, valid: false });
  });

  it('readable output without --json', async () => {
    const r = await runCli([...withLog, '--expect-root', v.root]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`root              ${v.root}`);
    expect(r.stdout).toContain('settlement layer  chain 271, block 66');
    expect(r.stdout).toMatch(/valid\s+true/);
  });

  it('a two-level proof from @files, for a ZKsync L2Message given with --message', async () => {
    const message: L2Message = {
      txNumberInBatch: 4,
      sender: '0x5555555555555555555555555555555555555555',
      data: '0x68656c6c6f',
    };
    const leaf = hashL2ToL1Log(l2MessageToLog(message));
    const tree = buildLogTree([`0x${'01'.repeat(32)}`, `0x${'02'.repeat(32)}`, leaf]);
    const aggregated = getLeafChainAggregatedRoot(300n);
    const chainBatchRoot = getChainBatchRoot(tree.root, aggregated);
    // The settlement layer (chain 9) at block 1234: a chain tree of one batch, a shared tree with
    // the settlement layer's own leaf at 0 and chain 300 at 1.
    const { DynamicIncrementalMerkleTree, FullMerkleTree, getBatchRootLeaf, getChainIdLeaf } = await import(
      '@interop/sdk/core'
    );
    const chainTree = new DynamicIncrementalMerkleTree([getBatchRootLeaf(chainBatchRoot, 7n)]);
    const shared = new FullMerkleTree([getLeafChainAggregatedRoot(9n), getChainIdLeaf(chainTree.root(), 300n)]);
    const proof = encodeProof([
      {
        path: [...tree.path(2), aggregated],
        final: false,
        batchLeafIndex: 0n,
        batchPath: chainTree.path(0),
        settlementBlockNumber: 1234n,
        chainIdLeafIndex: 1n,
        settlementChainId: 9n,
      },
      { path: shared.path(1), final: true },
    ]);
    writeFileSync(join(dir, 'proof.json'), JSON.stringify({ proof }));
    writeFileSync(join(dir, 'message.json'), JSON.stringify(message));
    const r = await runCli([
      'proof',
      'verify',
      '--chain',
      '300',
      '--batch',
      '7',
      '--index',
      '2',
      '--proof',
      `@${join(dir, 'proof.json')}`,
      '--message',
      `@${join(dir, 'message.json')}`,
      '--expect-root',
      shared.root(),
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      root: shared.root(),
      settlementLayer: { chainId: '9', blockNumber: '1234' },
      levels: [
        { chainId: '300', batchNumber: '7', root: chainBatchRoot },
        { chainId: '9', batchNumber: '1234', root: shared.root() },
      ],
      valid: true,
    });
  });

  const bad: [string, string[], RegExp][] = [
    ['missing --chain', withLog.filter((_, i) => i !== 2 && i !== 3), /--chain is required/],
    ['non-numeric --batch', withLog.map((a) => (a === '66' ? 'sixty' : a)), /--batch must be a non-negative integer/],
    ['proof not JSON', [...base.slice(0, -1), '[0x01', '--log', JSON.stringify(v.log)], /--proof is not valid JSON/],
    [
      'proof word too short',
      [...base.slice(0, -1), '["0x01"]', '--log', JSON.stringify(v.log)],
      /--proof word 0 must be 0x-prefixed hex of 32 bytes/,
    ],
    ['empty proof', [...base.slice(0, -1), '[]', '--log', JSON.stringify(v.log)], /invalid proof \(empty\)/],
    [
      'words left over',
      [...base.slice(0, -1), JSON.stringify([...v.proof, v.root]), '--log', JSON.stringify(v.log)],
      /invalid proof \(words-left-over\)/,
    ],
    ['index out of range', withLog.map((a, i) => (i === 7 ? '8' : a)), /invalid proof \(mask-out-of-range\)/],
    [
      'two leaf sources',
      [...withLog, '--interop-hash', v.log.value, '--tx-number', '0'],
      /exactly one of --log, --message or --interop-hash/,
    ],
    ['no leaf source', base, /exactly one of --log, --message or --interop-hash/],
    ['--interop-hash without --tx-number', [...base, '--interop-hash', v.log.value], /--tx-number is required/],
    ['log missing a field', [...base, '--log', JSON.stringify({ ...v.log, key: undefined })], /--log is missing "key"/],
    [
      'log isService not boolean',
      [...base, '--log', JSON.stringify({ ...v.log, isService: 1 })],
      /--log isService must be true or false/,
    ],
    ['unknown flag', [...withLog, '--frobnicate'], /Unknown option '--frobnicate'/],
    [
      'missing proof file',
      [...base.slice(0, -1), `@/nonexistent/${Date.now()}.json`, '--log', JSON.stringify(v.log)],
      /--proof: cannot read/,
    ],
    ['bad --expect-root', [...withLog, '--expect-root', '0x1234'], /--expect-root must be 0x-prefixed hex of 32 bytes/],
    [
      'the default leaf',
      [
        ...base,
        '--log',
        JSON.stringify({
          l2ShardId: 0,
          isService: false,
          txNumberInBatch: 0,
          sender: `0x${'00'.repeat(20)}`,
          key: `0x${'00'.repeat(32)}`,
          value: `0x${'00'.repeat(32)}`,
        }),
      ],
      /invalid proof \(default-leaf\)/,
    ],
  ];
  for (const [name, argv, pattern] of bad) {
    it(`bad input → exit 2, one line on stderr: ${name}`, async () => {
      const r = await runCli(argv);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(oneLine(r.stderr)).toMatch(pattern);
    });
  }

  it('--help prints the usage', async () => {
    const r = await runCli(['proof', 'verify', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('usage: interop proof verify');
  });
});

describe('interop proof verify --rpc (InteropCenter on anvil)', () => {
  let anvil: AnvilInstance;
  beforeAll(async () => {
    anvil = await startAnvil({ chainId: 272 });
    await installSystemContracts({ rpcUrl: anvil.rpcUrl, impersonateSystemCaller: true });
    const client = createTestClient({ mode: 'anvil', transport: http(anvil.rpcUrl) })
      .extend(publicActions)
      .extend(walletActions);
    const hash = await client.writeContract({
      address: INTEROP_CENTER_ADDRESS,
      abi: InteropCenter.abi,
      functionName: 'addInteropRoot',
      args: [271n, 66n, [v.root as Hex]],
      account: SYSTEM_CALLER_ADDRESS,
      chain: null,
    });
    expect((await client.waitForTransactionReceipt({ hash })).status).toBe('success');
  });
  afterAll(async () => {
    await anvil?.stop();
  });

  it('valid when the chain has imported the root for (271, 66)', async () => {
    const r = await runCli([...withLog, '--rpc', anvil.rpcUrl, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ ...expectedJson, valid: true });
  });

  it('not valid (exit 1) when no root is imported for that settlement block', async () => {
    const r = await runCli([...withLog.map((a, i) => (i === 5 ? '67' : a)), '--rpc', anvil.rpcUrl]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/valid\s+false \(no root imported for that settlement block\)/);
  });

  it('not valid when --expect-root disagrees even though the chain agrees', async () => {
    const r = await runCli([...withLog, '--rpc', anvil.rpcUrl, '--expect-root', `0x${'22'.repeat(32)}`, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).valid).toBe(false);
  });

  it('an unreachable endpoint is exit 2 with one line', async () => {
    const r = await runCli([...withLog, '--rpc', `http://127.0.0.1:${await getFreePort()}`]);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/cannot read interopRoots from http:\/\/127\.0\.0\.1:\d+/);
  });
});

describe('interop proof verify through the built bin/interop.js', () => {
  const root = ROOT;

  it('reproduces the known answer as a real process', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [CLI_BIN, ...withLog, '--expect-root', v.root, '--json'],
      { cwd: root },
    );
    expect(JSON.parse(stdout)).toEqual({ ...expectedJson, valid: true });
  });

  it('a malformed proof exits 2 with one line on stderr', async () => {
    const err = await promisify(execFile)(
      process.execPath,
      [CLI_BIN, ...base.slice(0, -1), '[]', '--log', JSON.stringify(v.log)],
      { cwd: root },
    ).catch((e) => e);
    expect(err.code).toBe(2);
    expect(oneLine(err.stderr)).toMatch(/^interop: invalid proof \(empty\)/);
  });
});
