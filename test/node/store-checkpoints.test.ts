// The store's WAL checkpoints on a worker thread (Store.startBackgroundCheckpoints): the WAL's pages reach the
// database file without the writer's connection checkpointing, and close() leaves no WAL behind (the worker's
// connection is closed first, so the store's own close is the last one and removes it).
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '@interop/node';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Writes ~2 MB in one transaction from a connection that never checkpoints; returns the database file's size. */
function fillWal(path: string): number {
  const writer = new Database(path);
  writer.pragma('wal_autocheckpoint = 0');
  writer.exec('CREATE TABLE IF NOT EXISTS filler (b BLOB)');
  writer.prepare('INSERT INTO filler VALUES (?)').run(Buffer.alloc(2_000_000, 7));
  writer.close(); // not the last connection: no checkpoint here
  return statSync(path).size;
}

async function fileGrowsPast(path: string, size: number, ms: number): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until; await new Promise((r) => setTimeout(r, 50)))
    if (statSync(path).size > size) return true;
  return false;
}

describe('background WAL checkpoints', () => {
  it('move the WAL into the database file; close() leaves no WAL file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'interop-checkpoints-'));
    dirs.push(dir);
    const store = new Store(dir);
    store.startBackgroundCheckpoints(100);
    const path = join(dir, 'node.sqlite');
    const before = fillWal(path);
    expect(await fileGrowsPast(path, before + 1_000_000, 10_000)).toBe(true);
    store.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    // Still a store: it opens again, with the data.
    const again = new Store(dir);
    again.close();
  });

  it('without them nothing moves the WAL until a commit of the store crosses its own limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'interop-checkpoints-'));
    dirs.push(dir);
    const store = new Store(dir);
    const path = join(dir, 'node.sqlite');
    const before = fillWal(path);
    expect(await fileGrowsPast(path, before + 1_000_000, 1_000)).toBe(false);
    store.close();
  });
});
