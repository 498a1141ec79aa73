// The node's durability: killed with SIGKILL during a stream of messages, and the settlement layer stopped and
// restarted. Afterwards every message is provable and every batch was committed exactly once, in order.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InteropSettlement } from '@interop/contracts';
import { startAnvil } from '@interop/devnet';
import { startNode } from '@interop/node';
import { hashL2ToL1Log, interopMessageToLog, verifyProof } from '@interop/sdk/core';
import { type Hex, parseEventLogs } from 'viem';
import { describe, expect, it } from 'vitest';
import { CLI_BIN } from '../helpers/cli.js';
import { stablePort, stablePorts } from '../helpers/ports.js';
import { type NodeProcess, spawnNode } from './harness.js';
import {
  cleanupAfterAll,
  clients,
  deployTestSettlement,
  KEYS,
  rpc,
  sendMessage,
  startTestNetwork,
  type TestNetwork,
  waitFor,
  waitForImportedRoot,
} from './helpers.js';

const cleanups = cleanupAfterAll();

/** Sends an interop message straight to the L2 anvil (the node may be down) and returns its hash. */
const send = async (l2Url: string, key: Hex, data: Hex) => (await sendMessage(l2Url, data, key)).interopHash;

/** Every message has a proof that verifies against the root its settlement block got, and that root is on-chain. */
async function expectAllProvable(nodeUrl: string, importUrl: string, hashes: Hex[], chainId: bigint) {
  const importer = clients(importUrl, KEYS.user);
  for (const interopHash of hashes) {
    const proof = await waitFor(
      async () => (await rpc(nodeUrl, 'interop_getMessageProof', [interopHash])).result,
      `proof of ${interopHash}`,
      60_000,
    );
    const leaf = hashL2ToL1Log(interopMessageToLog({ interopHash, txNumberInBatch: proof.txNumberInBatch }));
    const checked = verifyProof({
      chainId,
      batchNumber: BigInt(proof.l1BatchNumber),
      leafIndex: BigInt(proof.l2MessageIndex),
      leaf,
      proof: proof.proof,
    });
    expect(checked.root).toBe(proof.root);
    await waitForImportedRoot(importer.public, proof, 60_000);
  }
}

/** Batches as the settlement contract recorded them: numbers 1..n once each, contiguous block ranges. */
async function expectBatchesOnce(net: TestNetwork, settlementUrl: string, chainId: number) {
  const c = clients(settlementUrl, KEYS.user);
  const logs = await c.public.getLogs({ address: net.settlementAddress, fromBlock: 0n, toBlock: 'latest' });
  const committed = parseEventLogs({ abi: InteropSettlement.abi, logs, eventName: 'BatchCommitted' }).filter(
    (e) => e.args.chainId === BigInt(chainId),
  );
  const executed = parseEventLogs({ abi: InteropSettlement.abi, logs, eventName: 'BatchExecuted' }).filter(
    (e) => e.args.chainId === BigInt(chainId),
  );
  expect(committed.length).toBeGreaterThan(0);
  expect(committed.map((e) => Number(e.args.batchNumber))).toEqual(committed.map((_, i) => i + 1));
  expect(executed.map((e) => Number(e.args.batchNumber))).toEqual(executed.map((_, i) => i + 1));
  for (let i = 1; i < committed.length; i++)
    expect(committed[i].args.firstBlock).toBe(committed[i - 1].args.lastBlock + 1n);
  return committed.length;
}

describe('interop node command', () => {
  it('a bad config gets one clear line and exit code 2', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'interop-node-cli-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'node.json');
    writeFileSync(
      path,
      JSON.stringify({
        settlement: { chainId: 9, rpcUrl: 'http://127.0.0.1:1', contracts: {} },
        chains: [],
        dataDir: 'd',
      }),
    );
    const { spawnSync } = await import('node:child_process');
    const run = spawnSync(process.execPath, [CLI_BIN, 'node', '--config', path], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/settlement\.contracts\.settlement/);
    const missing = spawnSync(process.execPath, [CLI_BIN, 'node', '--config', join(dir, 'nope.json')], {
      encoding: 'utf8',
    });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read config file/);
  });
});

