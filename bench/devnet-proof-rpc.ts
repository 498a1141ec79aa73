// interop_getMessageProof throughput and latency on loopback, against the node of a running devnet: first single
// requests from `--concurrency` clients, then JSON-RPC arrays of `--batch` requests (figures in proofs/s).
// Run: npm run build && node dist/bench/devnet-proof-rpc.js [--messages 200] [--duration 10] [--concurrency 64]
//        [--batch 100] [--client raw|node-http] [--profile-dir DIR]
// The client (bench/http-load.ts) is a lean keep-alive HTTP/1.1 client over raw sockets, one request in flight per
// connection: on 2 cores it shares the CPU with the node, and node:http's client costs about as much CPU per call
// as the server (`--client node-http` measures with it, for comparison). --profile-dir writes a CPU profile of the
// devnet process (node --cpu-prof) there when it stops.
import { readFileSync } from 'node:fs';
import type { Hex } from 'viem';
import { flags, percentile, rpc, rpcBatch, sleep, startBenchDevnet } from './devnet-common.js';
import { countOccurrences, type HttpLoadResult, postRequestBytes, runHttpLoad } from './http-load.js';
import { nextNonce, sendMessageTx } from './messages.js';

const opts = flags({
  messages: '200',
  duration: '10',
  concurrency: '64',
  batch: '100',
  client: 'raw',
  'profile-dir': '',
});
const TARGET_RATE = 25_000;
const TARGET_P99_MS = 10;
const TARGET_BATCHED = 100_000;

const profileDir = opts['profile-dir'];
const devnet = await startBenchDevnet({
  l2Count: 2,
  batchMs: 250,
  nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : undefined,
});

/** Sends `count` messages on the L2 at `url` and returns their interop hashes once the last one is provable. */
async function provableMessages(url: string, center: Hex, count: number): Promise<Hex[]> {
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
      const log = r?.logs.find((l) => l.address.toLowerCase() === center.toLowerCase() && l.topics.length === 4);
      if (log) hashes.push(log.topics[1]);
    }
  }
  // Batches are sealed in order: the last one provable means all are.
  const deadline = Date.now() + 60_000;
  while ((await rpc(url, 'interop_getMessageProof', [hashes.at(-1)])) === null) {
    if (Date.now() > deadline) throw new Error('messages never became provable');
    await sleep(100);
  }
  return hashes;
}

// Once in every proof answer (its last field); a long needle keeps the byte search fast on 230 KB bodies.
const PROOF_END = Buffer.from(',"settlementLayer":{"chainId":"0x');
const ERROR = Buffer.from('"error":');

/** `perRequest` proofs per HTTP request with the raw-socket client; answers checked by byte search (+ samples in full). */
async function measureRaw(url: string, hashes: Hex[], perRequest: number, durationMs: number) {
  const request = (first: number) => {
    const calls = Array.from({ length: perRequest }, (_, k) => ({
      jsonrpc: '2.0',
      id: k,
      method: 'interop_getMessageProof',
      params: [hashes[(first + k) % hashes.length]],
    }));
    return postRequestBytes(url, JSON.stringify(perRequest === 1 ? calls[0] : calls));
  };
  const requests = hashes.map((_, i) => request(i * perRequest));
  let errors = 0;
  const result = await runHttpLoad({
    url,
    requests,
    concurrency: Number(opts.concurrency),
    durationMs,
    // Nulls and errors are looked for only in an answer with fewer proofs than requests.
    check: (body) => {
      const proofs = countOccurrences(body, PROOF_END);
      if (proofs < perRequest) errors += countOccurrences(body, ERROR);
      return proofs;
    },
  });
  // A sample of answers in full (each connection's first): every result is one of the proofs a plain call returns.
  const proofs = new Set<string>();
  for (const h of hashes) proofs.add(JSON.stringify(await rpc(url, 'interop_getMessageProof', [h])));
  for (const sample of result.samples) {
    const answers = [JSON.parse(sample.toString())].flat() as { result: unknown }[];
    if (answers.length !== perRequest || answers.some((a) => !proofs.has(JSON.stringify(a.result))))
      throw new Error(`a sampled answer is not ${perRequest} known proofs: ${sample.toString().slice(0, 200)}`);
  }
  const answered = result.responses * perRequest;
  return { result, proofs: result.checked, errors, nulls: answered - result.checked - errors };
}

