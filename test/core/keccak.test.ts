import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  keccak256,
  keccak256Chunks,
  keccak256Into,
  keccak256Pair,
  keccakBackendFromHash,
  keccakBackends,
  keccakImplementation,
  useKeccakBackend,
} from '@interop/sdk/keccak';
import { keccak_256 } from '@noble/hashes/sha3.js';
import fc from 'fast-check';
import { bytesToHex } from 'viem';
import { describe, expect, it, vi } from 'vitest';

// Ours, and @noble/hashes through the adapter (so the adapter is checked too).
const backends = [...keccakBackends(), keccakBackendFromHash('noble', keccak_256)];
const hex = (b: Uint8Array) => bytesToHex(b);

/** Deterministic pseudo-random bytes (xorshift), so a failure names a reproducible input. */
function bytes(len: number, seed: number): Uint8Array {
  const out = new Uint8Array(len);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < len; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x;
  }
  return out;
}

describe('keccak256', () => {
  it('uses the WebAssembly implementation in Node', () => {
    expect(keccakImplementation()).toBe('wasm');
    expect(backends.map((b) => b.name).sort()).toEqual(['noble', 'ts', 'wasm', 'wasm-scalar']);
  });

  it('known answers: empty input and the default log leaf (88 zero bytes)', () => {
    for (const b of backends) {
      expect(hex(b.keccak256(new Uint8Array(0)))).toBe(
        '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470',
      );
      expect(hex(b.keccak256(new Uint8Array(88)))).toBe(
        '0x72abee45b59e344af8a6e520241c4744aff26ed411f4c4b00f8af09adada43ba',
      );
    }
    expect(hex(keccak256(new TextEncoder().encode('abc')))).toBe(
      '0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45',
    );
  });

  it('matches @noble/hashes for every length 0..300, whole and through keccak256Into', () => {
    for (const b of backends) {
      for (let len = 0; len <= 300; len++) {
        const data = bytes(len, len + 1);
        const expected = hex(keccak_256(data));
        expect(hex(b.keccak256(data)), `${b.name} len ${len}`).toBe(expected);
        const out = new Uint8Array(40).fill(0xee);
        b.keccak256Into(data, out, 5);
        expect(hex(out.subarray(5, 37)), `${b.name} into, len ${len}`).toBe(expected);
        expect([...out.subarray(0, 5), ...out.subarray(37)]).toEqual(new Array(8).fill(0xee));
      }
    }
  });

  it('matches @noble/hashes on random inputs, including ones longer than several blocks', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 700 }), (data) => {
        const expected = hex(keccak_256(data));
        for (const b of backends) expect(hex(b.keccak256(data))).toBe(expected);
        expect(hex(keccak256(data))).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('hashes unaligned views and does not depend on bytes outside them', () => {
    const big = bytes(400, 7);
    for (const b of backends) {
      for (const [off, len] of [
        [1, 64],
        [3, 88],
        [5, 136],
        [7, 137],
        [13, 272],
      ]) {
        const view = big.subarray(off, off + len);
        expect(hex(b.keccak256(view))).toBe(hex(keccak_256(view.slice())));
      }
    }
  });

  it('keccak256Pair is the hash of left ‖ right', () => {
    for (let s = 0; s < 50; s++) {
      const l = bytes(32, 2 * s + 1);
      const r = bytes(32, 2 * s + 2);
      const expected = hex(keccak_256(new Uint8Array([...l, ...r])));
      for (const b of backends) expect(hex(b.keccak256Pair(l, r))).toBe(expected);
      expect(hex(keccak256Pair(l, r))).toBe(expected);
    }
  });
});

