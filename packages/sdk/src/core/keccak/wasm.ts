// keccak-256 on the generated WebAssembly modules (wasmModule.ts). WASM has native 64-bit rotates
// and xors, so one permutation costs a fraction of a JS one; the bulk call hashes a whole tree
// level without returning to JS between hashes. Where WASM SIMD is available, bulk hashing of
// single-block chunks (tree levels, 88-byte log leaves) uses the two-way module: two messages per
// permutation on i64x2 lanes. Each module is ~2 KB, under the 4 KB limit Chromium long put on
// synchronous compilation on the main thread (8 MB in recent versions), so both load
// synchronously everywhere.
import type { KeccakBackend } from './types.js';
import { KECCAK_WASM_BASE64, KECCAK_WASM_LAYOUT, KECCAK_WASM_TWO_WAY_BASE64 } from './wasmModule.js';

// lib "ES2022" has no WebAssembly types; this is the part of the API used here.
type WasmExports = {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  hash(input: number, length: number, out: number): void;
  hashChunks(input: number, chunkSize: number, count: number, out: number): void;
};
type TwoWayExports = {
  hashChunks2(input: number, chunkSize: number, pairs: number, out: number): void;
};
type WasmApi = {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
};

const PAGE = 65536;
const IN = KECCAK_WASM_LAYOUT.input;
const OUT = KECCAK_WASM_LAYOUT.out;
/** Bulk calls are split so the module's memory stays below this many bytes. */
const MAX_BULK_BYTES = 4 << 20;
/** Chunks shorter than this are one block each, which is what the two-way module handles. */
const RATE = 136;

function decodeBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/**
 * Instantiates the module. Throws when the environment has no WebAssembly or refuses to compile it
 * (for example a browser page whose CSP lacks 'wasm-unsafe-eval'); keccak.ts then falls back.
 */
export function createWasmKeccak(options: { twoWay?: boolean } = {}): KeccakBackend {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!api) throw new Error('WebAssembly is not available');
  const instance = new api.Instance(new api.Module(decodeBase64(KECCAK_WASM_BASE64)), {});
  const wasm = instance.exports as WasmExports;
  let mem = new Uint8Array(wasm.memory.buffer);
  let twoWay: TwoWayExports | undefined;
  if (options.twoWay !== false) {
    try {
      const module = new api.Module(decodeBase64(KECCAK_WASM_TWO_WAY_BASE64));
      twoWay = new api.Instance(module, { env: { memory: wasm.memory } }).exports as TwoWayExports;
    } catch {
      // No WASM SIMD in this engine: the scalar module does the bulk work too.
    }
  }

  // Growing detaches the old buffer, so the view is refreshed here and only here.
  const reserve = (bytes: number): void => {
    if (bytes <= mem.length) return;
    wasm.memory.grow(Math.ceil((bytes - mem.length) / PAGE));
    mem = new Uint8Array(wasm.memory.buffer);
  };

  const hashToOut = (data: Uint8Array): void => {
    reserve(IN + data.length);
    mem.set(data, IN);
    wasm.hash(IN, data.length, OUT);
  };

  return {
    name: twoWay ? 'wasm' : 'wasm-scalar',
    keccak256(data) {
      hashToOut(data);
      return mem.slice(OUT, OUT + 32);
    },
    keccak256Into(data, out, outOffset = 0) {
      hashToOut(data);
      out.set(mem.subarray(OUT, OUT + 32), outOffset);
    },
    keccak256Pair(left, right) {
      mem.set(left, IN);
      mem.set(right, IN + 32);
      wasm.hash(IN, 64, OUT);
      return mem.slice(OUT, OUT + 32);
    },
    keccak256Chunks(input, chunkSize, count, out, outOffset = 0) {
      // Each slice is copied in whole before any digest is copied out, so `out` may alias `input`
      // however they overlap, as long as digest i lands at or before chunk i + 1 (chunkSize >= 32).
      const perCall = Math.max(1, Math.floor(MAX_BULK_BYTES / (chunkSize + 32)));
      for (let done = 0; done < count; ) {
        const n = Math.min(perCall, count - done);
        const inBytes = n * chunkSize;
        const outPtr = IN + inBytes;
        reserve(outPtr + n * 32);
        mem.set(input.subarray(done * chunkSize, done * chunkSize + inBytes), IN);
        if (twoWay && chunkSize < RATE) {
          const pairs = n >> 1;
          twoWay.hashChunks2(IN, chunkSize, pairs, outPtr);
          if (n & 1) wasm.hash(IN + 2 * pairs * chunkSize, chunkSize, outPtr + 64 * pairs);
        } else {
          wasm.hashChunks(IN, chunkSize, n, outPtr);
        }
        out.set(mem.subarray(outPtr, outPtr + n * 32), outOffset + done * 32);
        done += n;
      }
    },
  };
}
