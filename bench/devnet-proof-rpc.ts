// interop_getMessageProof throughput and latency on loopback, against the node of a running devnet.
// Run: npm run build && node dist/bench/devnet-proof-rpc.js [--messages 200] [--duration 10] [--concurrency 64] [--batch 1]
// --batch N > 1: each client sends JSON-RPC arrays of N interop_getMessageProof requests (figures are proofs/s).
import type { Hex } from 'viem';
import {
  flags,
  nextNonce,
  percentile,
  rpc,
  rpcBatch,
  sendMessageTx,
  sleep,
  startBenchDevnet,
} from './devnet-common.js';

const opts = flags({ messages: '200', duration: '10', concurrency: '64', batch: '1' });
const perRequest = Number(opts.batch);
const devnet = await startBenchDevnet({ l2Count: 2, batchMs: 250 });
try {
  const url = devnet.json.l2[0].rpcUrl;
  const center = devnet.json.contracts.interopCenter;
  const count = Number(opts.messages);
  const hashes: Hex[] = [];
  // Batches of 10: one send per account per batch (see devnet-memory.ts for why).
  for (let i = 0; i < count; i += 10) {
    const calls: [string, unknown[]][] = [];
    for (let k = 0; k < Math.min(10, count - i); k++) {
      const from = devnet.json.accounts[k % 10].address;
      const data: Hex = `0x${(i + k).toString(16).padStart(8, '0')}`;
      calls.push(['eth_sendTransaction', [sendMessageTx(from, center, data, await nextNonce(url, from))]]);
    }
    const txs = await rpcBatch<Hex>(url, calls);
    let receipts: ({ logs: { address: string; topics: Hex[] }[] } | null)[];
    for (;;) {
      receipts = await rpcBatch(
        url,
        txs.map((h) => ['eth_getTransactionReceipt', [h]] as [string, unknown[]]),
      );
      if (receipts.every((r) => r !== null)) break;
      await sleep(10);
    }
    for (const r of receipts) {
      if (!r) continue;
      const log = r.logs.find((l) => l.address.toLowerCase() === center.toLowerCase() && l.topics.length === 4);
      if (log) hashes.push(log.topics[1]);
    }
  }
  // Wait until the last one is provable (batches are sealed in order).
  const deadline = Date.now() + 60_000;
  while ((await rpc(url, 'interop_getMessageProof', [hashes.at(-1)])) === null) {
    if (Date.now() > deadline) throw new Error('messages never became provable');
    await sleep(100);
  }
  const durationMs = Number(opts.duration) * 1000;
  const latencies: number[] = [];
  let errors = 0;
  let nulls = 0;
  const t0 = performance.now();
  const end = t0 + durationMs;
  let n = 0;
  await Promise.all(
    Array.from({ length: Number(opts.concurrency) }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          if (perRequest === 1) {
            if ((await rpc(url, 'interop_getMessageProof', [hashes[n++ % hashes.length]])) === null) nulls++;
          } else {
            const calls = Array.from(
              { length: perRequest },
              () => ['interop_getMessageProof', [hashes[n++ % hashes.length]]] as [string, unknown[]],
            );
            for (const r of await rpcBatch(url, calls)) if (r === null) nulls++;
          }
          latencies.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  console.log(`devnet: ${devnet.readyLine.trim()}`);
  console.log(
    `interop_getMessageProof over ${hashes.length} messages, ${opts.concurrency} concurrent, ` +
      `${perRequest} per HTTP request, ${seconds.toFixed(1)} s: ${Math.round((latencies.length * perRequest) / seconds)} proofs/s, ` +
      `${Math.round(latencies.length / seconds)} HTTP requests/s, p50 ${percentile(latencies, 50).toFixed(2)} ms, ` +
      `p99 ${percentile(latencies, 99).toFixed(2)} ms, errors ${errors}, null answers ${nulls}`,
  );
} finally {
  await devnet.stop();
}
