// What one batch's commit costs on the settlement layer, estimated from its log count alone, so the sequencer can
// cut batches that are sure to fit before anything is sent. Measured with commitAndExecuteBatch on anvil (Cancun):
// 181,088 gas for 1 log, then ~3,345 gas per log, linear up to 16,384 logs (54.8 M gas); the tree-write path events
// add ~6,800 gas on small trees and ~300 per tree level (a chain tree of 2^32 batches: ~16,000). The estimate
// rounds up.

import { MAX_L1_MESSAGES_PER_BLOCK } from '@interop/sdk/core';
import type { Hex } from 'viem';
import { gasLimitFromBound } from '../sendTransaction.js';

/** Fixed part of a commit's gas (transaction, selector, counters, root storage, events with their tree paths). */
const COMMIT_BASE_GAS = 230_000;
/** Gas per log: calldata, hashing into the tree, the per-log tx hash. */
const COMMIT_GAS_PER_LOG = 3_400;
/** Calldata bytes per log: the packed log (88) and its tx hash (32). */
const COMMIT_BYTES_PER_LOG = 120;
/** Calldata bytes of the rest: selector, six head words, two length words and the padding of the packed logs. */
const COMMIT_BASE_BYTES = 4 + 8 * 32 + 32;

/** Default gas budget of one commit: half a 30 M-gas block, with the gas limit's 20 % margin on top. */
export const DEFAULT_MAX_COMMIT_GAS = 15_000_000;
/**
 * Default calldata budget of one commit. The signed transaction travels hex-encoded (twice the size), so this
 * keeps a commit request under the 2 MB body limit that anvil and most nodes apply by default.
 */
export const DEFAULT_MAX_COMMIT_BYTES = 900_000;

/** Estimated gas of committing and executing a batch of `logCount` logs (an upper bound of what was measured). */
export function estimateCommitGas(logCount: number): number {
  return COMMIT_BASE_GAS + COMMIT_GAS_PER_LOG * logCount;
}

/**
 * The gas limit a commit of `logCount` logs with calldata `data` is sent with: the estimate above or the calldata's
 * EIP-7623 floor (which is the higher for logs of mostly non-zero bytes), with a quarter on top; the transaction
 * pays only for what it uses. The node sends commits with it instead of asking the settlement layer for an
 * estimate, which would execute the whole commit several times over.
 */
export function commitGasLimit(logCount: number, data: Hex): bigint {
  return gasLimitFromBound(estimateCommitGas(logCount), data);
}

/** Calldata bytes of committing a batch of `logCount` logs. */
export function commitCalldataBytes(logCount: number): number {
  return COMMIT_BASE_BYTES + COMMIT_BYTES_PER_LOG * logCount;
}

/** The least budget that still settles a block at L1Messenger's per-block limit (so no accepted block is stuck). */
export const MIN_COMMIT_GAS = estimateCommitGas(MAX_L1_MESSAGES_PER_BLOCK);
/** See {@link MIN_COMMIT_GAS}. */
export const MIN_COMMIT_BYTES = commitCalldataBytes(MAX_L1_MESSAGES_PER_BLOCK);

/** Limits one batch must stay within. */
export type CommitBudget = { maxLogs: number; maxCommitGas: number; maxCommitBytes: number };

/** Whether a batch of `logCount` logs stays within `budget`. */
export function fitsCommitBudget(logCount: number, budget: CommitBudget): boolean {
  return (
    logCount <= budget.maxLogs &&
    estimateCommitGas(logCount) <= budget.maxCommitGas &&
    commitCalldataBytes(logCount) <= budget.maxCommitBytes
  );
}
