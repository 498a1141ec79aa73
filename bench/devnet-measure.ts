// The measurement behind the latency and sustained-rate benchmarks: messages at a fixed rate,
// alternating between the L2s, and the time until each is verifiable on another L2.
//
// "Verifiable on another chain" = the settlement-layer root that proves the message (the root of the
// settlement block in which its batch executed) has been imported into the destination's InteropCenter.
// Imports are observed by polling InteropRootAdded logs of the new blocks every 25 ms; a sample of messages is then
// really verified (interop_getMessageProof + verifyInteropMessage on the destination) as a check.

import { InteropCenter } from '@interop/contracts';
import type { DevnetJson } from '@interop/devnet';
import { type Address, decodeEventLog, encodeEventTopics, encodeFunctionData, type Hex, toHex } from 'viem';
import { percentile, rpc, rpcBatch, sleep } from './devnet-common.js';
import { sendMessageTx } from './messages.js';

/** Result of one fixed-rate run. */
export type LatencyRun = {
  targetRate: number;
  durationS: number;
  sent: number;
  failed: number;
  achievedRate: number;
  /** Messages whose root was not imported before the wait timed out. */
  unresolved: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** p50 of the first and the last third of the messages: a rising trend means a growing backlog. */
  p50FirstThirdMs: number;
  p50LastThirdMs: number;
  /** Messages of the sample that really verified on their destination. */
  sampleVerified: string;
};

const ROOT_ADDED = encodeEventTopics({ abi: InteropCenter.abi, eventName: 'InteropRootAdded' })[0];

/** Polls every chain at `urls` every 25 ms (chains failing a poll are asked again at the next) until stopped. */
export abstract class ChainPoller {
  private running = true;
  private loop: Promise<void> | undefined;

  constructor(protected readonly urls: string[]) {}

  /** Starts polling (called by a subclass once its own fields are set). */
  protected start() {
    this.loop = this.run();
  }

  protected abstract poll(url: string, i: number): Promise<void>;

  private async run() {
    while (this.running) {
      await Promise.all(this.urls.map((url, i) => this.poll(url, i).catch(() => {})));
      await sleep(25);
    }
  }

  async stop() {
    this.running = false;
    await this.loop;
  }
}

/** Records, per L2, when each settlement block's root was first seen imported. */
class ImportWatcher extends ChainPoller {
  readonly seen: Map<bigint, number>[];
  private readonly from: bigint[];

  constructor(
    urls: string[],
    private readonly center: Address,
  ) {
    super(urls);
    this.seen = urls.map(() => new Map());
    this.from = urls.map(() => 0n);
    this.start();
  }

  protected async poll(url: string, i: number) {
    // The range ends at a block number asked first, so the next poll starts after it: a range from the last log
    // seen would grow with every block while no root arrives, and make the anvils read it all again each time.
    const to = BigInt(await rpc<Hex>(url, 'eth_blockNumber'));
    if (to < this.from[i]) return;
    const logs = await rpc<{ topics: [Hex, ...Hex[]]; data: Hex; blockNumber: Hex }[]>(url, 'eth_getLogs', [
      { address: this.center, topics: [ROOT_ADDED], fromBlock: toHex(this.from[i]), toBlock: toHex(to) },
    ]);
    const now = performance.now();
    for (const log of logs) {
      const e = decodeEventLog({
        abi: InteropCenter.abi,
        eventName: 'InteropRootAdded',
        topics: log.topics,
        data: log.data,
      });
      if (!this.seen[i].has(e.args.blockNumber)) this.seen[i].set(e.args.blockNumber, now);
    }
    this.from[i] = to + 1n;
  }
}

type BatchDetails = { number: number; firstBlock: number; lastBlock: number; settlementBlockNumber: number | null };

/** Maps an L2 block to the settlement block in which its batch executed (null while not executed). */
async function settlementBlockOf(url: string, blocks: number[]): Promise<Map<number, bigint | null>> {
  const latest = Number(await rpc<Hex>(url, 'zks_L1BatchNumber'));
  const details = await rpcBatch<BatchDetails | null>(
    url,
    Array.from({ length: latest }, (_, i) => ['zks_getL1BatchDetails', [i + 1]] as [string, unknown[]]),
  );
  const out = new Map<number, bigint | null>();
  for (const b of blocks) {
    const d = details.find((x) => x && x.firstBlock <= b && b <= x.lastBlock);
    out.set(b, d && d.settlementBlockNumber !== null ? BigInt(d.settlementBlockNumber) : null);
  }
  return out;
}

