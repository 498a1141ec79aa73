// The @noble/hashes keccak-256 behind the backend interface: the baseline the others are measured
// against (and the reference the tests compare with).
import { keccak_256 } from '@noble/hashes/sha3.js';
import type { KeccakBackend } from './types.js';

export const nobleKeccak: KeccakBackend = {
  name: 'noble',
  keccak256: (data) => keccak_256(data),
  keccak256Into(data, out, outOffset = 0) {
    out.set(keccak_256(data), outOffset);
  },
  keccak256Pair(left, right) {
    const buf = new Uint8Array(64);
    buf.set(left, 0);
    buf.set(right, 32);
    return keccak_256(buf);
  },
  keccak256Chunks(input, chunkSize, count, out, outOffset = 0) {
    for (let i = 0; i < count; i++) {
      out.set(keccak_256(input.subarray(i * chunkSize, (i + 1) * chunkSize)), outOffset + i * 32);
    }
  },
};
