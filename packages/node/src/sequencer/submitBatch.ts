import { interopSettlementAbi } from '@interop/sdk/abis';
import { bytesToHexFast } from '@interop/sdk/core';
import { type Address, decodeFunctionResult, encodeFunctionData, type Hex } from 'viem';
import { NodeError, UpstreamError } from '../errors.js';
import type { Upstream } from '../rpc/upstream.js';
import { sendTransaction, type TxSender } from '../sendTransaction.js';
import type { BatchForCommit, Store } from '../store/store.js';
import { crashPoint } from '../testHooks.js';
import { commitGasLimit } from './commitBudget.js';

/** The settlement layer holds batches this node's store does not know: refusing to guess. */
export class StoreBehindSettlementError extends NodeError {
  override name = 'StoreBehindSettlementError';
}

/**
 * The settlement layer holds a committed batch whose root is not the one the node sealed (the chain's history
 * changed while its commit was in flight): the node does not execute it and halts the chain.
 */
export class CommittedBatchMismatchError extends NodeError {
  override name = 'CommittedBatchMismatchError';
  readonly batch: number;
  readonly firstBlock: number;
  constructor(chainId: bigint, batch: { number: number; firstBlock: number }, committed: Hex, sealed: Hex) {
    super(`L2 ${chainId}: batch ${batch.number} is committed with root ${committed}, but the node sealed ${sealed}`);
    this.batch = batch.number;
    this.firstBlock = batch.firstBlock;
  }
}

/** Parameters of {@link submitNextBatch}. */
export type SubmitNextBatchParameters = {
  store: Store;
  settlement: Upstream;
  settlementChainId: bigint;
  settlementAddress: Address;
  chainId: bigint;
  operator: TxSender;
  /**
   * Asked right before a batch is committed: false if the chain no longer holds the batch's blocks (its history
   * changed since the seal), and then nothing is sent — the sequencer seals those blocks again first.
   */
  isStillOnChain?: (batch: BatchForCommit) => Promise<boolean>;
  /**
   * Asked right before a commit or execute: false if the settlement layer's history changed under what the watcher read,
   * and then nothing is sent until the watcher has read it again (so no root lands at a block number an L2
   * already holds another root for).
   */
  settlementUnchanged?: () => Promise<boolean>;
};

/** What {@link submitNextBatch} did. */
export type SubmitNextBatchReturnType =
  | { action: 'none' }
  | { action: 'history-changed' }
  | { action: 'settlement-changed' }
  | { action: 'committed-and-executed' | 'executed'; batch: number; txHash: Hex; pending: number };

/** Reads the settlement contract's view of a chain: batches committed and executed so far. */
export async function readSettlementTotals(params: {
  settlement: Upstream;
  settlementAddress: Address;
  chainId: bigint;
}): Promise<{ committed: number; executed: number }> {
  const call = (functionName: 'totalBatchesCommitted' | 'totalBatchesExecuted') => ({
    method: 'eth_call',
    params: [
      {
        to: params.settlementAddress,
        data: encodeFunctionData({ abi: interopSettlementAbi, functionName, args: [params.chainId] }),
      },
      'latest',
    ],
  });
  const [committed, executed] = await params.settlement.batch([
    call('totalBatchesCommitted'),
    call('totalBatchesExecuted'),
  ]);
  if (committed instanceof UpstreamError) throw committed;
  if (executed instanceof UpstreamError) throw executed;
  const decode = (functionName: 'totalBatchesCommitted' | 'totalBatchesExecuted', data: unknown) =>
    Number(decodeFunctionResult({ abi: interopSettlementAbi, functionName, data: data as Hex }));
  return { committed: decode('totalBatchesCommitted', committed), executed: decode('totalBatchesExecuted', executed) };
}

