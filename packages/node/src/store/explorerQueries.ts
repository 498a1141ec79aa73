// The explorer's read queries over the node's store. Every list walks an index newest first from a cursor (the
// last key of the previous page), so a page costs the same with 10 or 10 million rows behind it.
import type { RpcBatchLog, RpcImportRecord } from '@interop/sdk';
import type Database from 'better-sqlite3';
import type { Hex } from 'viem';
import type { BatchRow, BatchStatus, MessageRow, Store } from './store.js';

/** A message in a list: where it is and how far it got. */
export type MessageSummaryRow = Omit<MessageRow, 'data'> & {
  seq: number;
  dataSize: number;
  batchStatus: BatchStatus;
  settlementBlock: number | null;
  /** The layer the message's batch settles on. */
  settlesOn: number;
  /** How many chains imported the root of the settlement block the batch executed in. */
  importCount: number;
};

/** A message with its payload and its batch's settlement data. */
export type MessageDetailRow = MessageSummaryRow & {
  data: Buffer;
  txNumber: number;
  chainBatchRoot: Hex;
  batchTimestamp: number;
  commitTx: Hex | null;
  committedAt: number | null;
  executeTx: Hex | null;
  executedAt: number | null;
  settlementRoot: Hex | null;
  settlementTimestamp: number | null;
};

/** One L2→L1 log of a batch, with its message when it is one: the columns are interop_getBatch's answer. */
export type BatchLogRow = RpcBatchLog;

/** A settlement-layer root as an L2 imported it. */
export type ImportedRootRow = {
  /** Which import it was, in the order the node saw them: the list's cursor. */
  seq: number;
  settlementChainId: number;
  block: number;
  root: Hex | null;
  timestamp: number | null;
  txHash: Hex | null;
  importedAt: number;
};

const SUMMARY = `m.seq, m.interop_hash AS interopHash, m.chain_id AS chainId, m.batch, m.idx, m.tx_hash AS txHash,
  m.block_number AS blockNumber, m.timestamp, m.sender, m.message_num AS messageNum, length(m.data) AS dataSize,
  b.status AS batchStatus, b.settlement_block AS settlementBlock, b.settles_on AS settlesOn,
  (SELECT COUNT(*) FROM imports i WHERE i.sl_chain_id = b.settles_on AND i.block = b.settlement_block) AS importCount`;
const FROM = 'FROM messages m JOIN batches b ON b.chain_id = m.chain_id AND b.number = m.batch';
/**
 * Messages found from their logs (by interop hash, or a transaction's position). CROSS JOIN keeps logs first: the
 * planner would otherwise walk every message of the batch for a transaction's few.
 */
const FROM_LOGS = `FROM logs l CROSS JOIN messages m ON m.chain_id = l.chain_id AND m.batch = l.batch AND m.idx = l.idx
  JOIN batches b ON b.chain_id = m.chain_id AND b.number = m.batch`;
const BATCH_COLUMNS = `chain_id AS chainId, number, first_block AS firstBlock, last_block AS lastBlock, timestamp,
  tx_count AS txCount, log_count AS logCount, local_root AS localRoot, chain_batch_root AS chainBatchRoot, status,
  commit_tx AS commitTx, committed_at AS committedAt, execute_tx AS executeTx, executed_at AS executedAt,
  settlement_block AS settlementBlock, chain_tree_index AS chainTreeIndex, settles_on AS settlesOn`;

const IMPORT_COLUMNS = `i.rowid AS seq, i.sl_chain_id AS settlementChainId, i.block, s.root, s.timestamp,
  i.tx_hash AS txHash, i.imported_at AS importedAt`;
const IMPORT_FROM =
  'FROM imports i LEFT JOIN settlement_blocks s ON s.sl_chain_id = i.sl_chain_id AND s.block = i.block';

