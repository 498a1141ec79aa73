// The one place the project hashes with keccak-256. Everything in core goes through these functions,
// so the implementation can be swapped (and benchmarked) without touching the trees or proofs.
//
// Implementation, chosen by measurement (bench/keccak.ts, figures in docs/performance.md): a small
// WebAssembly module generated from the Keccak spec by scripts/gen-keccak.mjs (keccak/wasm.ts).
// Native i64 lanes make its permutation several times cheaper than any JS one, and the bulk call
// hashes a whole tree level with one copy in and one copy out, two chunks per permutation with
// WASM SIMD (i64x2) where the engine has it. Where WebAssembly is missing or
// refused (a browser CSP without 'wasm-unsafe-eval'), the TypeScript one (keccak/portable.ts) is
// used instead. The tests compare both with @noble/hashes (a test-only dependency, wrapped by keccakBackendFromHash).
import { portableKeccak } from './keccak/portable.js';
import type { KeccakBackend } from './keccak/types.js';
import { createWasmKeccak } from './keccak/wasm.js';

export { keccakBackendFromHash } from './keccak/fromHash.js';
export type { KeccakBackend } from './keccak/types.js';

function pickBackend(): KeccakBackend {
  try {
    return createWasmKeccak();
  } catch {
    return portableKeccak;
  }
}

let backend: KeccakBackend = pickBackend();

/** Name of the implementation in use: 'wasm' ('wasm-scalar' without WASM SIMD), or 'ts' without WebAssembly. */
export function keccakImplementation(): string {
  return backend.name;
}

/**
 * Makes every keccak call of the package use `next` (one of keccakBackends(), or your own). For
 * benchmarks and tests that compare implementations end to end; returns the previous one.
 */
export function useKeccakBackend(next: KeccakBackend): KeccakBackend {
  const previous = backend;
  backend = next;
  return previous;
}

/**
 * Every implementation, for benchmarks and differential tests: the one in use first, then the WASM
 * one without SIMD (when WASM loads) and the TypeScript one.
 */
export function keccakBackends(): KeccakBackend[] {
  const others: KeccakBackend[] = [];
  try {
    others.push(createWasmKeccak({ twoWay: false }));
  } catch {
    // no WebAssembly here
  }
  others.push(portableKeccak);
  return [backend, ...others.filter((b) => b.name !== backend.name)];
}

/** keccak-256 of `data`: a new 32-byte array. */
export function keccak256(data: Uint8Array): Uint8Array {
  return backend.keccak256(data);
}

/** keccak-256 of `data`, written to `out[outOffset .. outOffset + 32)` (no allocation). */
export function keccak256Into(data: Uint8Array, out: Uint8Array, outOffset = 0): void {
  backend.keccak256Into(data, out, outOffset);
}

/** keccak-256 of `left ‖ right` (two 32-byte words): the inner node of every tree in the protocol. */
export function keccak256Pair(left: Uint8Array, right: Uint8Array): Uint8Array {
  return backend.keccak256Pair(left, right);
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
  backend.keccak256Chunks(input, chunkSize, count, out, outOffset);
}
