// The node's explorer methods' answers on the wire (interop_list*, interop_get*; docs/node.md, "Explorer methods"):
// numbers are JSON numbers, times unix seconds. Declared here, below both, so the node types what it sends with them
// and the explorer (a browser app) reads them without importing the node.
import type { Hex } from 'viem';

/** How far a message got: sealed → committed → executed → imported (root present on every L2 of the node). */
export type RpcMessageStage = 'sealed' | 'committed' | 'executed' | 'imported';

/** A batch's status as the settlement layer's events reported it. */
export type RpcBatchStatus = 'sealed' | 'committed' | 'executed';

/** A message in a list (interop_listMessages, interop_getTransactionMessages). */
export type RpcMessageSummary = {
  interopHash: Hex;
  chainId: number;
  sender: Hex;
  /** uint256 as a decimal string. */
  messageNum: string;
  txHash: Hex;
  blockNumber: number;
  timestamp: number;
  l1BatchNumber: number;
  l2MessageIndex: number;
  dataSize: number;
  status: RpcMessageStage;
  settlementBlockNumber: number | null;
};

/** A chain that imported a settlement-layer root, and when. */
export type RpcImportRecord = { chainId: number; txHash: Hex | null; importedAt: number };

/** interop_getMessage. */
export type RpcMessageDetail = RpcMessageSummary & {
  data: Hex;
  txNumberInBatch: number;
  batch: {
    status: RpcBatchStatus;
    timestamp: number;
    rootHash: Hex;
    commitTxHash: Hex | null;
    committedAt: number | null;
    executeTxHash: Hex | null;
    executedAt: number | null;
  };
  settlementLayer: { chainId: number; blockNumber: number | null; root: Hex | null; timestamp: number | null };
  imports: RpcImportRecord[];
};

/** interop_getMessageStatus (hex quantities): what the explorer shows for messages not sealed yet. */
export type RpcMessageStatus = {
  interopHash: Hex;
  status: 'sent' | RpcMessageStage;
  chainId: Hex;
  txHash: Hex;
  blockNumber: Hex;
};

/** A batch in a list (interop_listBatches). */
export type RpcBatchSummary = {
  chainId: number;
  number: number;
  firstBlock: number;
  lastBlock: number;
  timestamp: number;
  txCount: number;
  logCount: number;
  rootHash: Hex;
  localRoot: Hex;
  status: RpcBatchStatus;
  commitTxHash: Hex | null;
  committedAt: number | null;
  executeTxHash: Hex | null;
  executedAt: number | null;
  settlementLayer: { chainId: number; blockNumber: number | null };
};

/** One L2→L1 log of a batch, with its message when it is one. */
export type RpcBatchLog = {
  /** Position in the batch's log tree. */
  idx: number;
  txHash: Hex;
  txNumber: number;
  txLogIndex: number;
  blockNumber: number;
  key: Hex;
  value: Hex;
  interopHash: Hex | null;
  sender: Hex | null;
  messageNum: string | null;
};

/** interop_getBatch: the batch, its settlement, and a page of its logs. */
export type RpcBatchDetail = RpcBatchSummary & {
  settlementLayer: { chainId: number; blockNumber: number | null; root: Hex | null };
  imports: RpcImportRecord[];
  logs: RpcBatchLog[];
  nextLogCursor: number | null;
};

/** A settlement-layer root as an L2 imported it (interop_listImportedRoots). */
export type RpcImportedRoot = {
  settlementChainId: number;
  settlementBlockNumber: number;
  root: Hex | null;
  timestamp: number | null;
  txHash: Hex | null;
  importedAt: number;
};

/** One L2's progress (interop_getNetwork). */
export type RpcChainState = {
  chainId: number;
  settlementChainId: number;
  lastSealedBlock: number;
  lastSealedBatch: number;
  lastCommittedBatch: number;
  lastExecutedBatch: number;
  lastImport: RpcImportedRoot | null;
};

/** A settlement layer as the node follows it (interop_getNetwork): L1, or a Gateway. */
export type RpcSettlementLayerState = {
  chainId: number;
  /** The layer a Gateway settles on; null for L1. */
  settlesOn: number | null;
  /** The last block of it the node applied (batches executed in it, roots recorded). */
  lastAppliedBlock: number | null;
  lastRoot: { block: number; root: Hex; timestamp: number } | null;
};

/** interop_getNetwork. */
export type RpcNetwork = {
  /** The top layer: L1. */
  settlementLayer: RpcSettlementLayerState;
  /** Every layer some chain settles on: L1 first, then each Gateway (whose own entry is also in `chains`). */
  layers: RpcSettlementLayerState[];
  /** Every chain of the node, with the layer it settles on. */
  chains: RpcChainState[];
  messageCount: number;
  lastMinute: {
    seconds: number;
    messages: number;
    executed: number;
    latencyP50: number | null;
    latencyMax: number | null;
  };
};

/** A page of a list, newest first; `nextCursor` is null on the last page. */
export type RpcPage<K extends string, T> = { [key in K]: T[] } & { nextCursor: number | null };

/** interop_getTransactionMessages. */
export type RpcTransactionMessages = {
  txHash: Hex;
  chainId: number;
  blockNumber: number;
  l1BatchNumber: number;
  txNumberInBatch: number;
  messages: RpcMessageSummary[];
};
