// Cost as history grows: the per-request and per-batch work of the node and the settlement-only rebuild, timed
// after 10^3, 10^4, 10^5 (… 10^6) messages of real traffic, with the node's memory after each decade.
// Run: npm run build && node dist/bench/history-cost.js [--decades 3,4,5] [--per-tx 200] [--batch-ms 50] [--samples 200]
// Traffic is real: MessageBurst transactions (--per-tx messages each, see messages.ts) from 10 accounts per
// L2 through the devnet's endpoints, so the node indexes, seals, settles and proves them exactly as it does one
// message per transaction (only anvil mines fewer blocks). Each decade waits until the last message of each chain
// is imported everywhere, then times, one client at a time (latency, not throughput):
// - interop_getMessageProof and interop_getMessageStatus of old messages (each decade another --samples of the
//   first messages sent, so the node's proof cache does not answer from an earlier decade's reads);
// - zks_getL2ToL1LogProof by transaction hash (the lookup through the txs/logs tables);
// - buildInteropProofFromSettlementLayer of the oldest message, given its batch number (indexed topics) and,
//   for comparison, without it (one commit transaction read per non-empty batch, newest first);
// - send → sealed: one message on the otherwise idle devnet until its receipt carries l1BatchNumber (includes up
//   to --batch-ms of waiting for the batch timer).
// The node's RSS comes from /proc; its heap from a probe loaded into the devnet process (NODE_OPTIONS --require).
// Absolute times on a shared machine are noisy: compare a row with the first row of the same run.
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildInteropProofFromSettlementLayer } from '@interop/sdk';
import { type Address, createClient, type Hex, http } from 'viem';
import { flags, percentile, rpc, rpcBatch, sleep, startBenchDevnet } from './devnet-common.js';
import { burstCall, compileBurst, deployBurst, nextNonce, sendMessageTx } from './messages.js';

const opts = flags({ decades: '3,4,5', 'per-tx': '200', 'batch-ms': '50', samples: '100' });
const perTx = Number(opts['per-tx']);
const samples = Number(opts.samples);
const targets = opts.decades.split(',').map((d) => 10 ** Number(d));

// Written to a temporary file and loaded into the devnet process: reports its heap every 200 ms.
const heapFile = join(tmpdir(), `interop-bench-heap-${process.pid}.json`);
const probe = join(tmpdir(), `interop-bench-heap-probe-${process.pid}.cjs`);
writeFileSync(
  probe,
  `const f = process.env.INTEROP_BENCH_HEAP_FILE;
setInterval(() => require('fs').writeFileSync(f, JSON.stringify(process.memoryUsage())), 200).unref();\n`,
);

type Receipt = { l1BatchNumber?: Hex | null; logs: { address: string; topics: Hex[] }[] };