function prepare(db: Database.Database) {
  const page = (where: string) =>
    db.prepare(`SELECT ${SUMMARY} ${FROM} WHERE ${where} AND m.seq < ? ORDER BY m.seq DESC LIMIT ?`);
  return {
    messagesAll: page('1'),
    messagesOfChain: page('m.chain_id = ?'),
    messagesOfSender: page('m.sender = ?'),
    messagesOfChainAndSender: page('m.sender = ? AND m.chain_id = ?'),
    // By hash through logs (logs_interop, then the message at the same position): messages has no hash index.
    messageByHash: db.prepare(`SELECT ${SUMMARY}, m.data, l.tx_number AS txNumber, b.chain_batch_root AS chainBatchRoot,
      b.timestamp AS batchTimestamp, b.commit_tx AS commitTx, b.committed_at AS committedAt, b.execute_tx AS executeTx,
      b.executed_at AS executedAt, s.root AS settlementRoot, s.timestamp AS settlementTimestamp ${FROM_LOGS}
      LEFT JOIN settlement_blocks s ON s.sl_chain_id = b.settles_on AND s.block = b.settlement_block
      WHERE l.interop_hash = ? ORDER BY m.seq LIMIT 1`),
    messagesOfTx: db.prepare(`SELECT ${SUMMARY} ${FROM_LOGS}
      WHERE l.chain_id = ? AND l.batch = ? AND l.tx_number = ? ORDER BY l.tx_log_index`),
    batches: db.prepare(
      `SELECT ${BATCH_COLUMNS} FROM batches WHERE chain_id = ? AND number < ? ORDER BY number DESC LIMIT ?`,
    ),
    batchLogs: db.prepare(`SELECT l.idx, l.tx_hash AS txHash, l.tx_number AS txNumber, l.tx_log_index AS txLogIndex,
      l.block_number AS blockNumber, l.key, l.value, l.interop_hash AS interopHash, m.sender, m.message_num AS messageNum
      FROM logs l LEFT JOIN messages m ON m.chain_id = l.chain_id AND m.batch = l.batch AND m.idx = l.idx
      WHERE l.chain_id = ? AND l.batch = ? AND l.idx >= ? ORDER BY l.idx LIMIT ?`),
    importedRoots: db.prepare(`SELECT ${IMPORT_COLUMNS} ${IMPORT_FROM} WHERE i.chain_id = ? AND i.rowid < ?
      ORDER BY i.rowid DESC LIMIT ?`),
    importsOfBlock: db.prepare(
      `SELECT chain_id AS chainId, tx_hash AS txHash, imported_at AS importedAt FROM imports
      WHERE sl_chain_id = ? AND block = ? ORDER BY chain_id`,
    ),
    // Batches commit and execute in order: walking the primary key down stops at the first match, a few rows in.
    lastCommitted: db
      .prepare(`SELECT number FROM batches WHERE chain_id = ? AND commit_tx IS NOT NULL ORDER BY number DESC LIMIT 1`)
      .pluck(),
    lastExecuted: db
      .prepare(`SELECT number FROM batches WHERE chain_id = ? AND status = 'executed' ORDER BY number DESC LIMIT 1`)
      .pluck(),
    lastImport: db.prepare(
      `SELECT ${IMPORT_COLUMNS} ${IMPORT_FROM} WHERE i.chain_id = ? ORDER BY i.rowid DESC LIMIT 1`,
    ),
    lastRoot: db.prepare(
      `SELECT block, root, timestamp FROM settlement_blocks WHERE sl_chain_id = ? ORDER BY block DESC LIMIT 1`,
    ),
    messageCount: db.prepare(`SELECT COALESCE(MAX(seq), 0) FROM messages`).pluck(),
    messagesSince: db.prepare(`SELECT COUNT(*) FROM messages WHERE timestamp >= ?`).pluck(),
    latenciesSince: db
      .prepare(`SELECT b.executed_at - m.timestamp ${FROM}
      WHERE m.timestamp >= ? AND b.executed_at IS NOT NULL LIMIT 5000`)
      .pluck(),
  };
}

/** An upper bound for "from the newest" cursors. */
const NEWEST = Number.MAX_SAFE_INTEGER;

/** Read-only explorer queries, prepared once per store. */
export class ExplorerQueries {
  private readonly s: ReturnType<typeof prepare>;

  constructor(readonly store: Store) {
    this.s = prepare(store.db);
  }

