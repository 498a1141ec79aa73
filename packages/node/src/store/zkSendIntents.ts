// ZKsync transactions written down before they are sent (see sendZkSyncTransaction and the zk_send_intents table).
import type Database from 'better-sqlite3';
import type { Address, Hex } from 'viem';
import type { ZkSendIntent } from '../zksync/aliases.js';

/** The zk_send_intents table (schema.ts). */
export class ZkSendIntentStore {
  private readonly s;
  constructor(db: Database.Database) {
    this.s = {
      put: db.prepare(`INSERT OR REPLACE INTO zk_send_intents (zk_hash, chain_id, sender, nonce, to_address, data_hash)
        VALUES (@zkHash, @chainId, @from, @nonce, @to, @dataHash)`),
      drop: db.prepare(`DELETE FROM zk_send_intents WHERE zk_hash = ?`),
      of: db.prepare(`SELECT zk_hash AS zkHash, chain_id AS chainId, sender AS "from", nonce, to_address AS "to",
        data_hash AS dataHash FROM zk_send_intents WHERE chain_id = ? AND sender = ? AND nonce = ?`),
      any: db.prepare(`SELECT 1 FROM zk_send_intents WHERE chain_id = ? LIMIT 1`),
    };
  }
  put(intent: ZkSendIntent): void {
    this.s.put.run({
      ...intent,
      zkHash: intent.zkHash.toLowerCase(),
      from: intent.from.toLowerCase(),
      to: intent.to.toLowerCase(),
      dataHash: intent.dataHash.toLowerCase(),
    });
  }
  drop(zkHash: Hex): void {
    this.s.drop.run(zkHash.toLowerCase());
  }
  /** Whether some intent on `chainId` is not settled yet. */
  any(chainId: number): boolean {
    return this.s.any.get(chainId) !== undefined;
  }
  /** The intent of `from`'s transaction with `nonce` on `chainId`, if one was written and not yet settled. */
  of(chainId: number, from: Address, nonce: number): ZkSendIntent | undefined {
    return this.s.of.get(chainId, from.toLowerCase(), nonce) as ZkSendIntent | undefined;
  }
}
