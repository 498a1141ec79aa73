// The batch log tree: fixed height 14, unused leaves hold the default log leaf. Whole levels are
// hashed with one keccak256Chunks call; padding never gets hashed (empty subtrees are precomputed).
import type { Hex } from 'viem';
import { bytesToHexFast, hexToBytesStrict, writeHex } from './bytes.js';
import { DEFAULT_LOG_LEAF_HASH, L2_TO_L1_LOG_TREE_HEIGHT, MAX_LOGS_PER_BATCH } from './constants.js';
import { IndexOutOfBoundsError, InvalidInputError, TooManyLogsError } from './errors.js';
import { keccak256Chunks } from './keccak.js';
import { hashPackedL2ToL1Logs } from './log.js';
import { zeroHashesBytes } from './zeros.js';

/** A built batch log tree. */
export type LogTree = {
  /** LocalLogsRoot of the batch. */
  root: Hex;
  leafCount: number;
  /** The 14 sibling words from leaf `index` up to the root. */
  path(index: number): Hex[];
};

class BuiltLogTree implements LogTree {
  readonly root: Hex;
  constructor(
    readonly leafCount: number,
    // levels[k] holds ceil(n / 2^k) nodes (plus one padding slot when that count is odd).
    private readonly levels: Uint8Array[],
    private readonly counts: number[],
    private readonly zeros: Uint8Array[],
  ) {
    this.root = bytesToHexFast(levels[L2_TO_L1_LOG_TREE_HEIGHT], 0, 32);
  }

  path(index: number): Hex[] {
    if (!Number.isInteger(index) || index < 0 || index >= this.leafCount) {
      throw new IndexOutOfBoundsError(`Log index ${index} is outside the batch (${this.leafCount} logs).`);
    }
    const out: Hex[] = [];
    for (let k = 0; k < L2_TO_L1_LOG_TREE_HEIGHT; k++) {
      const sibling = (index >>> k) ^ 1;
      out.push(sibling < this.counts[k] ? bytesToHexFast(this.levels[k], sibling * 32, 32) : bytesToHexFast(this.zeros[k]));
    }
    return out;
  }
}

/** Builds the tree from `count` leaf hashes laid out back to back in `leaves` (32 bytes each). */
export function buildLogTreeFromLeafBytes(leaves: Uint8Array, count = leaves.length / 32): LogTree {
  if (!Number.isInteger(count) || count < 0 || leaves.length < count * 32) throw new InvalidInputError('Invalid leaves: expected 32 bytes per leaf.');
  if (count > MAX_LOGS_PER_BATCH) throw new TooManyLogsError(count, MAX_LOGS_PER_BATCH);
  const zeros = zeroHashesBytes(DEFAULT_LOG_LEAF_HASH, L2_TO_L1_LOG_TREE_HEIGHT + 1);
  const levels: Uint8Array[] = [];
  const counts: number[] = [];
  let level = new Uint8Array((count + (count & 1)) * 32);
  level.set(leaves.subarray(0, count * 32));
  let n = count;
  for (let k = 0; k < L2_TO_L1_LOG_TREE_HEIGHT; k++) {
    if (n & 1) level.set(zeros[k], n * 32);
    levels.push(level);
    counts.push(n);
    const parents = (n + 1) >>> 1;
    const next = new Uint8Array(Math.max(1, parents + (parents & 1)) * 32);
    keccak256Chunks(level, 64, parents, next, 0);
    n = parents;
    level = next;
  }
  if (n === 0) level.set(zeros[L2_TO_L1_LOG_TREE_HEIGHT]);
  levels.push(level);
  counts.push(n);
  return new BuiltLogTree(count, levels, counts, zeros);
}

/** Builds a batch's log tree from its leaf hashes (at most 16,384). */
export function buildLogTree(leafHashes: readonly Hex[]): LogTree {
  if (leafHashes.length > MAX_LOGS_PER_BATCH) throw new TooManyLogsError(leafHashes.length, MAX_LOGS_PER_BATCH);
  const bytes = new Uint8Array(leafHashes.length * 32);
  for (let i = 0; i < leafHashes.length; i++) {
    if (!writeHex(leafHashes[i], 32, bytes, i * 32)) throw new InvalidInputError(`Invalid leaf hash at ${i}: expected 32 bytes of hex.`, { details: String(leafHashes[i]) });
  }
  return buildLogTreeFromLeafBytes(bytes, leafHashes.length);
}

/** Builds a batch's log tree straight from its packed logs (88 bytes each, the commit calldata). */
export function buildLogTreeFromPackedLogs(packed: Uint8Array | Hex): LogTree {
  const bytes = typeof packed === 'string' ? hexToBytesStrict(packed, 'packed logs') : packed;
  const count = bytes.length / 88;
  if (count > MAX_LOGS_PER_BATCH) throw new TooManyLogsError(Math.floor(count), MAX_LOGS_PER_BATCH);
  return buildLogTreeFromLeafBytes(hashPackedL2ToL1Logs(bytes), count);
}
