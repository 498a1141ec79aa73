// The batch log tree: fixed height 14, unused leaves hold the default log leaf. Whole levels are
// hashed with one keccak256Chunks call; padding never gets hashed (empty subtrees are precomputed).
import type { Hex } from 'viem';
import { bytesToHexFast, hexToBytesStrict, writeHex } from './bytes.js';
import { DEFAULT_LOG_LEAF_HASH, L2_TO_L1_LOG_SIZE, L2_TO_L1_LOG_TREE_HEIGHT, MAX_LOGS_PER_BATCH } from './constants.js';
import { IndexOutOfBoundsError, InvalidInputError, TooManyLogsError } from './errors.js';
import { keccak256Chunks } from './keccak.js';
import { zeroHashesBytes } from './zeros.js';

/** A built batch log tree. */
export type LogTree = {
  /** LocalLogsRoot of the batch. */
  root: Hex;
  leafCount: number;
  /** The 14 sibling words from leaf `index` up to the root. */
  path(index: number): Hex[];
  /** The same 14 words back to back (448 bytes) into `out` at `offset` (no hex: the store keeps them as bytes). */
  pathInto(index: number, out: Uint8Array, offset?: number): void;
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
      out.push(
        sibling < this.counts[k] ? bytesToHexFast(this.levels[k], sibling * 32, 32) : bytesToHexFast(this.zeros[k]),
      );
    }
    return out;
  }

  pathInto(index: number, out: Uint8Array, offset = 0): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.leafCount) {
      throw new IndexOutOfBoundsError(`Log index ${index} is outside the batch (${this.leafCount} logs).`);
    }
    for (let k = 0; k < L2_TO_L1_LOG_TREE_HEIGHT; k++) {
      const sibling = (index >>> k) ^ 1;
      const word = sibling < this.counts[k] ? this.levels[k].subarray(sibling * 32, sibling * 32 + 32) : this.zeros[k];
      out.set(word, offset + k * 32);
    }
  }
}

// Lays out every level in one buffer (level k: ceil(n / 2^k) nodes, plus a padding slot when that
// is odd), lets `fill` write the leaves into level 0, then hashes level by level in place.
function build(count: number, fill: (level0: Uint8Array) => void): LogTree {
  if (count > MAX_LOGS_PER_BATCH) throw new TooManyLogsError(count, MAX_LOGS_PER_BATCH);
  const zeros = zeroHashesBytes(DEFAULT_LOG_LEAF_HASH, L2_TO_L1_LOG_TREE_HEIGHT + 1);
  const counts: number[] = [];
  const offsets: number[] = [];
  let total = 0;
  for (let k = 0, n = count; k <= L2_TO_L1_LOG_TREE_HEIGHT; k++, n = (n + 1) >>> 1) {
    counts.push(n);
    offsets.push(total);
    total += Math.max(1, n + (n & 1)) * 32;
  }
  const buf = new Uint8Array(total);
  const levels = offsets.map((off, k) => buf.subarray(off, k < L2_TO_L1_LOG_TREE_HEIGHT ? offsets[k + 1] : total));
  fill(levels[0]);
  for (let k = 0; k < L2_TO_L1_LOG_TREE_HEIGHT; k++) {
    const n = counts[k];
    if (n & 1) levels[k].set(zeros[k], n * 32);
    keccak256Chunks(levels[k], 64, counts[k + 1], levels[k + 1], 0);
  }
  if (count === 0) levels[L2_TO_L1_LOG_TREE_HEIGHT].set(zeros[L2_TO_L1_LOG_TREE_HEIGHT]);
  return new BuiltLogTree(count, levels, counts, zeros);
}

/** Builds the tree from `count` leaf hashes laid out back to back in `leaves` (32 bytes each). */
export function buildLogTreeFromLeafBytes(leaves: Uint8Array, count = leaves.length / 32): LogTree {
  if (!Number.isInteger(count) || count < 0 || leaves.length < count * 32)
    throw new InvalidInputError('Invalid leaves: expected 32 bytes per leaf.');
  return build(count, (level0) => level0.set(leaves.subarray(0, count * 32)));
}

