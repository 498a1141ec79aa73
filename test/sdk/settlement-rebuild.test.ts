// The settlement-layer-only proof rebuild, checked without the node: this test plays the sequencer by hand
// (packs the logs of real L2 transactions, commits and executes them on a real InteropSettlement), then the SDK
// rebuilds the proofs from the settlement layer alone and the L2's InteropCenter accepts them once the root is
// imported. The same rebuild is compared with the node's own proofs in the devnet tests.

import { InteropCenter, InteropSettlement, L1Messenger } from '@interop/contracts';
import { type AnvilInstance, startAnvil } from '@interop/devnet';
import { deploySettlementContracts, installSystemContracts } from '@interop/devnet/deploy';
import {
  buildInteropProofFromSettlementLayer,
  MessageNotFoundError,
  MessageNotProvableError,
  sendInteropMessage,
  verifyInteropMessage,
  verifyInteropMessageOffchain,
} from '@interop/sdk';
import {
  INTEROP_CENTER_ADDRESS,
  L1_MESSENGER_ADDRESS,
  type L2ToL1Log,
  packL2ToL1Logs,
  SYSTEM_CALLER_ADDRESS,
} from '@interop/sdk/core';
import {
  type AbiEvent,
  type Address,
  createClient,
  createWalletClient,
  getAbiItem,
  type Hex,
  http,
  keccak256,
  pad,
  parseEventLogs,
  stringToHex,
  toEventSelector,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { readContract, waitForTransactionReceipt, writeContract } from 'viem/actions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const key = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const account = privateKeyToAccount(key);
let sl: AnvilInstance;
let l2: AnvilInstance;
let settlement: Address;
const slClient = () => createClient({ transport: http(sl.rpcUrl), pollingInterval: 25 });
const l2Client = () => createClient({ transport: http(l2.rpcUrl), pollingInterval: 25 });

beforeAll(async () => {
  [sl, l2] = await Promise.all([startAnvil({ chainId: 9 }), startAnvil({ chainId: 271 })]);
  await installSystemContracts({ rpcUrl: l2.rpcUrl, impersonateSystemCaller: true });
  ({ settlement } = await deploySettlementContracts({
    rpcUrl: sl.rpcUrl,
    account,
    chains: [
      { chainId: 271n, operator: account.address },
      { chainId: 272n, operator: account.address },
    ],
  }));
});
afterAll(async () => {
  await Promise.all([sl?.stop(), l2?.stop()]);
});

/** Sends `count` messages on the L2; returns their hashes and the batch's logs (every L1MessageSent, in order). */
async function sendBatch(count: number, tag: string) {
  const wallet = createWalletClient({ account, transport: http(l2.rpcUrl), pollingInterval: 25 });
  const logs: L2ToL1Log[] = [];
  const txHashes: Hex[] = [];
  const hashes: Hex[] = [];
  for (let i = 0; i < count; i++) {
    const sent = await sendInteropMessage(wallet, { data: stringToHex(`${tag}-${i}`) });
    hashes.push(sent.interopHash);
    for (const ev of parseEventLogs({ abi: L1Messenger.abi, eventName: 'L1MessageSent', logs: sent.receipt.logs })) {
      logs.push({
        l2ShardId: 0,
        isService: true,
        txNumberInBatch: i,
        sender: L1_MESSENGER_ADDRESS,
        key: pad(ev.args._sender),
        value: ev.args._hash,
      });
      txHashes.push(sent.txHash);
    }
  }
  return { logs, txHashes, hashes };
}

let batchNumber = 0n;
let lastBlock = 0n;
function settle(logs: L2ToL1Log[], txHashes: Hex[], execute = true, options: { nonce?: number } = {}) {
  batchNumber++;
  const first = lastBlock + 1n;
  lastBlock += 1000n;
  return sendSettlement(
    execute ? 'commitAndExecuteBatch' : 'commitBatch',
    [271n, batchNumber, first, lastBlock, packL2ToL1Logs(logs), txHashes],
    options,
  );
}

const batchEventTopics = new Set(
  (['BatchCommitted', 'BatchExecuted'] as const).map((name) =>
    toEventSelector(getAbiItem({ abi: InteropSettlement.abi, name }) as AbiEvent),
  ),
);

let batch272 = 0n;
/** Commits and executes an empty batch of chain 272 (no L2 behind it: its batches only move the shared tree). */
function settle272(options: { nonce?: number } = {}) {
  batch272++;
  return sendSettlement('commitAndExecuteBatch', [272n, batch272, batch272, batch272, '0x', []], options);
}

/** Sends a settlement call; with a nonce, gas is fixed (no estimate against a block not yet mined) and not awaited. */
async function sendSettlement(functionName: string, args: unknown[], options: { nonce?: number } = {}) {
  const wallet = createWalletClient({ account, transport: http(sl.rpcUrl), pollingInterval: 25 });
  const hash = await writeContract(wallet, {
    address: settlement,
    abi: InteropSettlement.abi,
    functionName: functionName as 'commitAndExecuteBatch',
    args: args as never,
    chain: null,
    ...(options.nonce === undefined ? {} : { nonce: options.nonce, gas: 2_000_000n }),
  });
  return options.nonce === undefined ? waitForTransactionReceipt(slClient(), { hash }) : hash;
}

/** Imports the settlement root of `block` into the L2's InteropCenter as the system caller. */
async function importRoot(block: bigint) {
  const root = (await readContract(slClient(), {
    address: settlement,
    abi: InteropSettlement.abi,
    functionName: 'historicalRoot',
    args: [block],
  })) as Hex;
  const wallet = createWalletClient({
    account: SYSTEM_CALLER_ADDRESS,
    transport: http(l2.rpcUrl),
    pollingInterval: 25,
  });
  const tx = await writeContract(wallet, {
    address: INTEROP_CENTER_ADDRESS,
    abi: InteropCenter.abi,
    functionName: 'addInteropRoot',
    args: [9n, block, [root]],
    chain: null,
  });
  await waitForTransactionReceipt(l2Client(), { hash: tx });
}

describe('buildInteropProofFromSettlementLayer (hand-driven settlement)', () => {
  it('rebuilds proofs for messages in several batches that verify on the L2', async () => {
    const batches = [];
    for (const [i, n] of [3, 1, 4].entries()) {
      const b = await sendBatch(n, `b${i}`);
      const receipt = (await settle(b.logs, b.txHashes)) as { blockNumber: bigint };
      batches.push({ ...b, block: receipt.blockNumber });
    }
    // An empty batch in between does not disturb anything.
    await settle([], []);
    for (const b of batches) await importRoot(b.block);

    for (const b of batches) {
      for (const interopHash of b.hashes) {
        const proof = await buildInteropProofFromSettlementLayer({
          settlementClient: slClient(),
          settlement,
          sourceChainId: 271n,
          interopHash,
        });
        expect(proof.settlementLayer).toEqual({ chainId: 9n, blockNumber: b.block });
        expect(await verifyInteropMessage(l2Client(), { interopHash, proof })).toBe(true);
        const off = await verifyInteropMessageOffchain(l2Client(), { interopHash, proof });
        expect(off.verified).toBe(true);
        // Settlement-side verification agrees.
        expect(await verifyInteropMessage(slClient(), { interopHash, proof, address: settlement })).toBe(true);
        // Another hash with the same proof does not verify.
        expect(await verifyInteropMessage(l2Client(), { interopHash: keccak256(interopHash), proof })).toBe(false);
      }
    }
    // By transaction hash: same proof as by interop hash.
    const byTx = await buildInteropProofFromSettlementLayer({
      settlementClient: slClient(),
      settlement,
      sourceChainId: 271n,
      txHash: batches[2].txHashes[1],
    });
    const byHash = await buildInteropProofFromSettlementLayer({
      settlementClient: slClient(),
      settlement,
      sourceChainId: 271n,
      interopHash: batches[2].hashes[1],
    });
    expect(byTx).toEqual(byHash);

    // A known batch: its commit is found by the indexed (chainId, batchNumber) topics, one transaction read.
    const methods: string[] = [];
    const counting = createClient({
      transport: http(sl.rpcUrl, {
        onFetchRequest: async (r) => {
          methods.push((await r.clone().json()).method);
        },
      }),
    });
    const byBatch = await buildInteropProofFromSettlementLayer({
      settlementClient: counting,
      settlement,
      sourceChainId: 271n,
      interopHash: batches[0].hashes[0],
      batchNumber: (
        await buildInteropProofFromSettlementLayer({
          settlementClient: slClient(),
          settlement,
          sourceChainId: 271n,
          interopHash: batches[0].hashes[0],
        })
      ).l1BatchNumber,
    });
    expect(await verifyInteropMessage(l2Client(), { interopHash: batches[0].hashes[0], proof: byBatch })).toBe(true);
    expect(methods.filter((m) => m === 'eth_getTransactionByHash')).toHaveLength(1);
    const wrongBatch = await buildInteropProofFromSettlementLayer({
      settlementClient: slClient(),
      settlement,
      sourceChainId: 271n,
      interopHash: batches[0].hashes[0],
      batchNumber: byBatch.l1BatchNumber + 1n,
    }).catch((e) => e);
    expect(wrongBatch).toBeInstanceOf(MessageNotFoundError);
  });

  it('rebuilds a known batch from its execution block alone, with several tree writes in that block', async () => {
    // History: batches of both chains, one settlement block each, that the rebuild must not read.
    for (let i = 0; i < 60; i++) {
      await settle([], []);
      await settle272();
    }
    const a = await sendBatch(2, 'same-block-a');
    const b = await sendBatch(1, 'same-block-b');
    // One settlement block: 271's batch with a, 272's batch, 271's batch with b, then two new chains (the shared
    // tree grows a level, 3 → 5 leaves), all after a's writes: a's paths change after its own announcement.
    const request = (method: string, params: unknown[] = []) => slClient().request({ method, params } as never);
    let nonce = Number(await request('eth_getTransactionCount', [account.address, 'latest']));
    await request('evm_setAutomine', [false]);
    const hashes: Hex[] = [];
    try {
      hashes.push((await settle(a.logs, a.txHashes, true, { nonce: nonce++ })) as Hex);
      hashes.push((await settle272({ nonce: nonce++ })) as Hex);
      hashes.push((await settle(b.logs, b.txHashes, true, { nonce: nonce++ })) as Hex);
      for (const chainId of [273n, 274n])
        hashes.push((await sendSettlement('registerChain', [chainId, account.address], { nonce: nonce++ })) as Hex);
    } finally {
      await request('evm_mine');
      await request('evm_setAutomine', [true]);
    }
    const receipts = await Promise.all(hashes.map((hash) => waitForTransactionReceipt(slClient(), { hash })));
    expect(receipts.map((r) => r.status)).toEqual(hashes.map(() => 'success'));
    const block = receipts[0].blockNumber;
    expect(receipts.every((r) => r.blockNumber === block)).toBe(true);
    await importRoot(block);

    const batchOf = new Map([...a.hashes.map((h) => [h, batchNumber - 1n] as const), [b.hashes[0], batchNumber]]);
    for (const [interopHash, batch] of batchOf) {
      const requests: { method: string; params: unknown[] }[] = [];
      const counting = createClient({
        transport: http(sl.rpcUrl, { onFetchRequest: async (r) => void requests.push(await r.clone().json()) }),
      });
      const proof = await buildInteropProofFromSettlementLayer({
        settlementClient: counting,
        settlement,
        sourceChainId: 271n,
        interopHash,
        batchNumber: batch,
      });
      expect(proof.settlementLayer).toEqual({ chainId: 9n, blockNumber: block });
      expect(await verifyInteropMessage(l2Client(), { interopHash, proof })).toBe(true);
      expect(await verifyInteropMessage(slClient(), { interopHash, proof, address: settlement })).toBe(true);
      // What was read: the commit and the execution through probes of at most 64 blocks (a binary search over
      // the chain's batch events), the trees and the root from the execution block alone; one commit transaction.
      const getLogs = requests
        .filter((r) => r.method === 'eth_getLogs')
        .map((r) => r.params[0] as { fromBlock: Hex; toBlock: Hex; topics: (Hex | null)[] });
      expect(block).toBeGreaterThan(96n); // so a read of the history would be seen
      for (const filter of getLogs) {
        const [from, to] = [BigInt(filter.fromBlock), BigInt(filter.toBlock)];
        expect(to - from).toBeLessThan(64n);
        if (!batchEventTopics.has(filter.topics[0]!)) expect([from, to]).toEqual([block, block]);
      }
      expect(requests.filter((r) => r.method === 'eth_getTransactionByHash')).toHaveLength(1);
    }
  });

  it('names a message that is committed but not executed, and one that is nowhere', async () => {
    const b = await sendBatch(1, 'late');
    await settle(b.logs, b.txHashes, false);
    const err = await buildInteropProofFromSettlementLayer({
      settlementClient: slClient(),
      settlement,
      sourceChainId: 271n,
      interopHash: b.hashes[0],
    }).catch((e) => e);
    expect(err).toBeInstanceOf(MessageNotProvableError);
    expect(err.why).toBe('not-executed');
    const missing = await buildInteropProofFromSettlementLayer({
      settlementClient: slClient(),
      settlement,
      sourceChainId: 271n,
      interopHash: keccak256('0x01'),
    }).catch((e) => e);
    expect(missing).toBeInstanceOf(MessageNotFoundError);
  });
});
