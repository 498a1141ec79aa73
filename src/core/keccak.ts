// The one place the project hashes with keccak-256. Everything in core goes through these functions,
// so the implementation can be swapped (and benchmarked) without touching the trees or proofs.
// Baseline: @noble/hashes. See bench/keccak for the measurements that choose the implementation.
import { keccak_256 } from '@noble/hashes/sha3.js';

/** keccak-256 of `data`: a new 32-byte array. */
export function keccak256(data: Uint8Array): Uint8Array {
  return keccak_256(data);
}

/** keccak-256 of `left ‖ right` (two 32-byte words): the inner node of every tree in the protocol. */
export function keccak256Pair(left: Uint8Array, right: Uint8Array): Uint8Array {
  const buf = new Uint8Array(64);
  buf.set(left, 0);
  buf.set(right, 32);
  return keccak_256(buf);
}

/**
 * Hashes `count` consecutive chunks of `chunkSize` bytes of `input` (starting at byte 0) and writes
 * the 32-byte digests consecutively into `out` starting at `outOffset`. The bulk form lets tree
 * builders hash a whole level (chunkSize 64) or all leaves (chunkSize 88) with one call.
 * `out` may alias `input` when `chunkSize >= 32` (digest i is written after chunk i is read).
 */
export function keccak256Chunks(
  input: Uint8Array,
  chunkSize: number,
  count: number,
  out: Uint8Array,
  outOffset = 0,
): void {
  for (let i = 0; i < count; i++) {
    out.set(keccak_256(input.subarray(i * chunkSize, (i + 1) * chunkSize)), outOffset + i * 32);
  }
}
