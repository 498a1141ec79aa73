// Memory of the node as batches pile up, measured as the heap after a forced full GC (what the node keeps):
// process.memoryUsage().heapUsed, which the history bench reports, also counts garbage not yet collected.
// Run: npm run build && node dist/bench/memory-batches.js [--mirror 3,4,5] [--chains 4] [--devnet 1000,10000]
//        [--l2 4] [--batch-ms 20]
// 1. In process, seconds: the node's only state kept per settlement batch — the settlement watcher's mirrored trees
//    (SettlementMirror) and a Gateway's L1 proof builder's trees (SettlementHistory) — moved through 10^--mirror
//    batches as the watcher does it (per settlement block one batch of each of --chains chains: append, new chain
//    root, forget what older states needed, store the block with the grown trees' frontiers in a real store), and
//    the mirror the node loads from that store when it starts. Batch roots are synthetic: the trees hold 32-byte
//    words whatever they mean.
// 2. The devnet, minutes: real traffic (one message per transaction, one transaction in flight per L2, so about
//    one batch per transaction with a short --batch-ms) until the L2s have --devnet batches in all; at each count
//    the node's process (a probe loaded with NODE_OPTIONS --require, node-probe.ts) collects its garbage and
//    reports its heap and RSS. --devnet '' skips this part.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type SettlementBlockUpdate, SettlementHistory, SettlementMirror, Store } from '@interop/node';
import { getChainIdLeaf } from '@interop/sdk/core';
import type { Address, Hex } from 'viem';
import { flags, pad32, rpc, sleep, startBenchDevnet } from './devnet-common.js';
import { nextNonce, sendMessageTx } from './messages.js';
import { createNodeProbe } from './node-probe.js';

const opts = flags({ mirror: '3,4,5', chains: '4', devnet: '1000,10000', l2: '4', 'batch-ms': '20' });

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

/** This process's heap after two full collections. */
function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

function sqliteBytes(dir: string): number {
  let size = 0;
  for (const f of ['node.sqlite', 'node.sqlite-wal']) {
    try {
      size += statSync(join(dir, f)).size;
    } catch {
      // no WAL file
    }
  }
  return size;
}

const SL = 9;

