import type { Hex } from 'viem';

/**
 * A message proof ready for `InteropCenter.verifyInteropMessage(interopHash, proof)`: the first five fields are
 * the Solidity `InteropProof` struct; `root` and `settlementLayer` say which imported root it ends in.
 */
export type InteropMessageProof = {
  /** Source chain. */
  chainId: bigint;
  /** Source batch holding the message. */
  l1BatchNumber: bigint;
  /** Index of the message's log in the batch's log tree. */
  l2MessageIndex: bigint;
  /** Index of the sending transaction in the batch. */
  txNumberInBatch: number;
  /** The proof words (docs/protocol.md §6, metadata version 1). */
  proof: Hex[];
  /** The settlement-layer MessageRoot the proof ends in: what `interopRoots(settlementLayer.chainId, blockNumber)` holds once imported. */
  root: Hex;
  /** The settlement layer and the block whose root the proof ends in. */
  settlementLayer: { chainId: bigint; blockNumber: bigint };
};

/**
 * `interop_getMessageProof`'s answer on the wire: {@link InteropMessageProof} with its numbers as hex quantities
 * (`txNumberInBatch` a JSON number), as the node sends it and {@link getInteropProof} parses it.
 */
export type RpcInteropMessageProof = {
  chainId: Hex;
  l1BatchNumber: Hex;
  l2MessageIndex: Hex;
  txNumberInBatch: number;
  proof: Hex[];
  root: Hex;
  settlementLayer: { chainId: Hex; blockNumber: Hex };
};

/**
 * Where a message is, as its source chain's node reports it. `committed` sits between sealed and executed.
 * `halted`: the source chain's history changed under a batch the node had already committed, so the node stopped
 * sealing that chain; the message will not be proven (see `halted` for why).
 */
export type InteropMessageState = 'sent' | 'sealed' | 'committed' | 'executed' | 'imported' | 'halted';

/** What {@link getInteropMessageStatus} returns. Batch and settlement fields are undefined until known. */
export type InteropMessageStatus = {
  interopHash: Hex;
  status: InteropMessageState;
  /** Source chain. */
  chainId: bigint;
  /** The sending transaction and its L2 block. */
  txHash: Hex;
  blockNumber: bigint;
  l1BatchNumber: bigint | undefined;
  l2MessageIndex: bigint | undefined;
  txNumberInBatch: number | undefined;
  commitTxHash: Hex | undefined;
  executeTxHash: Hex | undefined;
  settlementLayer: { chainId: bigint | undefined; blockNumber: bigint | undefined; root: Hex | undefined };
  /** Chain ids whose InteropCenter holds the root that proves the message. */
  importedOn: bigint[];
  /** Set when the source chain is halted: the first changed block, the committed batch it is in, and why. */
  halted?: { block: bigint; batch: bigint; reason: string };
};
