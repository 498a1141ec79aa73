// Roots an L2 holds for a settlement block that differ from the settlement layer's root for it (see importRoots).
import type Database from 'better-sqlite3';
import type { Hex } from 'viem';

/** L2 `chainId` holds `onChain` for settlement block `block`, where the settlement layer's root is `expected`. */
export type RootMismatch = { chainId: number; block: number; expected: Hex; onChain: Hex; detectedAt: number };

const COLUMNS = 'chain_id AS chainId, block, expected, on_chain AS onChain, detected_at AS detectedAt';

/** The root_mismatches table (schema.ts). */
export class RootMismatchStore {
  private readonly s;
  constructor(db: Database.Database) {
    this.s = {
      put: db.prepare(`INSERT OR IGNORE INTO root_mismatches (chain_id, block, expected, on_chain, detected_at)
        VALUES (@chainId, @block, @expected, @onChain, @detectedAt)`),
      clear: db.prepare(`DELETE FROM root_mismatches WHERE chain_id = ? AND block = ?`),
      ofBlock: db.prepare(`SELECT ${COLUMNS} FROM root_mismatches WHERE block = ? ORDER BY chain_id`),
      all: db.prepare(`SELECT ${COLUMNS} FROM root_mismatches ORDER BY chain_id, block`),
    };
  }
  /** Records a mismatch; returns false if it was already recorded. */
  put(mismatch: Omit<RootMismatch, 'detectedAt'>): boolean {
    return this.s.put.run({ ...mismatch, detectedAt: Math.floor(Date.now() / 1000) }).changes > 0;
  }
  /** Forgets the mismatch of (chainId, block), if any (the root now matches or is gone). */
  clear(chainId: number, block: number): void {
    this.s.clear.run(chainId, block);
  }
  /** Every L2's mismatch for settlement block `block`. */
  ofBlock(block: number): RootMismatch[] {
    return this.s.ofBlock.all(block) as RootMismatch[];
  }
  /** Every recorded mismatch. */
  all(): RootMismatch[] {
    return this.s.all.all() as RootMismatch[];
  }
}
