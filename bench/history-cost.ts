// Cost as history grows: the per-request and per-batch work of the node, its start-up reads and the
// settlement-only rebuild, timed after 10^3, 10^4, 10^5 (… 10^6) messages of real traffic, with the node's memory.
// Run: npm run build && node dist/bench/history-cost.js [--decades 3,4,5] [--l2 2] [--per-tx 200] [--senders 10]
//        [--batch-ms 50] [--samples 100] [--scan-max-batches 300] [--profile-out node.cpuprofile]
// Traffic is real: MessageBurst transactions (--per-tx messages each, see messages.ts) from --senders accounts
// per L2 (one JSON-RPC batch of one transaction per account, the next once it is mined) through the devnet's
// endpoints, so the node indexes, seals, settles and proves them exactly as one message per transaction (only
// anvil mines fewer blocks). Many small batches: more L2s, fewer senders and messages per transaction, short
// --batch-ms (e.g. --l2 8 --senders 1 --per-tx 10 --batch-ms 10: every L2 seals whatever its last round mined).
// Each decade waits until the last message of each chain is imported everywhere, then times, one client at a time:
// - interop_getMessageProof and interop_getMessageStatus of old messages (each decade another --samples of the
//   first messages sent, so the node's proof cache does not answer from an earlier decade's reads);
// - zks_getL2ToL1LogProof by transaction hash (the lookup through the txs/logs tables);
// - buildInteropProofFromSettlementLayer of the oldest message, given its batch number (indexed topics; the trees
//   from the execution block's tree writes) and, while the chain has at most --scan-max-batches batches, without
//   it (one commit read per non-empty batch); beside it, for comparison, the reads of the former rebuild's tree
//   replay (every AppendedChainBatchRoot of the chain, every AddedChain and NewChainRoot, and the trees built);
// - send → sealed: one message on the otherwise idle devnet until its receipt carries l1BatchNumber (includes up
//   to --batch-ms of waiting for the batch timer);
// - start-up: what the node reads from its store when it starts (open it, load the settlement mirror from the
//   stored frontiers, the transaction aliases), done here on the node's live store; and for comparison the
//   former load, replaying every chain-tree leaf.
// The node's RSS comes from /proc; its heap, after a forced full GC (what it keeps, not the garbage waiting for a
// collection), from a probe in the devnet process (node-probe.ts), which also takes the node's CPU profile over
// the last decade's timed requests with --profile-out.
// Absolute times on a shared machine are noisy: compare a row with the first row of the same run.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { SettlementMirror, Store } from '@interop/node';
import { buildInteropProofFromSettlementLayer } from '@interop/sdk';
import { DynamicIncrementalMerkleTree } from '@interop/sdk/core';
import { type Address, createClient, type Hex, http } from 'viem';
import { flags, percentile, rpc, rpcBatch, sleep, startBenchDevnet } from './devnet-common.js';
import { timeFormerReplay } from './former-replay.js';
import { burstCall, compileBurst, deployBurst, nextNonce, sendMessageTx } from './messages.js';
import { createNodeProbe } from './node-probe.js';

const opts = flags({
  decades: '3,4,5',
  l2: '2',
  'per-tx': '200',
  senders: '10',
  'batch-ms': '50',
  samples: '100',
  'scan-max-batches': '300',
  'profile-out': '',
});
const perTx = Number(opts['per-tx']);
const senders = Number(opts.senders);
const samples = Number(opts.samples);
const targets = opts.decades.split(',').map((d) => Math.round(10 ** Number(d)));

type Receipt = { l1BatchNumber?: Hex | null; logs: { address: string; topics: Hex[] }[] };

