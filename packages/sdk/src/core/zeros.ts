// Empty-subtree hashes: zeros[0] is the empty leaf, zeros[k+1] = H(zeros[k] ‖ zeros[k]). Trees use
// these instead of hashing padding leaves. Computed once per empty value and cached.
import type { Hex } from 'viem';
import { bytesToHexFast, hexToWord } from './bytes.js';
import { DEFAULT_LOG_LEAF_HASH, EMPTY_MERKLE_LEAF } from './constants.js';
import { keccak256Pair } from './keccak.js';

const cache = new Map<string, Uint8Array[]>();

/** The first `count` empty-subtree hashes for empty leaf `zero` (shared arrays: do not mutate). */
export function zeroHashesBytes(zero: Hex, count: number): Uint8Array[] {
  const key = zero.toLowerCase();
  let zeros = cache.get(key);
  if (!zeros) {
    zeros = [hexToWord(zero, 'empty leaf')];
    cache.set(key, zeros);
  }
  while (zeros.length < count) zeros.push(keccak256Pair(zeros[zeros.length - 1], zeros[zeros.length - 1]));
  return zeros;
}

/** Empty-subtree hashes of the batch log tree, levels 0..13 (level 0 is the default log leaf). */
export function getLogTreeZeroHashes(): Hex[] {
  return zeroHashesBytes(DEFAULT_LOG_LEAF_HASH, 15)
    .slice(0, 14)
    .map((z) => bytesToHexFast(z));
}

/** Empty-subtree hashes of the chain and shared trees, levels 0..count-1. */
export function getMerkleZeroHashes(count: number): Hex[] {
  return zeroHashesBytes(EMPTY_MERKLE_LEAF, count)
    .slice(0, count)
    .map((z) => bytesToHexFast(z));
}