const devnet = await startBenchDevnet({
  l2Count: 2,
  batchMs: Number(opts['batch-ms']),
  env: { NODE_OPTIONS: `--require ${probe}`, INTEROP_BENCH_HEAP_FILE: heapFile },
});
try {
  const urls = devnet.json.l2.map((c) => c.rpcUrl);
  const center = devnet.json.contracts.interopCenter.toLowerCase();
  const bytecode = compileBurst();
  const bursts: Address[] = [];
  for (const url of urls) bursts.push(await deployBurst(url, devnet.json.accounts[0].address, bytecode));
  const settlementClient = createClient({ transport: http(devnet.json.l1.rpcUrl) });
  console.log(`devnet: ${devnet.readyLine.trim()}; node pid ${devnet.pid}; ${perTx} messages per transaction`);
  console.log(
    [
      'messages',
      'batches',
      'getMessageProof p50/p99 ms',
      'getMessageStatus p50/p99 ms',
      'getL2ToL1LogProof p50/p99 ms',
      'rebuild known batch ms',
      'rebuild by scan ms',
      'send→sealed p50 ms',
      'RSS MB',
      'heap MB',
      'SQLite MB',
    ].join('\t'),
  );
  // The first messages sent on the first L2: --samples for each decade.
  type Sample = { hash: Hex; tx: Hex; logIndex: number };
  const oldest: Sample[] = [];
  let sampled: Sample[] = [];
  let sent = 0;
  const t0 = performance.now();
  for (const [decade, target] of targets.entries()) {
    const lastTx = await sendUntil(target);
    sampled = oldest.slice(decade * samples, (decade + 1) * samples);
    for (let s = 0; s < urls.length; s++) await waitImported(urls[s], lastTx[s]);
    console.log(await measure(target));
  }
  console.log(`total ${((performance.now() - t0) / 1000).toFixed(0)} s`);

  /** Sends bursts on both L2s (one send per account per JSON-RPC batch) until `target` messages are sent. */
  async function sendUntil(target: number): Promise<Hex[]> {
    const lastTx: Hex[] = [];
    await Promise.all(
      urls.map(async (url, s) => {
        while (sent < target) {
          const calls: [string, unknown[]][] = [];
          for (let a = 0; a < 10 && sent < target; a++) {
            const n = Math.min(perTx, target - sent);
            const from = devnet.json.accounts[a].address;
            calls.push(burstCall(from, bursts[s], sent, n, await nextNonce(url, from)));
            sent += n;
          }
          const hashes = await rpcBatch<Hex>(url, calls);
          lastTx[s] = hashes.at(-1)!;
          await waitReceipt(url, hashes.at(-1)!);
          if (s === 0 && oldest.length < samples * targets.length) await recordOldest(url, hashes);
        }
      }),
    );
    return lastTx;
  }

  async function recordOldest(url: string, txs: Hex[]) {
    for (const tx of txs) {
      const receipt = await waitReceipt(url, tx);
      let logIndex = 0;
      for (const log of receipt.logs) {
        if (oldest.length >= samples * targets.length) return;
        if (log.address.toLowerCase() === center && log.topics.length === 4)
          oldest.push({ hash: log.topics[1], tx, logIndex: logIndex++ });
      }
    }
  }

  async function waitReceipt(url: string, tx: Hex): Promise<Receipt> {
    for (;;) {
      const receipt = await rpc<Receipt | null>(url, 'eth_getTransactionReceipt', [tx]);
      if (receipt) return receipt;
      await sleep(5);
    }
  }

  /** Waits until a message of transaction `tx` is imported on every L2 (so every earlier one is too). */
  async function waitImported(url: string, tx: Hex) {
    const receipt = await waitReceipt(url, tx);
    const log = receipt.logs.find((l) => l.address.toLowerCase() === center && l.topics.length === 4)!;
    const deadline = Date.now() + 900_000;
    for (;;) {
      const status = await rpc<{ status: string } | null>(url, 'interop_getMessageStatus', [log.topics[1]]);
      if (status?.status === 'imported') return;
      if (Date.now() > deadline) throw new Error(`not imported within 15 min: ${status?.status}`);
      await sleep(100);
    }
  }

  async function timeCalls(method: string, params: (o: Sample) => unknown[]): Promise<string> {
    const times: number[] = [];
    for (const o of sampled) {
      const t = performance.now();
      const result = await rpc(urls[0], method, params(o));
      times.push(performance.now() - t);
      if (result === null) throw new Error(`${method} answered null for an imported message`);
    }
    return `${percentile(times, 50).toFixed(2)}/${percentile(times, 99).toFixed(2)}`;
  }

  async function timeRebuild(known: boolean): Promise<string> {
    const { hash } = sampled[0];
    const sourceChainId = BigInt(devnet.json.l2[0].chainId);
    const status = await rpc<{ l1BatchNumber: Hex }>(urls[0], 'interop_getMessageStatus', [hash]);
    const times: number[] = [];
    for (let i = 0; i < (known ? 3 : 1); i++) {
      const t = performance.now();
      await buildInteropProofFromSettlementLayer({
        settlementClient,
        settlement: devnet.json.contracts.settlement,
        sourceChainId,
        interopHash: hash,
        ...(known ? { batchNumber: BigInt(status.l1BatchNumber) } : {}),
      });
      times.push(performance.now() - t);
    }
    return percentile(times, 50).toFixed(0);
  }

  async function sendToSealed(): Promise<string> {
    const times: number[] = [];
    const from = devnet.json.accounts[9].address;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const tx = await rpc<Hex>(urls[0], 'eth_sendTransaction', [
        sendMessageTx(from, center as Address, '0x01', await nextNonce(urls[0], from)),
      ]);
      while (!(await waitReceipt(urls[0], tx)).l1BatchNumber) await sleep(2);
      times.push(performance.now() - t);
    }
    return percentile(times, 50).toFixed(0);
  }

  async function measure(messages: number): Promise<string> {
    const health = await rpc<{ chains: { lastBatch: Hex }[] }>(urls[0], 'interop_health');
    const batches = health.chains.reduce((n, c) => n + Number(c.lastBatch), 0);
    const proof = await timeCalls('interop_getMessageProof', (o) => [o.hash]);
    const status = await timeCalls('interop_getMessageStatus', (o) => [o.hash]);
    const logProof = await timeCalls('zks_getL2ToL1LogProof', (o) => [o.tx, o.logIndex]);
    const known = await timeRebuild(true);
    const scan = await timeRebuild(false);
    const sealed = await sendToSealed();
    const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${devnet.pid}/status`, 'utf8'))![1]) / 1024;
    const heap = JSON.parse(readFileSync(heapFile, 'utf8')) as { heapUsed: number };
    let db = 0;
    for (const f of ['node.sqlite', 'node.sqlite-wal']) {
      try {
        db += statSync(join(devnet.dataDir, f)).size;
      } catch {
        // no WAL file
      }
    }
    const mb = (b: number) => (b / 2 ** 20).toFixed(0);
    return [
      messages,
      batches,
      proof,
      status,
      logProof,
      known,
      scan,
      sealed,
      rss.toFixed(0),
      mb(heap.heapUsed),
      mb(db),
    ].join('\t');
  }
} finally {
  await devnet.stop();
  rmSync(probe, { force: true });
  rmSync(heapFile, { force: true });
}
