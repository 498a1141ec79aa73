// The importer compares the roots it finds on an L2 with the settlement layer's: a wrong root already there (set
// before the node could import the right one; InteropCenter never overwrites a root) is reported loudly — log,
// interop_health, interop_getMessageStatus — and never counted as imported.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InteropCenter } from '@interop/contracts';
import { startNode } from '@interop/node';
import { INTEROP_CENTER_ADDRESS, SYSTEM_CALLER_ADDRESS } from '@interop/sdk/core';
import { encodeFunctionData, type Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toInteropProof } from '../helpers/proofs.js';
import { rpc, sendMessage, startTestNetwork, stopAll, type TestNetwork, waitFor } from './helpers.js';

const WRONG_ROOT: Hex = `0x${'0e'.repeat(32)}`;
const PRESET_BLOCKS = 200;

let net: TestNetwork;
let node: Awaited<ReturnType<typeof startNode>>;
const lines: string[] = [];

beforeAll(async () => {
  net = await startTestNetwork({ l2Count: 2 });
  // The attack the old devnet allowed: roots for future settlement blocks pre-set on 272 as the system caller.
  const l2 = net.l2s[1].rpcUrl;
  await rpc(l2, 'anvil_impersonateAccount', [SYSTEM_CALLER_ADDRESS]);
  await rpc(l2, 'anvil_setBalance', [SYSTEM_CALLER_ADDRESS, '0xde0b6b3a7640000']);
  const data = encodeFunctionData({
    abi: InteropCenter.abi,
    functionName: 'addInteropRootsInBatch',
    args: [
      Array.from({ length: PRESET_BLOCKS }, (_, i) => ({
        chainId: 9n,
        blockOrBatchNumber: BigInt(i + 1),
        sides: [WRONG_ROOT],
      })),
    ],
  });
  const sent = await rpc(l2, 'eth_sendTransaction', [
    { from: SYSTEM_CALLER_ADDRESS, to: INTEROP_CENTER_ADDRESS, data, gas: '0x1c9c380' },
  ]);
  const receipt = await waitFor(
    async () => (await rpc(l2, 'eth_getTransactionReceipt', [sent.result])).result,
    'preset',
  );
  expect(receipt.status).toBe('0x1');
  await rpc(l2, 'anvil_stopImpersonatingAccount', [SYSTEM_CALLER_ADDRESS]);
  node = await startNode(net.nodeConfig({ log: (line) => lines.push(line) }));
}, 60_000);

afterAll(() => stopAll(node, net));

describe('root comparison', () => {
  it('a wrong root on an L2 is logged, reported by interop_health and the status, never "imported"', async () => {
    const url = node.chains[0].rpcUrl;
    const { interopHash } = await sendMessage(url, '0x0102');

    const status = await waitFor(async () => {
      const s = (await rpc(url, 'interop_getMessageStatus', [interopHash])).result;
      return s?.importedOn.includes('0x10f') && s.rootMismatches ? s : false;
    }, 'the root imported on 271 and the mismatch on 272 found');
    const block = Number(status.settlementLayer.blockNumber);
    expect(block).toBeLessThanOrEqual(PRESET_BLOCKS);
    expect(status.status).toBe('executed'); // not "imported": 272 does not hold the settlement layer's root
    expect(status.importedOn).toEqual(['0x10f']);
    expect(status.rootMismatches).toEqual([{ chainId: '0x110', onChain: WRONG_ROOT }]);

    const health = (await rpc(url, 'interop_health')).result;
    expect(health.ok).toBe(false);
    expect(health.problems.join('\n')).toContain(
      `chain 272 holds root ${WRONG_ROOT} for settlement block ${block}, not the settlement layer's ${status.settlementLayer.root}`,
    );
    const c272 = health.chains.find((ch: { chainId: string }) => ch.chainId === '0x110');
    expect(c272.rootMismatches).toContainEqual({
      settlementBlock: `0x${block.toString(16)}`,
      expected: status.settlementLayer.root,
      onChain: WRONG_ROOT,
    });
    expect(lines.some((l) => l.includes(`L2 272: ROOT MISMATCH for settlement block ${block}`))).toBe(true);

    // What the mismatch means: the message verifies on 271 and not on 272.
    const proof = (await rpc(url, 'interop_getMessageProof', [interopHash])).result;
    const verify = async (endpoint: string) =>
      (
        await rpc(endpoint, 'eth_call', [
          {
            to: INTEROP_CENTER_ADDRESS,
            data: encodeFunctionData({
              abi: InteropCenter.abi,
              functionName: 'verifyInteropMessage',
              args: [interopHash, toInteropProof(proof)],
            }),
          },
          'latest',
        ])
      ).result;
    expect(BigInt(await verify(node.chains[0].rpcUrl))).toBe(1n);
    expect(BigInt(await verify(node.chains[1].rpcUrl))).toBe(0n);
  });

  it('interop_health names the loops that keep failing (an L2 that cannot be reached)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'interop-health-'));
    const config = net.nodeConfig({ dataDir });
    config.chains[0].rpcUrl = 'http://127.0.0.1:1'; // nothing listens there
    const lonely = await startNode({ ...config, chains: [config.chains[0]] });
    try {
      const health = await waitFor(async () => {
        const h = (await rpc(lonely.chains[0].rpcUrl, 'interop_health')).result;
        return h?.chains[0].failing?.some((f: { loop: string }) => f.loop === 'sequencer') ? h : false;
      }, 'the sequencer reported as failing');
      expect(health.ok).toBe(false);
      const sequencer = health.chains[0].failing.find((f: { loop: string }) => f.loop === 'sequencer');
      expect(sequencer.error).toMatch(/unreachable/);
      expect(sequencer.attempts).toBeGreaterThanOrEqual(1);
      expect(health.problems.some((p: string) => p.startsWith('L2 271 sequencer is failing since'))).toBe(true);
    } finally {
      await lonely.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
