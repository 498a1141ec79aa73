import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RpcBatchLog, RpcBatchStatus, RpcBatchSummary } from '@interop/sdk';
import Database from 'better-sqlite3';
import type { Hex } from 'viem';
import { NodeError } from '../errors.js';
import { type BlockHash, HistoryStore } from './history.js';
import { RootMismatchStore } from './rootMismatches.js';
import { SCHEMA, SCHEMA_VERSION } from './schema.js';
import { startWalCheckpointer, type WalCheckpointer } from './walCheckpointer.js';
import { ZkSendIntentStore } from './zkSendIntents.js';

/** Status of a batch as the settlement layer's events reported it. */
export type BatchStatus = RpcBatchStatus;

/**
 * A sealed batch as stored: the fields interop_listBatches sends as they are (the answer renames the others), plus
 * the settlement data the node keeps.
 */
export type BatchRow = Pick<
  RpcBatchSummary,
  'chainId' | 'number' | 'firstBlock' | 'lastBlock' | 'timestamp' | 'txCount' | 'logCount' | 'localRoot'
> & {
  chainBatchRoot: Hex;
  status: BatchStatus;
  commitTx: Hex | null;
  committedAt: number | null;
  executeTx: Hex | null;
  executedAt: number | null;
  settlementBlock: number | null;
  chainTreeIndex: number | null;
  /** The layer the batch settles on. */
  settlesOn: number;
  /** The aggregated root committed with the batch (a Gateway's MessageRoot); null for ChainIdLeaf(0, chainId). */
  aggregatedRoot: Hex | null;
};

/** A sealed batch with what the commit transaction needs. */
export type BatchForCommit = BatchRow & { packedLogs: Buffer; txHashes: Buffer };

/**
 * One L2→L1 log as stored: the fields interop_getBatch sends of it (not its message's, which the messages table
 * holds), plus where it is and its path in the batch's log tree.
 */
export type LogRow = Omit<RpcBatchLog, 'sender' | 'messageNum'> & {
  chainId: number;
  batch: number;
  /** 14 words, 448 bytes. */
  path: Buffer;
};

/** An InteropCenter message as the explorer index stores it (decoded from its L1MessageSent log). */
export type MessageRow = {
  interopHash: Hex;
  chainId: number;
  batch: number;
  /** Index of the message's log in its batch. */
  idx: number;
  /** The public hash of the sending transaction. */
  txHash: Hex;
  blockNumber: number;
  /** L2 block timestamp, unix seconds. */
  timestamp: number;
  sender: Hex;
  /** uint256 as a decimal string. */
  messageNum: string;
  data: Buffer;
};

/** What the sequencer writes when it seals a batch: everything in one transaction. */
export type SealedBatch = {
  batch: Omit<
    BatchRow,
    'status' | 'commitTx' | 'committedAt' | 'executeTx' | 'executedAt' | 'settlementBlock' | 'chainTreeIndex'
  > & {
    packedLogs: Buffer;
    txHashes: Buffer;
  };
  logs: LogRow[];
  txs: { hash: Hex; idx: number; blockNumber: number }[];
  /** The batch's InteropCenter messages, decoded (the explorer's index). */
  messages?: MessageRow[];
  /** The hash of each block of the batch, to notice later that the chain's history changed. */
  blocks: BlockHash[];
};

/** A mirrored chain tree's frontier (see DynamicIncrementalMerkleTree.frontier) after `size` leaves. */
export type ChainTreeFrontier = { chainId: number; size: number; nodes: Uint8Array };

/** A chain-on-a-Gateway batch made provable on L1 (see buildL1Tails). */
export type L1TailUpdate = { chainId: number; number: number; tail: Buffer; l1Block: number; l1Root: Hex };

/** Events of one settlement block, applied by the watcher in one transaction. */
export type SettlementBlockUpdate = {
  block: number;
  timestamp: number;
  /** The MessageRoot at the end of the block, if the block changed it. */
  root: Hex | null;
  committed: { chainId: number; batch: number; txHash: Hex }[];
  executed: { chainId: number; batch: number; txHash: Hex; chainTreeIndex: number; gwTail: Buffer | null }[];
  chainLeaves: { chainId: number; idx: number; leaf: Hex; batch: number }[];
  sharedLeaves: { idx: number; chainId: number; leaf: Hex }[];
};

