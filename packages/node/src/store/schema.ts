// The node's SQLite schema. Hashes are lower-case 0x hex TEXT (they arrive as text in RPC params and are
// looked up by equality); paths and proof tails are BLOBs of 32-byte words. Chain ids and block/batch numbers
// are INTEGERs (well inside 2^53 on any real chain).

/** Bumped when the schema changes incompatibly; a store with another version is refused. */
export const SCHEMA_VERSION = 3;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- One row per sealed batch. status: sealed -> committed -> executed (driven by settlement events).
CREATE TABLE IF NOT EXISTS batches (
  chain_id INTEGER NOT NULL,
  number INTEGER NOT NULL,
  first_block INTEGER NOT NULL,
  last_block INTEGER NOT NULL,
  timestamp INTEGER NOT NULL,
  tx_count INTEGER NOT NULL,
  log_count INTEGER NOT NULL,
  local_root TEXT NOT NULL,
  chain_batch_root TEXT NOT NULL,
  packed_logs BLOB NOT NULL,
  tx_hashes BLOB NOT NULL,
  status TEXT NOT NULL,
  commit_tx TEXT,
  committed_at INTEGER,
  execute_tx TEXT,
  executed_at INTEGER,
  settlement_block INTEGER,
  chain_tree_index INTEGER,
  gw_tail BLOB,
  -- The layer the batch settles on; the aggregated root committed with it (null: ChainIdLeaf(0, chain_id), a
  -- chain no one settles on; a Gateway's own MessageRoot at the end of the batch otherwise).
  settles_on INTEGER NOT NULL,
  aggregated_root TEXT,
  -- For a chain on a Gateway: the three-level tail up to L1's MessageRoot of block l1_block (root l1_root).
  l1_tail BLOB,
  l1_block INTEGER,
  l1_root TEXT,
  PRIMARY KEY (chain_id, number)
);
CREATE INDEX IF NOT EXISTS batches_settlement_block ON batches (settles_on, settlement_block);
CREATE INDEX IF NOT EXISTS batches_last_block ON batches (chain_id, last_block);

-- One row per L2->L1 log, in batch order. path = the 14 log-tree words.
CREATE TABLE IF NOT EXISTS logs (
  chain_id INTEGER NOT NULL,
  batch INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  tx_hash TEXT NOT NULL,
  tx_number INTEGER NOT NULL,
  tx_log_index INTEGER NOT NULL,
  block_number INTEGER NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  interop_hash TEXT,
  path BLOB NOT NULL,
  PRIMARY KEY (chain_id, batch, idx)
);
-- The one index by interop hash: proofs, and the explorer's message by hash (joined to messages by position).
CREATE INDEX IF NOT EXISTS logs_interop ON logs (interop_hash) WHERE interop_hash IS NOT NULL;
-- A transaction's logs, found from its txs row (chain, batch, number in batch). Keys arrive in order, so an insert
-- touches the index's last page; the former logs_tx (tx_hash, tx_log_index) put each key at a random place, and
-- that page write per message, like messages_tx's and messages_interop's, grew the seal's cost with the history.
DROP INDEX IF EXISTS logs_tx;
CREATE INDEX IF NOT EXISTS logs_tx_number ON logs (chain_id, batch, tx_number, tx_log_index);
-- A receipt's logIndex counts from the block's first L2->L1 log: one seek here (batch, idx included).
DROP INDEX IF EXISTS logs_block;
CREATE INDEX IF NOT EXISTS logs_block_first ON logs (chain_id, block_number, batch, idx);

-- Every transaction of every sealed batch: receipts get l1BatchNumber / l1BatchTxIndex from here, and lookups by
-- transaction hash find its logs from here (idx = tx_number). A hash is one row: a transaction replayed on
-- another chain (only a pre-EIP-155 one can be) is found on the chain sealed last.
CREATE TABLE IF NOT EXISTS txs (
  hash TEXT PRIMARY KEY,
  chain_id INTEGER NOT NULL,
  batch INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  block_number INTEGER NOT NULL
);
-- Dropping the batches above a rolled-back L2 block reads only those (without it: a scan of every transaction).
CREATE INDEX IF NOT EXISTS txs_batch ON txs (chain_id, batch);

-- Sequencer progress per L2: the last L2 block that is in a sealed batch.
CREATE TABLE IF NOT EXISTS chain_progress (
  chain_id INTEGER PRIMARY KEY,
  last_sealed_block INTEGER NOT NULL,
  last_batch INTEGER NOT NULL
);

-- Settlement watcher progress, per settlement layer (L1, Gateways): every block <= last_block has been applied.
CREATE TABLE IF NOT EXISTS settlement_progress (
  sl_chain_id INTEGER PRIMARY KEY,
  last_block INTEGER NOT NULL
);

-- Each settlement layer's MessageRoot at the end of each block that changed it (what chains import).
CREATE TABLE IF NOT EXISTS settlement_blocks (
  sl_chain_id INTEGER NOT NULL,
  block INTEGER NOT NULL,
  root TEXT NOT NULL,
  timestamp INTEGER NOT NULL,
  PRIMARY KEY (sl_chain_id, block)
);

-- Mirror of the chain trees (leaf i of chain c, appended in settlement block "block" of the layer c settles on)
-- and of each layer's shared tree (current leaf per index; added_block = the block of the chain's AddedChain).
CREATE TABLE IF NOT EXISTS chain_tree_leaves (
  chain_id INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  leaf TEXT NOT NULL,
  batch INTEGER NOT NULL,
  sl_chain_id INTEGER NOT NULL,
  block INTEGER NOT NULL,
  PRIMARY KEY (chain_id, idx)
);
CREATE INDEX IF NOT EXISTS chain_tree_leaves_block ON chain_tree_leaves (sl_chain_id, block);
-- Each chain tree's frontier (DynamicIncrementalMerkleTree.frontier) after the last applied block: at start the
-- mirror continues from it and reads only the leaves appended after it, not every leaf since genesis.
CREATE TABLE IF NOT EXISTS chain_tree_frontiers (
  sl_chain_id INTEGER NOT NULL,
  chain_id INTEGER NOT NULL,
  size INTEGER NOT NULL,
  nodes BLOB NOT NULL,
  PRIMARY KEY (sl_chain_id, chain_id)
);
CREATE TABLE IF NOT EXISTS shared_leaves (
  sl_chain_id INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  chain_id INTEGER NOT NULL,
  leaf TEXT NOT NULL,
  added_block INTEGER NOT NULL,
  PRIMARY KEY (sl_chain_id, idx),
  UNIQUE (sl_chain_id, chain_id)
);

