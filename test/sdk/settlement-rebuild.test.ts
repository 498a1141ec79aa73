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
  type Address,
  createClient,
  createWalletClient,
  type Hex,
  http,
  keccak256,
  pad,
  parseEventLogs,
  stringToHex,
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
    chains: [{ chainId: 271n, operator: account.address }],
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
async function settle(logs: L2ToL1Log[], txHashes: Hex[], execute = true) {
  batchNumber++;
  const first = lastBlock + 1n;
  lastBlock += 1000n;
  const wallet = createWalletClient({ account, transport: http(sl.rpcUrl), pollingInterval: 25 });
  const tx = await writeContract(wallet, {
    address: settlement,
    abi: InteropSettlement.abi,
    functionName: execute ? 'commitAndExecuteBatch' : 'commitBatch',
    args: [271n, batchNumber, first, lastBlock, packL2ToL1Logs(logs), txHashes],
    chain: null,
  });
  return waitForTransactionReceipt(slClient(), { hash: tx });
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
      const receipt = await settle(b.logs, b.txHashes);
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