const BATCH_COLUMNS = `chain_id AS chainId, number, first_block AS firstBlock, last_block AS lastBlock, timestamp,
  tx_count AS txCount, log_count AS logCount, local_root AS localRoot, chain_batch_root AS chainBatchRoot, status,
  commit_tx AS commitTx, committed_at AS committedAt, execute_tx AS executeTx, executed_at AS executedAt,
  settlement_block AS settlementBlock, chain_tree_index AS chainTreeIndex, settles_on AS settlesOn,
  aggregated_root AS aggregatedRoot`;
const LOG_COLUMNS = `chain_id AS chainId, batch, idx, tx_hash AS txHash, tx_number AS txNumber,
  tx_log_index AS txLogIndex, block_number AS blockNumber, key, value, interop_hash AS interopHash, path`;

const PROOF_COLUMNS = `l.chain_id AS chainId, l.batch, l.idx, l.tx_hash AS txHash, l.tx_number AS txNumber,
  l.tx_log_index AS txLogIndex, l.block_number AS blockNumber, l.key, l.value, l.interop_hash AS interopHash, l.path,
  b.chain_batch_root AS chainBatchRoot, b.status, b.gw_tail AS gwTail, b.settlement_block AS settlementBlock,
  b.commit_tx AS commitTx, b.execute_tx AS executeTx, s.root AS settlementRoot, b.aggregated_root AS aggregatedRoot,
  b.l1_tail AS l1Tail, b.l1_block AS l1Block, b.l1_root AS l1Root`;

/** A log joined with what its proofs need from its batch and settlement block: one indexed lookup. */
export type ProofRow = LogRow & {
  chainBatchRoot: Hex;
  status: BatchStatus;
  gwTail: Buffer | null;
  settlementBlock: number | null;
  commitTx: Hex | null;
  executeTx: Hex | null;
  settlementRoot: Hex | null;
  aggregatedRoot: Hex | null;
  /** The three-level tail up to L1 (chains on a Gateway), its L1 block and L1's root there. */
  l1Tail: Buffer | null;
  l1Block: number | null;
  l1Root: Hex | null;
};

/**
 * The node's durable state: a SQLite file in WAL mode. Every multi-row write is one transaction, so a crash
 * leaves either the whole batch (or settlement block) or none of it. All statements are prepared once.
 */