describe('node durability', () => {
  it('SIGKILL during a stream of messages, then restart: every message provable, no batch committed twice', async () => {
    const net = await startTestNetwork();
    cleanups.push(() => net.stop());
    const ports = await stablePorts(2);
    const base = net.nodeConfig();
    const config = {
      ...base,
      chains: base.chains.map((ch, i) => ({ ...ch, port: ports[i] })),
      settlement: {
        ...base.settlement,
        contracts: { settlement: net.settlementAddress, deployBlockNumber: Number(net.deployBlockNumber) },
      },
    };
    const configPath = join(net.dataDir, 'node.json');
    writeFileSync(configPath, JSON.stringify(config));
    const url271 = `http://127.0.0.1:${ports[0]}`;
    const url272 = `http://127.0.0.1:${ports[1]}`;

    let node: NodeProcess = await spawnNode(configPath);
    cleanups.push(async () => node.child.kill('SIGKILL'));
    const hashes: Hex[] = [];
    const hashes272: Hex[] = [];
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 12; i++) {
        hashes.push(await send(net.l2s[0].rpcUrl, KEYS.user, `0x${(round * 100 + i).toString(16).padStart(4, '0')}`));
        if (i % 4 === 0) hashes272.push(await send(net.l2s[1].rpcUrl, KEYS.user2, '0xbeef'));
        await new Promise((r) => setTimeout(r, 15));
      }
      // Kill it mid-stream (batches sealed, some being committed), keep sending while it is down, restart.
      node.child.kill('SIGKILL');
      await node.exited;
      hashes.push(await send(net.l2s[0].rpcUrl, KEYS.user, '0xdead'));
      node = await spawnNode(configPath);
    }
    await expectAllProvable(url271, net.l2s[1].rpcUrl, hashes, 271n);
    await expectAllProvable(url272, net.l2s[0].rpcUrl, hashes272, 272n);
    const batches = await expectBatchesOnce(net, net.settlement.rpcUrl, 271);
    expect(Number((await rpc(url271, 'zks_L1BatchNumber')).result)).toBeGreaterThanOrEqual(batches);
    await expectBatchesOnce(net, net.settlement.rpcUrl, 272);

    // SIGTERM stops it cleanly with exit code 0.
    node.child.kill('SIGTERM');
    expect(await node.exited).toBe(0);
  });

  it('settlement layer stopped and restarted: batches wait, then go through; nothing lost', async () => {
    const net = await startTestNetwork({ settlementArgs: [] });
    cleanups.push(() => net.stop());
    // Restartable settlement layer: a second anvil with --state, which keeps chain state across restarts.
    const statePath = join(net.dataDir, 'settlement-state.json');
    const port = await stablePort();
    let settlement = await startAnvil({ chainId: 9, port, args: ['--gas-limit', '1000000000', '--state', statePath] });
    cleanups.push(() => settlement.stop());
    const deployed = await deployTestSettlement(settlement.rpcUrl, net.l2s);
    const base = net.nodeConfig();
    const node = await startNode({
      ...base,
      settlement: {
        chainId: 9,
        rpcUrl: settlement.rpcUrl,
        contracts: { settlement: deployed.settlement, deployBlockNumber: deployed.deployBlockNumber },
      },
    });
    cleanups.push(() => node.stop());
    const url271 = node.chains[0].rpcUrl;

    const before = [await send(url271, KEYS.user, '0x01'), await send(url271, KEYS.user, '0x02')];
    await expectAllProvable(url271, net.l2s[1].rpcUrl, before, 271n);

    await settlement.stop(); // SIGTERM: anvil writes its state
    const during: Hex[] = [];
    for (let i = 0; i < 6; i++) {
      during.push(await send(url271, KEYS.user, `0x1${i}`));
      await new Promise((r) => setTimeout(r, 120));
    }
    // The sequencer keeps sealing while the settlement layer is away; nothing gets a proof yet.
    await waitFor(async () => {
      const s = (await rpc(url271, 'interop_getMessageStatus', [during[during.length - 1]])).result;
      return s?.status === 'sealed';
    }, 'sealed while the settlement layer is down');
    expect((await rpc(url271, 'interop_getMessageProof', [during[0]])).result).toBeNull();

    settlement = await startAnvil({ chainId: 9, port, args: ['--gas-limit', '1000000000', '--state', statePath] });
    const after = [await send(url271, KEYS.user, '0x03')];
    await expectAllProvable(url271, net.l2s[1].rpcUrl, [...before, ...during, ...after], 271n);
    const settlementNet = { ...net, settlementAddress: deployed.settlement };
    await expectBatchesOnce(settlementNet, settlement.rpcUrl, 271);
  });
});

describe('a settlement layer that takes no batches', () => {
  it('the chain seals at most maxUnsettledBatches ahead; what waited goes into fewer, bigger batches', async () => {
    const net = await startTestNetwork();
    cleanups.push(() => net.stop());
    const node = await startNode({ ...net.nodeConfig(), maxUnsettledBatches: 2 });
    cleanups.push(() => node.stop());
    const url = node.chains[0].rpcUrl;
    await expectAllProvable(url, net.l2s[1].rpcUrl, [await send(url, KEYS.user, '0x01')], 271n);
    const settled = Number((await rpc(url, 'zks_L1BatchNumber', [])).result);

    // Commits stay in the settlement layer's pool: nothing more executes.
    await rpc(net.settlement.rpcUrl, 'evm_setAutomine', [false]);
    const held: Hex[] = [];
    for (let i = 0; i < 6; i++) {
      held.push(await send(url, KEYS.user, `0x1${i}`));
      await new Promise((r) => setTimeout(r, 150)); // a batch round (100 ms) between sends
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(Number((await rpc(url, 'zks_L1BatchNumber', [])).result)).toBeLessThanOrEqual(settled + 2);
    expect((await rpc(url, 'interop_getMessageStatus', [held.at(-1)])).result.status).toBe('sent');

    await rpc(net.settlement.rpcUrl, 'evm_setAutomine', [true]);
    await rpc(net.settlement.rpcUrl, 'evm_mine', []);
    await expectAllProvable(url, net.l2s[1].rpcUrl, held, 271n);
    const batches = new Set<string>();
    for (const h of held) batches.add((await rpc(url, 'interop_getMessageProof', [h])).result.l1BatchNumber);
    expect(batches.size).toBeLessThan(held.length);
  });
});
