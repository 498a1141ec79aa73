// keccak-256 per implementation: one 64-byte pair (a tree node), one 88-byte log leaf (with a new
// result array, and written into a caller's buffer), the bulk calls that hash a whole batch's
// leaves or a tree level, and a batch root computed straight from packed logs with bulk calls only
// (the floor for what a tree builder can reach with that implementation).
import { type KeccakBackend, keccakBackendFromHash, keccakBackends } from '@interop/sdk/keccak';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { type BenchResult, bench } from './harness.js';

/** js-sha3 (a dependency of solc, so it is installed), for comparison; undefined where it is missing. */
async function jsSha3Backend(): Promise<KeccakBackend | undefined> {
  try {
    // Not a dependency of ours: a variable specifier keeps tsc from requiring it at build time.
    const specifier = 'js-sha3';
    type JsSha3 = { keccak256: { arrayBuffer(data: Uint8Array): ArrayBuffer } };
    const mod = (await import(specifier)) as Partial<JsSha3> & { default?: JsSha3 };
    const k = mod.keccak256 ?? mod.default?.keccak256;
    return k && keccakBackendFromHash('js-sha3', (d) => new Uint8Array(k.arrayBuffer(d)));
  } catch {
    return undefined;
  }
}

/** Ours, then @noble/hashes (the baseline: viem's hash library) and js-sha3. */
export async function allBackends(): Promise<KeccakBackend[]> {
  const extra = await jsSha3Backend();
  const noble = keccakBackendFromHash('noble', keccak_256);
  return extra ? [...keccakBackends(), noble, extra] : [...keccakBackends(), noble];
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
