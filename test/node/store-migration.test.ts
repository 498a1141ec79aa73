// A store written by the previous version (schema 3 with the hash indexes logs_tx, messages_tx, messages_interop)
// opens with this code: the indexes are dropped, the new one built, and every lookup by hash still finds its rows,
// also a ZKsync (0x71) transaction's messages by its public hash. The old store is written here with the old DDL
// and rows as that version wrote them (no binary file in the repository).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '@interop/node';
import Database from 'better-sqlite3';
import type { Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explorerQueriesOf } from '../../packages/node/src/store/explorerQueries.js';

const OLD_SCHEMA = readFileSync(new URL('./fixtures/store-schema-3-hash-indexes.sql', import.meta.url), 'utf8');
const CHAIN = 271;
const word = (byte: string) => `0x${byte.repeat(32)}` as Hex;
const INTEROP_CENTER_KEY = `0x${'0'.repeat(24)}${'0'.repeat(35)}10008` as Hex;
// Transaction A: a plain transaction with one message. B: a 0x71 transaction (anvil hash, public hash) with two.
const A = word('a1');
const B_ANVIL = word('b1');
const B_PUBLIC = word('b2');
const messages = [
  { tx: A, publicTx: A, txNumber: 0, txLogIndex: 0, interopHash: word('c1'), sender: `0x${'11'.repeat(20)}` },
  {
    tx: B_ANVIL,
    publicTx: B_PUBLIC,
    txNumber: 1,
    txLogIndex: 0,
    interopHash: word('c2'),
    sender: `0x${'22'.repeat(20)}`,
  },
  {
    tx: B_ANVIL,
    publicTx: B_PUBLIC,
    txNumber: 1,
    txLogIndex: 1,
    interopHash: word('c3'),
    sender: `0x${'22'.repeat(20)}`,
  },
];

let dir: string;
let store: Store;

/** Writes batch 1 of chain 271 with the three messages, as the previous version's sealer did. */
function writeOldStore(path: string): void {
  const db = new Database(path);
  db.exec(OLD_SCHEMA);
  db.prepare(`INSERT INTO meta (key, value) VALUES ('schema_version', '3')`).run();
  db.prepare(`INSERT INTO batches (chain_id, number, first_block, last_block, timestamp, tx_count, log_count, local_root,
    chain_batch_root, packed_logs, tx_hashes, status, settles_on) VALUES (?, 1, 5, 6, 1800000000, 2, 3, ?, ?, ?, ?,
    'sealed', 9)`).run(CHAIN, word('d1'), word('d2'), Buffer.alloc(3 * 88), Buffer.alloc(3 * 32));
  const insertTx = db.prepare(`INSERT INTO txs (hash, chain_id, batch, idx, block_number) VALUES (?, ?, 1, ?, ?)`);
  insertTx.run(A, CHAIN, 0, 5);
  insertTx.run(B_ANVIL, CHAIN, 1, 6);
  messages.forEach((m, idx) => {
    db.prepare(`INSERT INTO logs (chain_id, batch, idx, tx_hash, tx_number, tx_log_index, block_number, key, value,
      interop_hash, path) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      CHAIN,
      idx,
      m.tx,
      m.txNumber,
      m.txLogIndex,
      5 + m.txNumber,
      INTEROP_CENTER_KEY,
      m.interopHash,
      m.interopHash,
      Buffer.alloc(448, idx + 1),
    );
    db.prepare(`INSERT INTO messages (interop_hash, chain_id, batch, idx, tx_hash, block_number, timestamp, sender,
      message_num, data) VALUES (?, ?, 1, ?, ?, ?, 1800000000, ?, ?, ?)`).run(
      m.interopHash,
      CHAIN,
      idx,
      m.publicTx,
      5 + m.txNumber,
      m.sender,
      String(idx),
      Buffer.from([idx]),
    );
  });
  db.prepare(`INSERT INTO tx_aliases (zk_hash, anvil_hash) VALUES (?, ?)`).run(B_PUBLIC, B_ANVIL);
  db.prepare(`INSERT INTO chain_progress (chain_id, last_sealed_block, last_batch) VALUES (?, 6, 1)`).run(CHAIN);
  db.close();
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'interop-store-migration-'));
  writeOldStore(join(dir, 'node.sqlite'));
  store = new Store(dir);
});

afterAll(() => {
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a store written with the hash indexes of the previous version', () => {
  it('loses those indexes on open and gains the one by position', () => {
    const indexes = store.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index'`).pluck().all();
    expect(indexes).not.toContain('logs_tx');
    expect(indexes).not.toContain('messages_tx');
    expect(indexes).not.toContain('messages_interop');
    expect(indexes).toContain('logs_tx_number');
    expect(indexes).toContain('logs_interop');
  });

  it('finds its messages by interop hash and by either hash of their transaction', () => {
    const q = explorerQueriesOf(store);
    for (const [idx, m] of messages.entries()) {
      const row = q.getMessage(m.interopHash);
      expect(row).toMatchObject({ chainId: CHAIN, batch: 1, idx, txHash: m.publicTx, sender: m.sender });
      expect(row?.txNumber).toBe(m.txNumber);
      expect(row?.messageNum).toBe(String(idx));
    }
    expect(q.getMessage(word('ee'))).toBeUndefined();
    const b = store.getTx(store.anvilHashOf(B_PUBLIC) ?? B_PUBLIC);
    expect(b).toMatchObject({ chainId: CHAIN, batch: 1, idx: 1 });
    const ofB = q.getMessagesOfTx(b as NonNullable<typeof b>);
    expect(ofB.map((r) => [r.interopHash, r.txHash])).toEqual([
      [messages[1].interopHash, B_PUBLIC],
      [messages[2].interopHash, B_PUBLIC],
    ]);
    const a = store.getTx(A);
    expect(q.getMessagesOfTx(a as NonNullable<typeof a>).map((r) => r.interopHash)).toEqual([messages[0].interopHash]);
  });

  it('serves proofs by transaction hash and by interop hash, and a receipt log index', () => {
    const second = store.getProofRowOfTx(B_ANVIL, 1);
    expect(second).toMatchObject({ chainId: CHAIN, batch: 1, idx: 2, interopHash: messages[2].interopHash });
    expect(second?.path).toEqual(Buffer.alloc(448, 3));
    expect(store.getProofRowOfTx(B_ANVIL, 2)).toBeUndefined();
    expect(store.getProofRowOfInterop(messages[0].interopHash)).toMatchObject({ idx: 0, txHash: A });
    // B's first log is log 1 of the batch and the first of block 6.
    expect(store.getFirstLogIndexInBlock(CHAIN, 6, B_ANVIL)).toBe(0);
    expect(store.getFirstLogIndexInBlock(CHAIN, 5, A)).toBe(0);
    expect(store.getProofRowOfTx(A, 0)?.idx).toBe(0);
  });
});
