// What the node remembers about the chains' histories, to notice when one changes under it: the hash of every
// sealed L2 block and of the settlement blocks the watcher read, and the L2s halted because a committed batch
// no longer matches their chain. Also the two rewinds that follow a change (see docs/node.md, "History changes").
import type Database from 'better-sqlite3';
import type { Hex } from 'viem';

/** A block number and its hash. */
export type BlockHash = { number: number; hash: Hex };

/** Why an L2 is no longer sealed: its history changed at `block`, inside committed batch `batch`. */
export type ChainHalt = { chainId: number; block: number; batch: number; detectedAt: number; reason: string };

/** Block hashes, halts and rewinds, on the node's SQLite database (tables in schema.ts). */
export class HistoryStore {
  private readonly s;
  private readonly rewindChainTx: (chainId: number, firstBatch: number) => number;
  private readonly rewindSettlementTx: (sl: number, keepThrough: number) => number;
  private readonly haltTx: (halt: ChainHalt) => void;

  constructor(db: Database.Database) {
    this.s = {
      putSealed: db.prepare(`INSERT OR REPLACE INTO sealed_blocks (chain_id, number, hash) VALUES (?, ?, ?)`),
      sealedDesc: db.prepare(`SELECT number, hash FROM sealed_blocks WHERE chain_id = ? AND number <= ?
        ORDER BY number DESC LIMIT ?`),
      firstBlockOf: db.prepare(`SELECT first_block FROM batches WHERE chain_id = ? AND number = ?`).pluck(),
      dropLogs: db.prepare(`DELETE FROM logs WHERE chain_id = ? AND batch >= ?`),
      dropTxs: db.prepare(`DELETE FROM txs WHERE chain_id = ? AND batch >= ?`),
      dropMessages: db.prepare(`DELETE FROM messages WHERE chain_id = ? AND batch >= ?`),
      dropBatches: db.prepare(`DELETE FROM batches WHERE chain_id = ? AND number >= ?`),
      dropSealed: db.prepare(`DELETE FROM sealed_blocks WHERE chain_id = ? AND number >= ?`),
      dropImportsOf: db.prepare(`DELETE FROM imports WHERE chain_id = ?`),
      setProgress: db.prepare(`UPDATE chain_progress SET last_sealed_block = ?, last_batch = ? WHERE chain_id = ?`),
      putHalt: db.prepare(`INSERT OR IGNORE INTO chain_halts (chain_id, block, batch, detected_at, reason)
        VALUES (@chainId, @block, @batch, @detectedAt, @reason)`),
      halt: db.prepare(`SELECT chain_id AS chainId, block, batch, detected_at AS detectedAt, reason FROM chain_halts
        WHERE chain_id = ?`),
      halts: db.prepare(
        `SELECT chain_id AS chainId, block, batch, detected_at AS detectedAt, reason FROM chain_halts ORDER BY chain_id`,
      ),
      putSettlementHash: db.prepare(
        `INSERT OR REPLACE INTO settlement_block_hashes (sl_chain_id, block, hash) VALUES (?, ?, ?)`,
      ),
      settlementDesc: db.prepare(`SELECT block AS number, hash FROM settlement_block_hashes
        WHERE sl_chain_id = ? AND block <= ? ORDER BY block DESC LIMIT ?`),
      resetBatches: db.prepare(`UPDATE batches SET status = 'sealed', commit_tx = NULL, committed_at = NULL,
        execute_tx = NULL, executed_at = NULL, settlement_block = NULL, chain_tree_index = NULL, gw_tail = NULL
        WHERE settles_on = ? AND status != 'sealed'`),
      // Three-level tails go through every layer: any rewind drops them all, and they are built again.
      dropL1Tails: db.prepare(
        `UPDATE batches SET l1_tail = NULL, l1_block = NULL, l1_root = NULL WHERE l1_tail IS NOT NULL`,
      ),
      dropL1TailProgress: db.prepare(`DELETE FROM meta WHERE key LIKE 'l1-tails:%'`),
      dropSettlementBlocks: db.prepare(`DELETE FROM settlement_blocks WHERE sl_chain_id = ?`),
      dropChainLeaves: db.prepare(`DELETE FROM chain_tree_leaves WHERE sl_chain_id = ?`),
      dropChainFrontiers: db.prepare(`DELETE FROM chain_tree_frontiers WHERE sl_chain_id = ?`),
      dropSharedLeaves: db.prepare(`DELETE FROM shared_leaves WHERE sl_chain_id = ?`),
      dropSettlementProgress: db.prepare(`DELETE FROM settlement_progress WHERE sl_chain_id = ?`),
      dropSettlementHashes: db.prepare(`DELETE FROM settlement_block_hashes WHERE sl_chain_id = ?`),
      dropImportsAfter: db.prepare(`DELETE FROM imports WHERE sl_chain_id = ? AND block > ?`),
      importedThrough: db.prepare(`SELECT MAX(block) FROM imports WHERE sl_chain_id = ?`).pluck(),
    };
    const s = this.s;
    this.rewindChainTx = db.transaction((chainId: number, firstBatch: number) => {
      const firstBlock = s.firstBlockOf.get(chainId, firstBatch) as number | undefined;
      if (firstBlock === undefined) throw new Error(`batch ${firstBatch} of chain ${chainId} is not in the store`);
      s.dropLogs.run(chainId, firstBatch);
      s.dropTxs.run(chainId, firstBatch);
      s.dropMessages.run(chainId, firstBatch);
      s.dropBatches.run(chainId, firstBatch);
      s.dropSealed.run(chainId, firstBlock);
      // The importer's transactions may be gone with the old history: it checks every root again.
      s.dropImportsOf.run(chainId);
      s.setProgress.run(firstBlock - 1, firstBatch - 1, chainId);
      return firstBlock;
    });
    this.haltTx = db.transaction((halt: ChainHalt) => {
      s.putHalt.run(halt);
      s.dropImportsOf.run(halt.chainId);
    });
    this.rewindSettlementTx = db.transaction((sl: number, keepThrough: number) => {
      const importedThrough = (s.importedThrough.get(sl) as number | null) ?? 0;
      s.resetBatches.run(sl);
      s.dropL1Tails.run();
      s.dropL1TailProgress.run();
      s.dropSettlementBlocks.run(sl);
      s.dropChainLeaves.run(sl);
      s.dropChainFrontiers.run(sl);
      s.dropSharedLeaves.run(sl);
      s.dropSettlementProgress.run(sl);
      s.dropSettlementHashes.run(sl);
      s.dropImportsAfter.run(sl, keepThrough);
      return importedThrough;
    });
  }