describe('keccak256Chunks', () => {
  const reference = (input: Uint8Array, size: number, count: number) => {
    const out = new Uint8Array(count * 32);
    for (let i = 0; i < count; i++) out.set(keccak_256(input.subarray(i * size, (i + 1) * size)), i * 32);
    return out;
  };

  it('matches hashing each chunk, for chunk sizes around the block size and odd counts', () => {
    for (const b of backends) {
      for (const size of [0, 1, 31, 32, 33, 64, 88, 96, 135, 136, 137, 200, 300]) {
        for (const count of [0, 1, 2, 3, 7, 8]) {
          const input = bytes(size * count, size * 31 + count);
          const out = new Uint8Array(count * 32 + 9).fill(0xaa);
          b.keccak256Chunks(input, size, count, out, 4);
          expect(hex(out.subarray(4, 4 + count * 32)), `${b.name} size ${size} count ${count}`).toBe(
            hex(reference(input, size, count)),
          );
          expect([...out.subarray(0, 4), ...out.subarray(4 + count * 32)]).toEqual(new Array(9).fill(0xaa));
        }
      }
    }
  });

  it('allows out === input (hashing a tree level in place) and reads only count chunks', () => {
    for (const b of backends) {
      for (const size of [32, 64, 88, 136, 200]) {
        const count = 37;
        const input = bytes(size * count + 50, size);
        const expected = reference(input, size, count);
        const tail = hex(input.subarray(size * count));
        b.keccak256Chunks(input, size, count, input);
        expect(hex(input.subarray(0, count * 32)), `${b.name} size ${size}`).toBe(hex(expected));
        expect(hex(input.subarray(size * count))).toBe(tail);
      }
    }
  });

  it('handles a full batch of 16,384 leaves (88 bytes) and a level of 8,192 pairs', () => {
    const leaves = bytes(88 * 16384, 99);
    const expected = reference(leaves, 88, 16384);
    const out = new Uint8Array(32 * 16384);
    keccak256Chunks(leaves, 88, 16384, out);
    expect(hex(out)).toBe(hex(expected));
    const level = reference(out, 64, 8192);
    keccak256Chunks(out, 64, 8192, out);
    expect(hex(out.subarray(0, 8192 * 32))).toBe(hex(level));
  });

  it('splits very large inputs into several module calls without losing or moving digests', () => {
    // 45,000 chunks of 64 bytes (2.9 MB + digests) exceed one 4 MiB module call; in place, as a tree level.
    const count = 45_000;
    const input = bytes(64 * count, 3);
    const expected = reference(input, 64, count);
    keccak256Chunks(input, 64, count, input);
    expect(hex(input.subarray(0, 32 * count))).toBe(hex(expected));
  });

  it('useKeccakBackend swaps the implementation behind every top-level function', () => {
    const data = bytes(88, 6);
    const calls: string[] = [];
    const counting = {
      ...backends[0],
      name: 'counting',
      keccak256: (d: Uint8Array) => (calls.push('h'), backends[0].keccak256(d)),
    };
    const previous = useKeccakBackend(counting);
    try {
      expect(keccakImplementation()).toBe('counting');
      expect(hex(keccak256(data))).toBe(hex(keccak_256(data)));
      expect(calls).toEqual(['h']);
    } finally {
      useKeccakBackend(previous);
    }
    expect(keccakImplementation()).toBe('wasm');
  });

  it('the top-level functions agree with the backend in use', () => {
    const data = bytes(88, 5);
    const out = new Uint8Array(32);
    keccak256Into(data, out);
    expect(hex(out)).toBe(hex(keccak256(data)));
    expect(hex(out)).toBe(hex(backends[0].keccak256(data)));
  });
});

describe('fallbacks', () => {
  it('uses the TypeScript implementation where WebAssembly is missing', async () => {
    vi.resetModules();
    vi.stubGlobal('WebAssembly', undefined);
    try {
      const fresh = await import('@interop/sdk/keccak');
      expect(fresh.keccakImplementation()).toBe('ts');
      expect(hex(fresh.keccak256(new Uint8Array(88)))).toBe(
        '0x72abee45b59e344af8a6e520241c4744aff26ed411f4c4b00f8af09adada43ba',
      );
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });

  it('uses the scalar WASM module for bulk work where WASM SIMD is refused', async () => {
    // lib "ES2022" has no WebAssembly types; this is the part used here.
    type Wasm = {
      Module: new (bytes: Uint8Array) => object;
      Instance: new (module: object, imports: object) => object;
      CompileError: new (message: string) => Error;
    };
    const real = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;
    // An engine without SIMD refuses to compile the two-way module (the one that imports memory).
    const noSimd = {
      ...real,
      // biome-ignore lint/complexity/useArrowFunction: called with `new`, so it must be a function
      Module: function (bytes: Uint8Array) {
        if (new TextDecoder().decode(bytes).includes('hashChunks2')) throw new real.CompileError('no SIMD');
        return new real.Module(bytes);
      },
      Instance: real.Instance,
    };
    vi.resetModules();
    vi.stubGlobal('WebAssembly', noSimd);
    try {
      const fresh = await import('@interop/sdk/keccak');
      expect(fresh.keccakImplementation()).toBe('wasm-scalar');
      const input = bytes(88 * 5, 11);
      const out = new Uint8Array(32 * 5);
      fresh.keccak256Chunks(input, 88, 5, out);
      for (let i = 0; i < 5; i++) {
        expect(hex(out.subarray(32 * i, 32 * i + 32))).toBe(hex(keccak_256(input.subarray(88 * i, 88 * i + 88))));
      }
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });
});

describe('generated files', () => {
  it('src/core/keccak/{wasmModule,permutation}.ts are what scripts/gen-keccak.mjs generates', () => {
    // Exits non-zero (and execFileSync throws) when a committed file differs from the generator's output.
    const script = fileURLToPath(new URL('../../packages/sdk/scripts/gen-keccak.mjs', import.meta.url));
    expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
  });
});