/** The same with node:http's keep-alive client (devnet-common's rpc / rpcBatch), for comparison. */
async function measureNodeHttp(url: string, hashes: Hex[], perRequest: number, durationMs: number) {
  const result: HttpLoadResult = { responses: 0, latencies: [], seconds: 0, failures: 0, samples: [], checked: 0 };
  let errors = 0;
  let nulls = 0;
  let n = 0;
  const t0 = performance.now();
  const end = t0 + durationMs;
  await Promise.all(
    Array.from({ length: Number(opts.concurrency) }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const calls = Array.from(
          { length: perRequest },
          () => ['interop_getMessageProof', [hashes[n++ % hashes.length]]] as [string, unknown[]],
        );
        try {
          for (const r of await rpcBatch(url, calls)) if (r === null) nulls++;
          result.latencies.push(performance.now() - t);
          result.responses++;
        } catch {
          errors++;
        }
      }
    }),
  );
  result.seconds = (performance.now() - t0) / 1000;
  return { result, proofs: result.responses * perRequest - nulls, errors, nulls };
}

// The node's main thread (its event loop): ns on a CPU and ns runnable but waiting for one (Linux only).
function schedstat(): number[] | undefined {
  try {
    return readFileSync(`/proc/${devnet.pid}/schedstat`, 'utf8').split(' ').slice(0, 2).map(Number);
  } catch {
    return undefined;
  }
}

/** `measure` plus where the node's event loop spent the time: on a CPU, or waiting for one (the other processes'). */
async function measureWithSchedule(measure: typeof measureRaw, hashes: Hex[], perRequest: number, ms: number) {
  const before = schedstat();
  const m = await measure(devnet.json.l2[0].rpcUrl, hashes, perRequest, ms);
  const after = schedstat();
  const share = (i: number) => `${(((after![i] - before![i]) / 1e7 / m.result.seconds) | 0).toString()}%`;
  const schedule = before && after ? `; node's event loop: on a CPU ${share(0)}, waiting for one ${share(1)}` : '';
  return { ...m, schedule };
}

function report(label: string, perRequest: number, m: Awaited<ReturnType<typeof measureWithSchedule>>): number {
  const { result } = m;
  const rate = Math.round(m.proofs / result.seconds);
  console.log(
    `${label}: ${rate} proofs/s, ${Math.round(result.responses / result.seconds)} HTTP requests/s ` +
      `(${perRequest} per request, ${opts.concurrency} concurrent, ${result.seconds.toFixed(1)} s), ` +
      `p50 ${percentile(result.latencies, 50).toFixed(2)} ms, p99 ${percentile(result.latencies, 99).toFixed(2)} ms, ` +
      `errors ${m.errors}, null answers ${m.nulls}, failed HTTP ${result.failures}${m.schedule}`,
  );
  return rate;
}

try {
  const url = devnet.json.l2[0].rpcUrl;
  const hashes = await provableMessages(url, devnet.json.contracts.interopCenter, Number(opts.messages));
  const durationMs = Number(opts.duration) * 1000;
  const measure = opts.client === 'node-http' ? measureNodeHttp : measureRaw;
  if (opts.client !== 'raw' && opts.client !== 'node-http') throw new Error('--client: raw or node-http');
  console.log(`devnet: ${devnet.readyLine.trim()}; client: ${opts.client}; ${hashes.length} messages`);
  const single = await measureWithSchedule(measure, hashes, 1, durationMs);
  const rate = report('single requests', 1, single);
  const p99 = percentile(single.result.latencies, 99);
  const batchSize = Number(opts.batch);
  const batched = await measureWithSchedule(measure, hashes, batchSize, durationMs);
  const batchedRate = report(`arrays of ${batchSize}`, batchSize, batched);
  const met = (ok: boolean) => (ok ? 'met' : 'not met');
  console.log(
    `target: ≥ ${TARGET_RATE}/s with p99 ≤ ${TARGET_P99_MS} ms at 64 concurrent — ${rate}/s, p99 ${p99.toFixed(1)} ms: ` +
      `${met(rate >= TARGET_RATE && p99 <= TARGET_P99_MS)}; ` +
      `arrays of 100 ≥ ${TARGET_BATCHED} proofs/s — ${batchedRate}/s: ${met(batchedRate >= TARGET_BATCHED)}`,
  );
} finally {
  await devnet.stop();
}