/** Builds a batch's log tree from its leaf hashes (at most 16,384). */
export function buildLogTree(leafHashes: readonly Hex[]): LogTree {
  return build(leafHashes.length, (level0) => {
    for (let i = 0; i < leafHashes.length; i++) {
      if (!writeHex(leafHashes[i], 32, level0, i * 32))
        throw new InvalidInputError(`Invalid leaf hash at ${i}: expected 32 bytes of hex.`, {
          details: String(leafHashes[i]),
        });
    }
  });
}

/** Builds a batch's log tree straight from its packed logs (88 bytes each, the commit calldata). */
export function buildLogTreeFromPackedLogs(packed: Uint8Array | Hex): LogTree {
  const { bytes, count } = packedLogs(packed);
  return build(count, (level0) => keccak256Chunks(bytes, L2_TO_L1_LOG_SIZE, count, level0, 0));
}

/** A batch's packed logs as bytes, and how many logs they hold (88 bytes each, else InvalidInputError). */
function packedLogs(packed: Uint8Array | Hex): { bytes: Uint8Array; count: number } {
  const bytes = typeof packed === 'string' ? hexToBytesStrict(packed, 'packed logs') : packed;
  if (bytes.length % L2_TO_L1_LOG_SIZE !== 0)
    throw new InvalidInputError('Invalid packed logs: length is not a multiple of 88 bytes.');
  return { bytes, count: bytes.length / L2_TO_L1_LOG_SIZE };
}

// Root-only work area, reused across calls: fresh memory costs page faults (about as much as the
// hashing of a full batch), and the root needs no level kept.
let scratch = new Uint8Array(0);

function rootInScratch(count: number, fill: (level0: Uint8Array) => void): Hex {
  if (count > MAX_LOGS_PER_BATCH) throw new TooManyLogsError(count, MAX_LOGS_PER_BATCH);
  const zeros = zeroHashesBytes(DEFAULT_LOG_LEAF_HASH, L2_TO_L1_LOG_TREE_HEIGHT + 1);
  const size = Math.max(1, count + (count & 1)) * 32;
  if (scratch.length < size) scratch = new Uint8Array(Math.max(size, 64));
  fill(scratch);
  let n = count;
  for (let k = 0; k < L2_TO_L1_LOG_TREE_HEIGHT; k++) {
    if (n === 0) return bytesToHexFast(zeros[L2_TO_L1_LOG_TREE_HEIGHT]);
    if (n & 1) scratch.set(zeros[k], n * 32);
    const parents = (n + 1) >>> 1;
    keccak256Chunks(scratch, 64, parents, scratch, 0);
    n = parents;
  }
  return n === 0 ? bytesToHexFast(zeros[L2_TO_L1_LOG_TREE_HEIGHT]) : bytesToHexFast(scratch, 0, 32);
}

/** LocalLogsRoot of `count` leaf hashes laid out back to back (root only, no paths kept). */
export function computeLogTreeRoot(leaves: Uint8Array, count = leaves.length / 32): Hex {
  if (!Number.isInteger(count) || count < 0 || leaves.length < count * 32)
    throw new InvalidInputError('Invalid leaves: expected 32 bytes per leaf.');
  return rootInScratch(count, (level0) => level0.set(leaves.subarray(0, count * 32)));
}

/** LocalLogsRoot of a batch's packed logs (88 bytes each): what a commit recomputes. */
export function computeLogTreeRootFromPackedLogs(packed: Uint8Array | Hex): Hex {
  const { bytes, count } = packedLogs(packed);
  return rootInScratch(count, (level0) => keccak256Chunks(bytes, L2_TO_L1_LOG_SIZE, count, level0, 0));
}
