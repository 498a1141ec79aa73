#!/usr/bin/env node
// Generates the keccak-f[1600] implementations used by src/core/keccak:
//   src/core/keccak/wasmModule.ts  — two WebAssembly modules (bytes emitted below, embedded as
//     base64): scalar keccak-256 on i64 lanes, and a two-way WASM SIMD one for bulk single blocks
//   src/core/keccak/permutation.ts — the permutation in TypeScript on 32-bit halves of the lanes
// Variants measured and not kept (docs/performance.md): a plane-by-plane round order (~10% slower)
// and a three-way module running a scalar lane beside the SIMD pair (~8% faster, not worth a third
// code path).
// Both are derived here from the Keccak / FIPS 202 definitions (round constants from the rc(t) LFSR,
// rotation offsets from the (t+1)(t+2)/2 rule, the pi step as (x, y) -> (y, 2x + 3y)), so the
// constants have one source. The outputs are committed; test/core/keccak.test.ts checks they are
// what this script produces. Run: node scripts/gen-keccak.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// ---------------------------------------------------------------------------------------------
// Keccak-f[1600] constants (lane A[x, y] is index x + 5y).

/** rc(t) of FIPS 202 §3.2.5: the output bit of an 8-bit LFSR with polynomial x^8+x^6+x^5+x^4+1. */
function rcBit(t) {
  let r = 1;
  for (let i = 0; i < t % 255; i++) r = (r << 1) ^ (r & 0x80 ? 0x171 : 0);
  return r & 1;
}

/** The 24 round constants (iota), as bigint. */
export const ROUND_CONSTANTS = Array.from({ length: 24 }, (_, ir) => {
  let rc = 0n;
  for (let j = 0; j <= 6; j++) if (rcBit(j + 7 * ir)) rc |= 1n << BigInt((1 << j) - 1);
  return rc;
});

/** Rotation offsets (rho) per lane index. */
export const ROTATIONS = (() => {
  const r = new Array(25).fill(0);
  let x = 1;
  let y = 0;
  for (let t = 0; t < 24; t++) {
    r[x + 5 * y] = (((t + 1) * (t + 2)) / 2) % 64;
    [x, y] = [y, (2 * x + 3 * y) % 5];
  }
  return r;
})();

/** pi: the lane at index x + 5y moves to index y + 5((2x + 3y) mod 5). */
const piTarget = (x, y) => y + 5 * ((2 * x + 3 * y) % 5);

// ---------------------------------------------------------------------------------------------
// WebAssembly binary emitter (just what the module needs).