// A committed batch is executed only if its root is the one in the store.
async function checkCommittedRoot(params: SubmitNextBatchParameters, number: number): Promise<void> {
  const batch = params.store.getBatch(Number(params.chainId), number);
  if (!batch) throw new NodeError(`L2 ${params.chainId}: batch ${number} is missing from the store`);
  const data = await params.settlement.request<Hex>('eth_call', [
    {
      to: params.settlementAddress,
      data: encodeFunctionData({
        abi: interopSettlementAbi,
        functionName: 'batchRoot',
        args: [params.chainId, BigInt(number)],
      }),
    },
    'latest',
  ]);
  const committed = decodeFunctionResult({ abi: interopSettlementAbi, functionName: 'batchRoot', data });
  if (committed.toLowerCase() !== batch.chainBatchRoot.toLowerCase())
    throw new CommittedBatchMismatchError(params.chainId, batch, committed, batch.chainBatchRoot);
}

/**
 * Moves the chain's oldest unexecuted batch forward on the settlement layer by one transaction. The
 * settlement contract's own counters decide what to send, so after a crash nothing is committed twice and
 * nothing is skipped: a batch already committed is only executed; one not yet committed is committed and
 * executed in one transaction (with its packed logs and per-log tx hashes as calldata).
 */
export async function submitNextBatch(params: SubmitNextBatchParameters): Promise<SubmitNextBatchReturnType> {
  const { store, chainId } = params;
  const lastBatch = store.getChainProgress(Number(chainId)).lastBatch;
  const totals = await readSettlementTotals(params);
  if (totals.committed > lastBatch)
    throw new StoreBehindSettlementError(
      `L2 ${chainId}: the settlement layer has ${totals.committed} batches committed but the node's store only ${lastBatch}`,
      {
        details:
          'the data directory does not belong to this settlement layer (or was reset); use a fresh network or the matching data directory',
      },
    );
  if (totals.executed >= lastBatch) return { action: 'none' };
  // Every send below makes a new root: not on top of a settlement history the watcher has not read yet.
  if (params.settlementUnchanged && !(await params.settlementUnchanged())) return { action: 'settlement-changed' };
  const next = totals.executed + 1;
  let data: Hex;
  let gas: bigint | undefined;
  let action: 'committed-and-executed' | 'executed';
  if (next <= totals.committed) {
    await checkCommittedRoot(params, next);
    action = 'executed';
    data = encodeFunctionData({
      abi: interopSettlementAbi,
      functionName: 'executeBatch',
      args: [chainId, BigInt(next)],
    });
  } else {
    const batch = store.getBatchForCommit(Number(chainId), next);
    if (!batch) throw new NodeError(`L2 ${chainId}: batch ${next} is missing from the store`);
    if (params.isStillOnChain && !(await params.isStillOnChain(batch))) return { action: 'history-changed' };
    const hashes: Hex[] = [];
    for (let i = 0; i < batch.txHashes.length; i += 32) hashes.push(bytesToHexFast(batch.txHashes, i, 32));
    action = 'committed-and-executed';
    const args = [
      chainId,
      BigInt(next),
      BigInt(batch.firstBlock),
      BigInt(batch.lastBlock),
      bytesToHexFast(batch.packedLogs),
      hashes,
    ] as const;
    // A Gateway's batch carries its own MessageRoot as aggregated root.
    data = batch.aggregatedRoot
      ? encodeFunctionData({
          abi: interopSettlementAbi,
          functionName: 'commitAndExecuteBatchWithAggregatedRoot',
          args: [...args, batch.aggregatedRoot],
        })
      : encodeFunctionData({ abi: interopSettlementAbi, functionName: 'commitAndExecuteBatch', args });
    gas = commitGasLimit(batch.logCount, data);
  }
  const sent = await sendTransaction({
    upstream: params.settlement,
    chainId: params.settlementChainId,
    sender: params.operator,
    to: params.settlementAddress,
    data,
    gas,
    afterSend: () => crashPoint('after-commit-send'),
  });
  return { action, batch: next, txHash: sent.hash, pending: lastBatch - next };
}
