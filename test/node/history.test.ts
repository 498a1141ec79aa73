// The node in front of chains it does not control: their history is rewritten directly on the anvils (not through
// the node) — an L2 before and after its batch is committed, and the settlement layer. The node re-seals what was
// not committed, halts a chain whose committed batch changed (and says so), and re-reads a reorged settlement
// layer without committing anything twice.

import { join } from 'node:path';
import { InteropCenter, InteropSettlement } from '@interop/contracts';
import { startAnvil } from '@interop/devnet';
import { startNode } from '@interop/node';
import { INTEROP_CENTER_ADDRESS } from '@interop/sdk/core';
import { type Hex, parseEventLogs } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stablePort } from '../helpers/ports.js';
import { toInteropProof } from '../helpers/proofs.js';
import {
  clients,
  deployTestSettlement,
  KEYS,
  rpc,
  sendMessage,
  startTestNetwork,
  stopAll,
  type TestNetwork,
  waitFor,
} from './helpers.js';

const SETTLEMENT_ARGS = ['--gas-limit', '1000000000'];
let net: TestNetwork;
let settlement: Awaited<ReturnType<typeof startAnvil>>;
let settlementPort: number;
let statePath: string;
let settlementAddress: Hex;
let node: Awaited<ReturnType<typeof startNode>>;
let url271: string;
let url272: string;
const lines: string[] = [];

beforeAll(async () => {
  net = await startTestNetwork({ settlementArgs: [] });
  // A settlement layer that can be stopped and restarted with its state (the test network's cannot).
  statePath = join(net.dataDir, 'settlement-state.json');
  settlementPort = await stablePort();
  settlement = await startAnvil({ chainId: 9, port: settlementPort, args: [...SETTLEMENT_ARGS, '--state', statePath] });
  const deployed = await deployTestSettlement(settlement.rpcUrl, net.l2s);
  settlementAddress = deployed.settlement;
  node = await startNode({
    ...net.nodeConfig(),
    settlement: {
      chainId: 9,
      rpcUrl: settlement.rpcUrl,
      contracts: { settlement: deployed.settlement, deployBlockNumber: deployed.deployBlockNumber },
    },
    log: (line) => lines.push(line),
  });
  url271 = node.chains[0].rpcUrl;
  url272 = node.chains[1].rpcUrl;
}, 60_000);

afterAll(() => stopAll(node, settlement, net));

/** Sends a message straight to an L2 anvil (not through the node) and returns its interop hash. */
const send = async (l2Url: string, data: Hex) => (await sendMessage(l2Url, data)).interopHash;

const status = async (url: string, interopHash: Hex) =>
  (await rpc(url, 'interop_getMessageStatus', [interopHash])).result;

/** Waits until the message's proof verifies on-chain on `destinationUrl` (its root imported there). */
async function expectVerifies(sourceUrl: string, destinationUrl: string, interopHash: Hex) {
  const proof = await waitFor(
    async () => (await rpc(sourceUrl, 'interop_getMessageProof', [interopHash])).result,
    `proof of ${interopHash}`,
    60_000,
  );
  const args = [interopHash, toInteropProof(proof)] as const;
  const destination = clients(destinationUrl, KEYS.user).public;
  await waitFor(
    () =>
      destination.readContract({
        address: INTEROP_CENTER_ADDRESS,
        abi: InteropCenter.abi,
        functionName: 'verifyInteropMessage',
        args,
      }),
    `${interopHash} verifies on ${destinationUrl}`,
    60_000,
  );
}

/** The settlement contract's events of a chain: batch numbers 1..n committed and executed once each. */
async function expectBatchesOnce(chainId: number): Promise<number> {
  const c = clients(settlement.rpcUrl, KEYS.user).public;
  const logs = await c.getLogs({ address: settlementAddress, fromBlock: 0n, toBlock: 'latest' });
  const committed = parseEventLogs({ abi: InteropSettlement.abi, logs, eventName: 'BatchCommitted' })
    .filter((e) => e.args.chainId === BigInt(chainId))
    .map((e) => Number(e.args.batchNumber));
  const executed = parseEventLogs({ abi: InteropSettlement.abi, logs, eventName: 'BatchExecuted' })
    .filter((e) => e.args.chainId === BigInt(chainId))
    .map((e) => Number(e.args.batchNumber));
  expect(committed).toEqual(committed.map((_, i) => i + 1));
  expect(executed).toEqual(committed);
  return committed.length;
}