const uleb = (n) => {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
};
const sleb = (v) => {
  let n = BigInt(v);
  const out = [];
  for (;;) {
    const b = Number(n & 0x7fn);
    n >>= 7n;
    if ((n === 0n && (b & 0x40) === 0) || (n === -1n && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
};
const str = (s) => [...uleb(s.length), ...Buffer.from(s, 'utf8')];
const vec = (items) => [...uleb(items.length), ...items.flat()];
const section = (id, bytes) => [id, ...uleb(bytes.length), ...bytes];
const I32 = 0x7f;
const I64 = 0x7e;

const op = {
  get: (i) => [0x20, ...uleb(i)],
  set: (i) => [0x21, ...uleb(i)],
  tee: (i) => [0x22, ...uleb(i)],
  i32: (v) => [0x41, ...sleb(v)],
  i64: (v) => [0x42, ...sleb(BigInt.asIntN(64, BigInt(v)))],
  load64: (offset) => [0x29, 0, ...uleb(offset)], // align hint 1: inputs may be unaligned
  store64: (offset) => [0x37, 0, ...uleb(offset)],
  load8: (offset) => [0x2d, 0, ...uleb(offset)],
  store8: (offset) => [0x3a, 0, ...uleb(offset)],
  xor64: [0x85],
  and64: [0x83],
  rotl64: [0x89],
  add32: [0x6a],
  sub32: [0x6b],
  or32: [0x72],
  or64: [0x84],
  ltU32: [0x49],
  eqz32: [0x45],
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  br: (d) => [0x0c, ...uleb(d)],
  brIf: (d) => [0x0d, ...uleb(d)],
  end: [0x0b],
  call: (f) => [0x10, ...uleb(f)],
  memCopy: [0xfc, 0x0a, 0, 0],
  memFill: [0xfc, 0x0b, 0],
};

// Memory layout (the JS wrapper in src/core/keccak/wasm.ts relies on it).
export const LAYOUT = {
  state: 0, // 200 bytes: the 25 lanes
  pad: 256, // 136 bytes: the padded last block
  roundConstants: 512, // 24 × 8 bytes
  out: 768, // 32 bytes: digest of single hashes
  padA: 1024, // 136 bytes: the two padded blocks of the two-way (SIMD) module
  padB: 1168,
  roundConstants2: 1536, // 24 × 16 bytes: each round constant in both i64x2 lanes
  input: 2048, // start of the caller's data
};
const RATE = 136;

/**
 * Lane complementing: the scalar module keeps these lanes complemented (stored as NOT of their value)
 * through the rounds, so chi's ~b1 & b2 mostly becomes one AND or one OR (WASM has no and-not).
 * This set was found by `node scripts/gen-keccak.mjs --search-complement` (all 2^25 subsets, about a
 * minute): 6 NOTs per round instead of 25, the fewest possible with complementChi's forms; measured
 * ~9% faster than plain NOTs.
 */
let COMPLEMENTED = new Set([1, 7, 8, 14, 17, 22]);
const flag = (i) => (COMPLEMENTED.has(i) ? 1 : 0);

/** NOTs per round chi needs with the lanes of `set` complemented (the cost complementChi pays). */
function notsPerRound(set) {
  const saved = COMPLEMENTED;
  COMPLEMENTED = set;
  const fB = complementFlagsAfterPi();
  let nots = 0;
  for (let y = 0; y < 5; y++) {
    for (let x = 0; x < 5; x++) {
      const [fb, f1, f2] = [x, (x + 1) % 5, (x + 2) % 5].map((xx) => fB[xx + 5 * y]);
      if (f1 === f2 || (fb ^ (f1 ? 0 : 1)) !== flag(x + 5 * y)) nots++;
    }
  }
  COMPLEMENTED = saved;
  return nots;
}

function searchComplementSets() {
  let best = 26;
  for (let m = 0; m < 1 << 25; m++) {
    const set = new Set();
    for (let i = 0; i < 25; i++) if ((m >> i) & 1) set.add(i);
    const n = notsPerRound(set);
    if (n < best) best = n;
    if (n <= best && n < 25) console.log(n, 'NOTs per round with lanes', [...set].join(','));
  }
}

/** For each B lane (after theta, rho, pi) whether it holds the complement of its value. */
function complementFlagsAfterPi() {
  const c = [0, 1, 2, 3, 4].map((x) => [0, 1, 2, 3, 4].reduce((acc, y) => acc ^ flag(x + 5 * y), 0));
  const d = [0, 1, 2, 3, 4].map((x) => c[(x + 4) % 5] ^ c[(x + 1) % 5]);
  const fB = new Array(25);
  for (let y = 0; y < 5; y++) for (let x = 0; x < 5; x++) fB[piTarget(x, y)] = flag(x + 5 * y) ^ d[x];
  return fB;
}

/**
 * chi for one lane on complemented inputs: code computing the stored form of e = b ^ (~b1 & b2)
 * (complemented iff flag(i)), from stored b, b1, b2 whose complement flags are fb, f1, f2.
 */
function complementChi(i, [b, b1, b2], [fb, f1, f2]) {
  const not = [...op.i64(-1), ...op.xor64];
  const code = [...op.get(b)];
  let ft; // flag of the computed t (1: it holds ~(~b1 & b2))
  if (f1 !== f2) {
    // f1 = 1, f2 = 0: ~b1 & b2 is B1 & B2.  f1 = 0, f2 = 1: B1 | B2 is b1 | ~b2 = ~(~b1 & b2).
    code.push(...op.get(b1), ...op.get(b2), ...(f1 ? op.and64 : op.or64));
    ft = f1 ? 0 : 1;
  } else {
    // One NOT either way, so pick the form whose flag makes e come out with flag(i).
    ft = fb ^ flag(i);
    const and = ft === 0;
    const notFirst = f1 === 0 ? and : !and; // which operand gets the NOT
    code.push(
      ...op.get(b1),
      ...(notFirst ? not : []),
      ...op.get(b2),
      ...(notFirst ? [] : not),
      ...(and ? op.and64 : op.or64),
    );
  }
  code.push(...op.xor64);
  const extraNot = f1 !== f2 && (fb ^ ft) !== flag(i);
  if (extraNot) code.push(...not);
  return { code, nots: f1 === f2 || extraNot ? 1 : 0 };
}

/**
 * theta, then rho and pi into B: the part of a round the scalar and the two-way module share, over their own
 * locals (A, B, C, D map a lane or column to a local) and their own lane type's `xor` and `rotl(n)`.
 */
function thetaRhoPi({ A, B, C, D }, { xor, rotl }) {
  const code = [];
  for (let x = 0; x < 5; x++) {
    code.push(...op.get(A(x)));
    for (let y = 1; y < 5; y++) code.push(...op.get(A(x + 5 * y)), ...xor);
    code.push(...op.set(C(x)));
  }
  for (let x = 0; x < 5; x++) {
    code.push(...op.get(C((x + 4) % 5)), ...op.get(C((x + 1) % 5)), ...rotl(1), ...xor, ...op.set(D(x)));
  }
  // theta applied, rho, pi
  for (let y = 0; y < 5; y++) {
    for (let x = 0; x < 5; x++) {
      const i = x + 5 * y;
      code.push(...op.get(A(i)), ...op.get(D(x)), ...xor);
      if (ROTATIONS[i] !== 0) code.push(...rotl(ROTATIONS[i]));
      code.push(...op.set(B(piTarget(x, y))));
    }
  }
  return code;
}

/**
 * keccak-f[1600] on the lanes at LAYOUT.state: load into locals, 24 rounds, store. Each round
 * computes all of theta, then rho and pi into B, then chi back into A (measured ~10% faster under
 * V8's optimizing tier than a plane-by-plane order with two rounds per iteration).
 */
function permuteBody() {
  const A = (i) => i; // locals 0..24
  const B = (i) => 25 + i; // 25..49
  const C = (x) => 50 + x; // 50..54
  const D = (x) => 55 + x; // 55..59
  const RC = 60; // i32 pointer into the round constant table
  const code = [];
  const not = [...op.i64(-1), ...op.xor64];
  for (let i = 0; i < 25; i++) {
    code.push(...op.i32(LAYOUT.state), ...op.load64(8 * i), ...(flag(i) ? not : []), ...op.set(A(i)));
  }
  code.push(...op.i32(LAYOUT.roundConstants), ...op.set(RC));
  code.push(...op.loop);
  code.push(...thetaRhoPi({ A, B, C, D }, { xor: op.xor64, rotl: (n) => [...op.i64(n), ...op.rotl64] }));
  // chi: a = b ^ (~b1 & b2), on complemented lanes
  const fB = complementFlagsAfterPi();
  let nots = 0;
  for (let y = 0; y < 5; y++) {
    for (let x = 0; x < 5; x++) {
      const lanes = [x + 5 * y, ((x + 1) % 5) + 5 * y, ((x + 2) % 5) + 5 * y];
      const chi = complementChi(
        x + 5 * y,
        lanes.map(B),
        lanes.map((j) => fB[j]),
      );
      code.push(...chi.code, ...op.set(A(x + 5 * y)));
      nots += chi.nots;
    }
  }
  if (nots !== notsPerRound(COMPLEMENTED))
    throw new Error(`lane complementing: ${nots} NOTs per round, model says otherwise`);
  // iota (xor with a constant commutes with complementing)
  code.push(...op.get(A(0)), ...op.get(RC), ...op.load64(0), ...op.xor64, ...op.set(A(0)));
  code.push(...op.get(RC), ...op.i32(8), ...op.add32, ...op.tee(RC));
  code.push(...op.i32(LAYOUT.roundConstants + 8 * 24), ...op.ltU32, ...op.brIf(0), ...op.end);
  for (let i = 0; i < 25; i++) {
    code.push(...op.i32(LAYOUT.state), ...op.get(A(i)), ...(flag(i) ? not : []), ...op.store64(8 * i));
  }
  return {
    locals: [
      [60, I64],
      [1, I32],
    ],
    code,
  };
}

/** xor one rate block (17 lanes) at the pointer in local `ptr` into the state. */
function absorbBlock(ptrCode) {
  const code = [];
  for (let i = 0; i < RATE / 8; i++) {
    code.push(...op.i32(LAYOUT.state));
    code.push(...op.i32(LAYOUT.state), ...op.load64(8 * i));
    code.push(...ptrCode, ...op.load64(8 * i), ...op.xor64);
    code.push(...op.store64(8 * i));
  }
  return code;
}

const F_PERMUTE = 0;
const F_HASH = 1;
const F_CHUNKS = 2;

/** hash(in, len, out): keccak-256 of len bytes at in, digest to out. */
function hashBody() {
  const IN = 0;
  const LEN = 1;
  const OUT = 2;
  const code = [];
  code.push(...op.i32(LAYOUT.state), ...op.i32(0), ...op.i32(200), ...op.memFill);
  // whole blocks
  code.push(...op.block, ...op.loop);
  code.push(...op.get(LEN), ...op.i32(RATE), ...op.ltU32, ...op.brIf(1));
  code.push(...absorbBlock(op.get(IN)), ...op.call(F_PERMUTE));
  code.push(...op.get(IN), ...op.i32(RATE), ...op.add32, ...op.set(IN));
  code.push(...op.get(LEN), ...op.i32(RATE), ...op.sub32, ...op.set(LEN));
  code.push(...op.br(0), ...op.end, ...op.end);
  // last block: remaining bytes, then keccak padding 0x01 … 0x80
  code.push(...op.i32(LAYOUT.pad), ...op.i32(0), ...op.i32(RATE), ...op.memFill);
  code.push(...op.i32(LAYOUT.pad), ...op.get(IN), ...op.get(LEN), ...op.memCopy);
  code.push(...op.i32(LAYOUT.pad), ...op.get(LEN), ...op.add32, ...op.i32(1), ...op.store8(0));
  code.push(...op.i32(LAYOUT.pad), ...op.i32(LAYOUT.pad), ...op.load8(RATE - 1), ...op.i32(0x80), ...op.or32);
  code.push(...op.store8(RATE - 1));
  code.push(...absorbBlock(op.i32(LAYOUT.pad)), ...op.call(F_PERMUTE));
  code.push(...op.get(OUT), ...op.i32(LAYOUT.state), ...op.i32(32), ...op.memCopy);
  return { locals: [], code };
}

/** hashChunks(in, size, count, out): count digests of consecutive size-byte chunks, written consecutively. */
function chunksBody() {
  const IN = 0;
  const SIZE = 1;
  const COUNT = 2;
  const OUT = 3;
  const code = [];
  code.push(...op.block, ...op.loop);
  code.push(...op.get(COUNT), ...op.eqz32, ...op.brIf(1));
  code.push(...op.get(IN), ...op.get(SIZE), ...op.get(OUT), ...op.call(F_HASH));
  code.push(...op.get(IN), ...op.get(SIZE), ...op.add32, ...op.set(IN));
  code.push(...op.get(OUT), ...op.i32(32), ...op.add32, ...op.set(OUT));
  code.push(...op.get(COUNT), ...op.i32(1), ...op.sub32, ...op.set(COUNT));
  code.push(...op.br(0), ...op.end, ...op.end);
  return { locals: [], code };
}

// ---------------------------------------------------------------------------------------------
// Two-way module (WASM SIMD): keccak-f[1600] on i64x2 lanes, i.e. two independent single-block
// messages per permutation. Separate from the scalar module so an engine without SIMD still gets
// the scalar one; it imports the scalar module's memory and uses the same layout.

const V128 = 0x7b;
const simd = (code, ...imm) => [0xfd, ...uleb(code), ...imm];
const v = {
  load: (offset) => simd(0x00, 0, ...uleb(offset)),
  zero: simd(0x0c, ...new Array(16).fill(0)),
  splat64: simd(0x12),
  extract64: (lane) => simd(0x1d, lane),
  replace64: (lane) => simd(0x1e, lane),
  andnot: simd(0x4f),
  or: simd(0x50),
  xor: simd(0x51),
  shl64: simd(0xcb),
  shrU64: simd(0xcd),
};

/** hashChunks2(in, size, pairs, out): 2 × pairs digests of consecutive size-byte chunks, size < 136. */
function twoWayBody() {
  const [IN, SIZE, PAIRS, OUT] = [0, 1, 2, 3];
  const A = (i) => 4 + i; // v128 locals 4..28
  const B = (i) => 29 + i; // 29..53
  const C = (x) => 54 + x; // 54..58
  const D = (x) => 59 + x; // 59..63
  const T = 64; // v128 temporary
  const RC = 65; // i32 pointer into the round constant table
  const rotl = (n) => [...op.tee(T), ...op.i32(n), ...v.shl64, ...op.get(T), ...op.i32(64 - n), ...v.shrU64, ...v.or];
  const code = [];
  const padBlock = (pad, src) => {
    code.push(...op.i32(pad), ...op.i32(0), ...op.i32(RATE), ...op.memFill);
    code.push(...op.i32(pad), ...src, ...op.get(SIZE), ...op.memCopy);
    code.push(...op.i32(pad), ...op.get(SIZE), ...op.add32, ...op.i32(1), ...op.store8(0));
    code.push(
      ...op.i32(pad),
      ...op.i32(pad),
      ...op.load8(RATE - 1),
      ...op.i32(0x80),
      ...op.or32,
      ...op.store8(RATE - 1),
    );
  };
  code.push(...op.block, ...op.loop);
  code.push(...op.get(PAIRS), ...op.eqz32, ...op.brIf(1));
  padBlock(LAYOUT.padA, op.get(IN));
  padBlock(LAYOUT.padB, [...op.get(IN), ...op.get(SIZE), ...op.add32]);
  for (let i = 0; i < 25; i++) {
    if (i < RATE / 8) {
      code.push(...op.i32(LAYOUT.padA), ...op.load64(8 * i), ...v.splat64);
      code.push(...op.i32(LAYOUT.padB), ...op.load64(8 * i), ...v.replace64(1));
    } else {
      code.push(...v.zero);
    }
    code.push(...op.set(A(i)));
  }
  code.push(...op.i32(LAYOUT.roundConstants2), ...op.set(RC));
  code.push(...op.loop);
  code.push(...thetaRhoPi({ A, B, C, D }, { xor: v.xor, rotl }));
  for (let y = 0; y < 5; y++) {
    for (let x = 0; x < 5; x++) {
      // chi: a = b ^ (b2 & ~b1)
      code.push(...op.get(B(x + 5 * y)), ...op.get(B(((x + 2) % 5) + 5 * y)), ...op.get(B(((x + 1) % 5) + 5 * y)));
      code.push(...v.andnot, ...v.xor, ...op.set(A(x + 5 * y)));
    }
  }
  code.push(...op.get(A(0)), ...op.get(RC), ...v.load(0), ...v.xor, ...op.set(A(0)));
  code.push(...op.get(RC), ...op.i32(16), ...op.add32, ...op.tee(RC));
  code.push(...op.i32(LAYOUT.roundConstants2 + 16 * 24), ...op.ltU32, ...op.brIf(0), ...op.end);
  for (let i = 0; i < 4; i++) {
    code.push(...op.get(OUT), ...op.get(A(i)), ...v.extract64(0), ...op.store64(8 * i));
    code.push(...op.get(OUT), ...op.get(A(i)), ...v.extract64(1), ...op.store64(32 + 8 * i));
  }
  code.push(...op.get(IN), ...op.get(SIZE), ...op.get(SIZE), ...op.add32, ...op.add32, ...op.set(IN));
  code.push(...op.get(OUT), ...op.i32(64), ...op.add32, ...op.set(OUT));
  code.push(...op.get(PAIRS), ...op.i32(1), ...op.sub32, ...op.set(PAIRS));
  code.push(...op.br(0), ...op.end, ...op.end);
  return {
    locals: [
      [61, V128],
      [1, I32],
    ],
    code,
  };
}

export function wasmTwoWayBytes() {
  const rcTable = ROUND_CONSTANTS.flatMap((rc) => {
    const b = [];
    for (let i = 0n; i < 16n; i++) b.push(Number((rc >> (8n * (i % 8n))) & 0xffn));
    return b;
  });
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([[0x60, ...vec([I32, I32, I32, I32]), ...vec([])]])),
    ...section(2, vec([[...str('env'), ...str('memory'), 0x02, 0x00, ...uleb(1)]])),
    ...section(3, vec([uleb(0)])),
    ...section(7, vec([[...str('hashChunks2'), 0x00, ...uleb(0)]])),
    ...section(10, vec([funcBody(twoWayBody())])),
    ...section(11, vec([[0x00, ...op.i32(LAYOUT.roundConstants2), ...op.end, ...vec(rcTable.map((b) => [b]))]])),
  ]);
}