export class Store {
  readonly db: Database.Database;
  readonly path: string;
  /** Block hashes, halted chains and the rewinds after a history change. */
  readonly history: HistoryStore;
  /** L2 roots that differ from the settlement layer's (found by the root importers). */
  readonly rootMismatches: RootMismatchStore;
  /** ZKsync transactions being sent (written before the send, so a crash before their alias is reconciled). */
  readonly zkSendIntents: ZkSendIntentStore;
  private readonly s: Statements;
  private readonly sealTx: (sealed: SealedBatch) => void;
  private readonly applyTx: (
    sl: number,
    updates: SettlementBlockUpdate[],
    lastBlock: number,
    hashes: BlockHash[],
    frontiers: ChainTreeFrontier[],
  ) => void;
  private checkpointer: WalCheckpointer | undefined;
  private readonly l1TailsTx: (gateway: number, gatewayBatch: number, updates: L1TailUpdate[]) => void;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.path = join(dataDir, 'node.sqlite');
    try {
      this.db = new Database(this.path);
    } catch (err) {
      throw new NodeError(`cannot open the node store at ${this.path}`, {
        details: (err as Error).message,
        cause: err,
      });
    }
    configure(this.db, this.path);
    this.history = new HistoryStore(this.db);
    this.rootMismatches = new RootMismatchStore(this.db);
    this.zkSendIntents = new ZkSendIntentStore(this.db);
    this.s = { ...prepareChainStatements(this.db), ...prepareSettlementStatements(this.db) };
    const s = this.s;
    this.sealTx = this.db.transaction((sealed: SealedBatch) => {
      const b = sealed.batch;
      s.insertBatch.run(b);
      for (const log of sealed.logs) s.insertLog.run(log);
      for (const tx of sealed.txs) s.insertTx.run(tx.hash, b.chainId, b.number, tx.idx, tx.blockNumber);
      for (const message of sealed.messages ?? []) s.insertMessage.run(message);
      s.setProgress.run(b.chainId, b.lastBlock, b.number);
      this.history.putSealedBlocks(b.chainId, sealed.blocks);
    });
    this.applyTx = this.db.transaction(
      (
        sl: number,
        updates: SettlementBlockUpdate[],
        lastBlock: number,
        hashes: BlockHash[],
        frontiers: ChainTreeFrontier[],
      ) => {
        for (const u of updates) {
          for (const c of u.committed) s.markCommitted.run(c.txHash, u.timestamp, c.chainId, c.batch);
          for (const e of u.executed)
            s.markExecuted.run(e.txHash, u.timestamp, u.block, e.chainTreeIndex, e.gwTail, e.chainId, e.batch);
          for (const l of u.chainLeaves) s.insertChainLeaf.run(l.chainId, l.idx, l.leaf, l.batch, sl, u.block);
          for (const l of u.sharedLeaves) s.upsertSharedLeaf.run(sl, l.idx, l.chainId, l.leaf, u.block);
          if (u.root) s.insertSettlementBlock.run(sl, u.block, u.root, u.timestamp);
        }
        for (const f of frontiers) s.putChainFrontier.run(sl, f.chainId, f.size, f.nodes);
        s.setSettlementProgress.run(sl, lastBlock);
        this.history.putSettlementHashes(sl, hashes);
      },
    );
    this.l1TailsTx = this.db.transaction((gateway: number, gatewayBatch: number, updates: L1TailUpdate[]) => {
      for (const u of updates) s.setL1Tail.run(u.tail, u.l1Block, u.l1Root, u.chainId, u.number);
      s.setMeta.run(`l1-tails:${gateway}`, String(gatewayBatch));
    });
  }

  /** The newest transaction of the chain's sealed batches (with its block), if any. */
  getLastSealedTx(chainId: number): { hash: Hex; blockNumber: number } | undefined {
    return this.db
      .prepare(
        `SELECT hash, block_number AS blockNumber FROM txs WHERE chain_id = ? ORDER BY batch DESC, idx DESC LIMIT 1`,
      )
      .get(chainId) as { hash: Hex; blockNumber: number } | undefined;
  }

  /** The newest root-import transaction the node sent to the chain, if any. */
  getLastImportTx(chainId: number): { block: number; txHash: Hex } | undefined {
    return this.db
      .prepare(
        `SELECT block, tx_hash AS txHash FROM imports WHERE chain_id = ? AND tx_hash IS NOT NULL ORDER BY block DESC LIMIT 1`,
      )
      .get(chainId) as { block: number; txHash: Hex } | undefined;
  }

  /** Writes a consistent copy of the whole store to `path` (which must not exist). */
  saveCopy(path: string): void {
    this.db.prepare('VACUUM INTO ?').run(path);
  }

  /**
   * Replaces every row of every table with the rows of a copy written by {@link saveCopy}, in one transaction on
   * the same connection (so prepared statements and readers stay valid).
   */
  restoreFrom(path: string): void {
    const tables = this.db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
      .pluck()
      .all() as string[];
    this.db.prepare('ATTACH DATABASE ? AS copy').run(path);
    try {
      this.db.transaction(() => {
        for (const table of tables) {
          this.db.exec(`DELETE FROM main."${table}"`);
          this.db.exec(`INSERT INTO main."${table}" SELECT * FROM copy."${table}"`);
        }
      })();
    } finally {
      this.db.exec('DETACH DATABASE copy');
    }
  }

  /**
   * Moves the WAL's checkpoints to a worker thread ({@link startWalCheckpointer}): the node's commits then no longer
   * pause for them. The writer keeps a checkpoint of its own at four times the size, should the worker fall behind.
   * Short-lived stores (tools, tests) do without.
   */
  startBackgroundCheckpoints(pages = WAL_CHECKPOINT_PAGES): void {
    if (this.checkpointer) return;
    this.db.pragma(`wal_autocheckpoint = ${4 * pages}`);
    this.checkpointer = startWalCheckpointer({ path: this.path, pages });
  }

  /** Closes the database (checkpointing the WAL), after the background checkpointer's connection. */
  close(): void {
    this.checkpointer?.stop();
    if (this.db.open) this.db.close();
  }

  getMeta(key: string): string | undefined {
    return this.s.getMeta.get(key) as string | undefined;
  }

  setMeta(key: string, value: string): void {
    this.s.setMeta.run(key, value);
  }

  /** Sequencer progress of an L2; `{0, 0}` before its first batch. */
  getChainProgress(chainId: number): { lastSealedBlock: number; lastBatch: number } {
    return (
      (this.s.progress.get(chainId) as { lastSealedBlock: number; lastBatch: number } | undefined) ?? {
        lastSealedBlock: 0,
        lastBatch: 0,
      }
    );
  }

  /** Writes a sealed batch, its logs and transactions and the new progress, atomically. */
  insertSealedBatch(sealed: SealedBatch): void {
    this.sealTx(sealed);
  }

  getBatch(chainId: number, number: number): BatchRow | undefined {
    return this.s.batch.get(chainId, number) as BatchRow | undefined;
  }

  getBatchForCommit(chainId: number, number: number): BatchForCommit | undefined {
    return this.s.batchForCommit.get(chainId, number) as BatchForCommit | undefined;
  }

  /** The batch that holds L2 block `block`, if sealed. */
  getBatchOfBlock(chainId: number, block: number): BatchRow | undefined {
    const row = this.s.batchOfBlock.get(chainId, block) as BatchRow | undefined;
    return row && row.firstBlock <= block ? row : undefined;
  }

  /** Words after the log part of a batch's proof to its settlement layer (set once executed and mirrored). */
  getGatewayTail(chainId: number, number: number): Buffer | null {
    return (this.s.gwTail.get(chainId, number) as Buffer | null | undefined) ?? null;
  }

  /** Newest L2 block whose batch is executed, or undefined. */
  getLastExecutedBlock(chainId: number): number | undefined {
    return (this.s.lastExecutedBlock.get(chainId) as number | null) ?? undefined;
  }

  /** Number of the newest executed batch of the chain (0 when none is). */
  getLastExecutedBatch(chainId: number): number {
    return (this.s.lastExecutedBatch.get(chainId) as number | undefined) ?? 0;
  }

  getTx(hash: string): { chainId: number; batch: number; idx: number; blockNumber: number } | undefined {
    return this.s.tx.get(hash.toLowerCase()) as
      | { chainId: number; batch: number; idx: number; blockNumber: number }
      | undefined;
  }

  /**
   * Where transaction `txHash`'s first L2→L1 log is among the logs of its block `block` (0 when it has none): two
   * index seeks, whatever the size of the block.
   */
  getFirstLogIndexInBlock(chainId: number, block: number, txHash: string): number {
    const tx = this.s.firstLogOfTx.get(txHash.toLowerCase(), chainId) as { batch: number; idx: number } | undefined;
    const first = this.s.firstLogOfBlock.get(chainId, block) as { batch: number; idx: number } | undefined;
    return tx && first && tx.batch === first.batch ? tx.idx - first.idx : 0;
  }

  getLogsOfBatch(chainId: number, batch: number): LogRow[] {
    return this.s.logsOfBatch.all(chainId, batch) as LogRow[];
  }

  /** The batch's log 0 (undefined for a batch without logs). */
  getFirstLogOfBatch(chainId: number, batch: number): LogRow | undefined {
    return this.s.logsOfBatch.get(chainId, batch) as LogRow | undefined;
  }

  /** Last block of settlement layer `sl` the watcher applied; undefined before its first run. */
  getSettlementProgress(sl: number): number | undefined {
    return this.s.settlementProgress.get(sl) as number | undefined;
  }

  /**
   * Applies the events of blocks `updates` of settlement layer `sl` and moves its progress to `lastBlock`,
   * atomically, with the hashes of the blocks read (to notice a reorg later) and the frontiers of the chain trees
   * that grew (so a restart need not read their leaves again).
   */
  applySettlementBlocks(
    sl: number,
    updates: SettlementBlockUpdate[],
    lastBlock: number,
    hashes: BlockHash[] = [],
    frontiers: ChainTreeFrontier[] = [],
  ): void {
    this.applyTx(sl, updates, lastBlock, hashes, frontiers);
  }

  getSettlementBlock(sl: number, block: number): { block: number; root: Hex; timestamp: number } | undefined {
    return this.s.settlementBlock.get(sl, block) as { block: number; root: Hex; timestamp: number } | undefined;
  }

  /** The stored frontiers of layer `sl`'s chain trees (one per chain that has batches on it). */
  getChainTreeFrontiers(sl: number): ChainTreeFrontier[] {
    return this.s.chainFrontiers.all(sl) as ChainTreeFrontier[];
  }

  /** Leaves `fromIdx` and later of a chain's tree on layer `sl`, by index (what its stored frontier lacks). */
  getChainTreeLeavesFrom(sl: number, chainId: number, fromIdx: number): { idx: number; leaf: Hex }[] {
    return this.s.chainLeavesFrom.all(chainId, fromIdx, sl) as { idx: number; leaf: Hex }[];
  }

  /** Chain-tree leaves of layer `sl` appended in blocks `after < block <= upTo`, by chain then index. */
  getChainTreeLeavesAppended(sl: number, after: number, upTo: number): { chainId: number; idx: number; leaf: Hex }[] {
    return this.s.chainLeavesAppended.all(sl, after, upTo) as { chainId: number; idx: number; leaf: Hex }[];
  }

  /** Layer `sl`'s shared tree: current leaves, by index. */
  getSharedLeaves(sl: number): { idx: number; chainId: number; leaf: Hex }[] {
    return this.s.sharedLeaves.all(sl) as { idx: number; chainId: number; leaf: Hex }[];
  }

  /** Chains that joined layer `sl`'s shared tree in blocks `after < block <= upTo`, by index. */
  getSharedLeavesAdded(sl: number, after: number, upTo: number): { idx: number; chainId: number }[] {
    return this.s.sharedLeavesAdded.all(sl, after, upTo) as { idx: number; chainId: number }[];
  }

  /**
   * Blocks of layer `sl` from `fromBlock` on whose root is not yet imported on `chainId`, oldest first. Callers
   * pass the oldest block they last saw pending, so the scan does not grow with history.
   */
  getPendingImports(chainId: number, sl: number, limit: number, fromBlock = 0): { block: number; root: Hex }[] {
    return this.s.pendingImports.all(chainId, sl, fromBlock, limit) as { block: number; root: Hex }[];
  }

  markImported(chainId: number, sl: number, block: number, txHash: Hex | null): void {
    this.s.markImported.run(chainId, sl, block, txHash, Math.floor(Date.now() / 1000));
  }

  /** Batches settling on `sl` that executed in its blocks `from..to`. */
  getBatchesExecutedBetween(sl: number, from: number, to: number): (BatchRow & { chainTreeIndex: number })[] {
    return this.s.batchesExecutedBetween.all(sl, from, to) as (BatchRow & { chainTreeIndex: number })[];
  }

  /** The last batch of Gateway `gateway` whose chains' batches were made provable on L1 (0 before any). */
  getL1TailProgress(gateway: number): number {
    return Number(this.getMeta(`l1-tails:${gateway}`) ?? 0);
  }

  /** Stores the L1 tails of a Gateway batch's chain batches and moves the progress to it, atomically. */
  setL1Tails(gateway: number, gatewayBatch: number, updates: L1TailUpdate[]): void {
    this.l1TailsTx(gateway, gatewayBatch, updates);
  }

  /** Proof material of the `txLogIndex`-th L2→L1 log of a transaction. */
  getProofRowOfTx(hash: string, txLogIndex: number): ProofRow | undefined {
    return this.s.proofOfTx.get(hash.toLowerCase(), txLogIndex) as ProofRow | undefined;
  }

  /** Proof material of the log of an InteropCenter message. */
  getProofRowOfInterop(interopHash: string): ProofRow | undefined {
    return this.s.proofOfInterop.get(interopHash.toLowerCase()) as ProofRow | undefined;
  }

  /** Records that the upstream knows ZKsync transaction `zkHash` as `anvilHash`. */
  putTxAlias(zkHash: string, anvilHash: string): void {
    this.s.putAlias.run(zkHash.toLowerCase(), anvilHash.toLowerCase());
  }

  getTxAliases(): { zkHash: Hex; anvilHash: Hex }[] {
    return this.s.allAliases.all() as { zkHash: Hex; anvilHash: Hex }[];
  }

  anvilHashOf(zkHash: string): Hex | undefined {
    return this.s.anvilOf.get(zkHash.toLowerCase()) as Hex | undefined;
  }

  zkHashOf(anvilHash: string): Hex | undefined {
    return this.s.zkOf.get(anvilHash.toLowerCase()) as Hex | undefined;
  }

  /** Chain ids whose InteropCenter holds the root of block `block` of settlement layer `sl`. */
  getImportedOn(sl: number, block: number): number[] {
    return this.s.importedOn.all(sl, block) as number[];
  }
}

