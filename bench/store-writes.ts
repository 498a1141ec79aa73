// The store's per-message write cost as history grows: the sequencer's own seal step (sealBatch) seals blocks of
// InteropCenter messages into a fresh on-disk store (a temporary directory, removed after), and the time spent in
// Store.insertSealedBatch is reported per message at each decade (10^3, 10^4, … up to --messages).
// Run: npm run build && node dist/bench/store-writes.js [--messages 100000] [--batch 1000] [--per-block 100]
//        [--senders 10] [--checkpoints worker|inline]   (--messages 1000000: about 2–5 minutes on this machine)
// Columns: wall µs per message over the last tenth of the decade and over the whole decade; the CPU part of the
// decade's (the rest is waiting for the disk or, under load, for a core); the slowest single insert (with
// --checkpoints inline a WAL checkpoint runs inside the commit that passes its threshold; with worker, the node's
// way, on a thread of its own); the store's size with its WAL.
// The blocks come from an in-process upstream that serves what anvil would (eth_blockNumber, the L1Messenger's
// L1MessageSent logs, blocks with their transaction hashes): one transaction per message, random transaction
// hashes, each log carrying abi.encode(InteropMessage) and its interop hash, so every row (logs with their paths,
// transactions, messages, block hashes) has the shape and size the sequencer writes. Only the insert is timed.
// Absolute times on a shared machine are noisy: compare rows of one run, and runs at a similar load average.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store, sealBatch, type Upstream } from '@interop/node';
import { l1MessageSentEvent } from '@interop/sdk/abis';
import {
  encodeInteropMessage,
  getInteropHash,
  INTEROP_CENTER_ADDRESS,
  type InteropMessage,
  L1_MESSENGER_ADDRESS,
} from '@interop/sdk/core';
import { type Address, encodeAbiParameters, type Hex, numberToHex, toEventSelector } from 'viem';
import { flags } from './devnet-common.js';

const opts = flags({ messages: '100000', batch: '1000', 'per-block': '100', senders: '10', checkpoints: 'worker' });
const total = Number(opts.messages);
const perBatch = Number(opts.batch);
const perBlock = Number(opts['per-block']);
const CHAIN_ID = 271;
const TOPIC = toEventSelector(l1MessageSentEvent);
const CENTER_TOPIC = `0x${INTEROP_CENTER_ADDRESS.slice(2).toLowerCase().padStart(64, '0')}` as Hex;
const senders = Array.from({ length: Number(opts.senders) }, () => `0x${randomBytes(20).toString('hex')}` as Address);
const messageNums = senders.map(() => 0n);

type Block = { number: Hex; hash: Hex; parentHash: Hex; timestamp: Hex; transactions: Hex[] };
type Log = {
  blockNumber: Hex;
  blockHash: Hex;
  transactionHash: Hex;
  logIndex: Hex;
  topics: Hex[];
  address: Address;
  data: Hex;
};

/** The chain as anvil would serve it: blocks of one-message transactions, appended as the bench asks. */
class SyntheticChain implements Upstream {
  readonly url = 'synthetic:';
  private readonly blocks: Block[] = [];
  private readonly logs = new Map<number, Log[]>();
  private parent = `0x${'00'.repeat(32)}` as Hex;
  private sent = 0;

  /** Mines blocks holding `count` more messages, `perBlock` a block. */
  mine(count: number): void {
    for (let left = count; left > 0; left -= perBlock) {
      const number = this.blocks.length + 1;
      const hash = `0x${randomBytes(32).toString('hex')}` as Hex;
      const block: Block = {
        number: numberToHex(number),
        hash,
        parentHash: this.parent,
        timestamp: numberToHex(1_800_000_000 + number),
        transactions: [],
      };
      const logs: Log[] = [];
      for (let i = 0; i < Math.min(perBlock, left); i++) {
        const tx = `0x${randomBytes(32).toString('hex')}` as Hex;
        block.transactions.push(tx);
        logs.push(this.messageLog(block, tx, i));
      }
      this.blocks.push(block);
      this.logs.set(number, logs);
      this.parent = hash;
    }
  }

  private messageLog(block: Block, tx: Hex, logIndex: number): Log {
    const s = this.sent++ % senders.length;
    const message: InteropMessage = {
      data: `0x${randomBytes(64).toString('hex')}`,
      sender: senders[s],
      sourceChainId: BigInt(CHAIN_ID),
      messageNum: messageNums[s]++,
    };
    return {
      blockNumber: block.number,
      blockHash: block.hash,
      transactionHash: tx,
      logIndex: numberToHex(logIndex),
      topics: [TOPIC, CENTER_TOPIC, getInteropHash(message)],
      address: L1_MESSENGER_ADDRESS,
      data: encodeAbiParameters([{ type: 'bytes' }], [encodeInteropMessage(message)]),
    };
  }

