// Turns a message proof into the levels the proof picture draws: log leaf → log tree path → ChainBatchRoot →
// chain tree → ChainIdLeaf → shared tree → settlement root. Pure: everything comes from the proof and core.
import {
  computeMerkleRoot,
  decodeProof,
  getBatchRootLeaf,
  getChainIdLeaf,
  getLogTreeZeroHashes,
  getMerkleZeroHashes,
  hashL2ToL1Log,
  interopMessageToLog,
  verifyProof,
} from '@interop/sdk/core';
import type { Hex } from 'viem';

/** One sibling on a path: its word, which side it hashes from, and whether it is an empty subtree. */
export type Sibling = { level: number; word: Hex; side: 'left' | 'right'; isDefault: boolean; label?: string };

/** The metadata word of a proof segment, decoded. */
export type Metadata = { word: Hex; version: number; pathLength: number; batchPathLength: number; final: boolean };

/** A tree walked by the proof: from `leaf` at `index` with `siblings` up to `root`. */
export type TreeStep = {
  name: string;
  leafLabel: string;
  leaf: Hex;
  index: bigint;
  siblings: Sibling[];
  root: Hex;
  rootLabel: string;
};

/** Everything the picture shows. */
export type ProofModel = {
  metadata: Metadata[];
  logTree: TreeStep;
  aggregatedRoot: Hex;
  chainBatchRoot: Hex;
  chainTree?: TreeStep;
  settlement?: { chainId: bigint; blockNumber: bigint; chainIdLeafIndex: bigint; packedWord: string };
  sharedTree?: TreeStep;
  root: Hex;
};

function metadataOf(word: Hex): Metadata {
  const byte = (i: number) => Number.parseInt(word.slice(2 + i * 2, 4 + i * 2), 16);
  return { word, version: byte(0), pathLength: byte(1), batchPathLength: byte(2), final: byte(3) !== 0 };
}

function siblings(path: readonly Hex[], index: bigint, zeros: Hex[]): Sibling[] {
  return path.map((word, level) => ({
    level,
    word,
    side: (index >> BigInt(level)) & 1n ? 'left' : 'right',
    isDefault: zeros[level]?.toLowerCase() === word.toLowerCase(),
  }));
}

/** Parameters: the message's hash and position, and the proof words the node served. */
export type ProofModelParameters = {
  interopHash: Hex;
  chainId: bigint;
  batchNumber: bigint;
  logIndex: bigint;
  txNumberInBatch: number;
  proof: readonly Hex[];
};

/** Builds the picture's model; throws (core's InvalidProofError) when the proof is malformed. */
export function buildProofModel(p: ProofModelParameters): ProofModel {
  const leaf = hashL2ToL1Log(interopMessageToLog({ interopHash: p.interopHash, txNumberInBatch: p.txNumberInBatch }));
  const verified = verifyProof({
    chainId: p.chainId,
    batchNumber: p.batchNumber,
    leafIndex: p.logIndex,
    leaf,
    proof: p.proof,
  });
  const segments = decodeProof(p.proof);
  // Metadata words sit at the start of each segment: word 0, then after the first segment's tail.
  const metadata: Metadata[] = [metadataOf(p.proof[0])];
  const first = segments[0];
  const logPath = first.path.slice(0, 14);
  const aggregatedRoot = first.path[14];
  const localRoot = computeMerkleRoot(leaf, p.logIndex, logPath);
  const chainBatchRoot = verified.levels[0].root;
  const model: ProofModel = {
    metadata,
    logTree: {
      name: 'Log tree of the batch (14 levels)',
      leafLabel: `log leaf #${p.logIndex} (InteropCenter message, tx #${p.txNumberInBatch} of the batch)`,
      leaf,
      index: p.logIndex,
      siblings: siblings(logPath, p.logIndex, getLogTreeZeroHashes()),
      root: localRoot,
      rootLabel: 'local logs root',
    },
    aggregatedRoot,
    chainBatchRoot,
    root: verified.root,
  };
  if (!first.final && segments[1]) {
    const chainLeaf = getBatchRootLeaf(chainBatchRoot, p.batchNumber);
    const chainRoot = computeMerkleRoot(chainLeaf, first.batchLeafIndex, first.batchPath);
    model.chainTree = {
      name: `Chain tree of chain ${p.chainId} (one leaf per executed batch)`,
      leafLabel: `batch leaf of batch ${p.batchNumber}`,
      leaf: chainLeaf,
      index: first.batchLeafIndex,
      siblings: siblings(first.batchPath, first.batchLeafIndex, getMerkleZeroHashes(first.batchPath.length + 1)),
      root: chainRoot,
      rootLabel: `chain root of ${p.chainId}`,
    };
    model.settlement = {
      chainId: first.settlementChainId,
      blockNumber: first.settlementBlockNumber,
      chainIdLeafIndex: first.chainIdLeafIndex,
      packedWord: `block ${first.settlementBlockNumber} << 128 | chain index ${first.chainIdLeafIndex}`,
    };
    const headerAt = 1 + first.path.length + 1 + first.batchPath.length + 2;
    metadata.push(metadataOf(p.proof[headerAt]));
    const second = segments[1];
    model.sharedTree = {
      name: `Shared tree of settlement layer ${first.settlementChainId} at block ${first.settlementBlockNumber} (one leaf per chain)`,
      leafLabel: `chain id leaf of chain ${p.chainId}`,
      leaf: getChainIdLeaf(chainRoot, p.chainId),
      index: first.chainIdLeafIndex,
      siblings: siblings(second.path, first.chainIdLeafIndex, getMerkleZeroHashes(second.path.length + 1)),
      root: verified.root,
      rootLabel: `settlement root (MessageRoot of block ${first.settlementBlockNumber})`,
    };
  }
  return model;
}