describe('interop node against chains it does not control', () => {
  it('a settlement-layer reorg under committed batches: re-read, re-committed once, still verifies', async () => {
    const before = await send(net.l2s[0].rpcUrl, '0x01');
    await expectVerifies(url271, url272, before);
    const committedBefore = await expectBatchesOnce(271);
    // Replace the last blocks (which hold the commits of that message's batch) with empty ones, on the anvil.
    const s = clients(settlement.rpcUrl, KEYS.user).public;
    const proof = (await rpc(url271, 'interop_getMessageProof', [before])).result;
    const head = await s.getBlockNumber();
    const depth = Number(head - BigInt(proof.settlementLayer.blockNumber)) + 1;
    await rpc(settlement.rpcUrl, 'anvil_reorg', [depth, []]);
    expect(await s.getBlockNumber()).toBe(head);

    await waitFor(async () => lines.some((l) => /settlement 9: HISTORY CHANGED/.test(l)), 'the reorg noticed');
    const after = await send(net.l2s[0].rpcUrl, '0x02');
    await expectVerifies(url271, url272, before);
    await expectVerifies(url271, url272, after);
    // The reorged commits went through again, each batch once, at new heights.
    expect(await expectBatchesOnce(271)).toBeGreaterThanOrEqual(committedBefore);
    const again = (await rpc(url271, 'interop_getMessageProof', [before])).result;
    expect(BigInt(again.settlementLayer.blockNumber)).toBeGreaterThan(head);
    expect((await status(url271, before)).status).toBe('imported');
  });

  it('a settlement-layer rollback under imported roots: new roots land past every number the L2s hold', async () => {
    const message = await send(net.l2s[0].rpcUrl, '0x08');
    await expectVerifies(url271, url272, message);
    const s = clients(settlement.rpcUrl, KEYS.user).public;
    const old = (await rpc(url271, 'interop_getMessageProof', [message])).result;
    const head = await s.getBlockNumber();
    // Remove the blocks from the message's settlement block on: the L2s hold roots for those numbers.
    const depth = Number(head - BigInt(old.settlementLayer.blockNumber)) + 1;
    await rpc(settlement.rpcUrl, 'anvil_rollback', [depth]);

    await waitFor(
      async () => lines.some((l) => /settlement 9: HISTORY CHANGED.*mined empty blocks up to \d+/.test(l)),
      'the rollback noticed and skipped',
    );
    // Committed again at a fresh block number; the new proof verifies on-chain on 272.
    await waitFor(async () => {
      const p = (await rpc(url271, 'interop_getMessageProof', [message])).result;
      return p && BigInt(p.settlementLayer.blockNumber) > head ? p : null;
    }, 'a proof at a fresh settlement block');
    await expectVerifies(url271, url272, message);
    await expectBatchesOnce(271);
  });

  it('an L2 reverted under a sealed, uncommitted batch: the batch is sealed again from the new history', async () => {
    // The settlement layer is away, so batches are sealed but not committed.
    await settlement.stop();
    const snapshot = (await rpc(net.l2s[0].rpcUrl, 'evm_snapshot')).result;
    const reverted = await send(net.l2s[0].rpcUrl, '0x03');
    await waitFor(async () => (await status(url271, reverted))?.status === 'sealed', 'sealed while settlement is down');
    const sealedBatch = Number((await status(url271, reverted)).l1BatchNumber);
    expect((await rpc(net.l2s[0].rpcUrl, 'evm_revert', [snapshot])).result).toBe(true);

    const kept = await send(net.l2s[0].rpcUrl, '0x04');
    settlement = await startAnvil({
      chainId: 9,
      port: settlementPort,
      args: [...SETTLEMENT_ARGS, '--state', statePath],
    });
    await expectVerifies(url271, url272, kept);
    await waitFor(async () => lines.some((l) => /L2 271: HISTORY CHANGED/.test(l)), 'the revert noticed');
    expect(await status(url271, reverted)).toBeNull();
    expect((await rpc(url271, 'interop_getMessageProof', [reverted])).result).toBeNull();
    // The new message went into the batch number the reverted one had: nothing skipped, nothing twice.
    expect(Number((await status(url271, kept)).l1BatchNumber)).toBe(sealedBatch);
    await expectBatchesOnce(271);
    // Loops that retried while the settlement layer was away report healthy again after their next good step.
    await waitFor(async () => (await rpc(url271, 'interop_health')).result.ok, 'interop_health ok');
  });

  it('an L2 reorged under a committed batch: the chain halts and says so; the other chain goes on', async () => {
    const committed = await send(net.l2s[1].rpcUrl, '0x05');
    await expectVerifies(url272, url271, committed);
    const block = Number((await status(url272, committed)).blockNumber);
    const l2 = clients(net.l2s[1].rpcUrl, KEYS.user).public;
    const depth = Number((await l2.getBlockNumber()) - BigInt(block)) + 1;
    await rpc(net.l2s[1].rpcUrl, 'anvil_reorg', [depth, []]);

    const health = await waitFor(async () => {
      const h = (await rpc(url272, 'interop_health')).result;
      return h.ok === false ? h : null;
    }, 'health reports the halt');
    expect(health.problems).toEqual([
      expect.stringMatching(/^chain 272 is halted: the chain's history changed at block/),
    ]);
    const halted = health.chains.find((c: { chainId: string }) => c.chainId === '0x110').halted;
    expect(Number(halted.block)).toBeLessThanOrEqual(block);
    expect(health.chains.find((c: { chainId: string }) => c.chainId === '0x10f').halted).toBeUndefined();
    expect(lines.some((l) => /^L2 272: HALTED since block \d+: .*already committed/.test(l))).toBe(true);

    // A message sent on the halted chain says so instead of staying "sent" forever.
    const later = await send(net.l2s[1].rpcUrl, '0x06');
    const laterStatus = await status(url272, later);
    expect(laterStatus.status).toBe('halted');
    expect(laterStatus.halted.reason).toMatch(/already committed on the settlement layer/);
    // Chain 271 is unaffected: its messages still reach 272.
    const other = await send(net.l2s[0].rpcUrl, '0x07');
    await expectVerifies(url271, url272, other);
  });
});
