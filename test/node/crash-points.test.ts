// Planned crashes of the real `interop node` process (test-only INTEROP_TEST_CRASH_AT, see packages/node/src/
// testHooks.ts): right after a commit is sent (before its receipt), and right after a batch is built (before the
// store write). After a restart every message verifies on-chain and every batch is committed exactly once. Also:
// a ZKsync (0x71) transaction stays known by its own hash across a restart.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InteropCenter, InteropSettlement } from '@interop/contracts';
import { INTEROP_CENTER_ADDRESS } from '@interop/sdk/core';
import { type Hex, parseEventLogs } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stablePorts } from '../helpers/ports.js';
import { toInteropProof } from '../helpers/proofs.js';
import { type NodeProcess, spawnNode } from './harness.js';
import {
  clients,
  KEYS,
  rpc,
  sendEip712Message,
  sendMessage,
  startTestNetwork,
  type TestNetwork,
  waitFor,
  waitForSealedReceipt,
} from './helpers.js';

let net: TestNetwork;
let configPath: string;
let url271: string;
let url272: string;
let node: NodeProcess | undefined;

beforeAll(async () => {
  net = await startTestNetwork();
  const ports = await stablePorts(2);
  const base = net.nodeConfig();
  configPath = join(net.dataDir, 'node.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      ...base,
      chains: base.chains.map((ch, i) => ({ ...ch, port: ports[i] })),
      settlement: {
        ...base.settlement,
        contracts: { settlement: net.settlementAddress, deployBlockNumber: Number(net.deployBlockNumber) },
      },
    }),
  );
  url271 = `http://127.0.0.1:${ports[0]}`;
  url272 = `http://127.0.0.1:${ports[1]}`;
}, 60_000);

afterAll(async () => {
  node?.child.kill('SIGKILL');
  await node?.exited;
  await net?.stop();
});

/** Sends a message straight to L2 271's anvil (the node may be down) and returns its interop hash. */
const send = async (data: Hex) => (await sendMessage(net.l2s[0].rpcUrl, data)).interopHash;

/** Waits for the message's proof and checks it with InteropCenter.verifyInteropMessage on chain 272. */
async function expectVerifiesOn272(interopHash: Hex) {
  const proof = await waitFor(
    async () => (await rpc(url271, 'interop_getMessageProof', [interopHash])).result,
    `proof of ${interopHash}`,
    60_000,
  );
  const c = clients(url272, KEYS.user).public;
  const verified = await waitFor(
    () =>
      c.readContract({
        address: INTEROP_CENTER_ADDRESS,
        abi: InteropCenter.abi,
        functionName: 'verifyInteropMessage',
        args: [interopHash, toInteropProof(proof)],
      }),
    `${interopHash} verifies on 272`,
    60_000,
  );
  expect(verified).toBe(true);
}

/** Settlement events of chain 271: batches 1..n committed once each, contiguous blocks, all executed. */
async function expectBatchesOnce(): Promise<number> {
  const c = clients(net.settlement.rpcUrl, KEYS.user).public;
  const logs = await c.getLogs({ address: net.settlementAddress, fromBlock: 0n, toBlock: 'latest' });
  const committed = parseEventLogs({ abi: InteropSettlement.abi, logs, eventName: 'BatchCommitted' }).filter(
    (e) => e.args.chainId === 271n,
  );
  expect(committed.map((e) => Number(e.args.batchNumber))).toEqual(committed.map((_, i) => i + 1));
  for (let i = 1; i < committed.length; i++)
    expect(committed[i].args.firstBlock).toBe(committed[i - 1].args.lastBlock + 1n);
  return committed.length;
}

const totalCommitted = async () =>
  Number(
    await clients(net.settlement.rpcUrl, KEYS.user).public.readContract({
      address: net.settlementAddress,
      abi: InteropSettlement.abi,
      functionName: 'totalBatchesCommitted',
      args: [271n],
    }),
  );

/** Starts the node with a crash point, sends a message, and waits until the node killed itself there. */
async function crashAt(point: string, data: Hex): Promise<Hex> {
  node = await spawnNode(configPath, { INTEROP_TEST_CRASH_AT: point });
  const hash = await send(data);
  await node.exited;
  expect(node.child.signalCode).toBe('SIGKILL');
  return hash;
}

describe('planned crash points of interop node', () => {
  it('killed right after a commit is sent, before its receipt: the commit counts once, nothing is resent', async () => {
    const before = await totalCommitted();
    const crashed = await crashAt('after-commit-send', '0x01');
    // The commit reached the settlement layer although the node never saw its receipt.
    await waitFor(async () => (await totalCommitted()) === before + 1, 'the commit mined');
    node = await spawnNode(configPath);
    const after = await send('0x02');
    await expectVerifiesOn272(crashed);
    await expectVerifiesOn272(after);
    expect(await expectBatchesOnce()).toBeGreaterThanOrEqual(before + 2);
    node.child.kill('SIGKILL');
    await node.exited;
  });

  it('killed after a batch is built but before it is stored: sealed again on restart, same batch number', async () => {
    const before = await totalCommitted();
    const crashed = await crashAt('after-seal-before-store', '0x03');
    // Nothing of that batch left the node.
    expect(await totalCommitted()).toBe(before);
    node = await spawnNode(configPath);
    await expectVerifiesOn272(crashed);
    const status = (await rpc(url271, 'interop_getMessageStatus', [crashed])).result;
    expect(Number(status.l1BatchNumber)).toBe(before + 1);
    expect(await expectBatchesOnce()).toBeGreaterThanOrEqual(before + 1);
    node.child.kill('SIGKILL');
    await node.exited;
  });

  it('a ZKsync (0x71) transaction is found by its own hash after a restart, and committed under it', async () => {
    node = await spawnNode(configPath);
    const zkHash = await sendEip712Message(url271, KEYS.user2, '0x71');
    await waitFor(async () => (await rpc(url271, 'eth_getTransactionReceipt', [zkHash])).result, 'receipt');
    node.child.kill('SIGKILL');
    await node.exited;

    node = await spawnNode(configPath);
    const receipt = await waitForSealedReceipt(url271, zkHash, 'receipt by the ZKsync hash after the restart');
    expect(receipt.transactionHash).toBe(zkHash);
    const proof = await waitFor(
      async () => (await rpc(url271, 'zks_getL2ToL1LogProof', [zkHash, 0, 'proof_based_gw'])).result,
      'proof by the ZKsync hash',
      60_000,
    );
    const details = (await rpc(url271, 'zks_getL1BatchDetails', [Number(receipt.l1BatchNumber)])).result;
    const commitTx = (await rpc(net.settlement.rpcUrl, 'eth_getTransactionByHash', [details.commitTxHash])).result;
    expect(commitTx.input).toContain(zkHash.slice(2));
    expect(proof.id).toBeGreaterThanOrEqual(0);
    await expectBatchesOnce();
  });
});
