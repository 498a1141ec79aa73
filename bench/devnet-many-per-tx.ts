// Many messages per transaction (issue 10, goal 2): a contract emitting --per-tx messages in one call, on both
// L2s of a devnet, from the first send until the last message of each chain verifies on the other L2; with the
// node's CPU per message, split by stage from a CPU profile taken inside the node's process over that window.
// Run: npm run build && node dist/bench/devnet-many-per-tx.js [--messages 50000] [--per-tx 200] [--senders 10]
//        [--batch-ms 250] [--profile-out node.cpuprofile]
// Traffic: MessageBurst transactions (devnet-common.ts) from --senders unlocked accounts per L2, one JSON-RPC batch
// of one transaction per account at a time, the next batch sent once the previous one is mined (anvil's pool
// stalls when flooded). Per-stage figures are CPU samples of the node (0.5 ms interval, the profiler adds a few
// percent); "node CPU" and "anvils CPU" come from /proc over the same window.
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Address, Hex } from 'viem';
import { flags, rpc, rpcBatch, sleep, startBenchDevnet } from './devnet-common.js';
import { burstCall, compileBurst, deployBurst, nextNonce, waitVerifiable } from './messages.js';
import { cpuSeconds, createNodeProbe, descendantsCpuSeconds, STAGES, splitProfile } from './node-probe.js';

const opts = flags({ messages: '50000', 'per-tx': '200', senders: '10', 'batch-ms': '250', 'profile-out': '' });
const total = Number(opts.messages);
const perTx = Number(opts['per-tx']);
const senders = Number(opts.senders);

type Receipt = { status: Hex; logs: { address: string; topics: Hex[] }[] };

const probe = createNodeProbe();
const devnet = await startBenchDevnet({ l2Count: 2, batchMs: Number(opts['batch-ms']), env: probe.env });
try {
  const urls = devnet.json.l2.map((c) => c.rpcUrl);
  const center = devnet.json.contracts.interopCenter.toLowerCase();
  const accounts = devnet.json.accounts.slice(0, senders).map((a) => a.address);
  if (accounts.length < senders) throw new Error(`the devnet has ${accounts.length} accounts, fewer than --senders`);
  const bytecode = compileBurst();
  const bursts: Address[] = [];
  for (const url of urls) bursts.push(await deployBurst(url, accounts[0], bytecode));
  console.log(`devnet: ${devnet.readyLine.trim()}; node pid ${devnet.pid}`);
  // Warm-up: one burst per chain through to verifiable (JIT, WASM tier-up, first batches).
  await drive(urls.map(() => perTx));

  const messagesPerChain = urls.map((_, s) => Math.floor(total / urls.length) + (s < total % urls.length ? 1 : 0));
  const node0 = cpuSeconds(devnet.pid);
  const anvils0 = descendantsCpuSeconds(devnet.pid);
  const batches0 = await batchCount();
  probe.startProfile(devnet.pid);
  const t0 = performance.now();
  const { sentSeconds } = await drive(messagesPerChain);
  const seconds = (performance.now() - t0) / 1000;
  const profile = await probe.stopProfile(devnet.pid);
  const nodeCpu = cpuSeconds(devnet.pid) - node0;
  const anvilsCpu = descendantsCpuSeconds(devnet.pid) - anvils0;
  const batches = (await batchCount()) - batches0;

  console.log(
    `${total} messages, ${perTx} per transaction, ${senders} senders per L2, 2 L2s, ${batches} batches; load average ${loadAverage()}`,
  );
  console.log(`sent and mined:             ${(total / sentSeconds).toFixed(0)} msg/s (${sentSeconds.toFixed(2)} s)`);
  console.log(`to verifiable on the other L2: ${(total / seconds).toFixed(0)} msg/s (${seconds.toFixed(2)} s)`);
  console.log(
    `node CPU ${nodeCpu.toFixed(2)} s = ${((nodeCpu * 1e6) / total).toFixed(1)} µs/msg; anvils CPU ${anvilsCpu.toFixed(2)} s = ${((anvilsCpu * 1e6) / total).toFixed(1)} µs/msg`,
  );
  if (opts['profile-out']) writeFileSync(opts['profile-out'], JSON.stringify(profile));
  const split = splitProfile(profile);
  const sampled = [...split.values()].reduce((a, b) => a + b, 0);
  // The profiler samples on a wall-clock interval (a sample taken while the thread waits in a system call, e.g. a
  // SQLite write, counts): shares are of the samples, and µs/msg is that share of the node's CPU from /proc.
  console.log(`\nnode CPU by stage (profile: ${(sampled / 1000).toFixed(2)} s of samples)`);
  console.log('stage\tsampled ms\tshare\tCPU µs/msg');
  for (const stage of STAGES) {
    const ms = split.get(stage)!;
    const share = ms / sampled;
    console.log(
      `${stage}\t${ms.toFixed(0)}\t${(100 * share).toFixed(1)}%\t${((share * nodeCpu * 1e6) / total).toFixed(1)}`,
    );
  }

  /** Sends `counts[s]` messages on L2 s in bursts and waits until the last one of each chain verifies on the next. */
  async function drive(counts: number[]): Promise<{ sentSeconds: number }> {
    const t = performance.now();
    let sentSeconds = 0;
    await Promise.all(
      urls.map(async (url, s) => {
        let sent = 0;
        let last: Hex | undefined;
        while (sent < counts[s]) {
          const calls: [string, unknown[]][] = [];
          for (const from of accounts) {
            if (sent >= counts[s]) break;
            const n = Math.min(perTx, counts[s] - sent);
            calls.push(burstCall(from, bursts[s], sent, n, await nextNonce(url, from)));
            sent += n;
          }
          const hashes = await rpcBatch<Hex>(url, calls);
          last = hashes.at(-1)!;
          await waitReceipt(url, last);
        }
        sentSeconds = Math.max(sentSeconds, (performance.now() - t) / 1000);
        const receipt = await waitReceipt(url, last!);
        if (receipt.status !== '0x1') throw new Error('a burst reverted');
        const logs = receipt.logs.filter((l) => l.address.toLowerCase() === center && l.topics.length === 4);
        await waitVerifiable(url, urls[(s + 1) % urls.length], logs.at(-1)!.topics[1], {
          timeoutMs: 600_000,
          pollMs: 10,
        });
      }),
    );
    return { sentSeconds };
  }

  async function waitReceipt(url: string, tx: Hex): Promise<Receipt> {
    for (;;) {
      const receipt = await rpc<Receipt | null>(url, 'eth_getTransactionReceipt', [tx]);
      if (receipt) return receipt;
      await sleep(5);
    }
  }

  async function batchCount(): Promise<number> {
    const health = await rpc<{ chains: { lastBatch: Hex }[] }>(urls[0], 'interop_health');
    return health.chains.reduce((n, c) => n + Number(c.lastBatch), 0);
  }
} finally {
  await devnet.stop();
  probe.remove();
}

function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
}
