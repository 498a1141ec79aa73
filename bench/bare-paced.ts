// The bare anvils' paced rate, the sustained benchmark's other side: the same paced load (sendAtRate: 100
// impersonated senders per chain, one eth_sendTransaction per message) straight to two anvils carrying the L2
// system contracts, no node. A message counts once its transaction is in a block — the closest bare chains come to
// "verifiable" — and a rate holds by the devnet's own rule (isSustained).
import { getL2ChainIds, startAnvil } from '@interop/devnet';
import { installSystemContracts } from '@interop/devnet/deploy';
import type { Hex } from 'viem';
import { rpc, rpcBatch, sleep } from './devnet-common.js';
import {
  ChainPoller,
  isSustained,
  type LatencyRun,
  type PacedSend,
  sendAtRate,
  summarizeRun,
} from './devnet-measure.js';
import { CENTER } from './drain-load.js';

/** Records when each transaction hash was first seen in a block. */
class BlockWatcher extends ChainPoller {
  readonly seenAt = new Map<Hex, number>();
  private readonly next: number[];

  constructor(urls: string[], heads: number[]) {
    super(urls);
    this.next = heads.map((h) => h + 1);
    this.start();
  }

  protected async poll(url: string, i: number) {
    const head = Number(await rpc<Hex>(url, 'eth_blockNumber'));
    const numbers = Array.from({ length: Math.max(0, head - this.next[i] + 1) }, (_, k) => this.next[i] + k);
    for (let k = 0; k < numbers.length; k += 200) {
      const blocks = await rpcBatch<{ transactions: Hex[] } | null>(
        url,
        numbers.slice(k, k + 200).map((n) => ['eth_getBlockByNumber', [`0x${n.toString(16)}`, false]]),
      );
      const now = performance.now();
      for (const b of blocks) for (const h of b?.transactions ?? []) if (!this.seenAt.has(h)) this.seenAt.set(h, now);
    }
    this.next[i] = head + 1;
  }
}

async function measureOnce(urls: string[], rate: number, durationS: number, drainS: number): Promise<LatencyRun> {
  const heads = await Promise.all(urls.map(async (u) => Number(await rpc<Hex>(u, 'eth_blockNumber'))));
  const watcher = new BlockWatcher(urls, heads);
  const run = await sendAtRate(urls, CENTER, rate, durationS);
  const ok = run.sent.filter((m) => m.txHash);
  const latency = new Map<PacedSend, number>();
  const deadline = performance.now() + drainS * 1000;
  for (;;) {
    for (const m of ok) {
      const seen = watcher.seenAt.get(m.txHash!);
      if (seen !== undefined && !latency.has(m)) latency.set(m, seen - m.tSend);
    }
    if (latency.size === ok.length || performance.now() > deadline) break;
    await sleep(100);
  }
  await watcher.stop();
  return summarizeRun(rate, durationS, run, latency, 'n/a (no node)');
}

/**
 * Steps through `rates` on two fresh bare anvils (a block per transaction, or every `blockTime` s) until one does
 * not hold; returns every step's figures and the highest rate that held.
 */
export async function measureBarePaced(
  rates: number[],
  durationS: number,
  blockTime?: number,
): Promise<{ runs: LatencyRun[]; best: number }> {
  const anvils = [];
  try {
    for (const id of getL2ChainIds(2)) anvils.push(await startAnvil({ chainId: Number(id), blockTime }));
    for (const a of anvils) await installSystemContracts({ rpcUrl: a.rpcUrl });
    const urls = anvils.map((a) => a.rpcUrl);
    const runs: LatencyRun[] = [];
    let best = 0;
    for (const rate of rates) {
      const r = await measureOnce(urls, rate, durationS, 60);
      runs.push(r);
      if (!isSustained(r)) break;
      best = rate;
    }
    return { runs, best };
  } finally {
    for (const a of anvils) await a.stop();
  }
}