const probe = createNodeProbe();
const devnet = await startBenchDevnet({ l2Count: Number(opts.l2), batchMs: Number(opts['batch-ms']), env: probe.env });
try {
  const urls = devnet.json.l2.map((c) => c.rpcUrl);
  const center = devnet.json.contracts.interopCenter.toLowerCase();
  const accounts = devnet.json.accounts.slice(0, senders).map((a) => a.address);
  const bytecode = compileBurst();
  const bursts: Address[] = [];
  for (const url of urls) bursts.push(await deployBurst(url, devnet.json.accounts[0].address, bytecode));
  const settlementClient = createClient({ transport: http(devnet.json.l1.rpcUrl) });
  const l1ChainId = devnet.json.l1.chainId;
  console.log(
    `devnet: ${devnet.readyLine.trim()}; node pid ${devnet.pid}; ${urls.length} L2s, ${senders} senders per L2, ${perTx} messages per transaction`,
  );
  console.log(
    [
      'messages',
      'batches',
      'getMessageProof p50/p99 ms',
      'getMessageStatus p50/p99 ms',
      'getL2ToL1LogProof p50/p99 ms',
      'rebuild known batch ms',
      'former replay reads ms',
      'rebuild by scan ms',
      'send→sealed p50 ms',
      'start-up reads ms',
      'replay all leaves ms',
      'RSS MB',
      'heap after GC MB',
      'SQLite MB',
      'elapsed s',
      'load',
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
    for (const [s, tx] of lastTx.entries()) if (tx) await waitImported(urls[s], tx);
    console.log(await measure(target));
  }

  /** Sends bursts on every L2 (one send per account per JSON-RPC batch) until `target` messages are sent. */
  async function sendUntil(target: number): Promise<(Hex | undefined)[]> {
    const lastTx: (Hex | undefined)[] = urls.map(() => undefined);
    await Promise.all(
      urls.map(async (url, s) => {
        while (sent < target) {
          const calls: [string, unknown[]][] = [];
          for (const from of accounts) {
            if (sent >= target) break;
            const n = Math.min(perTx, target - sent);
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
    const deadline = Date.now() + 1_800_000;
    for (;;) {
      const status = await rpc<{ status: string } | null>(url, 'interop_getMessageStatus', [log.topics[1]]);
      if (status?.status === 'imported') return;
      if (Date.now() > deadline) throw new Error(`not imported within 30 min: ${status?.status}`);
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

  /** What the node reads from its store at start (median of 3), and the former whole-leaf replay, in ms. */
  function timeStartupReads(): { startup: string; replay: string } {
    const startup: number[] = [];
    const replay: number[] = [];
    for (let i = 0; i < 3; i++) {
      let t = performance.now();
      const store = new Store(devnet.dataDir);
      try {
        SettlementMirror.load(store, l1ChainId);
        store.getTxAliases();
        startup.push(performance.now() - t);
        t = performance.now();
        const trees = new Map<number, DynamicIncrementalMerkleTree>();
        const leaves = store.db
          .prepare(
            `SELECT chain_id AS chainId, leaf FROM chain_tree_leaves WHERE sl_chain_id = ? ORDER BY chain_id, idx`,
          )
          .all(l1ChainId) as { chainId: number; leaf: Hex }[];
        for (const { chainId, leaf } of leaves) {
          let tree = trees.get(chainId);
          if (!tree) trees.set(chainId, (tree = new DynamicIncrementalMerkleTree()));
          tree.push(leaf);
        }
        replay.push(performance.now() - t);
      } finally {
        store.close();
      }
    }
    return { startup: percentile(startup, 50).toFixed(1), replay: percentile(replay, 50).toFixed(1) };
  }

  async function measure(messages: number): Promise<string> {
    const health = await rpc<{ chains: { lastBatch: Hex }[] }>(urls[0], 'interop_health');
    const batches = health.chains.reduce((n, c) => n + Number(c.lastBatch), 0);
    const sourceBatches = Number(health.chains[0].lastBatch);
    const profiling = opts['profile-out'] !== '' && messages === targets.at(-1);
    if (profiling) probe.startProfile(devnet.pid);
    const proof = await timeCalls('interop_getMessageProof', (o) => [o.hash]);
    const status = await timeCalls('interop_getMessageStatus', (o) => [o.hash]);
    const logProof = await timeCalls('zks_getL2ToL1LogProof', (o) => [o.tx, o.logIndex]);
    const known = await timeRebuild(true);
    const former = (
      await timeFormerReplay(settlementClient, devnet.json.contracts.settlement, BigInt(devnet.json.l2[0].chainId))
    ).toFixed(0);
    const scan = sourceBatches <= Number(opts['scan-max-batches']) ? await timeRebuild(false) : '—';
    const sealed = await sendToSealed();
    if (profiling) writeFileSync(opts['profile-out'], JSON.stringify(await probe.stopProfile(devnet.pid)));
    const { startup, replay } = timeStartupReads();
    const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${devnet.pid}/status`, 'utf8'))![1]) / 1024;
    const heap = (await probe.memoryAfterGc()).heapUsed;
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
      former,
      scan,
      sealed,
      startup,
      replay,
      rss.toFixed(0),
      mb(heap),
      mb(db),
      ((performance.now() - t0) / 1000).toFixed(0),
      loadavg()[0].toFixed(1),
    ].join('\t');
  }
} finally {
  await devnet.stop();
  probe.remove();
}
