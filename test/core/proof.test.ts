import {
  buildLogTree,
  computeMerkleRoot,
  DEFAULT_LOG_LEAF_HASH,
  DynamicIncrementalMerkleTree,
  decodeProof,
  encodeProof,
  FullMerkleTree,
  getBatchRootLeaf,
  getChainBatchRoot,
  getChainIdLeaf,
  getLeafChainAggregatedRoot,
  hashL2ToL1Log,
  InvalidInputError,
  InvalidProofError,
  type InvalidProofReason,
  type ProofSegment,
  type VerifyProofParams,
  verifyProof,
} from '@interop/sdk/core';
import { keccakBackends, useKeccakBackend } from '@interop/sdk/keccak';
import fc from 'fast-check';
import type { Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { readVector } from '../helpers/vectors.js';
import { batchRootLeaf, chainIdLeaf, fold, H } from './reference.js';

const single = readVector('zksync-v29-single-level.json');
const vectorParams: VerifyProofParams = {
  chainId: 271n,
  batchNumber: 66n,
  leafIndex: 1,
  leaf: hashL2ToL1Log(single.log),
  proof: single.proof,
};

const word = (n: number | bigint): Hex => `0x${BigInt(n).toString(16).padStart(64, '0')}`;
const leafOf = (seed: number, i: number): Hex => H(word(seed), word(i));

type Scenario = {
  params: VerifyProofParams;
  segments: ProofSegment[];
  expected: { root: Hex; chainId: bigint; block: bigint; levelRoots: Hex[] };
};

/**
 * Builds a message proof with 1, 2 or 3 levels from real trees: chain A's batch log tree, then A
 * settling on S (chain tree + shared tree), then optionally S settling on T the same way.
 */
function scenario(seed: number, levels: 1 | 2 | 3, sizes: { logs: number; batches: number; chains: number }): Scenario {
  const logs = Array.from({ length: sizes.logs }, (_, i) => leafOf(seed, i));
  const logIndex = seed % sizes.logs;
  const logTree = buildLogTree(logs);
  const chainA = 1000n + BigInt(seed);
  const batchA = 5n + BigInt(seed % 7);
  const aggregated = getLeafChainAggregatedRoot(chainA);
  const chainBatchRootA = getChainBatchRoot(logTree.root, aggregated);
  const firstPath = [...logTree.path(logIndex), aggregated];
  const params = {
    chainId: chainA,
    batchNumber: batchA,
    leafIndex: BigInt(logIndex),
    leaf: logs[logIndex],
    proof: [] as Hex[],
  };
  if (levels === 1) {
    const segments: ProofSegment[] = [{ path: firstPath, final: true }];
    return {
      params: { ...params, proof: encodeProof(segments) },
      segments,
      expected: { root: chainBatchRootA, chainId: chainA, block: batchA, levelRoots: [chainBatchRootA] },
    };
  }
  // A's chain tree on S: other batches around A's batch.
  const batchIndex = seed % sizes.batches;
  const chainTree = new DynamicIncrementalMerkleTree();
  for (let i = 0; i < sizes.batches; i++)
    chainTree.push(i === batchIndex ? getBatchRootLeaf(chainBatchRootA, batchA) : leafOf(seed + 1, i));
  const chainIdx = (seed >> 3) % sizes.chains;
  const shared = new FullMerkleTree();
  for (let i = 0; i < sizes.chains; i++)
    shared.push(i === chainIdx ? getChainIdLeaf(chainTree.root(), chainA) : leafOf(seed + 2, i));
  const chainS = 9n;
  const blockS = 100n + BigInt(seed);
  const sharedPath = shared.path(chainIdx);
  const segA: ProofSegment = {
    path: firstPath,
    final: false,
    batchLeafIndex: BigInt(batchIndex),
    batchPath: chainTree.path(batchIndex),
    settlementBlockNumber: blockS,
    chainIdLeafIndex: BigInt(chainIdx),
    settlementChainId: chainS,
  };
  if (levels === 2) {
    const segments: ProofSegment[] = [segA, { path: sharedPath, final: true }];
    return {
      params: { ...params, proof: encodeProof(segments) },
      segments,
      expected: { root: shared.root(), chainId: chainS, block: blockS, levelRoots: [chainBatchRootA, shared.root()] },
    };
  }
  // S settles on T: S's batch root = H(S's local logs root ‖ S's MessageRoot). The ChainIdLeaf's path
  // goes up S's shared tree and then takes the logs root as left sibling, so its mask gains a top bit.
  const sLocalLogsRoot = buildLogTree([leafOf(seed + 3, 0)]).root;
  const chainBatchRootS = getChainBatchRoot(sLocalLogsRoot, shared.root());
  const batchS = blockS; // S's batch number is what the packed word carries for the next level
  const chainTreeS = new DynamicIncrementalMerkleTree([leafOf(seed + 4, 0), getBatchRootLeaf(chainBatchRootS, batchS)]);
  const sharedT = new FullMerkleTree([
    leafOf(seed + 5, 0),
    leafOf(seed + 5, 1),
    getChainIdLeaf(chainTreeS.root(), chainS),
  ]);
  const chainT = 1n;
  const blockT = 77n;
  const segS: ProofSegment = {
    path: [...sharedPath, sLocalLogsRoot],
    final: false,
    batchLeafIndex: 1n,
    batchPath: chainTreeS.path(1),
    settlementBlockNumber: blockT,
    chainIdLeafIndex: 2n,
    settlementChainId: chainT,
  };
  const segA3 = { ...segA, chainIdLeafIndex: BigInt(chainIdx) | (1n << BigInt(sharedPath.length)) };
  const segments: ProofSegment[] = [segA3, segS, { path: sharedT.path(2), final: true }];
  return {
    params: { ...params, proof: encodeProof(segments) },
    segments,
    expected: {
      root: sharedT.root(),
      chainId: chainT,
      block: blockT,
      levelRoots: [chainBatchRootA, chainBatchRootS, sharedT.root()],
    },
  };
}

function expectVerifies(s: Scenario): void {
  const r = verifyProof(s.params);
  expect(r.root).toBe(s.expected.root);
  expect(r.settlementLayer).toEqual({ chainId: s.expected.chainId, blockNumber: s.expected.block });
  expect(r.levels.map((l) => l.root)).toEqual(s.expected.levelRoots);
  expect(r.levels[0]).toMatchObject({ chainId: s.params.chainId, batchNumber: s.params.batchNumber });
}

const scenarioArb = fc.record({
  seed: fc.integer({ min: 0, max: 1 << 20 }),
  levels: fc.constantFrom(1 as const, 2 as const, 3 as const),
  logs: fc.integer({ min: 1, max: 40 }),
  batches: fc.integer({ min: 1, max: 20 }),
  chains: fc.integer({ min: 1, max: 12 }),
});

describe('building and verifying proofs', () => {
  it('every proof the builder makes verifies, with every level', () => {
    fc.assert(
      fc.property(scenarioArb, ({ seed, levels, ...sizes }) => expectVerifies(scenario(seed, levels, sizes))),
      { numRuns: 60 },
    );
  });

  it('a two-level proof walks the same hashes as the reference fold', () => {
    const s = scenario(11, 2, { logs: 9, batches: 5, chains: 3 });
    const [a, b] = s.segments as [Extract<ProofSegment, { final: false }>, ProofSegment];
    const chainBatchRoot = fold(s.params.leaf, BigInt(s.params.leafIndex), a.path);
    const chainRoot = fold(batchRootLeaf(chainBatchRoot, s.params.batchNumber), a.batchLeafIndex, a.batchPath);
    const root = fold(chainIdLeaf(chainRoot, s.params.chainId), a.chainIdLeafIndex, b.path);
    expect(verifyProof(s.params).root).toBe(root);
  });

  it('decode inverts encode', () => {
    fc.assert(
      fc.property(scenarioArb, ({ seed, levels, ...sizes }) => {
        const s = scenario(seed, levels, sizes);
        expect(decodeProof(s.params.proof)).toEqual(s.segments);
        expect(encodeProof(decodeProof(s.params.proof))).toEqual(s.params.proof);
      }),
      { numRuns: 30 },
    );
  });

  it('a chain tree of one batch has an empty batch path (length 0, mask 0)', () => {
    const s = scenario(3, 2, { logs: 2, batches: 1, chains: 1 });
    expect((s.segments[0] as { batchPath: Hex[] }).batchPath).toEqual([]);
    expect(s.segments[1].path).toEqual([]);
    expectVerifies(s);
  });

  it('the packed word carries the block in its high 128 bits and the mask in its low ones', () => {
    const s = scenario(5, 2, { logs: 3, batches: 3, chains: 5 });
    const seg = s.segments[0] as Extract<ProofSegment, { final: false }>;
    const at = 1 + seg.path.length + 1 + seg.batchPath.length;
    expect(BigInt(s.params.proof[at])).toBe((seg.settlementBlockNumber << 128n) | seg.chainIdLeafIndex);
    expect(BigInt(s.params.proof[at + 1])).toBe(seg.settlementChainId);
  });
});

describe('every keccak backend', () => {
  it('gives the same verification results (known answer and a three-level proof)', () => {
    const s = scenario(17, 3, { logs: 7, batches: 5, chains: 4 });
    const backends = keccakBackends();
    expect(backends.length).toBeGreaterThan(1);
    const original = useKeccakBackend(backends[0]);
    try {
      for (const backend of backends) {
        useKeccakBackend(backend);
        expect(verifyProof(vectorParams).root, backend.name).toBe(single.expected.root);
        expectVerifies(s);
      }
    } finally {
      useKeccakBackend(original);
    }
  });
});

describe('legacy format (plain path)', () => {
  it('a plain path verifies like a final v1 segment with the same words', () => {
    const legacy = single.proof.slice(1) as Hex[];
    const r = verifyProof({ ...vectorParams, proof: legacy });
    expect(r.root).toBe(single.expected.root);
    expect(decodeProof(legacy)).toEqual([{ path: legacy, final: true, legacy: true }]);
    expect(encodeProof(decodeProof(legacy))).toEqual(legacy);
  });

  it('refuses to encode a legacy path whose first word would read as metadata', () => {
    expect(() => encodeProof([{ path: [`0xaabbccdd${'0'.repeat(56)}`], final: true, legacy: true }])).toThrow(
      InvalidInputError,
    );
    expect(() => encodeProof([{ path: [], final: true, legacy: true }])).toThrow(InvalidInputError);
  });
});

describe('tampering', () => {
  const result = (p: VerifyProofParams): string | InvalidProofReason => {
    try {
      const r = verifyProof(p);
      return `${r.root}/${r.settlementLayer.chainId}/${r.settlementLayer.blockNumber}`;
    } catch (err) {
      if (err instanceof InvalidProofError) return err.reason;
      throw err;
    }
  };
  const flip = (w: Hex, bit: number): Hex => `0x${(BigInt(w) ^ (1n << BigInt(bit))).toString(16).padStart(64, '0')}`;

  it('every single-bit change of a valid proof fails or is refused', () => {
    for (const s of [
      scenario(7, 3, { logs: 5, batches: 6, chains: 5 }),
      scenario(9, 2, { logs: 3, batches: 2, chains: 2 }),
      { params: vectorParams },
    ]) {
      const good = result(s.params);
      expect(good).toMatch(/^0x/);
      const proof = s.params.proof;
      for (let i = 0; i < proof.length; i++) {
        for (let bit = 0; bit < 256; bit++) {
          const tampered = [...proof];
          tampered[i] = flip(proof[i], bit);
          expect(result({ ...s.params, proof: tampered }), `word ${i} bit ${bit}`).not.toBe(good);
        }
      }
    }
  });

  it('every single-word replacement, removal or addition fails or is refused', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.constantFrom(1 as const, 2 as const, 3 as const),
        fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }),
        (seed, levels, value) => {
          const s = scenario(seed, levels, { logs: 4, batches: 3, chains: 3 });
          const good = result(s.params);
          const i = seed % s.params.proof.length;
          if (word(value) !== s.params.proof[i]) {
            const replaced = [...s.params.proof];
            replaced[i] = word(value);
            expect(result({ ...s.params, proof: replaced })).not.toBe(good);
          }
          // The one removal that keeps the answer, by the format's design: a single final segment
          // without its metadata word is the same path in the legacy format.
          if (!(levels === 1 && i === 0)) {
            expect(
              result({ ...s.params, proof: s.params.proof.filter((_, j) => j !== i) }),
              `remove ${i} of ${s.params.proof.length}`,
            ).not.toBe(good);
          }
          const added = [...s.params.proof];
          added.splice(i, 0, word(value));
          expect(result({ ...s.params, proof: added }), `add at ${i} of ${s.params.proof.length}`).not.toBe(good);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a different leaf, index or batch gives a different answer', () => {
    const s = scenario(21, 2, { logs: 6, batches: 4, chains: 3 });
    const good = result(s.params);
    expect(result({ ...s.params, leaf: H(s.params.leaf, s.params.leaf) })).not.toBe(good);
    expect(result({ ...s.params, leafIndex: BigInt(s.params.leafIndex) ^ 1n })).not.toBe(good);
    expect(result({ ...s.params, batchNumber: s.params.batchNumber + 1n })).not.toBe(good);
    expect(result({ ...s.params, chainId: s.params.chainId + 1n })).not.toBe(good);
  });
});

