// The leaves that link the levels of a proof: ChainBatchRoot (log root + aggregated root),
// BatchRootLeaf (a chain tree leaf) and ChainIdLeaf (a shared tree leaf).
import type { Hex } from 'viem';
import { assertUint, bytesToHexFast, hexToWord, writeUint256 } from './bytes.js';
import { BATCH_LEAF_PADDING, CHAIN_ID_LEAF_PADDING, ZERO_HASH } from './constants.js';
import { keccak256, keccak256Pair } from './keccak.js';

const BATCH_PAD = hexToWord(BATCH_LEAF_PADDING);
const CHAIN_PAD = hexToWord(CHAIN_ID_LEAF_PADDING);

function paddedLeaf(padding: Uint8Array, root: Uint8Array, n: bigint): Uint8Array {
  const buf = new Uint8Array(96);
  buf.set(padding, 0);
  buf.set(root, 32);
  writeUint256(n, buf, 64);
  return keccak256(buf);
}

/** Bytes form of getBatchRootLeaf (used by the verifier). */
export function batchRootLeafBytes(chainBatchRoot: Uint8Array, batchNumber: bigint): Uint8Array {
  return paddedLeaf(BATCH_PAD, chainBatchRoot, batchNumber);
}

/** Bytes form of getChainIdLeaf (used by the verifier). */
export function chainIdLeafBytes(chainRoot: Uint8Array, chainId: bigint): Uint8Array {
  return paddedLeaf(CHAIN_PAD, chainRoot, chainId);
}

/** ChainBatchRoot = keccak256(localLogsRoot ‖ aggregatedRoot). */
export function getChainBatchRoot(localLogsRoot: Hex, aggregatedRoot: Hex): Hex {
  return bytesToHexFast(
    keccak256Pair(hexToWord(localLogsRoot, 'localLogsRoot'), hexToWord(aggregatedRoot, 'aggregatedRoot')),
  );
}

/** BatchRootLeaf = keccak256(BATCH_LEAF_PADDING ‖ chainBatchRoot ‖ uint256 batchNumber). */
export function getBatchRootLeaf(chainBatchRoot: Hex, batchNumber: bigint): Hex {
  assertUint(batchNumber, 256, 'batchNumber');
  return bytesToHexFast(batchRootLeafBytes(hexToWord(chainBatchRoot, 'chainBatchRoot'), batchNumber));
}

/** ChainIdLeaf = keccak256(CHAIN_ID_LEAF_PADDING ‖ chainRoot ‖ uint256 chainId). */
export function getChainIdLeaf(chainRoot: Hex, chainId: bigint): Hex {
  assertUint(chainId, 256, 'chainId');
  return bytesToHexFast(chainIdLeafBytes(hexToWord(chainRoot, 'chainRoot'), chainId));
}

/**
 * AggregatedRoot of a chain that no chain settles on: its own MessageRoot, whose shared tree holds
 * only its own ChainIdLeaf with an empty chain tree (root 0x00…00).
 */
export function getLeafChainAggregatedRoot(chainId: bigint): Hex {
  return getChainIdLeaf(ZERO_HASH, chainId);
}