  /** Records the hashes of a sealed batch's blocks (called inside the store's seal transaction). */
  putSealedBlocks(chainId: number, blocks: BlockHash[]): void {
    for (const b of blocks) this.s.putSealed.run(chainId, b.number, b.hash.toLowerCase());
  }

  /** Stored hashes of sealed blocks at or below `atOrBelow`, newest first. */
  getSealedBlocks(chainId: number, atOrBelow: number, limit: number): BlockHash[] {
    return this.s.sealedDesc.all(chainId, atOrBelow, limit) as BlockHash[];
  }

  /**
   * Forgets batches `firstBatch`.. of a chain (none of them committed) with their logs, transactions, messages
   * and block hashes, so the sequencer seals their blocks again from the chain's current history. Returns the first block
   * that will be sealed again.
   */
  rewindChain(chainId: number, firstBatch: number): number {
    return this.rewindChainTx(chainId, firstBatch);
  }

  /**
   * Stops sealing an L2 (kept across restarts; the first halt of a chain is the one kept). Its root imports may
   * be gone with the old history, so the importer checks every root again.
   */
  haltChain(halt: ChainHalt): void {
    this.haltTx(halt);
  }

  getHalt(chainId: number): ChainHalt | undefined {
    return this.s.halt.get(chainId) as ChainHalt | undefined;
  }

  getHalts(): ChainHalt[] {
    return this.s.halts.all() as ChainHalt[];
  }

  /** Records hashes of blocks of settlement layer `sl` read (called inside the store's settlement transaction). */
  putSettlementHashes(sl: number, blocks: BlockHash[]): void {
    for (const b of blocks) this.s.putSettlementHash.run(sl, b.number, b.hash.toLowerCase());
  }

  /** Stored hashes of blocks of settlement layer `sl` at or below `atOrBelow`, newest first. */
  getSettlementHashes(sl: number, atOrBelow: number, limit: number): BlockHash[] {
    return this.s.settlementDesc.all(sl, atOrBelow, limit) as BlockHash[];
  }

  /**
   * Forgets everything read from the settlement layer (batch statuses, roots, mirrored trees, progress), so the
   * watcher reads it again from the deploy block; roots recorded as imported after block `keepThrough` (the
   * newest block still on the settlement layer) are checked again by the importers. Returns the highest settlement
   * block whose root an L2 was given (it keeps it: roots are never overwritten).
   */
  rewindSettlement(sl: number, keepThrough: number): number {
    return this.rewindSettlementTx(sl, keepThrough);
  }
}