describe('malformed input is refused with a reason', () => {
  const meta = (len: number, batch: number, final: number, version = 1): Hex =>
    `0x${[version, len, batch, final].map((b) => b.toString(16).padStart(2, '0')).join('')}${'0'.repeat(56)}`;
  const w = (i: number) => H(word(i), word(i));
  const reason = (p: Partial<VerifyProofParams>): InvalidProofReason | 'ok' => {
    try {
      verifyProof({ ...vectorParams, ...p });
      return 'ok';
    } catch (err) {
      if (err instanceof InvalidProofError) return err.reason;
      throw err;
    }
  };
  const cases: [string, Partial<VerifyProofParams>, InvalidProofReason][] = [
    ['empty proof', { proof: [] }, 'empty'],
    ['version 2', { proof: [meta(1, 0, 1, 2), w(1)] }, 'unknown-version'],
    ['version 0', { proof: [meta(1, 0, 1, 0), w(1)] }, 'unknown-version'],
    ['log path past the end', { proof: [meta(3, 0, 1), w(1), w(2)] }, 'length-past-end'],
    ['batch part past the end', { proof: [meta(1, 2, 0), w(1), word(0), w(2), w(3)] }, 'length-past-end'],
    ['no next segment', { proof: [meta(1, 0, 0), w(1), word(0), word(0), word(9)] }, 'length-past-end'],
    ['words left over', { proof: [meta(2, 0, 1), w(1), w(2), w(3)] }, 'words-left-over'],
    ['leaf mask ≥ 2^len', { leafIndex: 4, proof: [meta(2, 0, 1), w(1), w(2)] }, 'mask-out-of-range'],
    ['leaf mask with an empty path', { leafIndex: 1, proof: [meta(0, 0, 1)] }, 'mask-out-of-range'],
    [
      'batch mask ≥ 2^len',
      { proof: [meta(1, 1, 0), w(1), word(2), w(2), word(0), word(9), meta(0, 0, 1)] },
      'mask-out-of-range',
    ],
    [
      'chain id leaf mask ≥ 2^len',
      { proof: [meta(1, 0, 0), w(1), word(0), word((5n << 128n) | 1n), word(9), meta(0, 0, 1)] },
      'mask-out-of-range',
    ],
    ['default leaf', { leaf: DEFAULT_LOG_LEAF_HASH }, 'default-leaf'],
    ['final with a batch length', { proof: [meta(1, 1, 1), w(1), w(2)] }, 'final-with-batch-proof'],
    ['legacy path of 256 words', { leafIndex: 0, proof: Array.from({ length: 256 }, (_, i) => w(i)) }, 'path-too-long'],
    ['malformed word', { proof: [meta(1, 0, 1), '0x1234'] }, 'malformed-word'],
    ['final flag 2', { proof: [meta(1, 0, 2), w(1)] }, 'invalid-final-flag'],
    [
      'nested segment without metadata',
      { proof: [meta(1, 0, 0), w(1), word(0), word(5n << 128n), word(9), w(2)] },
      'missing-metadata',
    ],
  ];
  for (const [name, p, expected] of cases) {
    it(name, () => expect(reason(p)).toBe(expected));
  }

  it('a legacy path of 255 words is accepted', () => {
    expect(reason({ leafIndex: 0, proof: Array.from({ length: 255 }, (_, i) => w(i)) })).toBe('ok');
  });

  it('errors carry a short message and the reason', () => {
    try {
      verifyProof({ ...vectorParams, proof: [] });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidProofError);
      expect((err as InvalidProofError).shortMessage).toBe('Proof is empty.');
    }
  });

  it('bad parameters are InvalidInputError', () => {
    expect(() => verifyProof({ ...vectorParams, leaf: '0x12' })).toThrow(InvalidInputError);
    expect(() => verifyProof({ ...vectorParams, chainId: -1n })).toThrow(InvalidInputError);
    expect(() => verifyProof({ ...vectorParams, leafIndex: -1 })).toThrow(InvalidInputError);
    expect(() => verifyProof({ ...vectorParams, leafIndex: 1.5 })).toThrow(InvalidInputError);
    expect(() => verifyProof({ ...vectorParams, proof: '0x01' as unknown as Hex[] })).toThrow(InvalidInputError);
  });

  it('encodeProof refuses segments it could not write', () => {
    const fin: ProofSegment = { path: [w(1)], final: true };
    const mid: ProofSegment = {
      path: [w(1)],
      final: false,
      batchLeafIndex: 0n,
      batchPath: [],
      settlementBlockNumber: 1n,
      chainIdLeafIndex: 0n,
      settlementChainId: 9n,
    };
    const code = (f: () => unknown) => {
      try {
        f();
        return 'ok';
      } catch (err) {
        return err instanceof InvalidProofError ? err.reason : (err as Error).name;
      }
    };
    expect(code(() => encodeProof([]))).toBe('empty');
    expect(code(() => encodeProof([mid]))).toBe('not-final');
    expect(code(() => encodeProof([fin, fin]))).toBe('not-final');
    expect(code(() => encodeProof([{ ...mid, batchLeafIndex: 1n }, fin]))).toBe('mask-out-of-range');
    expect(code(() => encodeProof([{ ...mid, chainIdLeafIndex: 2n }, fin]))).toBe('mask-out-of-range');
    expect(code(() => encodeProof([{ ...mid, settlementBlockNumber: 1n << 128n }, fin]))).toBe('InvalidInputError');
    expect(code(() => encodeProof([{ path: Array(256).fill(w(1)), final: true }]))).toBe('path-too-long');
    expect(code(() => encodeProof([{ path: ['0x12'], final: true }]))).toBe('malformed-word');
    expect(code(() => encodeProof([mid, fin]))).toBe('ok');
  });
});

describe('computeMerkleRoot', () => {
  it('folds a path like the reference', () => {
    const path = [word(1), word(2), word(3)];
    expect(computeMerkleRoot(word(9), 5, path)).toBe(fold(word(9), 5n, path));
    expect(computeMerkleRoot(word(9), 0, [])).toBe(word(9));
    expect(() => computeMerkleRoot(word(9), 8, path)).toThrow(InvalidProofError);
  });
});
