// The protocol core end to end: batch log tree root (from leaf hashes, the public API, and from
// packed commit calldata), proof building and proof verification — once per keccak implementation,
// so the choice of implementation is measured where it matters.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildLogTree,
  buildLogTreeFromPackedLogs,
  bytesToHexFast,
  computeLogTreeRoot,
  computeLogTreeRootFromPackedLogs,
  DynamicIncrementalMerkleTree,
  encodeProof,
  hashL2ToL1Log,
  type L2ToL1Log,
  type ProofSegment,
  verifyProof,
} from '@interop/sdk/core';
import { type KeccakBackend, useKeccakBackend } from '@interop/sdk/keccak';
import type { Hex } from 'viem';
import { type BenchResult, bench, retainedMB } from './harness.js';

// dist/bench/core.js → repo root is two levels up (the vectors live beside the repository).
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

type Vector = {
  sourceChainId: number;
  batchNumber: number;
  l2MessageIndex: number;
  log: L2ToL1Log;
  proof: Hex[];
};

function loadVector(): Vector {
  return JSON.parse(readFileSync(join(root, 'test', 'vectors', 'zksync-v29-single-level.json'), 'utf8')) as Vector;
}

function randomBytes(len: number): Uint8Array {
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) out[i] = (Math.random() * 256) | 0;
  return out;
}
const randomWord = (): Hex => bytesToHexFast(randomBytes(32));
const aggregatedRoot = randomWord();

const LOGS = 16_384;

/** A two-level proof of 27 words (15 log-tree words + 5 chain-tree words + 2 shared-tree words + 5 others). */
function twoLevelProof(): { leaf: Hex; proof: Hex[] } {
  const segments: ProofSegment[] = [
    {
      final: false,
      path: Array.from({ length: 15 }, randomWord),
      batchLeafIndex: 19n,
      batchPath: Array.from({ length: 5 }, randomWord),
      settlementBlockNumber: 1234n,
      chainIdLeafIndex: 2n,
      settlementChainId: 9n,
    },
    { final: true, path: [randomWord(), randomWord()] },
  ];
  return { leaf: randomWord(), proof: encodeProof(segments) };
}

/** Core benches with each of `backends` in turn (the proof-building rows with the first one only). */
export async function coreBenches(backends: KeccakBackend[]): Promise<{ results: BenchResult[]; memory: string[] }> {
  const results: BenchResult[] = [];
  const memory: string[] = [];
  const vector = loadVector();
  const vectorLeaf = hashL2ToL1Log(vector.log);
  const two = twoLevelProof();
  if (two.proof.length !== 27) throw new Error(`two-level proof has ${two.proof.length} words`);
  const packed = randomBytes(88 * LOGS);
  const leafHashes: Hex[] = Array.from({ length: LOGS }, randomWord);
  const leafBytes = randomBytes(32 * LOGS);
  const chainTree = new DynamicIncrementalMerkleTree(Array.from({ length: 1000 }, randomWord));

  for (const b of backends) {
    const previous = useKeccakBackend(b);
    try {
      const g = `core (${b.name})`;
      results.push(
        bench(g, 'verify 4-word proof (ZKsync vector)', () =>
          verifyProof({ chainId: 271n, batchNumber: 66n, leafIndex: 1, leaf: vectorLeaf, proof: vector.proof }),
        ),
      );
      results.push(
        bench(g, 'verify 27-word two-level proof', () =>
          verifyProof({ chainId: 270n, batchNumber: 5n, leafIndex: 4321, leaf: two.leaf, proof: two.proof }),
        ),
      );
      results.push(
        bench(g, 'batch root: 16,384 packed logs, root only', () => computeLogTreeRootFromPackedLogs(packed)),
      );
      results.push(bench(g, 'batch root: 16,384 leaf hashes (bytes), root only', () => computeLogTreeRoot(leafBytes)));
      results.push(
        bench(g, 'batch tree: 16,384 packed logs, paths kept', () => buildLogTreeFromPackedLogs(packed).root),
      );
      results.push(bench(g, 'batch tree: buildLogTree(16,384 hex leaves)', () => buildLogTree(leafHashes).root));
      if (b !== backends[0]) continue;
      const tree = buildLogTree(leafHashes);
      let i = 0;
      results.push(
        bench(g, 'proof build: log path + encodeProof', () => {
          const index = (i = (i + 7919) % LOGS);
          return encodeProof([{ final: true, path: [...tree.path(index), aggregatedRoot] }]);
        }),
      );
      results.push(
        bench(g, 'proof build: chain tree path at past size', () => {
          const size = 500 + (i = (i + 7919) % 500);
          return chainTree.path(size - 1, size);
        }),
      );
    } finally {
      useKeccakBackend(previous);
    }
  }
  const tree = await retainedMB(() => buildLogTree(leafHashes));
  memory.push(`retained by a built LogTree of 16,384 logs: ${tree.toFixed(2)} MB`);
  const chain = await retainedMB(() => new DynamicIncrementalMerkleTree(Array.from({ length: 100_000 }, randomWord)));
  memory.push(`retained by a DynamicIncrementalMerkleTree of 100,000 leaves: ${chain.toFixed(2)} MB`);
  return { results, memory };
}