const SENDERS_PER_CHAIN = 100;

/** Bench senders: fixed addresses, impersonated and funded on every L2 (through the node's pass-through). */
async function prepareSenders(urls: string[]): Promise<Address[]> {
  const senders = Array.from(
    { length: SENDERS_PER_CHAIN },
    (_, i) => `0x${(0xbe0c4000n + BigInt(i)).toString(16).padStart(40, '0')}` as Address,
  );
  for (const url of urls) {
    await rpcBatch(
      url,
      senders.flatMap((a) => [
        ['anvil_impersonateAccount', [a]] as [string, unknown[]],
        ['anvil_setBalance', [a, '0x3635c9adc5dea00000']] as [string, unknown[]],
      ]),
    );
  }
  return senders;
}

/** One paced message: its source and destination L2 (indexes), when it was sent, and what became of the send. */
export type PacedSend = { source: number; dest: number; tSend: number; txHash?: Hex; failed?: boolean };

/**
 * Sends `rate` messages/s for `durationS` seconds to the L2s at `urls` (alternating source, destination = the next
 * L2), from 100 impersonated senders per chain, each sender's sends one after another (anvil 1.7 sometimes lost one
 * of several concurrent sends of one account, leaving a nonce gap). Resolves once every send was answered, with
 * the sends and the seconds the sending took.
 */
export async function sendAtRate(
  urls: string[],
  center: Address,
  rate: number,
  durationS: number,
): Promise<{ sent: PacedSend[]; sendSeconds: number }> {
  const total = Math.round(rate * durationS);
  const sent: PacedSend[] = [];
  const inflight = new Set<Promise<void>>();
  const senders = await prepareSenders(urls);
  const lastOf = new Map<string, Promise<unknown>>();
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const source = i % urls.length;
    const m: PacedSend = { source, dest: (source + 1) % urls.length, tSend: performance.now() };
    sent.push(m);
    const from = senders[Math.floor(i / urls.length) % senders.length];
    const key = `${source} ${from}`;
    const previous = lastOf.get(key) ?? Promise.resolve();
    const p = previous
      .then(() => rpc<Hex>(urls[source], 'eth_sendTransaction', [sendMessageTx(from, center, toHex(`bench ${i}`))]))
      .then((h) => void (m.txHash = h))
      .catch(() => void (m.failed = true))
      .finally(() => inflight.delete(p));
    lastOf.set(key, p);
    inflight.add(p);
    // Do not let an overloaded chain pile up unbounded requests: the rate then drops, and is reported.
    while (inflight.size > 2000) await Promise.race(inflight);
  }
  await Promise.all(inflight);
  return { sent, sendSeconds: (performance.now() - t0) / 1000 };
}

/** The figures of a paced run from each message's latency (in send order; a missing one is unresolved). */
export function summarizeRun(
  rate: number,
  durationS: number,
  run: { sent: PacedSend[]; sendSeconds: number },
  latency: Map<PacedSend, number>,
  sampleVerified: string,
): LatencyRun {
  const ok = run.sent.filter((m) => m.txHash);
  const ordered = ok.filter((m) => latency.has(m)).map((m) => latency.get(m)!);
  const third = Math.max(1, Math.floor(ordered.length / 3));
  return {
    targetRate: rate,
    durationS,
    sent: run.sent.length,
    failed: run.sent.length - ok.length,
    achievedRate: Math.round(run.sent.length / run.sendSeconds),
    unresolved: ok.length - latency.size,
    p50Ms: Math.round(percentile(ordered, 50)),
    p99Ms: Math.round(percentile(ordered, 99)),
    maxMs: Math.round(Math.max(...ordered)),
    p50FirstThirdMs: Math.round(percentile(ordered.slice(0, third), 50)),
    p50LastThirdMs: Math.round(percentile(ordered.slice(-third), 50)),
    sampleVerified,
  };
}

