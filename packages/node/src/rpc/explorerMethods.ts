// The explorer's JSON-RPC methods (interop_list*, interop_get*): network-wide views served from the store's
// indexes by any L2 endpoint of the node. Numbers are JSON numbers (like zks_getL1BatchDetails), times unix
// seconds; lists are newest first with `nextCursor` (null on the last page). See docs/node.md.
import type {
  RpcBatchDetail,
  RpcBatchSummary,
  RpcImportedRoot,
  RpcMessageDetail,
  RpcMessageStage,
  RpcMessageSummary,
  RpcNetwork,
  RpcPage,
  RpcSettlementLayerState,
  RpcTransactionMessages,
} from '@interop/sdk';
import type { Hex } from 'viem';
import { InvalidParamsError } from '../errors.js';
import {
  explorerQueriesOf,
  type ImportedRootRow,
  type MessageDetailRow,
  type MessageSummaryRow,
} from '../store/explorerQueries.js';
import type { BatchRow } from '../store/store.js';
import type { L2MethodContext } from './l2Methods.js';
import { addressParam, arity, cursorParam, hashParam, integerParam, limitParam, objectParam } from './params.js';

/**
 * How far a message got: sealed → committed → executed → imported (the root is on every chain that imports the
 * layer its batch settled on).
 */
export type MessageStage = RpcMessageStage;

/** How many of the node's chains import the roots of settlement layer `layer`. */
function importerCount(ctx: L2MethodContext, layer: number): number {
  return ctx.topology.filter((c) => c.importsFrom.includes(layer)).length;
}

function stageOf(ctx: L2MethodContext, row: MessageSummaryRow): MessageStage {
  const imported = row.batchStatus === 'executed' && row.importCount >= importerCount(ctx, row.settlesOn);
  return imported ? 'imported' : row.batchStatus;
}

function messageSummary(ctx: L2MethodContext, r: MessageSummaryRow): RpcMessageSummary {
  return {
    interopHash: r.interopHash,
    chainId: r.chainId,
    sender: r.sender,
    messageNum: r.messageNum,
    txHash: r.txHash,
    blockNumber: r.blockNumber,
    timestamp: r.timestamp,
    l1BatchNumber: r.batch,
    l2MessageIndex: r.idx,
    dataSize: r.dataSize,
    status: stageOf(ctx, r),
    settlementBlockNumber: r.settlementBlock,
  };
}

function messageDetail(ctx: L2MethodContext, r: MessageDetailRow): RpcMessageDetail {
  const imports =
    r.settlementBlock === null ? [] : explorerQueriesOf(ctx.store).getImportsOfBlock(r.settlesOn, r.settlementBlock);
  return {
    ...messageSummary(ctx, r),
    data: `0x${r.data.toString('hex')}` as Hex,
    txNumberInBatch: r.txNumber,
    batch: {
      status: r.batchStatus,
      timestamp: r.batchTimestamp,
      rootHash: r.chainBatchRoot,
      commitTxHash: r.commitTx,
      committedAt: r.committedAt,
      executeTxHash: r.executeTx,
      executedAt: r.executedAt,
    },
    settlementLayer: {
      chainId: r.settlesOn,
      blockNumber: r.settlementBlock,
      root: r.settlementRoot,
      timestamp: r.settlementTimestamp,
    },
    imports,
  };
}

function batchSummary(b: BatchRow): RpcBatchSummary {
  return {
    chainId: b.chainId,
    number: b.number,
    firstBlock: b.firstBlock,
    lastBlock: b.lastBlock,
    timestamp: b.timestamp,
    txCount: b.txCount,
    logCount: b.logCount,
    rootHash: b.chainBatchRoot,
    localRoot: b.localRoot,
    status: b.status,
    commitTxHash: b.commitTx,
    committedAt: b.committedAt,
    executeTxHash: b.executeTx,
    executedAt: b.executedAt,
    settlementLayer: { chainId: b.settlesOn, blockNumber: b.settlementBlock },
  };
}

