import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LOG_LEAF_HASH,
  EMPTY_MERKLE_LEAF,
  L2_TO_L1_LOG_TREE_HEIGHT,
  decodeProof,
  encodeProof,
  getChainBatchRoot,
  getLeafChainAggregatedRoot,
  getLogTreeZeroHashes,
  hashL2ToL1Log,
  verifyProof,
  type L2ToL1Log,
} from '../../src/core/index.js';

const read = (name: string) => JSON.parse(readFileSync(`/work/shared/vectors/${name}`, 'utf8'));
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
    const localRoot = verifyProof({ ...params, proof: ['0x01020001' + '0'.repeat(56), w1, w2] }).root;
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
