// Memory of the node (the `interop devnet` process; the anvils are separate) while it sequences,
// settles and indexes many messages. Run:
//   npm run build && node dist/bench/devnet-memory.js [--messages 100000] [--batch 10] [--inflight 2] [--per-tx 1]
// --per-tx N > 1 sends N messages per transaction through a small burst contract deployed on each L2 (compiled
// here with solc): the node indexes, seals and proves every message the same way, while anvil mines N times fewer
// blocks (anvil slows down as its chain grows, which limited a one-message-per-transaction run to ~30,000).
// Each JSON-RPC batch holds at most one send per account (anvil 1.7 lost a transaction now and then when one batch
// carried several sends of one account, leaving a nonce gap that stalls that account), and the next batch waits
// until the previous one is mined. Worker i sends on L2 i % 2.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Address, Hex } from 'viem';
import { flags, rpc, rpcBatch, sleep, startBenchDevnet } from './devnet-common.js';
import { burstCall, compileBurst, deployBurst, nextNonce, sendMessageTx } from './messages.js';

const opts = flags({ messages: '100000', batch: '10', inflight: '2', 'per-tx': '1' });
const perTx = Number(opts['per-tx']);

function rssMb(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: Math.round(kb('VmRSS') / 1024), hwm: Math.round(kb('VmHWM') / 1024) };
}

function dbMb(dir: string): number {
  let size = 0;
  for (const f of ['node.sqlite', 'node.sqlite-wal']) {
    try {
      size += statSync(join(dir, f)).size;
    } catch {
      // no WAL file
    }
  }
  return Math.round(size / 2 ** 20);
}

const devnet = await startBenchDevnet({ l2Count: 2, batchMs: 250 });
try {
  const total = Number(opts.messages);
  const batch = Number(opts.batch);
  const urls = devnet.json.l2.map((c) => c.rpcUrl);
  const center = devnet.json.contracts.interopCenter;
  const bursts: Address[] = [];
  if (perTx > 1) {
    const bytecode = compileBurst();
    for (const url of urls) bursts.push(await deployBurst(url, devnet.json.accounts[0].address, bytecode));
  }
  console.log(`devnet: ${devnet.readyLine.trim()}; node pid ${devnet.pid}`);
  const r0 = rssMb(devnet.pid);
  console.log(`messages\tnode RSS MB\tpeak RSS MB\tSQLite MB\telapsed s`);
  console.log(`0\t${r0.rss}\t${r0.hwm}\t${dbMb(devnet.dataDir)}\t0`);
  const t0 = performance.now();
  let next = 0;
  let done = 0;
  let errors = 0;
  let checkpoint = total / 10;
  const lastTx: (Hex | undefined)[] = urls.map(() => undefined);
  await Promise.all(
    Array.from({ length: Number(opts.inflight) }, async (_, worker) => {
      while (next < total) {
        const start = next;
        const size = Math.min(batch, total - start);
        next += size;
        const s = worker % urls.length;
        const calls: [string, unknown[]][] = [];
        for (let k = 0; k < size; k += perTx) {
          const from = devnet.json.accounts[Math.floor((start + k) / perTx) % 10].address;
          const nonce = await nextNonce(urls[s], from);
          if (perTx > 1) {
            calls.push(burstCall(from, bursts[s], start + k, Math.min(perTx, size - k), nonce));
          } else {
            const data: Hex = `0x${(start + k).toString(16).padStart(8, '0')}`;
            calls.push(['eth_sendTransaction', [sendMessageTx(from, center, data, nonce)]]);
          }
        }
        try {
          const hashes = await rpcBatch<Hex>(urls[s], calls);
          lastTx[s] = hashes.at(-1);
          // Back-pressure: anvil accepts sends into its pool faster than it mines them, and a flooded pool
          // stopped mining altogether in a first run; so the next batch waits until this one is mined.
          while ((await rpc(urls[s], 'eth_getTransactionReceipt', [hashes.at(-1)])) === null) await sleep(10);
        } catch (err) {
          errors++;
          console.log(`batch of ${size} sends failed: ${(err as Error).message}`);
        }
        done += size;
        if (done >= checkpoint && checkpoint <= total) {
          const r = rssMb(devnet.pid);
          console.log(
            `${done}\t${r.rss}\t${r.hwm}\t${dbMb(devnet.dataDir)}\t${((performance.now() - t0) / 1000).toFixed(0)}`,
          );
          while (done >= checkpoint) checkpoint += total / 10;
        }
      }
    }),
  );
  // Wait until the node has settled everything: the last tx of each chain is in an executed batch.
  const deadline = Date.now() + 600_000;
  for (let s = 0; s < urls.length; s++) {
    if (!lastTx[s]) continue;
    for (;;) {
      const receipt = await rpc<{ l1BatchNumber: Hex | null } | null>(urls[s], 'eth_getTransactionReceipt', [
        lastTx[s],
      ]);
      const batchNo = receipt?.l1BatchNumber;
      const details = batchNo
        ? await rpc<{ executed: boolean } | null>(urls[s], 'zks_getL1BatchDetails', [Number(batchNo)])
        : null;
      if (details?.executed) break;
      if (Date.now() > deadline) throw new Error('node did not settle the last batch within 10 min');
      await sleep(500);
    }
  }
  const r = rssMb(devnet.pid);
  console.log(
    `settled ${total} messages (${errors} failed send batches) in ${((performance.now() - t0) / 1000).toFixed(0)} s; node RSS ${r.rss} MB (peak ${r.hwm} MB), SQLite ${dbMb(devnet.dataDir)} MB`,
  );
} finally {
  await devnet.stop();
}