/** A chain id param that must be one of the node's L2s. */
function chainParam(ctx: L2MethodContext, value: unknown): number {
  const chainId = integerParam(value, 'chain id');
  if (!ctx.topology.some((c) => c.chainId === chainId))
    throw new InvalidParamsError(
      `invalid chain id: ${chainId} is not a chain of this node (chains: ${ctx.topology.map((c) => c.chainId).join(', ')})`,
    );
  return chainId;
}

const nextCursor = <T>(rows: T[], limit: number, key: (row: T) => number) =>
  rows.length === limit && rows.length > 0 ? key(rows[rows.length - 1]) : null;

const LIST_MESSAGES_FIELDS = ['chainId', 'sender', 'cursor', 'limit'] as const;

function listMessages(ctx: L2MethodContext, params: unknown[]): RpcPage<'messages', RpcMessageSummary> {
  arity(params, 0, 1, 'interop_listMessages');
  const filter = objectParam(params[0], 'filter', LIST_MESSAGES_FIELDS);
  const chainId = filter.chainId === undefined ? undefined : chainParam(ctx, filter.chainId);
  const sender = filter.sender === undefined ? undefined : addressParam(filter.sender, 'sender');
  const limit = limitParam(filter.limit);
  const rows = explorerQueriesOf(ctx.store).listMessages({
    chainId,
    sender,
    cursor: cursorParam(filter.cursor),
    limit,
  });
  return { messages: rows.map((r) => messageSummary(ctx, r)), nextCursor: nextCursor(rows, limit, (r) => r.seq) };
}

function getMessage(ctx: L2MethodContext, params: unknown[]): RpcMessageDetail | null {
  arity(params, 1, 1, 'interop_getMessage');
  const row = explorerQueriesOf(ctx.store).getMessage(hashParam(params[0], 'interop hash'));
  return row ? messageDetail(ctx, row) : null;
}

function getTransactionMessages(ctx: L2MethodContext, params: unknown[]): RpcTransactionMessages | null {
  arity(params, 1, 1, 'interop_getTransactionMessages');
  const hash = hashParam(params[0], 'transaction hash');
  // Either hash of a ZKsync 0x71 transaction: the store knows it by the upstream's (its messages are found by its
  // place in its batch), users by the public one.
  const upstreamHash = ctx.store.anvilHashOf(hash) ?? hash;
  const tx = ctx.store.getTx(upstreamHash);
  if (!tx) return null;
  const publicHash = ctx.store.zkHashOf(upstreamHash) ?? upstreamHash;
  return {
    txHash: publicHash,
    chainId: tx.chainId,
    blockNumber: tx.blockNumber,
    l1BatchNumber: tx.batch,
    txNumberInBatch: tx.idx,
    messages: explorerQueriesOf(ctx.store)
      .getMessagesOfTx(tx)
      .map((r) => messageSummary(ctx, r)),
  };
}

function listBatches(ctx: L2MethodContext, params: unknown[]): RpcPage<'batches', RpcBatchSummary> {
  arity(params, 1, 3, 'interop_listBatches');
  const chainId = chainParam(ctx, params[0]);
  const limit = limitParam(params[2]);
  const rows = explorerQueriesOf(ctx.store).listBatches(chainId, cursorParam(params[1]), limit);
  return { batches: rows.map((b) => batchSummary(b)), nextCursor: nextCursor(rows, limit, (b) => b.number) };
}

function getBatch(ctx: L2MethodContext, params: unknown[]): RpcBatchDetail | null {
  arity(params, 2, 3, 'interop_getBatch');
  const chainId = chainParam(ctx, params[0]);
  const number = integerParam(params[1], 'batch number');
  const page = objectParam(params[2], 'log page', ['cursor', 'limit']);
  const batch = ctx.store.getBatch(chainId, number);
  if (!batch) return null;
  const q = explorerQueriesOf(ctx.store);
  const limit = limitParam(page.limit);
  const from = cursorParam(page.cursor) ?? 0;
  const logs = q.getBatchLogs(chainId, number, from, limit);
  const last = logs[logs.length - 1];
  return {
    ...batchSummary(batch),
    settlementLayer: {
      chainId: batch.settlesOn,
      blockNumber: batch.settlementBlock,
      root:
        batch.settlementBlock === null
          ? null
          : (ctx.store.getSettlementBlock(batch.settlesOn, batch.settlementBlock)?.root ?? null),
    },
    imports: batch.settlementBlock === null ? [] : q.getImportsOfBlock(batch.settlesOn, batch.settlementBlock),
    logs,
    nextLogCursor: logs.length === limit && last && last.idx + 1 < batch.logCount ? last.idx + 1 : null,
  };
}

