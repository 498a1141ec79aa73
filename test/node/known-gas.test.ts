// The node sends its commits and root imports with a gas limit it computes (commitGasLimit, importGasLimit), not
// with an estimate, which anvil answers by executing the call several times. Against real anvils: the limits
// cover what the calls use (small and full-size batches, logs of random bytes, the Gateway variant, many roots),
// a limit that turns out too low still gets the transaction through with an estimate, and a call that fails
// still rejects with its revert reason, as an estimated one did.
import { interopCenterAbi, interopSettlementAbi } from '@interop/sdk/abis';
import { INTEROP_CENTER_ADDRESS, L1_MESSENGER_ADDRESS, type L2ToL1Log, packL2ToL1Logs } from '@interop/sdk/core';
import { type Address, decodeFunctionResult, encodeFunctionData, type Hex, pad, toFunctionSelector } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUpstream, type Upstream } from '../../packages/node/src/rpc/upstream.js';
import {
  calldataFloorGas,
  keySender,
  sendTransaction,
  type TxSender,
} from '../../packages/node/src/sendTransaction.js';
import { commitGasLimit } from '../../packages/node/src/sequencer/commitBudget.js';
import { importGasLimit } from '../../packages/node/src/settlement/importRoots.js';
import { rng } from '../contracts/helpers.js';
import { KEYS, startTestNetwork, type TestNetwork } from './helpers.js';

let net: TestNetwork;
let settlement: Upstream;
let l2: Upstream;
let operator: TxSender;
let lastBlock = 0n;
const r = rng(7);

beforeAll(async () => {
  net = await startTestNetwork({ l2Count: 1 });
  settlement = createUpstream(net.settlement.rpcUrl);
  l2 = createUpstream(net.l2s[0].rpcUrl);
  operator = keySender(KEYS.operators[0]);
  // The node funds the system caller it impersonates; so does this test.
  await l2.request('anvil_setBalance', [await systemCaller(), '0x56bc75e2d63100000']);
}, 60_000);
afterAll(async () => {
  await net?.stop();
});

/**
 * `n` logs: of random bytes (the calldata's EIP-7623 floor is then the higher cost), or shaped like InteropCenter's
 * messages (sender and key are system addresses, mostly zero bytes: the execution is the higher cost).
 */
function makeLogs(n: number, shape: 'random' | 'messages'): L2ToL1Log[] {
  return Array.from({ length: n }, (_, i) => ({
    l2ShardId: 0,
    isService: true,
    txNumberInBatch: shape === 'random' ? r.int(65536) : i,
    sender: shape === 'random' ? (r.bytes(20) as Address) : L1_MESSENGER_ADDRESS,
    key: shape === 'random' ? r.word() : pad(INTEROP_CENTER_ADDRESS),
    value: r.word(),
  }));
}

async function readTotal(name: 'totalBatchesExecuted'): Promise<bigint> {
  const data = encodeFunctionData({ abi: interopSettlementAbi, functionName: name, args: [271n] });
  const out = await settlement.request<Hex>('eth_call', [{ to: net.settlementAddress, data }, 'latest']);
  return decodeFunctionResult({ abi: interopSettlementAbi, functionName: name, data: out });
}

/** The calldata of committing (and executing) the chain's next batch with `n` random logs. */
async function nextCommit(n: number, shape: 'random' | 'messages', aggregatedRoot?: Hex): Promise<Hex> {
  const batch = (await readTotal('totalBatchesExecuted')) + 1n;
  const first = lastBlock + 1n;
  lastBlock = first + 2n;
  const args = [271n, batch, first, lastBlock, packL2ToL1Logs(makeLogs(n, shape)), Array.from({ length: n }, r.word)];
  return aggregatedRoot
    ? encodeFunctionData({
        abi: interopSettlementAbi,
        functionName: 'commitAndExecuteBatchWithAggregatedRoot',
        args: [...(args as [bigint, bigint, bigint, bigint, Hex, Hex[]]), aggregatedRoot],
      })
    : encodeFunctionData({
        abi: interopSettlementAbi,
        functionName: 'commitAndExecuteBatch',
        args: args as [bigint, bigint, bigint, bigint, Hex, Hex[]],
      });
}

/** Sends a commit from the chain's operator with gas limit `gas`, through the node's sendTransaction. */
const sendCommit = (data: Hex, gas: bigint) =>
  sendTransaction({ upstream: settlement, chainId: 9n, sender: operator, to: net.settlementAddress, data, gas });

type MinedTx = { gas: Hex; gasUsed: Hex };
async function minedTx(upstream: Upstream, hash: Hex): Promise<{ gas: bigint; gasUsed: bigint }> {
  const [tx, receipt] = (await upstream.batch([
    { method: 'eth_getTransactionByHash', params: [hash] },
    { method: 'eth_getTransactionReceipt', params: [hash] },
  ])) as [MinedTx, MinedTx];
  return { gas: BigInt(tx.gas), gasUsed: BigInt(receipt.gasUsed) };
}