  /** Messages newest first, before `cursor` (a `seq`), optionally of one chain and/or one sender. */
  listMessages(filter: { chainId?: number; sender?: string; cursor?: number; limit: number }): MessageSummaryRow[] {
    const before = filter.cursor ?? NEWEST;
    const { chainId, sender, limit } = filter;
    if (sender !== undefined && chainId !== undefined)
      return this.s.messagesOfChainAndSender.all(sender, chainId, before, limit) as MessageSummaryRow[];
    if (sender !== undefined) return this.s.messagesOfSender.all(sender, before, limit) as MessageSummaryRow[];
    if (chainId !== undefined) return this.s.messagesOfChain.all(chainId, before, limit) as MessageSummaryRow[];
    return this.s.messagesAll.all(before, limit) as MessageSummaryRow[];
  }

  getMessage(interopHash: string): MessageDetailRow | undefined {
    return this.s.messageByHash.get(interopHash.toLowerCase()) as MessageDetailRow | undefined;
  }

  /**
   * Messages sent by a transaction, by where it is (see Store.getTx: the lookup by hash, either hash of a 0x71
   * transaction through its alias), in log order.
   */
  getMessagesOfTx(tx: { chainId: number; batch: number; idx: number }): MessageSummaryRow[] {
    return this.s.messagesOfTx.all(tx.chainId, tx.batch, tx.idx) as MessageSummaryRow[];
  }

  /** Batches of a chain newest first, numbered below `cursor`. */
  listBatches(chainId: number, cursor: number | undefined, limit: number): BatchRow[] {
    return this.s.batches.all(chainId, cursor ?? NEWEST, limit) as BatchRow[];
  }

  /** Logs of a batch from index `from` on. */
  getBatchLogs(chainId: number, batch: number, from: number, limit: number): BatchLogRow[] {
    return this.s.batchLogs.all(chainId, batch, from, limit) as BatchLogRow[];
  }

  /** Roots imported on a chain newest first, settlement blocks below `cursor`. */
  listImportedRoots(chainId: number, cursor: number | undefined, limit: number): ImportedRootRow[] {
    return this.s.importedRoots.all(chainId, cursor ?? NEWEST, limit) as ImportedRootRow[];
  }

  /** Which chains imported the root of block `block` of settlement layer `sl`, with when and how. */
  getImportsOfBlock(sl: number, block: number): RpcImportRecord[] {
    return this.s.importsOfBlock.all(sl, block) as RpcImportRecord[];
  }

  /** Where a chain is: batches sealed, committed and executed, last root imported. */
  getChainState(chainId: number) {
    const progress = this.store.getChainProgress(chainId);
    return {
      lastSealedBlock: progress.lastSealedBlock,
      lastSealedBatch: progress.lastBatch,
      lastCommittedBatch: (this.s.lastCommitted.get(chainId) as number | undefined) ?? 0,
      lastExecutedBatch: (this.s.lastExecuted.get(chainId) as number | undefined) ?? 0,
      lastImport: (this.s.lastImport.get(chainId) as ImportedRootRow | undefined) ?? null,
    };
  }

  /** The newest root of settlement layer `sl` the watcher recorded. */
  getLastRoot(sl: number): { block: number; root: Hex; timestamp: number } | undefined {
    return this.s.lastRoot.get(sl) as { block: number; root: Hex; timestamp: number } | undefined;
  }

  /** Messages indexed so far (seq only grows). */
  getMessageCount(): number {
    return this.s.messageCount.get() as number;
  }

  /** Messages sent since `since` (unix seconds) and their send→execute latencies in seconds (executed ones). */
  getActivitySince(since: number): { messages: number; latencies: number[] } {
    return {
      messages: this.s.messagesSince.get(since) as number,
      latencies: this.s.latenciesSince.all(since) as number[],
    };
  }
}

const queries = new WeakMap<Store, ExplorerQueries>();

/** The explorer queries of a store (prepared on first use). */
export function explorerQueriesOf(store: Store): ExplorerQueries {
  let q = queries.get(store);
  if (!q) {
    q = new ExplorerQueries(store);
    queries.set(store, q);
  }
  return q;
}