/** Part 1: the watcher's and the L1 proof builder's trees, in this process. */
function measureMirror(): void {
  const chains = Array.from({ length: Number(opts.chains) }, (_, i) => 271 + i);
  const checkpoints = opts.mirror
    .split(',')
    .filter(Boolean)
    .map((d) => 10 ** Number(d));
  const dir = mkdtempSync(join(tmpdir(), 'interop-memory-batches-'));
  const store = new Store(dir);
  try {
    const mirror = new SettlementMirror();
    const history = new SettlementHistory(store, SL);
    console.log(`in process: the settlement watcher's trees, ${chains.length} chains, one batch of each per block`);
    console.log(
      [
        'batches',
        'heap after GC MB',
        'mirror trees KB',
        'L1 proof builder trees KB',
        'mirror loaded at start KB',
        'SQLite MB',
        'elapsed s',
      ].join('\t'),
    );
    const heap0 = heapAfterGc();
    console.log(['0', mb(heap0), kb(mirror.retainedBytes()), kb(history.retainedBytes()), '—', '—', '0'].join('\t'));
    const t0 = performance.now();
    let block = 0;
    let batches = 0;
    for (const target of checkpoints) {
      while (batches < target) {
        block++;
        store.applySettlementBlocks(SL, [applyBlock(mirror, chains, block)], block, [], mirror.frontiers(chains));
        history.advanceTo(block);
        batches += chains.length;
      }
      const heap = heapAfterGc();
      const loaded = SettlementMirror.load(store, SL);
      console.log(
        [
          batches,
          mb(heap),
          kb(mirror.retainedBytes()),
          kb(history.retainedBytes()),
          kb(loaded.retainedBytes()),
          mb(sqliteBytes(dir)),
          ((performance.now() - t0) / 1000).toFixed(1),
        ].join('\t'),
      );
    }
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One settlement block as the watcher applies it: one batch of each chain executed (chains added in block 1). */
function applyBlock(mirror: SettlementMirror, chains: number[], block: number): SettlementBlockUpdate {
  const u: SettlementBlockUpdate = {
    block,
    timestamp: block,
    root: null,
    committed: [],
    executed: [],
    chainLeaves: [],
    sharedLeaves: [],
  };
  if (block === 1) for (const [i, chainId] of chains.entries()) u.sharedLeaves.push(mirror.addChain(chainId, i));
  for (const chainId of chains) {
    const batch = mirror.chainTree(chainId).size + 1;
    const { idx, leaf } = mirror.appendBatch(chainId, batch, pad32(BigInt(chainId) * 2n ** 64n + BigInt(batch)));
    u.chainLeaves.push({ chainId, idx, leaf, batch });
    const chainIdLeaf = getChainIdLeaf(mirror.chainTree(chainId).root(), BigInt(chainId));
    u.sharedLeaves.push(mirror.setChainLeaf(chainId, chainIdLeaf));
    // What the watcher reads before forgetting: the path of each batch executed in the block.
    mirror.chainTree(chainId).path(idx);
  }
  u.root = mirror.root();
  mirror.forgetHistory();
  return u;
}

/** Part 2: the node in a real devnet. */
async function measureDevnet(): Promise<void> {
  const checkpoints = opts.devnet.split(',').filter(Boolean).map(Number);
  if (checkpoints.length === 0) return;
  const probe = createNodeProbe();
  const devnet = await startBenchDevnet({
    l2Count: Number(opts.l2),
    batchMs: Number(opts['batch-ms']),
    env: probe.env,
  });
  try {
    const urls = devnet.json.l2.map((c) => c.rpcUrl);
    const center = devnet.json.contracts.interopCenter as Address;
    const from = devnet.json.accounts[0].address as Address;
    console.log(
      `\ndevnet: ${devnet.readyLine.trim()}; ${urls.length} L2s, --batch-ms ${opts['batch-ms']}, one message per transaction`,
    );
    console.log(
      [
        'batches',
        'messages',
        'heap after GC MB',
        'heap before GC MB',
        'heap total MB',
        'RSS MB',
        'SQLite MB',
        'elapsed s',
      ].join('\t'),
    );
    let sent = 0;
    let stopped = false;
    const senders = urls.map(async (url) => {
      while (!stopped) {
        const tx = sendMessageTx(from, center, pad32(sent), await nextNonce(url, from));
        const hash = await rpc<Hex>(url, 'eth_sendTransaction', [tx]);
        sent++;
        await waitSealed(url, hash);
      }
    });
    const t0 = performance.now();
    try {
      for (const target of checkpoints) {
        let batches = await countBatches(urls[0]);
        while (batches < target) {
          await sleep(1000);
          batches = await countBatches(urls[0]);
        }
        const m = await probe.memoryAfterGc();
        console.log(
          [
            batches,
            sent,
            mb(m.heapUsed),
            mb(m.heapUsedBeforeGc),
            mb(m.heapTotal),
            mb(m.rss),
            mb(sqliteBytes(devnet.dataDir)),
            ((performance.now() - t0) / 1000).toFixed(0),
          ].join('\t'),
        );
      }
    } finally {
      stopped = true;
      await Promise.allSettled(senders);
    }
  } finally {
    await devnet.stop();
    probe.remove();
  }
}

/** Batches sealed on every L2 of the node (interop_health's lastBatch, summed). */
async function countBatches(url: string): Promise<number> {
  const health = await rpc<{ chains: { lastBatch: Hex }[] }>(url, 'interop_health');
  return health.chains.reduce((n, c) => n + Number(c.lastBatch), 0);
}

/** Waits until the transaction's receipt carries its batch number (it is sealed). */
async function waitSealed(url: string, hash: Hex): Promise<void> {
  for (;;) {
    const r = await rpc<{ l1BatchNumber?: Hex | null } | null>(url, 'eth_getTransactionReceipt', [hash]);
    if (r?.l1BatchNumber) return;
    await sleep(10);
  }
}

measureMirror();
await measureDevnet();