function importedRoot(r: ImportedRootRow): RpcImportedRoot {
  return {
    settlementChainId: r.settlementChainId,
    settlementBlockNumber: r.block,
    root: r.root,
    timestamp: r.timestamp,
    txHash: r.txHash,
    importedAt: r.importedAt,
  };
}

/** A chain's imported roots, newest import first, from every layer it imports (L1's and its Gateway's). */
function listImportedRoots(ctx: L2MethodContext, params: unknown[]): RpcPage<'roots', RpcImportedRoot> {
  arity(params, 1, 3, 'interop_listImportedRoots');
  const chainId = chainParam(ctx, params[0]);
  const limit = limitParam(params[2]);
  const rows = explorerQueriesOf(ctx.store).listImportedRoots(chainId, cursorParam(params[1]), limit);
  return { roots: rows.map(importedRoot), nextCursor: nextCursor(rows, limit, (r) => r.seq) };
}

/** Window of the activity figures of interop_getNetwork, in seconds. */
const ACTIVITY_WINDOW_SECONDS = 60;

function percentile(sorted: number[], p: number): number | null {
  return sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function layerState(ctx: L2MethodContext, chainId: number): RpcSettlementLayerState {
  const place = ctx.topology.find((c) => c.chainId === chainId);
  return {
    chainId,
    settlesOn: place ? place.settlesOn : null,
    lastAppliedBlock: ctx.store.getSettlementProgress(chainId) ?? null,
    lastRoot: explorerQueriesOf(ctx.store).getLastRoot(chainId) ?? null,
  };
}

function getNetwork(ctx: L2MethodContext, params: unknown[]): RpcNetwork {
  arity(params, 0, 0, 'interop_getNetwork');
  const q = explorerQueriesOf(ctx.store);
  const l1 = Number(ctx.l1ChainId);
  // L1 first, then each Gateway: every layer some chain of the node settles on.
  const layers = [...new Set([l1, ...ctx.topology.map((c) => c.settlesOn)])];
  const now = Math.floor(Date.now() / 1000);
  const activity = q.getActivitySince(now - ACTIVITY_WINDOW_SECONDS);
  const latencies = activity.latencies.sort((a, b) => a - b);
  return {
    settlementLayer: layerState(ctx, l1),
    layers: layers.map((id) => layerState(ctx, id)),
    chains: ctx.topology.map((c) => {
      const { lastImport, ...state } = q.getChainState(c.chainId);
      return {
        chainId: c.chainId,
        settlementChainId: c.settlesOn,
        ...state,
        lastImport: lastImport && importedRoot(lastImport),
      };
    }),
    messageCount: q.getMessageCount(),
    lastMinute: {
      seconds: ACTIVITY_WINDOW_SECONDS,
      messages: activity.messages,
      executed: latencies.length,
      latencyP50: percentile(latencies, 0.5),
      latencyMax: latencies.length === 0 ? null : latencies[latencies.length - 1],
    },
  };
}

/** The explorer's methods, by name. */
export const explorerMethods: Record<string, (ctx: L2MethodContext, params: unknown[]) => unknown> = {
  interop_getNetwork: getNetwork,
  interop_listMessages: listMessages,
  interop_getMessage: getMessage,
  interop_getTransactionMessages: getTransactionMessages,
  interop_listBatches: listBatches,
  interop_getBatch: getBatch,
  interop_listImportedRoots: listImportedRoots,
};