/** WAL pages (4 KB each) after which a commit checkpoints them into the database file. */
const WAL_CHECKPOINT_PAGES = 16_000;

/** WAL mode, the schema, and a check that an existing file has this code's schema version. */
function configure(db: Database.Database, path: string): void {
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode survives a process crash (SIGKILL); only a power loss may drop the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // A checkpoint (the WAL's pages copied into the database file, with its fsyncs) runs inside the commit that takes
  // the WAL past this many pages. At SQLite's 1,000 (4 MB) nearly every sealed batch of 1,000 messages paid one; at
  // 16,000 (64 MB) a page dirtied by several batches is copied once: fewer, longer pauses, less time in all
  // (bench/store-writes.ts, docs/performance.md). The WAL file is cut back to half that after a checkpoint, below
  // the size at which the background checkpointer (startBackgroundCheckpoints) starts one.
  db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
  db.pragma(`journal_size_limit = ${(WAL_CHECKPOINT_PAGES / 2) * 4096}`);
  db.exec(SCHEMA);
  const version = db.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).pluck().get() as string | undefined;
  if (version === undefined)
    db.prepare(`INSERT INTO meta (key, value) VALUES ('schema_version', ?)`).run(String(SCHEMA_VERSION));
  else if (version !== String(SCHEMA_VERSION))
    throw new NodeError(`the node store at ${path} has schema version ${version}, expected ${SCHEMA_VERSION}`);
}

