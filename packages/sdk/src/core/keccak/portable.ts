// keccak-256 in plain TypeScript, for environments that refuse WebAssembly. The permutation
// (permutation.ts, generated) keeps all 50 lane halves in locals; around it, the sponge writes
// input bytes straight into one preallocated state and reads the digest straight out of it, so a
// hash of a short input allocates nothing but its result.
import { keccakF1600 } from './permutation.js';
import type { KeccakBackend } from './types.js';

const RATE = 136;
/** The state: s[2i] / s[2i + 1] are the low / high 32 bits of lane i, i.e. byte b is in word b >> 2. */
const s = new Int32Array(50);

/** xors `len` bytes of `src` from `off` into the state starting at state byte `at` (a multiple of 4). */
function xorIn(src: Uint8Array, off: number, len: number, at: number): void {
  let w = at >> 2;
  let i = off;
  const whole = off + (len & ~3);
  for (; i < whole; i += 4) {
    s[w++] ^= src[i] | (src[i + 1] << 8) | (src[i + 2] << 16) | (src[i + 3] << 24);
  }
  for (let shift = 0; i < off + len; i++, shift += 8) s[w] ^= src[i] << shift;
}

/** keccak padding (0x01 … 0x80) after `len` bytes of the last block, then the final permutation. */
function padAndPermute(len: number): void {
  s[len >> 2] ^= 1 << ((len & 3) << 3);
  s[33] ^= 0x80 << 24;
  keccakF1600(s);
}

function absorb(data: Uint8Array): void {
  s.fill(0);
  let pos = 0;
  for (; data.length - pos >= RATE; pos += RATE) {
    xorIn(data, pos, RATE, 0);
    keccakF1600(s);
  }
  xorIn(data, pos, data.length - pos, 0);
  padAndPermute(data.length - pos);
}

function squeeze(out: Uint8Array, at: number): void {
  for (let w = 0; w < 8; w++, at += 4) {
    const v = s[w];
    out[at] = v;
    out[at + 1] = v >>> 8;
    out[at + 2] = v >>> 16;
    out[at + 3] = v >>> 24;
  }
}

export const portableKeccak: KeccakBackend = {
  name: 'ts',
  keccak256(data) {
    absorb(data);
    const out = new Uint8Array(32);
    squeeze(out, 0);
    return out;
  },
  keccak256Into(data, out, outOffset = 0) {
    absorb(data);
    squeeze(out, outOffset);
  },
  keccak256Pair(left, right) {
    s.fill(0);
    xorIn(left, 0, 32, 0);
    xorIn(right, 0, 32, 32);
    padAndPermute(64);
    const out = new Uint8Array(32);
    squeeze(out, 0);
    return out;
  },
  keccak256Chunks(input, chunkSize, count, out, outOffset = 0) {
    if (chunkSize >= RATE) {
      for (let i = 0; i < count; i++) {
        absorb(input.subarray(i * chunkSize, (i + 1) * chunkSize));
        squeeze(out, outOffset + i * 32);
      }
      return;
    }
    // One block per chunk: no sponge loop, no subarray. Chunk i is read in whole before digest i is written.
    for (let i = 0; i < count; i++) {
      s.fill(0);
      xorIn(input, i * chunkSize, chunkSize, 0);
      padAndPermute(chunkSize);
      squeeze(out, outOffset + i * 32);
    }
  },
};
