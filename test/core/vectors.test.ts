import {
  DEFAULT_LOG_LEAF_HASH,
  decodeProof,
  EMPTY_MERKLE_LEAF,
  encodeProof,
  getChainBatchRoot,
  getLeafChainAggregatedRoot,
  getLogTreeZeroHashes,
  hashL2ToL1Log,
  L2_TO_L1_LOG_TREE_HEIGHT,
  type L2ToL1Log,
  l2MessageToLog,
  verifyProof,
} from '@interop/sdk/core';
import { describe, expect, it } from 'vitest';
import { readVector } from '../helpers/vectors.js';

const read = readVector;
const constants = read('constants.json');
const single = read('zksync-v29-single-level.json');

describe('known answers: constants.json', () => {
  it('matches the protocol constants', () => {
    expect(DEFAULT_LOG_LEAF_HASH).toBe(constants.L2_L1_LOGS_TREE_DEFAULT_LEAF_HASH);
    expect(L2_TO_L1_LOG_TREE_HEIGHT).toBe(constants.L2_L1_LOGS_TREE_HEIGHT);
    expect(EMPTY_MERKLE_LEAF).toBe(constants.EMPTY_96_BYTES_HASH);
  });

  it('reproduces the log tree zero hashes', () => {
    expect(getLogTreeZeroHashes()).toEqual(constants.logTreeZeroHashes);
  });

  it('reproduces the aggregated root of a leaf chain (271)', () => {
    expect(getLeafChainAggregatedRoot(271n)).toBe(constants.aggregatedRootOfLeafChain271);
  });
});

describe('known answers: zksync-v29-single-level.json', () => {
  const leaf = hashL2ToL1Log(single.log as L2ToL1Log);
  const params = {
    chainId: BigInt(single.sourceChainId),
    batchNumber: BigInt(single.batchNumber),
    leafIndex: single.l2MessageIndex as number,
    leaf,
    proof: single.proof,
  };

  it('verifies to the expected root and settlement layer', () => {
    const result = verifyProof(params);
    expect(result.root).toBe(single.expected.root);
    expect(result.settlementLayer).toEqual({
      chainId: BigInt(single.expected.settlementLayer.chainId),
      blockNumber: BigInt(single.expected.settlementLayer.blockNumber),
    });
    expect(result.levels).toEqual([{ chainId: 271n, batchNumber: 66n, root: single.expected.root }]);
  });

  it('accepts the index as a bigint too', () => {
    expect(verifyProof({ ...params, leafIndex: 1n }).root).toBe(single.expected.root);
  });

  it('its last word is the aggregated root, so the root is a ChainBatchRoot', () => {
    const [meta, w1, w2, aggregated] = single.proof;
    expect(meta.slice(0, 10)).toBe('0x01030001');
    expect(aggregated).toBe(constants.aggregatedRootOfLeafChain271);
    const localRoot = verifyProof({ ...params, proof: [`0x01020001${'0'.repeat(56)}`, w1, w2] }).root;
    expect(getChainBatchRoot(localRoot, aggregated)).toBe(single.expected.root);
  });

  it('decodes to one final segment and encodes back to the same words', () => {
    const segments = decodeProof(single.proof);
    expect(segments).toEqual([{ path: single.proof.slice(1), final: true }]);
    expect(encodeProof(segments)).toEqual(single.proof);
  });

  it('a wrong index gives a different root', () => {
    expect(verifyProof({ ...params, leafIndex: 0 }).root).not.toBe(single.expected.root);
  });
});

// A real two-level proof (27 words: chain 271 settling on gateway 506) as zks_getL2ToL1LogProof
// returned it, published in zksync-era's docs/src/guides/advanced/19_interop_basics.md. The response's
// `root` is the source ChainBatchRoot, which must be our first level. The final root (gateway 506,
// block 25) is not published there; we only check the settlement layer the proof names.
describe('known answer: ZKsync v29 two-level proof (zksync-era interop guide)', () => {
  const proof = [
    '0x010f050000000000000000000000000000000000000000000000000000000000',
    ...constants.logTreeZeroHashes,
    '0xe4ed1ec13a28c40715db6399f6f99ce04e5f19d60ad3ff6831f098cb6cf75944',
    '0x0000000000000000000000000000000000000000000000000000000000000015',
    '0x156467afe10e8eb1dcac04cca213c53d4bade9d73edfe9410ea45c86ebd9804e',
    '0xcc4c41edb0c2031348b292b768e9bac1ee8c92c09ef8a3277c2ece409c12d86a',
    '0x183a40fea23b03351928919261dfc02e45b94b564e263d339a601b9740112ccc',
    '0x4cd95f8962e2e3b5f525a0f4fdfbbf0667990c7159528a008057f3592bcb2c06',
    '0x112038ecbdf21c5fc2ef97d9ec047402bba05d6ff2aa1b304dcfac974ebaa109',
    '0x0000000000000000000000000000001900000000000000000000000000000003',
    '0x00000000000000000000000000000000000000000000000000000000000001fa',
    '0x0102000100000000000000000000000000000000000000000000000000000000',
    '0xf84927dc03d95cc652990ba75874891ccc5a4d79a0e10a2ffdd238a34a39f828',
    '0x2c21d37d09509f7ccb3d7d93c86ff4d7b29246113b0032dec9688c9e119d6872',
  ];
  const leaf = hashL2ToL1Log(
    l2MessageToLog({ txNumberInBatch: 0, sender: '0x36615Cf349d7F6344891B1e7CA7C72883F5dc049', data: '0x1234' }),
  );

  it('first level is the published ChainBatchRoot; settles on chain 506 at block 25', () => {
    expect(proof).toHaveLength(27);
    const r = verifyProof({ chainId: 271n, batchNumber: 22n, leafIndex: 0, leaf, proof });
    expect(r.levels).toHaveLength(2);
    expect(r.levels[0]).toEqual({
      chainId: 271n,
      batchNumber: 22n,
      root: '0xeb6861fa2f2fd60c93dba1343bf85e2312811fd23549b3df2b8017102430f086',
    });
    expect(r.settlementLayer).toEqual({ chainId: 506n, blockNumber: 25n });
    expect(r.levels[1]).toEqual({ chainId: 506n, batchNumber: 25n, root: r.root });
  });

  it('decodes into the parts the guide describes', () => {
    const [a, b] = decodeProof(proof);
    expect(a).toMatchObject({
      final: false,
      batchLeafIndex: 21n,
      settlementBlockNumber: 25n,
      chainIdLeafIndex: 3n,
      settlementChainId: 506n,
    });
    expect(a.path).toHaveLength(15);
    expect(b).toMatchObject({ final: true });
    expect(b.path).toHaveLength(2);
    expect(encodeProof([a, b])).toEqual(proof);
  });
});