  async request<T>(method: string): Promise<T> {
    if (method !== 'eth_blockNumber') throw new Error(`synthetic chain: ${method} not served`);
    return numberToHex(this.blocks.length) as T;
  }

  async forward(): Promise<unknown> {
    throw new Error('synthetic chain: forward not served');
  }

  async batch(calls: { method: string; params?: unknown[] }[]): Promise<unknown[]> {
    return calls.map(({ method, params = [] }) => {
      if (method === 'eth_getBlockByNumber') return this.blocks[Number(BigInt(params[0] as Hex)) - 1];
      if (method !== 'eth_getLogs') throw new Error(`synthetic chain: ${method} not served`);
      const filter = params[0] as { address: Address; fromBlock: Hex; toBlock: Hex };
      if (filter.address !== L1_MESSENGER_ADDRESS) return [];
      const out: Log[] = [];
      for (let n = Number(BigInt(filter.fromBlock)); n <= Number(BigInt(filter.toBlock)); n++)
        out.push(...(this.logs.get(n) ?? []));
      return out;
    });
  }
}

const dir = mkdtempSync(join(tmpdir(), 'interop-store-writes-'));
const store = new Store(dir);
// As the node runs it (--checkpoints worker): WAL checkpoints on a worker thread; `inline`: inside the commits.
if (opts.checkpoints === 'worker') store.startBackgroundCheckpoints();
let insertMs = 0;
/** CPU time (user + system) of the inserts: the rest of their wall time is waiting for the disk. */
let insertCpuMs = 0;
/** The slowest insert of the decade: a checkpoint of the WAL into the database file happens inside a commit. */
let slowestMs = 0;
const insert = store.insertSealedBatch.bind(store);
store.insertSealedBatch = (sealed) => {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  insert(sealed);
  const cpu = process.cpuUsage(cpu0);
  insertCpuMs += (cpu.user + cpu.system) / 1000;
  const ms = performance.now() - t0;
  insertMs += ms;
  slowestMs = Math.max(slowestMs, ms);
};

const decades: number[] = [];
for (let d = 10 ** Math.ceil(Math.log10(perBatch)); d < total; d *= 10) decades.push(d);
decades.push(total);

console.log(
  `store writes: ${total.toLocaleString('en')} messages, ${perBatch} a batch, ${perBlock} a block, one a transaction; ` +
    `load average ${loadavg()[0].toFixed(1)}`,
);
const rows: string[][] = [
  ['messages', 'µs/msg, last tenth', 'µs/msg, decade', 'of it CPU', 'slowest batch ms', 'store MB'],
];
const started = performance.now();
try {
  const chain = new SyntheticChain();
  let stored = 0;
  for (const upTo of decades) {
    const decadeStart = insertMs;
    const decadeCpu = insertCpuMs;
    slowestMs = 0;
    const decadeFrom = stored;
    // The last tenth of the decade (at least one batch): what a message costs near this size.
    const tailFrom = Math.max(stored, upTo - Math.max(perBatch, Math.round((upTo - stored) / 10)));
    let tailMs = 0;
    while (stored < upTo) {
      const count = Math.min(perBatch, upTo - stored);
      chain.mine(count);
      const before = insertMs;
      for (;;) {
        const r = await sealBatch({ store, upstream: chain, chainId: BigInt(CHAIN_ID), settlesOn: 9n, force: true });
        if (!r.sealed || !r.more) break;
      }
      if (stored >= tailFrom) tailMs += insertMs - before;
      stored += count;
    }
    const tailCount = stored - tailFrom;
    const size = statSync(join(dir, 'node.sqlite')).size + walSize(dir);
    rows.push([
      stored.toLocaleString('en'),
      ((tailMs * 1000) / tailCount).toFixed(1),
      (((insertMs - decadeStart) * 1000) / (stored - decadeFrom)).toFixed(1),
      (((insertCpuMs - decadeCpu) * 1000) / (stored - decadeFrom)).toFixed(1),
      slowestMs.toFixed(0),
      (size / 2 ** 20).toFixed(0),
    ]);
  }
} finally {
  store.close();
  rmSync(dir, { recursive: true, force: true });
}
printTable(rows);
console.log(
  `(${((performance.now() - started) / 1000).toFixed(0)} s, ${(insertMs / 1000).toFixed(1)} s of it inserting; ` +
    `load average now ${loadavg()[0].toFixed(1)})`,
);

function walSize(dataDir: string): number {
  try {
    return statSync(join(dataDir, 'node.sqlite-wal')).size;
  } catch {
    return 0;
  }
}

function printTable(table: string[][]): void {
  const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
  for (const [i, row] of table.entries()) {
    console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}
