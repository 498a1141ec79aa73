// The crash window of a ZKsync (0x71) transaction: anvil has mined it (eth_sendTransaction answered) but its
// ZKsync hash is not recorded yet. The node is killed exactly there (test-only crash point), restarted, and the
// transaction must still be known by its ZKsync hash: receipt, status, proof and a rebroadcast all work.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InteropCenter } from '@interop/contracts';
import { decodeEip712Transaction, getEip712TransactionHash } from '@interop/node/zksync';
import { INTEROP_CENTER_ADDRESS } from '@interop/sdk/core';
import { ethers } from 'ethers';
import { encodeFunctionData, type Hex, numberToHex, parseEventLogs } from 'viem';
import { describe, expect, it } from 'vitest';
import { EIP712Signer, utils, Wallet } from 'zksync-ethers';
import { stablePort } from '../helpers/ports.js';
import { type NodeProcess, spawnNode } from './harness.js';
import { cleanupAfterAll, rpc, startTestNetwork, type TestNetwork, waitFor, waitForSealedReceipt } from './helpers.js';

const cleanups = cleanupAfterAll();

describe('0x71 crash window', () => {
  it('a node killed after the send and before the alias knows the transaction by its ZKsync hash after restart', async () => {
    const net: TestNetwork = await startTestNetwork({ l2Count: 1 });
    cleanups.push(() => net.stop());
    const port = await stablePort();
    const base = net.nodeConfig();
    const config = {
      ...base,
      chains: base.chains.map((ch) => ({ ...ch, port })),
      settlement: {
        ...base.settlement,
        contracts: { settlement: net.settlementAddress, deployBlockNumber: Number(net.deployBlockNumber) },
      },
    };
    const configPath = join(net.dataDir, 'node.json');
    writeFileSync(configPath, JSON.stringify(config));
    const url = `http://127.0.0.1:${port}`;

    const wallet = new ethers.Wallet(Wallet.createRandom().privateKey);
    await rpc(net.l2s[0].rpcUrl, 'anvil_setBalance', [wallet.address, numberToHex(10n ** 20n)]);
    const tx = {
      type: 113,
      from: wallet.address,
      to: INTEROP_CENTER_ADDRESS,
      nonce: 0,
      gasLimit: 300_000n,
      maxFeePerGas: 10_000_000_000n,
      maxPriorityFeePerGas: 1_000_000_000n,
      value: 0n,
      data: encodeFunctionData({ abi: InteropCenter.abi, functionName: 'sendInteropMessage', args: ['0x71'] }),
      chainId: 271n,
      customData: { gasPerPubdata: 50_000n },
    };
    const sig = await new EIP712Signer(wallet as never, 271).sign(tx as never);
    const raw = utils.serializeEip712({
      ...tx,
      customData: { ...tx.customData, customSignature: sig },
    } as never) as Hex;
    const zkHash = getEip712TransactionHash(decodeEip712Transaction(raw));

    let node: NodeProcess = await spawnNode(configPath, { INTEROP_TEST_CRASH_AT: 'zk-after-send-before-alias' });
    cleanups.push(async () => node.child.kill('SIGKILL'));
    await rpc(url, 'eth_sendRawTransaction', [raw]).catch(() => undefined); // the node dies answering it
    expect(await node.exited).toBeNull(); // killed by SIGKILL, not exited
    // Mined on the chain, under its anvil hash only.
    expect((await rpc(net.l2s[0].rpcUrl, 'eth_getTransactionCount', [wallet.address, 'latest'])).result).toBe('0x1');

    node = await spawnNode(configPath);
    const receipt = await waitForSealedReceipt(url, zkHash, 'the receipt by ZKsync hash, sealed');
    expect(receipt.transactionHash).toBe(zkHash);
    const [sent] = parseEventLogs({ abi: InteropCenter.abi, logs: receipt.logs, eventName: 'InteropMessageSent' });
    const status = await waitFor(async () => {
      const s = (await rpc(url, 'interop_getMessageStatus', [sent.args.interopHash])).result;
      return s?.status === 'imported' ? s : false;
    }, 'the message settled and imported');
    expect(status.txHash).toBe(zkHash); // also what the batch committed for its log
    expect((await rpc(url, 'zks_getL2ToL1LogProof', [zkHash, 0])).result?.proof).toBeDefined();
    // A rebroadcast is answered like the first send, not refused as "nonce too low".
    expect((await rpc(url, 'eth_sendRawTransaction', [raw])).result).toBe(zkHash);
  }, 120_000);
});