const nonceOf = async (upstream: Upstream, address: Address) =>
  BigInt(await upstream.request<Hex>('eth_getTransactionCount', [address, 'latest']));

describe('commits and imports with a computed gas limit', () => {
  it('a commit is sent once with commitGasLimit, which covers what it uses', async () => {
    // 4,000 random logs is about the most the default 15 M budget lets into one batch.
    for (const [n, shape, aggregated] of [
      [1, 'messages', false],
      [64, 'random', false],
      [1000, 'messages', true],
      [1000, 'random', true],
      [4000, 'messages', false],
      [4000, 'random', false],
    ] as const) {
      const data = await nextCommit(n, shape, aggregated ? r.word() : undefined);
      const limit = commitGasLimit(n, data);
      expect(limit).toBeGreaterThan(calldataFloorGas(data));
      const sent = await sendCommit(data, limit);
      const { gas, gasUsed } = await minedTx(settlement, sent.hash);
      expect(gas, `${n} ${shape} logs: sent with the computed limit, no second try`).toBe(limit);
      expect(gasUsed).toBeLessThanOrEqual(limit);
      expect(limit, `${n} ${shape} logs: not wastefully high`).toBeLessThan(2n * gasUsed);
      expect(limit, 'within a 30 M block').toBeLessThan(30_000_000n);
    }
  });

  it('an import of many roots is sent once with importGasLimit, which covers what it uses', async () => {
    for (const count of [1, 64]) {
      const data = encodeFunctionData({
        abi: interopCenterAbi,
        functionName: 'addInteropRootsInBatch',
        args: [
          Array.from({ length: count }, (_, i) => ({
            chainId: 9n,
            blockOrBatchNumber: BigInt(1_000_000 * count + i),
            sides: [r.word()],
          })),
        ],
      });
      const limit = importGasLimit(count, data);
      expect(limit).toBeGreaterThan(calldataFloorGas(data));
      const sent = await sendTransaction({
        upstream: l2,
        chainId: 271n,
        sender: { kind: 'impersonate', address: await systemCaller() },
        to: INTEROP_CENTER_ADDRESS,
        data,
        gas: limit,
      });
      const { gas, gasUsed } = await minedTx(l2, sent.hash);
      expect(gas).toBe(limit);
      expect(gasUsed).toBeLessThanOrEqual(limit);
      expect(limit).toBeLessThan(2n * gasUsed);
    }
  });

  it('a limit too low for the call: the transaction reverts, and is sent again with an estimate', async () => {
    const data = await nextCommit(50, 'messages');
    const before = await readTotal('totalBatchesExecuted');
    const from = keyAddress();
    const nonce = await nonceOf(settlement, from);
    // Enough to be a valid transaction, not enough to run the commit.
    const sent = await sendCommit(data, calldataFloorGas(data) + 5_000n);
    expect(await readTotal('totalBatchesExecuted')).toBe(before + 1n);
    expect(await nonceOf(settlement, from)).toBe(nonce + 2n);
    expect((await minedTx(settlement, sent.hash)).gas).toBeGreaterThan(calldataFloorGas(data) + 5_000n);
  });

  it('a call that fails rejects with its revert reason, and commits nothing', async () => {
    const data = await nextCommit(3, 'messages');
    await sendCommit(data, commitGasLimit(3, data));
    const before = await readTotal('totalBatchesExecuted');
    // The same batch again: out of order now.
    const again = sendCommit(data, commitGasLimit(3, data));
    const err = await again.then(
      () => undefined,
      (e: unknown) => e as Error & { data?: unknown },
    );
    expect(err?.name).toBe('UpstreamError');
    expect(JSON.stringify(err?.data)).toContain(batchOutOfOrderSelector());
    expect(await readTotal('totalBatchesExecuted')).toBe(before);
  });
});

function keyAddress(): Address {
  if (operator.kind !== 'key') throw new Error('the operator signs with a key here');
  return operator.account.address;
}

async function systemCaller(): Promise<Address> {
  const data = encodeFunctionData({ abi: interopCenterAbi, functionName: 'SYSTEM_CALLER' });
  const out = await l2.request<Hex>('eth_call', [{ to: INTEROP_CENTER_ADDRESS, data }, 'latest']);
  return decodeFunctionResult({ abi: interopCenterAbi, functionName: 'SYSTEM_CALLER', data: out });
}

function batchOutOfOrderSelector(): string {
  return toFunctionSelector('BatchOutOfOrder(uint256,uint256,uint256)');
}