/** Statements of the sequencer's side: meta, chain progress, batches, logs, transactions. */
function prepareChainStatements(db: Database.Database) {
  return {
    getMeta: db.prepare(`SELECT value FROM meta WHERE key = ?`).pluck(),
    setMeta: db.prepare(
      `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ),
    progress: db.prepare(
      `SELECT last_sealed_block AS lastSealedBlock, last_batch AS lastBatch FROM chain_progress WHERE chain_id = ?`,
    ),
    setProgress: db.prepare(`INSERT INTO chain_progress (chain_id, last_sealed_block, last_batch) VALUES (?, ?, ?)
      ON CONFLICT (chain_id) DO UPDATE SET last_sealed_block = excluded.last_sealed_block, last_batch = excluded.last_batch`),
    insertBatch:
      db.prepare(`INSERT INTO batches (chain_id, number, first_block, last_block, timestamp, tx_count, log_count,
      local_root, chain_batch_root, packed_logs, tx_hashes, status, settles_on, aggregated_root)
      VALUES (@chainId, @number, @firstBlock, @lastBlock, @timestamp, @txCount, @logCount, @localRoot, @chainBatchRoot,
      @packedLogs, @txHashes, 'sealed', @settlesOn, @aggregatedRoot)`),
    insertLog:
      db.prepare(`INSERT INTO logs (chain_id, batch, idx, tx_hash, tx_number, tx_log_index, block_number, key, value,
      interop_hash, path) VALUES (@chainId, @batch, @idx, @txHash, @txNumber, @txLogIndex, @blockNumber, @key, @value,
      @interopHash, @path)`),
    insertMessage:
      db.prepare(`INSERT INTO messages (interop_hash, chain_id, batch, idx, tx_hash, block_number, timestamp, sender,
      message_num, data) VALUES (@interopHash, @chainId, @batch, @idx, @txHash, @blockNumber, @timestamp, @sender,
      @messageNum, @data)`),
    insertTx: db.prepare(
      `INSERT OR REPLACE INTO txs (hash, chain_id, batch, idx, block_number) VALUES (?, ?, ?, ?, ?)`,
    ),
    batch: db.prepare(`SELECT ${BATCH_COLUMNS} FROM batches WHERE chain_id = ? AND number = ?`),
    gwTail: db.prepare(`SELECT gw_tail FROM batches WHERE chain_id = ? AND number = ?`).pluck(),
    batchForCommit: db.prepare(`SELECT ${BATCH_COLUMNS}, packed_logs AS packedLogs, tx_hashes AS txHashes FROM batches
      WHERE chain_id = ? AND number = ?`),
    batchOfBlock: db.prepare(
      `SELECT ${BATCH_COLUMNS} FROM batches WHERE chain_id = ? AND last_block >= ? ORDER BY last_block LIMIT 1`,
    ),
    // Batches execute in order, so the newest executed one (walking the primary key down) has the highest block.
    lastExecutedBlock: db
      .prepare(`SELECT last_block FROM batches WHERE chain_id = ? AND status = 'executed' ORDER BY number DESC LIMIT 1`)
      .pluck(),
    lastExecutedBatch: db
      .prepare(`SELECT number FROM batches WHERE chain_id = ? AND status = 'executed' ORDER BY number DESC LIMIT 1`)
      .pluck(),
    markCommitted: db.prepare(`UPDATE batches SET commit_tx = ?, committed_at = ?,
      status = CASE status WHEN 'sealed' THEN 'committed' ELSE status END WHERE chain_id = ? AND number = ?`),
    markExecuted:
      db.prepare(`UPDATE batches SET execute_tx = ?, executed_at = ?, settlement_block = ?, chain_tree_index = ?,
      gw_tail = ?, status = 'executed' WHERE chain_id = ? AND number = ?`),
    tx: db.prepare(`SELECT chain_id AS chainId, batch, idx, block_number AS blockNumber FROM txs WHERE hash = ?`),
    logsOfBatch: db.prepare(`SELECT ${LOG_COLUMNS} FROM logs WHERE chain_id = ? AND batch = ? ORDER BY idx`),
    firstLogOfTx: db.prepare(`SELECT l.batch, l.idx FROM txs t
      JOIN logs l ON l.chain_id = t.chain_id AND l.batch = t.batch AND l.tx_number = t.idx
      WHERE t.hash = ? AND t.chain_id = ? ORDER BY l.tx_log_index LIMIT 1`),
    firstLogOfBlock: db.prepare(
      `SELECT batch, idx FROM logs WHERE chain_id = ? AND block_number = ? ORDER BY batch, idx LIMIT 1`,
    ),
  };
}

/** Statements of the settlement side and of the lookups the RPC serves: trees, roots, imports, aliases, proofs. */
function prepareSettlementStatements(db: Database.Database) {
  return {
    settlementProgress: db.prepare(`SELECT last_block FROM settlement_progress WHERE sl_chain_id = ?`).pluck(),
    setSettlementProgress: db.prepare(`INSERT INTO settlement_progress (sl_chain_id, last_block) VALUES (?, ?)
      ON CONFLICT (sl_chain_id) DO UPDATE SET last_block = excluded.last_block`),
    insertSettlementBlock: db.prepare(
      `INSERT OR REPLACE INTO settlement_blocks (sl_chain_id, block, root, timestamp) VALUES (?, ?, ?, ?)`,
    ),
    settlementBlock: db.prepare(
      `SELECT block, root, timestamp FROM settlement_blocks WHERE sl_chain_id = ? AND block = ?`,
    ),
    insertChainLeaf:
      db.prepare(`INSERT OR REPLACE INTO chain_tree_leaves (chain_id, idx, leaf, batch, sl_chain_id, block)
      VALUES (?, ?, ?, ?, ?, ?)`),
    chainLeavesFrom:
      db.prepare(`SELECT idx, leaf FROM chain_tree_leaves WHERE chain_id = ? AND idx >= ? AND sl_chain_id = ?
      ORDER BY idx`),
    chainFrontiers: db.prepare(
      `SELECT chain_id AS chainId, size, nodes FROM chain_tree_frontiers WHERE sl_chain_id = ? ORDER BY chain_id`,
    ),
    putChainFrontier:
      db.prepare(`INSERT INTO chain_tree_frontiers (sl_chain_id, chain_id, size, nodes) VALUES (?, ?, ?, ?)
      ON CONFLICT (sl_chain_id, chain_id) DO UPDATE SET size = excluded.size, nodes = excluded.nodes`),
    chainLeavesAppended: db.prepare(`SELECT chain_id AS chainId, idx, leaf FROM chain_tree_leaves
      WHERE sl_chain_id = ? AND block > ? AND block <= ? ORDER BY chain_id, idx`),
    upsertSharedLeaf: db.prepare(`INSERT INTO shared_leaves (sl_chain_id, idx, chain_id, leaf, added_block)
      VALUES (?, ?, ?, ?, ?) ON CONFLICT (sl_chain_id, idx) DO UPDATE SET leaf = excluded.leaf`),
    sharedLeaves: db.prepare(
      `SELECT idx, chain_id AS chainId, leaf FROM shared_leaves WHERE sl_chain_id = ? ORDER BY idx`,
    ),
    sharedLeavesAdded: db.prepare(`SELECT idx, chain_id AS chainId FROM shared_leaves
      WHERE sl_chain_id = ? AND added_block > ? AND added_block <= ? ORDER BY idx`),
    pendingImports: db.prepare(`SELECT b.block, b.root FROM settlement_blocks b
      LEFT JOIN imports i ON i.chain_id = ? AND i.sl_chain_id = b.sl_chain_id AND i.block = b.block
      WHERE b.sl_chain_id = ? AND b.block >= ? AND i.block IS NULL ORDER BY b.block LIMIT ?`),
    markImported: db.prepare(
      `INSERT OR REPLACE INTO imports (chain_id, sl_chain_id, block, tx_hash, imported_at) VALUES (?, ?, ?, ?, ?)`,
    ),
    batchesExecutedBetween: db.prepare(`SELECT ${BATCH_COLUMNS} FROM batches
      WHERE settles_on = ? AND status = 'executed' AND settlement_block >= ? AND settlement_block <= ?
      ORDER BY settlement_block, chain_id, number`),
    setL1Tail: db.prepare(
      `UPDATE batches SET l1_tail = ?, l1_block = ?, l1_root = ? WHERE chain_id = ? AND number = ?`,
    ),
    putAlias: db.prepare(`INSERT OR REPLACE INTO tx_aliases (zk_hash, anvil_hash) VALUES (?, ?)`),
    anvilOf: db.prepare(`SELECT anvil_hash FROM tx_aliases WHERE zk_hash = ?`).pluck(),
    allAliases: db.prepare(`SELECT zk_hash AS zkHash, anvil_hash AS anvilHash FROM tx_aliases`),
    zkOf: db.prepare(`SELECT zk_hash FROM tx_aliases WHERE anvil_hash = ?`).pluck(),
    proofOfTx: db.prepare(`SELECT ${PROOF_COLUMNS} FROM txs t
      JOIN logs l ON l.chain_id = t.chain_id AND l.batch = t.batch AND l.tx_number = t.idx
      JOIN batches b ON b.chain_id = l.chain_id AND b.number = l.batch
      LEFT JOIN settlement_blocks s ON s.sl_chain_id = b.settles_on AND s.block = b.settlement_block
      WHERE t.hash = ? AND l.tx_log_index = ?`),
    proofOfInterop:
      db.prepare(`SELECT ${PROOF_COLUMNS} FROM logs l JOIN batches b ON b.chain_id = l.chain_id AND b.number = l.batch
      LEFT JOIN settlement_blocks s ON s.sl_chain_id = b.settles_on AND s.block = b.settlement_block
      WHERE l.interop_hash = ? ORDER BY l.chain_id, l.batch, l.idx LIMIT 1`),
    importedOn: db
      .prepare(`SELECT chain_id FROM imports WHERE sl_chain_id = ? AND block = ? ORDER BY chain_id`)
      .pluck(),
  };
}

type Statements = ReturnType<typeof prepareChainStatements> & ReturnType<typeof prepareSettlementStatements>;
