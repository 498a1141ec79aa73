// Checkpoints the store's WAL from a worker thread with its own connection, so the copy of the WAL's pages into the
// database file and its fsyncs (up to a second for a 64 MB WAL on a busy disk) never stop the node's event loop.
// SQLite lets a PASSIVE checkpoint run beside the writer: commits go on appending to the WAL meanwhile.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Options of {@link startWalCheckpointer}. */
export type WalCheckpointerParameters = {
  /** The SQLite database file (in WAL mode). */
  path: string;
  /** WAL pages (4 KB each) from which the worker checkpoints. */
  pages: number;
  /** How often the worker looks at the WAL's size. */
  intervalMs?: number;
};

/** A running checkpointer. */
export type WalCheckpointer = {
  /** Stops the worker and waits (blocking) until its connection is closed, so the caller's close is the last one. */
  stop(): void;
};

// A CommonJS script (an eval worker cannot be an ES module): better-sqlite3 comes from the path the parent resolved.
// The parent waits on `closed` with Atomics.wait; the worker sets it once its connection is closed.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require(workerData.driver);
const closed = new Int32Array(workerData.closed);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
const threshold = workerData.pages * 4096;
const timer = setInterval(() => {
  try {
    if (statSync(workerData.path + '-wal').size >= threshold) db.pragma('wal_checkpoint(PASSIVE)');
  } catch {}
}, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  try { db.close(); } finally {
    Atomics.store(closed, 0, 1);
    Atomics.notify(closed, 0);
    parentPort.close();
  }
});
`;

/** How long {@link WalCheckpointer.stop} waits for a checkpoint in progress to end. */
const STOP_TIMEOUT_MS = 30_000;

/** Starts checkpointing `path`'s WAL on a worker thread whenever it holds `pages` pages or more. */
export function startWalCheckpointer(params: WalCheckpointerParameters): WalCheckpointer {
  const closed = new SharedArrayBuffer(4);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      path: params.path,
      pages: params.pages,
      intervalMs: params.intervalMs ?? 250,
      closed,
    },
  });
  // A checkpointer must never keep the process alive, nor take it down: the writer's own checkpoints remain.
  worker.unref();
  worker.on('error', () => Atomics.store(new Int32Array(closed), 0, 1));
  worker.on('exit', () => Atomics.store(new Int32Array(closed), 0, 1));
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      worker.postMessage('stop');
      Atomics.wait(new Int32Array(closed), 0, 0, STOP_TIMEOUT_MS);
    },
  };
}
