// Every statement the node prepares reads through an index (SQLite's EXPLAIN QUERY PLAN), so its cost does not
// grow with the number of messages or batches; the few full reads are listed here with why they are meant.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '@interop/node';
import type { Statement } from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { explorerQueriesOf } from '../../packages/node/src/store/explorerQueries.js';

const dataDir = mkdtempSync(join(tmpdir(), 'interop-plans-'));
const store = new Store(dataDir);
afterAll(() => {
  store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

// Whole-table reads by design: loaded once at start (the shared trees' leaves, one per chain; aliases), the few halts, the schema check,
// and the settlement reset after a settlement-layer reorg deeper than the watcher's window (rare; rereads all).
const MEANT_TO_READ_ALL = [
  /FROM sqlite_master/,
  /FROM shared_leaves ORDER BY idx/,
  /FROM tx_aliases$/,
  /FROM chain_halts ORDER BY chain_id/,
  /UPDATE batches SET status = 'sealed'.*WHERE status != 'sealed'/,
  /^DELETE FROM \w+$/,
  // After a settlement-layer reorg (rare): every three-level proof through a Gateway is dropped and built again.
  /UPDATE batches SET l1_tail = NULL, l1_block = NULL, l1_root = NULL WHERE l1_tail IS NOT NULL/,
  /DELETE FROM meta WHERE key LIKE 'l1-tails:%'/,
];

function statementsOf(holder: unknown): Statement[] {
  const s = (holder as { s: Record<string, unknown> }).s;
  return Object.values(s).filter((v): v is Statement => typeof (v as Statement)?.source === 'string');
}

function plan(sql: string): string[] {
  const named = [...sql.matchAll(/[@$:]([a-zA-Z_]\w*)/g)].map((m) => m[1]);
  const positional = (sql.match(/\?/g) ?? []).length;
  const args: unknown[] = named.length > 0 ? [Object.fromEntries(named.map((n) => [n, null]))] : [];
  for (let i = 0; i < positional; i++) args.push(null);
  return (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail);
}

describe('store query plans', () => {
  it('no prepared statement scans a table, except the listed whole-table reads', () => {
    const statements = [
      ...statementsOf(store),
      ...statementsOf(store.history),
      ...statementsOf(explorerQueriesOf(store)),
    ];
    expect(statements.length).toBeGreaterThan(30);
    const scans: string[] = [];
    for (const st of statements) {
      const sql = st.source.replace(/\s+/g, ' ').trim();
      if (!/^(SELECT|UPDATE|DELETE|WITH)/i.test(sql) || MEANT_TO_READ_ALL.some((re) => re.test(sql))) continue;
      const full = plan(sql).filter(
        (d) => /^SCAN (?!CONSTANT)/.test(d) && !/USING (COVERING )?INDEX|INTEGER PRIMARY KEY/.test(d),
      );
      if (full.length > 0) scans.push(`${sql} → ${full.join('; ')}`);
    }
    expect(scans).toEqual([]);
  });

  // Lookups by a hash start with the one index that holds it, then follow positions: logs and messages share the
  // interop hash's index (logs_interop) and the transaction hash's (txs' key), so sealing a message adds two keys
  // at random places instead of five (bench/store-writes.ts).
  it('lookups by hash seek one hash index, then positions', () => {
    const explorer = explorerQueriesOf(store) as unknown as { s: Record<string, Statement> };
    const s = (store as unknown as { s: Record<string, Statement> }).s;
    const first = (st: Statement) => plan(st.source.replace(/\s+/g, ' ').trim());
    expect(first(explorer.s.messageByHash)[0]).toMatch(/^SEARCH l USING INDEX logs_interop \(interop_hash=\?\)/);
    expect(first(explorer.s.messagesOfTx)[0]).toMatch(
      /^SEARCH l USING INDEX logs_tx_number \(chain_id=\? AND batch=\? AND tx_number=\?\)/,
    );
    expect(first(s.proofOfInterop)[0]).toMatch(/^SEARCH l USING INDEX logs_interop/);
    for (const st of [s.proofOfTx, s.firstLogOfTx]) {
      const steps = first(st);
      expect(steps[0]).toMatch(/^SEARCH t USING INDEX sqlite_autoindex_txs_1 \(hash=\?\)/);
      expect(steps.find((d) => d.startsWith('SEARCH l'))).toMatch(
        /USING INDEX logs_tx_number \(chain_id=\? AND batch=\? AND tx_number=\?/,
      );
    }
    const hashIndexes = store.db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('logs_tx', 'messages_tx', 'messages_interop')`,
      )
      .all();
    expect(hashIndexes).toEqual([]);
  });
});