function funcBody({ locals, code }) {
  const body = [...vec(locals.map(([n, t]) => [...uleb(n), t])), ...code, ...op.end];
  return [...uleb(body.length), ...body];
}

export function wasmBytes() {
  const rcTable = ROUND_CONSTANTS.flatMap((rc) => {
    const b = [];
    for (let i = 0n; i < 8n; i++) b.push(Number((rc >> (8n * i)) & 0xffn));
    return b;
  });
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(
      1,
      vec([
        [0x60, ...vec([]), ...vec([])],
        [0x60, ...vec([I32, I32, I32]), ...vec([])],
        [0x60, ...vec([I32, I32, I32, I32]), ...vec([])],
      ]),
    ),
    ...section(3, vec([uleb(0), uleb(1), uleb(2)])),
    ...section(5, vec([[0x00, ...uleb(1)]])), // one memory, 1 page initially, grown by the wrapper
    ...section(
      7,
      vec([
        [...str('memory'), 0x02, 0],
        [...str('hash'), 0x00, ...uleb(F_HASH)],
        [...str('hashChunks'), 0x00, ...uleb(F_CHUNKS)],
      ]),
    ),
    ...section(10, vec([funcBody(permuteBody()), funcBody(hashBody()), funcBody(chunksBody())])),
    ...section(11, vec([[0x00, ...op.i32(LAYOUT.roundConstants), ...op.end, ...vec(rcTable.map((b) => [b]))]])),
  ];
  return Uint8Array.from(bytes);
}

