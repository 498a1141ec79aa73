// The shapes of the node's interop_* answers (docs/node.md, "Explorer methods").

import type { RpcInteropMessageProof } from '@interop/sdk';
import type { Hex } from 'viem';

export type MessageStage = 'sealed' | 'committed' | 'executed' | 'imported';

export type MessageSummary = {
  interopHash: Hex;
  chainId: number;
  sender: Hex;
  messageNum: string;
  txHash: Hex;
  blockNumber: number;
  timestamp: number;
  l1BatchNumber: number;
  l2MessageIndex: number;
  dataSize: number;
  status: MessageStage;
  settlementBlockNumber: number | null;
};

export type ImportRecord = { chainId: number; txHash: Hex | null; importedAt: number };

export type MessageDetail = MessageSummary & {
  data: Hex;
  txNumberInBatch: number;
  batch: {
    status: 'sealed' | 'committed' | 'executed';
    timestamp: number;
    rootHash: Hex;
    commitTxHash: Hex | null;
    committedAt: number | null;
    executeTxHash: Hex | null;
    executedAt: number | null;
  };
  settlementLayer: { chainId: number; blockNumber: number | null; root: Hex | null; timestamp: number | null };
  imports: ImportRecord[];
};

/** interop_getMessageStatus (hex quantities): used for messages not sealed yet. */
export type MessageStatusAnswer = {
  interopHash: Hex;
  status: 'sent' | MessageStage;
  chainId: Hex;
  txHash: Hex;
  blockNumber: Hex;
};

export type MessageProofAnswer = RpcInteropMessageProof;

export type BatchSummary = {
  chainId: number;
  number: number;
  firstBlock: number;
  lastBlock: number;
  timestamp: number;
  txCount: number;
  logCount: number;
  rootHash: Hex;
  localRoot: Hex;
  status: 'sealed' | 'committed' | 'executed';
  commitTxHash: Hex | null;
  committedAt: number | null;
  executeTxHash: Hex | null;
  executedAt: number | null;
  settlementLayer: { chainId: number; blockNumber: number | null };
};

export type BatchLog = {
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

export type BatchDetail = BatchSummary & {
  settlementLayer: { chainId: number; blockNumber: number | null; root: Hex | null };
  imports: ImportRecord[];
  logs: BatchLog[];
  nextLogCursor: number | null;
};

export type ImportedRoot = {
  settlementChainId: number;
  settlementBlockNumber: number;
  root: Hex | null;
  timestamp: number | null;
  txHash: Hex | null;
  importedAt: number;
};

export type ChainState = {
  chainId: number;
  settlementChainId: number;
  lastSealedBlock: number;
  lastSealedBatch: number;
  lastCommittedBatch: number;
  lastExecutedBatch: number;
  lastImport: (Omit<ImportedRoot, 'timestamp'> & { timestamp?: number | null }) | null;
};

export type NetworkAnswer = {
  settlementLayer: {
    chainId: number;
    lastAppliedBlock: number | null;
    lastRoot: { block: number; root: Hex; timestamp: number } | null;
  };
  chains: ChainState[];
  messageCount: number;
  lastMinute: {
    seconds: number;
    messages: number;
    executed: number;
    latencyP50: number | null;
    latencyMax: number | null;
  };
};

export type Page<K extends string, T> = { [key in K]: T[] } & { nextCursor: number | null };

export type TransactionMessages = {
  txHash: Hex;
  chainId: number;
  blockNumber: number;
  l1BatchNumber: number;
  txNumberInBatch: number;
  messages: MessageSummary[];
};