-- ZKsync (0x71) transaction hashes and the hash the upstream node knows the transaction by.
CREATE TABLE IF NOT EXISTS tx_aliases (
  zk_hash TEXT PRIMARY KEY,
  anvil_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS tx_aliases_anvil ON tx_aliases (anvil_hash);

-- Roots of settlement layer sl_chain_id imported into each chain's InteropCenter. imported_at: the node's clock
-- (unix seconds) when it saw the import. tx_hash is null when the root was found already present.
CREATE TABLE IF NOT EXISTS imports (
  chain_id INTEGER NOT NULL,
  sl_chain_id INTEGER NOT NULL,
  block INTEGER NOT NULL,
  tx_hash TEXT,
  imported_at INTEGER NOT NULL,
  PRIMARY KEY (chain_id, sl_chain_id, block)
);
CREATE INDEX IF NOT EXISTS imports_block ON imports (sl_chain_id, block);
-- A chain's imports in the order the node saw them (rowid), whichever layer they came from: the explorer's list.
CREATE INDEX IF NOT EXISTS imports_chain ON imports (chain_id);

-- Every InteropCenter message of every sealed batch, decoded from its L1MessageSent log (the explorer's index).
-- seq is the order of sealing: pages walk it newest first. tx_hash is the public hash (a 0x71 transaction's own
-- hash). message_num is a decimal string (uint256). Lookups by interop or transaction hash go through logs and
-- txs (logs_interop, txs' key) and join here on (chain_id, batch, idx): no hash index of its own.
CREATE TABLE IF NOT EXISTS messages (
  seq INTEGER PRIMARY KEY,
  interop_hash TEXT NOT NULL,
  chain_id INTEGER NOT NULL,
  batch INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  tx_hash TEXT NOT NULL,
  block_number INTEGER NOT NULL,
  timestamp INTEGER NOT NULL,
  sender TEXT NOT NULL,
  message_num TEXT NOT NULL,
  data BLOB NOT NULL
);
DROP INDEX IF EXISTS messages_interop;
DROP INDEX IF EXISTS messages_tx;
CREATE INDEX IF NOT EXISTS messages_chain ON messages (chain_id, seq);
CREATE INDEX IF NOT EXISTS messages_sender ON messages (sender, seq);
CREATE INDEX IF NOT EXISTS messages_batch ON messages (chain_id, batch, idx);
CREATE INDEX IF NOT EXISTS messages_time ON messages (timestamp);

-- The hash of every L2 block in a sealed batch: the sequencer compares them with the chain to notice that its
-- history changed (a reorg, a rollback, a revert done directly on the chain).
CREATE TABLE IF NOT EXISTS sealed_blocks (
  chain_id INTEGER NOT NULL,
  number INTEGER NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (chain_id, number)
);

-- An L2 whose history changed under a batch already committed on the settlement layer: it is not sealed again.
CREATE TABLE IF NOT EXISTS chain_halts (
  chain_id INTEGER PRIMARY KEY,
  block INTEGER NOT NULL,
  batch INTEGER NOT NULL,
  detected_at INTEGER NOT NULL,
  reason TEXT NOT NULL
);

-- Hashes of the settlement blocks the watcher read (blocks with events, and the last applied block), to notice
-- a settlement-layer reorg.
CREATE TABLE IF NOT EXISTS settlement_block_hashes (
  sl_chain_id INTEGER NOT NULL,
  block INTEGER NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (sl_chain_id, block)
);

-- A settlement block whose root on an L2 is not the settlement layer's (found by the root importer; such a root
-- is never overwritten, so messages proven at that block do not verify on that L2). Cleared if it ever matches.
CREATE TABLE IF NOT EXISTS root_mismatches (
  chain_id INTEGER NOT NULL,
  block INTEGER NOT NULL,
  expected TEXT NOT NULL,
  on_chain TEXT NOT NULL,
  detected_at INTEGER NOT NULL,
  PRIMARY KEY (chain_id, block)
);

-- A ZKsync (0x71) transaction about to be executed as (sender, nonce): written before it is sent, removed once its
-- alias is recorded, so a crash in between is reconciled when the sequencer meets that sender's nonce on chain.
CREATE TABLE IF NOT EXISTS zk_send_intents (
  zk_hash TEXT PRIMARY KEY,
  chain_id INTEGER NOT NULL,
  sender TEXT NOT NULL,
  nonce INTEGER NOT NULL,
  to_address TEXT NOT NULL,
  data_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS zk_send_intents_sender ON zk_send_intents (chain_id, sender, nonce);
`;
