/** One keccak-256 implementation; src/core/keccak.ts picks one, bench/ compares them all. */
export type KeccakBackend = {
  /** Short name used in benchmarks and docs. */
  readonly name: string;
  /** keccak-256 of `data`: a new 32-byte array. */
  keccak256(data: Uint8Array): Uint8Array;
  /** keccak-256 of `data`, written to `out[outOffset .. outOffset + 32)`. */
  keccak256Into(data: Uint8Array, out: Uint8Array, outOffset?: number): void;
  /** keccak-256 of `left ‖ right` (two 32-byte words). */
  keccak256Pair(left: Uint8Array, right: Uint8Array): Uint8Array;
  /** Digests of `count` consecutive `chunkSize`-byte chunks of `input`, written consecutively into `out`. */
  keccak256Chunks(input: Uint8Array, chunkSize: number, count: number, out: Uint8Array, outOffset?: number): void;
};
