// keccak-256 per implementation: one 64-byte pair (a tree node), one 88-byte log leaf (with a new
// result array, and written into a caller's buffer), the bulk calls that hash a whole batch's
// leaves or a tree level, and a batch root computed straight from packed logs with bulk calls only
// (the floor for what a tree builder can reach with that implementation).
import { type KeccakBackend, keccakBackends } from '@interop/sdk/keccak';
import { type BenchResult, bench } from './harness.js';

/** js-sha3 (a dependency of solc, so it is installed) behind the backend interface, for comparison. */
async function jsSha3Backend(): Promise<KeccakBackend | undefined> {
  try {
    // Not a dependency of ours: a variable specifier keeps tsc from requiring it at build time.
    const specifier = 'js-sha3';
    const mod = (await import(specifier)) as {
      keccak256: { arrayBuffer(data: Uint8Array): ArrayBuffer };
      default?: { keccak256: { arrayBuffer(data: Uint8Array): ArrayBuffer } };
    };
    const k = mod.keccak256 ?? mod.default?.keccak256;
    if (!k) return undefined;
    const hash = (d: Uint8Array) => new Uint8Array(k.arrayBuffer(d));
    return {
      name: 'js-sha3',
      keccak256: hash,
      keccak256Into: (d, out, off = 0) => out.set(hash(d), off),
      keccak256Pair(l, r) {
        const buf = new Uint8Array(64);
        buf.set(l, 0);
        buf.set(r, 32);
        return hash(buf);
      },
      keccak256Chunks(input, size, count, out, off = 0) {
        for (let i = 0; i < count; i++) out.set(hash(input.subarray(i * size, (i + 1) * size)), off + i * 32);
      },
    };
  } catch {
    return undefined;
  }
}

export async function allBackends(): Promise<KeccakBackend[]> {
  const extra = await jsSha3Backend();
  return extra ? [...keccakBackends(), extra] : keccakBackends();
}

function random(len: number): Uint8Array {
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) out[i] = (Math.random() * 256) | 0;
  return out;
}

const LOGS = 16_384;
const HEIGHT = 14;

export async function keccakBenches(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const left = random(32);
  const right = random(32);
  const leaf = random(88);
  const out = new Uint8Array(32);
  const packed = random(88 * LOGS);
  const digests = new Uint8Array(32 * LOGS);
  const level = random(64 * (LOGS / 2));
  const levelOut = new Uint8Array(32 * (LOGS / 2));
  for (const b of await allBackends()) {
    const g = `keccak ${b.name}`;
    results.push(bench(g, 'pair, 64 B (new array)', () => b.keccak256Pair(left, right)));
    results.push(bench(g, 'leaf, 88 B (new array)', () => b.keccak256(leaf)));
    results.push(bench(g, 'leaf, 88 B (into buffer)', () => b.keccak256Into(leaf, out, 0)));
    results.push(
      bench(g, 'bulk: 16,384 leaves of 88 B, per hash', () => b.keccak256Chunks(packed, 88, LOGS, digests, 0), {
        perOp: LOGS,
      }),
    );
    results.push(
      bench(g, 'bulk: level of 8,192 pairs, per hash', () => b.keccak256Chunks(level, 64, LOGS / 2, levelOut, 0), {
        perOp: LOGS / 2,
      }),
    );
    results.push(
      bench(g, 'root of 16,384 packed logs, bulk only', () => {
        b.keccak256Chunks(packed, 88, LOGS, digests, 0);
        for (let k = 0, n = LOGS / 2; k < HEIGHT; k++, n >>= 1) b.keccak256Chunks(digests, 64, n, digests, 0);
      }),
    );
  }
  return results;
}
