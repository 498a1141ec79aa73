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
  RpcTransactionMessages,
} from '@interop/sdk';
import type { Hex } from 'viem';
import { InvalidParamsError } from '../errors.js';
import { explorerQueriesOf, type MessageDetailRow, type MessageSummaryRow } from '../store/explorerQueries.js';
import type { BatchRow } from '../store/store.js';
import type { L2MethodContext } from './l2Methods.js';
import { addressParam, arity, cursorParam, hashParam, integerParam, limitParam, objectParam } from './params.js';

/** How far a message got: sealed → committed → executed → imported (root present on every L2 of the node). */
export type MessageStage = RpcMessageStage;

function stageOf(ctx: L2MethodContext, row: MessageSummaryRow): MessageStage {
  return row.batchStatus === 'executed' && row.importCount >= ctx.chainIds.length ? 'imported' : row.batchStatus;
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
    r.settlementBlock === null
      ? []
      : explorerQueriesOf(ctx.store).getImportsOfBlock(Number(ctx.settlementChainId), r.settlementBlock);
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
      chainId: Number(ctx.settlementChainId),
      blockNumber: r.settlementBlock,
      root: r.settlementRoot,
      timestamp: r.settlementTimestamp,
    },
    imports,
  };
}

function batchSummary(ctx: L2MethodContext, b: BatchRow): RpcBatchSummary {
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
    settlementLayer: { chainId: Number(ctx.settlementChainId), blockNumber: b.settlementBlock },
  };
}

/** A chain id param that must be one of the node's L2s. */
function chainParam(ctx: L2MethodContext, value: unknown): number {
  const chainId = integerParam(value, 'chain id');
  if (!ctx.chainIds.some((id) => Number(id) === chainId))
    throw new InvalidParamsError(
      `invalid chain id: ${chainId} is not a chain of this node (chains: ${ctx.chainIds.join(', ')})`,
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
  // Either hash of a ZKsync 0x71 transaction: the store knows it by the upstream's, messages by the public one.
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
      .getMessagesOfTx(publicHash)
      .map((r) => messageSummary(ctx, r)),
  };
}

function listBatches(ctx: L2MethodContext, params: unknown[]): RpcPage<'batches', RpcBatchSummary> {
  arity(params, 1, 3, 'interop_listBatches');
  const chainId = chainParam(ctx, params[0]);
  const limit = limitParam(params[2]);
  const rows = explorerQueriesOf(ctx.store).listBatches(chainId, cursorParam(params[1]), limit);
  return { batches: rows.map((b) => batchSummary(ctx, b)), nextCursor: nextCursor(rows, limit, (b) => b.number) };
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
    ...batchSummary(ctx, batch),
    settlementLayer: {
      chainId: Number(ctx.settlementChainId),
      blockNumber: batch.settlementBlock,
      root:
        batch.settlementBlock === null
          ? null
          : (ctx.store.getSettlementBlock(Number(ctx.settlementChainId), batch.settlementBlock)?.root ?? null),
    },
    imports:
      batch.settlementBlock === null ? [] : q.getImportsOfBlock(Number(ctx.settlementChainId), batch.settlementBlock),
    logs,
    nextLogCursor: logs.length === limit && last && last.idx + 1 < batch.logCount ? last.idx + 1 : null,
  };
}

function listImportedRoots(ctx: L2MethodContext, params: unknown[]): RpcPage<'roots', RpcImportedRoot> {
  arity(params, 1, 3, 'interop_listImportedRoots');
  const chainId = chainParam(ctx, params[0]);
  const limit = limitParam(params[2]);
  const rows = explorerQueriesOf(ctx.store).listImportedRoots(chainId, cursorParam(params[1]), limit);
  const settlementChainId = Number(ctx.settlementChainId);
  return {
    roots: rows.map((r) => ({
      settlementChainId,
      settlementBlockNumber: r.block,
      root: r.root,
      timestamp: r.timestamp,
      txHash: r.txHash,
      importedAt: r.importedAt,
    })),
    nextCursor: nextCursor(rows, limit, (r) => r.block),
  };
}

/** Window of the activity figures of interop_getNetwork, in seconds. */
const ACTIVITY_WINDOW_SECONDS = 60;

function percentile(sorted: number[], p: number): number | null {
  return sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function getNetwork(ctx: L2MethodContext, params: unknown[]): RpcNetwork {
  arity(params, 0, 0, 'interop_getNetwork');
  const q = explorerQueriesOf(ctx.store);
  const settlementChainId = Number(ctx.settlementChainId);
  const now = Math.floor(Date.now() / 1000);
  const activity = q.getActivitySince(now - ACTIVITY_WINDOW_SECONDS);
  const latencies = activity.latencies.sort((a, b) => a - b);
  return {
    settlementLayer: {
      chainId: settlementChainId,
      lastAppliedBlock: ctx.store.getSettlementProgress(settlementChainId) ?? null,
      lastRoot: q.getLastRoot(settlementChainId) ?? null,
    },
    chains: ctx.chainIds.map((id) => {
      const state = q.getChainState(Number(id));
      const lastImport = state.lastImport;
      return {
        chainId: Number(id),
        settlementChainId,
        ...state,
        lastImport: lastImport && {
          settlementChainId,
          settlementBlockNumber: lastImport.block,
          root: lastImport.root,
          txHash: lastImport.txHash,
          importedAt: lastImport.importedAt,
        },
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