/** Whether a paced run held its rate: ≥ 95% achieved, all resolved, p99 ≤ 2 s and no growing backlog. */
export function isSustained(r: LatencyRun): boolean {
  return (
    r.achievedRate >= 0.95 * r.targetRate &&
    r.unresolved === 0 &&
    r.failed === 0 &&
    r.p99Ms <= 2000 &&
    r.p50LastThirdMs <= 1.5 * r.p50FirstThirdMs + 250
  );
}

/**
 * Sends `rate` messages/s for `durationS` seconds ({@link sendAtRate}), then waits up to `drainS` for every
 * message to become verifiable on its destination and returns the latency figures.
 */
export async function measureLatency(
  devnet: DevnetJson,
  rate: number,
  durationS: number,
  drainS = 30,
): Promise<LatencyRun> {
  const urls = devnet.l2.map((c) => c.rpcUrl);
  const watcher = new ImportWatcher(urls, devnet.contracts.interopCenter);
  const run = await sendAtRate(urls, devnet.contracts.interopCenter, rate, durationS);
  const { sent } = run;

  // Where each message landed: its L2 block (receipts), then the settlement block of its batch.
  const ok = sent.filter((m) => m.txHash);
  const blockOf = new Map<Hex, number>();
  for (let s = 0; s < urls.length; s++) {
    const mine = ok.filter((m) => m.source === s);
    for (let i = 0; i < mine.length; i += 200) {
      const receipts = await rpcBatch<{ blockNumber: Hex } | null>(
        urls[s],
        mine.slice(i, i + 200).map((m) => ['eth_getTransactionReceipt', [m.txHash]] as [string, unknown[]]),
      );
      receipts.forEach((r, k) => r && blockOf.set(mine[i + k].txHash!, Number(r.blockNumber)));
    }
  }
  const latency = new Map<PacedSend, number>();
  const deadline = performance.now() + drainS * 1000;
  for (;;) {
    const maps = await Promise.all(
      urls.map((url, s) =>
        settlementBlockOf(
          url,
          ok.filter((m) => m.source === s).map((m) => blockOf.get(m.txHash!) ?? -1),
        ),
      ),
    );
    for (const m of ok) {
      if (latency.has(m)) continue;
      const sb = maps[m.source].get(blockOf.get(m.txHash!) ?? -1);
      const seenAt = sb != null ? watcher.seen[m.dest].get(sb) : undefined;
      if (seenAt !== undefined) latency.set(m, seenAt - m.tSend);
    }
    if (latency.size === ok.length || performance.now() > deadline) break;
    await sleep(250);
  }
  await watcher.stop();

  const sampleVerified = await verifySample(devnet, ok.filter((m) => latency.has(m)).slice(0, 5));
  return summarizeRun(rate, durationS, run, latency, sampleVerified);
}

type RpcProof = { chainId: Hex; l1BatchNumber: Hex; l2MessageIndex: Hex; txNumberInBatch: number; proof: Hex[] };

/** Really verifies a few messages on their destination, to check the definition used above. */
async function verifySample(devnet: DevnetJson, sample: PacedSend[]): Promise<string> {
  const center = devnet.contracts.interopCenter;
  let verified = 0;
  for (const m of sample) {
    const src = devnet.l2[m.source].rpcUrl;
    const receipt = await rpc<{ logs: { address: Address; topics: [Hex, ...Hex[]]; data: Hex }[] }>(
      src,
      'eth_getTransactionReceipt',
      [m.txHash],
    );
    const log = receipt.logs.find((l) => l.address.toLowerCase() === center.toLowerCase() && l.topics.length === 4);
    if (!log) continue;
    const interopHash = log.topics[1];
    const p = await rpc<RpcProof | null>(src, 'interop_getMessageProof', [interopHash]);
    if (!p) continue;
    const data = encodeFunctionData({
      abi: InteropCenter.abi,
      functionName: 'verifyInteropMessage',
      args: [
        interopHash,
        {
          chainId: BigInt(p.chainId),
          l1BatchNumber: BigInt(p.l1BatchNumber),
          l2MessageIndex: BigInt(p.l2MessageIndex),
          txNumberInBatch: p.txNumberInBatch,
          proof: p.proof,
        },
      ],
    });
    const out = await rpc<Hex>(devnet.l2[m.dest].rpcUrl, 'eth_call', [{ to: center, data }, 'latest']);
    if (BigInt(out) === 1n) verified++;
  }
  return `${verified}/${sample.length}`;
}