// ---------------------------------------------------------------------------------------------
// TypeScript permutation on (hi, lo) 32-bit halves, fully unrolled within a round (every lane a local: V8 keeps
// them in registers, which is what makes it fast; docs/performance.md). Emitted one row of the state (5 lanes)
// per line for each step, so the file reads as the steps of a round rather than 200 lines of one shape.

export function permutationSource() {
  const lines = [];
  const lo = (i) => `a${i}l`;
  const hi = (i) => `a${i}h`;
  // rotl of the 64-bit value (h, l) by n, as two expressions
  const rotl = (h, l, n) => {
    if (n === 0) return [h, l];
    if (n === 32) return [l, h];
    if (n < 32) return [`(${h} << ${n}) | (${l} >>> ${32 - n})`, `(${l} << ${n}) | (${h} >>> ${32 - n})`];
    const m = n - 32;
    return [`(${l} << ${m}) | (${h} >>> ${32 - m})`, `(${h} << ${m}) | (${l} >>> ${32 - m})`];
  };
  lines.push('// GENERATED by scripts/gen-keccak.mjs from the Keccak / FIPS 202 definitions. Do not edit.');
  lines.push('// keccak-f[1600] on 25 lanes held as 50 int32 halves: s[2i] = low 32 bits, s[2i + 1] = high 32 bits');
  lines.push('// of lane i (lane A[x, y] is i = x + 5y). Every lane lives in a local through the 24 rounds, and');
  lines.push(
    `// lanes ${[...COMPLEMENTED].join(', ')} are kept complemented there (lane complementing: chi needs fewer NOTs).`,
  );
  lines.push('');
  const rcLo = ROUND_CONSTANTS.map((rc) => `0x${(rc & 0xffffffffn).toString(16)}`);
  const rcHi = ROUND_CONSTANTS.map((rc) => `0x${(rc >> 32n).toString(16)}`);
  lines.push(`const RC_LO = new Int32Array([${rcLo.join(', ')}]);`);
  lines.push(`const RC_HI = new Int32Array([${rcHi.join(', ')}]);`);
  lines.push('');
  lines.push('/** Applies keccak-f[1600] to `s` in place. */');
  lines.push('export function keccakF1600(s: Int32Array): void {');
  const fB = complementFlagsAfterPi();
  const maybeNot = (i) => (flag(i) ? '~' : '');
  /** The 5 lanes of row y of the state, each `lane(x, i)` (lane i = x + 5y), joined with `sep`: one line. */
  const row = (y, lane, sep) => [0, 1, 2, 3, 4].map((x) => lane(x, x + 5 * y)).join(sep);
  for (let y = 0; y < 5; y++) {
    const load = (i) => `${lo(i)} = ${maybeNot(i)}s[${2 * i}], ${hi(i)} = ${maybeNot(i)}s[${2 * i + 1}]`;
    lines.push(`  let ${row(y, (_, i) => load(i), ', ')};`);
  }
  lines.push('  for (let r = 0; r < 24; r++) {');
  const theta = [0, 1, 2, 3, 4].map((x) => {
    const col = (f) => [0, 1, 2, 3, 4].map((y) => f(x + 5 * y)).join(' ^ ');
    return `c${x}l = ${col(lo)}, c${x}h = ${col(hi)}`;
  });
  lines.push(`    const ${theta.join(', ')};`);
  const thetaD = [0, 1, 2, 3, 4].map((x) => {
    const [rh, rl] = rotl(`c${(x + 1) % 5}h`, `c${(x + 1) % 5}l`, 1);
    return `d${x}l = c${(x + 4) % 5}l ^ (${rl}), d${x}h = c${(x + 4) % 5}h ^ (${rh})`;
  });
  lines.push(`    const ${thetaD.join(', ')};`);
  for (let y = 0; y < 5; y++) {
    lines.push(`    const ${row(y, (x, i) => `t${i}l = ${lo(i)} ^ d${x}l, t${i}h = ${hi(i)} ^ d${x}h`, ', ')};`);
  }
  for (let y = 0; y < 5; y++) {
    const rhoPi = (x, i) => {
      const [h, l] = rotl(`t${i}h`, `t${i}l`, ROTATIONS[i]);
      const j = piTarget(x, y);
      return `b${j}l = ${l}, b${j}h = ${h}`;
    };
    lines.push(`    const ${row(y, rhoPi, ', ')};`);
  }
  for (let y = 0; y < 5; y++) {
    const chiLane = (x, i) => {
      const i1 = ((x + 1) % 5) + 5 * y;
      const i2 = ((x + 2) % 5) + 5 * y;
      const chi = (half) => {
        const [b, b1, b2] = [i, i1, i2].map((k) => `b${k}${half}`);
        const [fb, f1, f2] = [i, i1, i2].map((k) => fB[k]);
        if (f1 !== f2) {
          const ft = f1 ? 0 : 1;
          const e = `${b} ^ (${b1} ${f1 ? '&' : '|'} ${b2})`;
          return (fb ^ ft) !== flag(i) ? `~(${e})` : e;
        }
        const and = (fb ^ flag(i)) === 0;
        const notFirst = f1 === 0 ? and : !and;
        return `${b} ^ (${notFirst ? '~' : ''}${b1} ${and ? '&' : '|'} ${notFirst ? '' : '~'}${b2})`;
      };
      return `${lo(i)} = ${chi('l')}; ${hi(i)} = ${chi('h')};`;
    };
    lines.push(`    ${row(y, chiLane, ' ')}`);
  }
  lines.push('    a0l ^= RC_LO[r];');
  lines.push('    a0h ^= RC_HI[r];');
  lines.push('  }');
  for (let y = 0; y < 5; y++) {
    const store = (i) => `s[${2 * i}] = ${maybeNot(i)}${lo(i)}; s[${2 * i + 1}] = ${maybeNot(i)}${hi(i)};`;
    lines.push(`  ${row(y, (_, i) => store(i), ' ')}`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

export function wasmModuleSource() {
  const b64wrap = (bytes) =>
    Buffer.from(bytes)
      .toString('base64')
      .match(/.{1,100}/g)
      .map((l) => `  '${l}'`)
      .join(' +\n');
  return [
    '// GENERATED by scripts/gen-keccak.mjs from the Keccak / FIPS 202 definitions. Do not edit.',
    '// Two WebAssembly modules: keccak-256 with keccak-f[1600] on native i64 lanes (exports memory,',
    '// hash(in, len, out), hashChunks(in, size, count, out)), and a two-way WASM SIMD one that hashes',
    "// pairs of single-block chunks on i64x2 lanes in the first module's memory (hashChunks2).",
    '',
    `/** The module bytes, base64 (${wasmBytes().length} bytes). */`,
    `export const KECCAK_WASM_BASE64 =\n${b64wrap(wasmBytes())};`,
    '',
    `/** The two-way (SIMD) module, base64 (${wasmTwoWayBytes().length} bytes): imports env.memory; export hashChunks2(in, size, pairs, out). */`,
    `export const KECCAK_WASM_TWO_WAY_BASE64 =\n${b64wrap(wasmTwoWayBytes())};`,
    '',
    `/** Memory layout the modules use (byte offsets). */`,
    `export const KECCAK_WASM_LAYOUT = ${JSON.stringify(LAYOUT).replace(/"/g, '')} as const;`,
    '',
  ].join('\n');
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUTPUTS = {
  'src/core/keccak/wasmModule.ts': wasmModuleSource,
  'src/core/keccak/permutation.ts': permutationSource,
};

if (
  process.argv[1] &&
  fileURLToPath(import.meta.url) === process.argv[1] &&
  process.argv.includes('--search-complement')
) {
  searchComplementSets();
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check');
  let stale = false;
  for (const [path, gen] of Object.entries(OUTPUTS)) {
    const text = gen();
    const file = join(root, path);
    if (check) {
      let current = '';
      try {
        current = readFileSync(file, 'utf8');
      } catch {}
      if (current !== text) {
        console.error(`${path} is not what scripts/gen-keccak.mjs generates`);
        stale = true;
      }
    } else {
      writeFileSync(file, text);
      console.log(`wrote ${path}`);
    }
  }
  if (stale) process.exit(1);
}
