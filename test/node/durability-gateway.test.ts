// The node's durability on a three-tier network (L1 9 ← Gateway 506 ← 271): the `interop node` process is killed
// with SIGKILL twice during a stream of messages and restarted. Afterwards every message has its two-level proof
// (to the Gateway's root) and its three-level proof (to L1's root), each verifying to a root the chains hold, and
// every batch of 271 (on the Gateway) and of 506 (on L1) was committed exactly once, in order.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InteropCenter, InteropSettlement } from '@interop/contracts';
import { type AnvilInstance, startAnvil } from '@interop/devnet';
import { deploySettlementContracts, installSystemContracts } from '@interop/devnet/deploy';
import { hashL2ToL1Log, INTEROP_CENTER_ADDRESS, interopMessageToLog, verifyProof } from '@interop/sdk/core';
import { type Address, type Hex, parseEventLogs } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, expect, it } from 'vitest';
import { stablePorts } from '../helpers/ports.js';
import { type NodeProcess, spawnNode } from './harness.js';
import { clients, KEYS, rpc, waitFor, waitForImportedRoot } from './helpers.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

async function anvil(chainId: number, args: string[] = []): Promise<AnvilInstance> {
  const a = await startAnvil({ chainId, args }).catch(() => startAnvil({ chainId, args }));
  cleanups.push(() => a.stop());
  return a;
}

/** Sends an interop message straight to the chain's anvil (the node may be down). */
async function send(url: string, data: Hex): Promise<Hex> {
  const c = clients(url, KEYS.user);
  const hash = await c.wallet.writeContract({
    address: INTEROP_CENTER_ADDRESS,
    abi: InteropCenter.abi,
    functionName: 'sendInteropMessage',
    args: [data],
    chain: null,
  });
  const receipt = await c.public.waitForTransactionReceipt({ hash });
  const [event] = parseEventLogs({ abi: InteropCenter.abi, logs: receipt.logs, eventName: 'InteropMessageSent' });
  return event.args.interopHash;
}

/** The batches a settlement contract recorded for a chain: 1..n once each, contiguous block ranges. */
async function expectBatchesOnce(url: string, settlement: Address, chainId: bigint) {
  const logs = await clients(url, KEYS.user).public.getLogs({ address: settlement, fromBlock: 0n, toBlock: 'latest' });
  const committed = parseEventLogs({ abi: InteropSettlement.abi, logs, eventName: 'BatchCommitted' }).filter(
    (e) => e.args.chainId === chainId,
  );
  expect(committed.length).toBeGreaterThan(0);
  expect(committed.map((e) => Number(e.args.batchNumber))).toEqual(committed.map((_, i) => i + 1));
  for (let i = 1; i < committed.length; i++)
    expect(committed[i].args.firstBlock).toBe(committed[i - 1].args.lastBlock + 1n);
}

it('SIGKILL on a Gateway network, then restart: every message provable to the Gateway and to L1, batches once', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'interop-gw-durability-'));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const deployer = privateKeyToAccount(KEYS.deployer);
  const [l1, gateway, l2] = await Promise.all([
    anvil(9, ['--gas-limit', '1000000000']),
    anvil(506, ['--gas-limit', '1000000000']),
    anvil(271),
  ]);
  await Promise.all([
    installSystemContracts({ rpcUrl: gateway.rpcUrl }),
    installSystemContracts({ rpcUrl: l2.rpcUrl }),
  ]);
  const [onL1, onGateway] = await Promise.all([
    deploySettlementContracts({
      rpcUrl: l1.rpcUrl,
      account: deployer,
      chains: [{ chainId: 506n, operator: privateKeyToAccount(KEYS.operators[0]).address }],
    }),
    deploySettlementContracts({
      rpcUrl: gateway.rpcUrl,
      account: deployer,
      chains: [{ chainId: 271n, operator: privateKeyToAccount(KEYS.operators[1]).address }],
    }),
  ]);
  const ports = await stablePorts(2);
  const contracts = (d: { settlement: Address; deployBlockNumber: bigint }) => ({
    settlement: d.settlement,
    deployBlockNumber: Number(d.deployBlockNumber),
  });
  const configPath = join(dataDir, 'node.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      settlement: { chainId: 9, rpcUrl: l1.rpcUrl, contracts: contracts(onL1) },
      chains: [
        {
          chainId: 506,
          rpcUrl: gateway.rpcUrl,
          port: ports[0],
          operatorPrivateKey: KEYS.operators[0],
          systemCaller: 'impersonate',
          gateway: { contracts: contracts(onGateway) },
        },
        {
          chainId: 271,
          rpcUrl: l2.rpcUrl,
          port: ports[1],
          operatorPrivateKey: KEYS.operators[1],
          systemCaller: 'impersonate',
          settlesOn: 506,
        },
      ],
      dataDir: join(dataDir, 'node'),
      batchMs: 100,
    }),
  );
  const url271 = `http://127.0.0.1:${ports[1]}`;

  let node: NodeProcess = await spawnNode(configPath);
  cleanups.push(async () => node.child.kill('SIGKILL'));
  const hashes: Hex[] = [];
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < 10; i++) {
      hashes.push(await send(l2.rpcUrl, `0x${(round * 100 + i).toString(16).padStart(4, '0')}`));
      await new Promise((r) => setTimeout(r, 20));
    }
    // Killed mid-stream: 271's batches are being settled on the Gateway and the Gateway's on L1.
    node.child.kill('SIGKILL');
    await node.exited;
    hashes.push(await send(l2.rpcUrl, '0xdead'));
    node = await spawnNode(configPath);
  }

  const imported = clients(l2.rpcUrl, KEYS.user).public;
  for (const interopHash of hashes) {
    for (const [target, layer] of [
      ['settlement', 506n],
      ['l1', 9n],
    ] as const) {
      const proof = await waitFor(
        async () => (await rpc(url271, 'interop_getMessageProof', [interopHash, { target }])).result,
        `${target} proof of ${interopHash}`,
        60_000,
      );
      const checked = verifyProof({
        chainId: 271n,
        batchNumber: BigInt(proof.l1BatchNumber),
        leafIndex: BigInt(proof.l2MessageIndex),
        leaf: hashL2ToL1Log(interopMessageToLog({ interopHash, txNumberInBatch: proof.txNumberInBatch })),
        proof: proof.proof,
      });
      expect(checked.levels).toHaveLength(target === 'l1' ? 3 : 2);
      expect(checked.settlementLayer.chainId).toBe(layer);
      expect(checked.root).toBe(proof.root);
      // 271 imports the Gateway's roots and L1's.
      await waitForImportedRoot(
        imported,
        { root: proof.root, settlementLayer: { chainId: layer, blockNumber: checked.settlementLayer.blockNumber } },
        60_000,
      );
    }
  }
  await expectBatchesOnce(gateway.rpcUrl, onGateway.settlement, 271n);
  await expectBatchesOnce(l1.rpcUrl, onL1.settlement, 506n);
  node.child.kill('SIGTERM');
  expect(await node.exited).toBe(0);
});
