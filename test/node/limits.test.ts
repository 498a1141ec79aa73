import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InteropCenter } from '@interop/contracts';
import { NodeError, NodePortInUseError, Store, startNode } from '@interop/node';
import { INTEROP_CENTER_ADDRESS } from '@interop/sdk/core';
import { encodeFunctionData, type Hex, parseEventLogs } from 'viem';
import { describe, expect, it } from 'vitest';
import { cleanupAfterAll, clients, KEYS, rpc, startTestNetwork, type TestNetwork, waitFor } from './helpers.js';

const cleanups = cleanupAfterAll();

/** A one-L2 node config whose endpoints do not answer: for checks that fail before the node reaches them. */
const unreachableNetwork = (dataDir: string, port: number) => ({
  settlement: {
    chainId: 9,
    rpcUrl: 'http://127.0.0.1:1',
    contracts: { settlement: '0x2222222222222222222222222222222222222222' as const },
  },
  chains: [
    {
      chainId: 271,
      rpcUrl: 'http://127.0.0.1:1',
      port,
      operatorPrivateKey: KEYS.operators[0],
      systemCaller: 'impersonate' as const,
    },
  ],
  dataDir,
});

describe('node limits', () => {
  it('cuts batches at maxLogsPerBatch on block boundaries; every message stays provable', async () => {
    const net: TestNetwork = await startTestNetwork({ l2Count: 1 });
    cleanups.push(() => net.stop());
    // Three blocks of two messages each, made before the node starts, so its first round sees all six logs.
    const l2 = net.l2s[0].rpcUrl;
    const c = clients(l2, KEYS.user);
    await rpc(l2, 'evm_setAutomine', [false]);
    const txs: Hex[] = [];
    for (let b = 0; b < 3; b++) {
      for (let i = 0; i < 2; i++) {
        const data = encodeFunctionData({
          abi: InteropCenter.abi,
          functionName: 'sendInteropMessage',
          args: [`0x0${b}0${i}`],
        });
        txs.push(await c.wallet.sendTransaction({ to: INTEROP_CENTER_ADDRESS, data, gas: 300_000n, chain: null }));
      }
      await rpc(l2, 'evm_mine');
    }
    await rpc(l2, 'evm_setAutomine', [true]);
    const hashes: Hex[] = [];
    for (const tx of txs) {
      const receipt = await c.public.getTransactionReceipt({ hash: tx });
      hashes.push(
        parseEventLogs({ abi: InteropCenter.abi, logs: receipt.logs, eventName: 'InteropMessageSent' })[0].args
          .interopHash,
      );
    }

    const node = await startNode(net.nodeConfig({ maxLogsPerBatch: 3 }));
    cleanups.push(() => node.stop());
    const url = node.chains[0].rpcUrl;
    const proofs = [];
    for (const h of hashes)
      proofs.push(await waitFor(async () => (await rpc(url, 'interop_getMessageProof', [h])).result, `proof of ${h}`));
    // Two messages per block and at most 3 logs per batch: one block per batch, so batches 1, 2, 3.
    expect(proofs.map((p) => Number(p.l1BatchNumber))).toEqual([1, 1, 2, 2, 3, 3]);
    expect(proofs.map((p) => Number(p.l2MessageIndex))).toEqual([0, 1, 0, 1, 0, 1]);
    expect(proofs.map((p) => p.txNumberInBatch)).toEqual([0, 1, 0, 1, 0, 1]);
    for (let n = 1; n <= 3; n++) {
      const details = (await rpc(url, 'zks_getL1BatchDetails', [n])).result;
      expect(details.logCount).toBe(2);
      expect(details.firstBlock).toBe(details.lastBlock);
    }
  });

  it('a port in use rejects with NodePortInUseError naming it, and leaves nothing running', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'interop-node-port-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise((r) => blocker.close(r)));
    const port = (blocker.address() as AddressInfo).port;
    const start = startNode(unreachableNetwork(dataDir, port));
    await expect(start).rejects.toThrow(NodePortInUseError);
    await expect(start).rejects.toThrow(String(port));
  });

  it('refuses a data directory that belongs to another network', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'interop-node-store-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const store = new Store(dataDir);
    store.setMeta('settlement', '9:0x1111111111111111111111111111111111111111');
    store.close();
    const start = startNode(unreachableNetwork(dataDir, 0));
    await expect(start).rejects.toThrow(NodeError);
    await expect(start).rejects.toThrow(/belongs to another network/);
  });
});
