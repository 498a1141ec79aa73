import type { KeccakBackend } from './types.js';

/**
 * Any one-shot keccak-256 function behind the backend interface (the pair, into-buffer and bulk forms call it
 * once per digest). For comparing another implementation with ours: `useKeccakBackend(keccakBackendFromHash(…))`.
 */
export function keccakBackendFromHash(name: string, hash: (data: Uint8Array) => Uint8Array): KeccakBackend {
  return {
    name,
    keccak256: (data) => hash(data),
    keccak256Into(data, out, outOffset = 0) {
      out.set(hash(data), outOffset);
    },
    keccak256Pair(left, right) {
      const pair = new Uint8Array(64);
      pair.set(left, 0);
      pair.set(right, 32);
      return hash(pair);
    },
    keccak256Chunks(input, chunkSize, count, out, outOffset = 0) {
      for (let i = 0; i < count; i++) {
        out.set(hash(input.subarray(i * chunkSize, (i + 1) * chunkSize)), outOffset + i * 32);
      }
    },
  };
}
