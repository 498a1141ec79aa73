// Fault campaign (not a timed test): continuous sends on two L2s while `interop node` (a child process) is
// SIGKILLed and restarted at random moments, the settlement layer is stopped and restarted with its state, and
// network snapshots are taken and reverted through the node. Then the invariants are checked: every message on
// the chains (sent and not reverted) verifies on every chain and on the settlement layer, every reverted message
// is unknown, every batch is committed and executed exactly once with contiguous blocks, the node reports itself
// healthy. Loopback only; every loop is bounded. Prints the counts; exits 1 on any violation.
//
//   npm run build && node dist/bench/fault-campaign.js [--rounds 36] [--seed 1] [--interval 40]
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InteropCenter, InteropSettlement } from '@interop/contracts';
import { type AnvilInstance, findFreePorts, startAnvil } from '@interop/devnet';
import { deploySettlementContracts, installSystemContracts } from '@interop/devnet/deploy';
import type { RpcInteropMessageProof } from '@interop/sdk';
import { INTEROP_CENTER_ADDRESS } from '@interop/sdk/core';
import { type Address, createPublicClient, createWalletClient, type Hex, http, parseEventLogs } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { flags } from './devnet-common.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(root, 'packages', 'cli', 'bin', 'interop.js');
/** anvil's default keys: 0 deploys, 1-2 send (one per L2), 8-9 operate the L2s. */
const KEYS = {
  deployer: '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  senders: [
    '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
    '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
  ],
  operators: [
    '0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97',
    '0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6',
  ],
} as const;
const SETTLEMENT_ARGS = ['--gas-limit', '1000000000'];

const opts = flags({ rounds: '36', seed: '1', interval: '40' });
const ROUNDS = Number(opts.rounds);
const SEND_INTERVAL_MS = Number(opts.interval);

// A small seeded PRNG (mulberry32), so a run can be repeated with the same choices.
let seed = Number(opts.seed) >>> 0;
function random(): number {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const between = (lo: number, hi: number) => Math.floor(lo + random() * (hi - lo));
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const counts = { kills: 0, outages: 0, snapshotCycles: 0, sent: 0, reverted: 0, checked: 0, violations: 0 };
const violations: string[] = [];
function violation(line: string) {
  counts.violations++;
  if (violations.length < 50) violations.push(line);
}

async function rpc<T = unknown>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = (await res.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

/** Polls `fn` until it returns a value (not null/undefined/false) or `timeoutMs` passes (then undefined). */
async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const v = await fn().catch(() => undefined);
    if (v !== null && v !== undefined && v !== false) return v as T;
    await sleep(100);
  }
  return undefined;
}

// ---------------------------------------------------------------- the network: three anvils and the contracts

type Network = {
  dataDir: string;
  settlement: AnvilInstance;
  settlementPort: number;
  statePath: string;
  settlementAddress: Address;
  l2s: AnvilInstance[];
  nodePorts: number[];
  configPath: string;
};

async function startNetwork(): Promise<Network> {
  const dataDir = mkdtempSync(join(tmpdir(), 'interop-fault-campaign-'));
  const statePath = join(dataDir, 'settlement-state.json');
  // Restarted on the same ports after every kill: ports below the OS's ephemeral range, which no bind(0) or
  // outgoing connection takes meanwhile.
  const [settlementPort, ...nodePorts] = await findFreePorts(3);
  const settlement = await startAnvil({
    chainId: 9,
    port: settlementPort,
    args: [...SETTLEMENT_ARGS, '--state', statePath],
  });
  const l2s = [await startAnvil({ chainId: 271 }), await startAnvil({ chainId: 272 })];
  await Promise.all(l2s.map((l2) => installSystemContracts({ rpcUrl: l2.rpcUrl })));
  const deployed = await deploySettlementContracts({
    rpcUrl: settlement.rpcUrl,
    account: privateKeyToAccount(KEYS.deployer),
    chains: l2s.map((l2, i) => ({
      chainId: BigInt(l2.chainId),
      operator: privateKeyToAccount(KEYS.operators[i]).address,
    })),
  });
  const configPath = join(dataDir, 'node.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      settlement: {
        chainId: 9,
        rpcUrl: settlement.rpcUrl,
        contracts: { settlement: deployed.settlement, deployBlockNumber: Number(deployed.deployBlockNumber) },
      },
      chains: l2s.map((l2, i) => ({
        chainId: l2.chainId,
        rpcUrl: l2.rpcUrl,
        port: nodePorts[i],
        operatorPrivateKey: KEYS.operators[i],
        systemCaller: 'impersonate',
      })),
      dataDir: 'node-data',
      batchMs: 100,
      // As on the devnet: the campaign uses the network-wide evm_snapshot / evm_revert through the node.
      passThroughMethods: '*',
    }),
  );
  return {
    dataDir,
    settlement,
    settlementPort,
    statePath,
    settlementAddress: deployed.settlement,
    l2s,
    nodePorts,
    configPath,
  };
}

const nodeUrl = (net: Network, i: number) => `http://127.0.0.1:${net.nodePorts[i]}`;

// ---------------------------------------------------------------- the node as a child process

type NodeChild = { child: ChildProcess; exited: Promise<void> };

async function spawnNode(net: Network): Promise<NodeChild> {
  const log = openSync(join(net.dataDir, 'node.log'), 'a');
  const child = spawn(process.execPath, [CLI, 'node', '--config', net.configPath], {
    stdio: ['ignore', 'pipe', log],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const ready = await waitFor(async () => /^ready$/m.test(out) || child.exitCode !== null, 60_000);
  if (!ready || child.exitCode !== null) throw new Error(`the node did not start (see ${net.dataDir}/node.log)`);
  return { child, exited };
}

async function killNode(node: NodeChild): Promise<void> {
  node.child.kill('SIGKILL');
  await node.exited;
}

// ---------------------------------------------------------------- senders: one account per L2, one send at a time

type Sent = { chain: number; interopHash: Hex };

class Sender {
  readonly sent: Sent[] = [];
  private paused = false;
  private stopped = false;
  private idle: Promise<void> = Promise.resolve();
  private done: Promise<void> | undefined;
  private readonly wallet;
  private readonly client;

  constructor(
    readonly chain: number,
    rpcUrl: string,
    key: Hex,
  ) {
    const account = privateKeyToAccount(key);
    this.wallet = createWalletClient({ account, transport: http(rpcUrl) });
    this.client = createPublicClient({ transport: http(rpcUrl), pollingInterval: 20 });
  }

  start(): void {
    this.done = (async () => {
      while (!this.stopped) {
        if (!this.paused) {
          // A failed send is not recorded; the chain's own events decide what was sent.
          this.idle = this.sendOne().then(
            () => {},
            () => {},
          );
          await this.idle;
        }
        await sleep(SEND_INTERVAL_MS);
      }
    })();
  }

  /** Sends one message straight to the L2 anvil (the node may be down) and records it. */
  async sendOne(): Promise<Sent> {
    const hash = await this.wallet.writeContract({
      address: INTEROP_CENTER_ADDRESS,
      abi: InteropCenter.abi,
      functionName: 'sendInteropMessage',
      args: [`0x${counts.sent.toString(16).padStart(8, '0')}`],
      chain: null,
    });
    const receipt = await this.client.waitForTransactionReceipt({ hash, timeout: 30_000 });
    const [event] = parseEventLogs({ abi: InteropCenter.abi, logs: receipt.logs, eventName: 'InteropMessageSent' });
    const sent = { chain: this.chain, interopHash: event.args.interopHash };
    this.sent.push(sent);
    counts.sent++;
    return sent;
  }

  async pause(): Promise<void> {
    this.paused = true;
    await this.idle;
  }

  resume(): void {
    this.paused = false;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.done;
  }
}

// ---------------------------------------------------------------- faults

/** Stops the settlement anvil (it writes its state), waits, and starts it again on the same port and state. */
async function settlementOutage(net: Network): Promise<void> {
  await net.settlement.stop();
  await sleep(between(500, 2500));
  net.settlement = await startAnvil({
    chainId: 9,
    port: net.settlementPort,
    args: [...SETTLEMENT_ARGS, '--state', net.statePath],
  });
  counts.outages++;
}

/**
 * A network snapshot through the node's 271 endpoint, a few messages on both chains, time for some to be sealed
 * and settled, then a network revert: those messages must be gone everywhere.
 */
async function snapshotCycle(net: Network, senders: Sender[]): Promise<Sent[]> {
  await Promise.all(senders.map((s) => s.pause()));
  try {
    const id = await rpc<Hex>(nodeUrl(net, 0), 'evm_snapshot');
    const doomed: Sent[] = [];
    for (let i = 0; i < 3; i++) for (const s of senders) doomed.push(await s.sendOne());
    await sleep(between(100, 2000));
    if ((await rpc<boolean>(nodeUrl(net, 1), 'evm_revert', [id])) !== true)
      violation(`evm_revert(${id}) through the node did not answer true`);
    counts.snapshotCycles++;
    counts.reverted += doomed.length;
    return doomed;
  } finally {
    for (const s of senders) s.resume();
  }
}

// ---------------------------------------------------------------- invariants

/** Every InteropMessageSent event now on an L2 (the chain is the judge of what was sent and not reverted). */
async function messagesOnChain(l2: AnvilInstance): Promise<Hex[]> {
  const client = createPublicClient({ transport: http(l2.rpcUrl) });
  const logs = await client.getLogs({
    address: INTEROP_CENTER_ADDRESS,
    fromBlock: 0n,
    toBlock: await client.getBlockNumber(),
  });
  return parseEventLogs({ abi: InteropCenter.abi, logs, eventName: 'InteropMessageSent' }).map(
    (e) => e.args.interopHash,
  );
}

/** A message's proof from its node endpoint verifies on every L2 and on the settlement layer. */
async function checkMessage(net: Network, chainIndex: number, interopHash: Hex): Promise<void> {
  const proof = await waitFor(
    () => rpc<RpcInteropMessageProof | null>(nodeUrl(net, chainIndex), 'interop_getMessageProof', [interopHash]),
    120_000,
  );
  if (!proof) return violation(`chain ${271 + chainIndex}: message ${interopHash} has no proof`);
  const args = [
    interopHash,
    {
      chainId: BigInt(proof.chainId),
      l1BatchNumber: BigInt(proof.l1BatchNumber),
      l2MessageIndex: BigInt(proof.l2MessageIndex),
      txNumberInBatch: proof.txNumberInBatch,
      proof: proof.proof,
    },
  ] as const;
  for (const l2 of net.l2s) {
    const client = createPublicClient({ transport: http(l2.rpcUrl) });
    const read = () =>
      client.readContract({
        address: INTEROP_CENTER_ADDRESS,
        abi: InteropCenter.abi,
        functionName: 'verifyInteropMessage',
        args,
      });
    // The root may still be on its way to this chain.
    if (!(await waitFor(read, 60_000)))
      violation(`message ${interopHash} (chain ${271 + chainIndex}) does not verify on chain ${l2.chainId}`);
  }
  const settlement = createPublicClient({ transport: http(net.settlement.rpcUrl) });
  const onSettlement = await settlement.readContract({
    address: net.settlementAddress,
    abi: InteropSettlement.abi,
    functionName: 'verifyInteropMessage',
    args,
  });
  if (!onSettlement)
    violation(`message ${interopHash} (chain ${271 + chainIndex}) does not verify on the settlement layer`);
  counts.checked++;
}

/** The settlement contract's events: batches 1..n of each chain committed and executed once, contiguous blocks. */
async function checkBatches(net: Network): Promise<Record<number, number>> {
  const client = createPublicClient({ transport: http(net.settlement.rpcUrl) });
  const logs = await client.getLogs({ address: net.settlementAddress, fromBlock: 0n, toBlock: 'latest' });
  const committed = parseEventLogs({ abi: InteropSettlement.abi, logs, eventName: 'BatchCommitted' });
  const executed = parseEventLogs({ abi: InteropSettlement.abi, logs, eventName: 'BatchExecuted' });
  const batches: Record<number, number> = {};
  for (const l2 of net.l2s) {
    const id = BigInt(l2.chainId);
    const mine = committed.filter((e) => e.args.chainId === id);
    const numbers = mine.map((e) => Number(e.args.batchNumber));
    numbers.forEach((n, i) => {
      if (n !== i + 1) violation(`chain ${l2.chainId}: commit #${i + 1} is batch ${n} (skipped or committed twice)`);
    });
    for (let i = 1; i < mine.length; i++)
      if (mine[i].args.firstBlock !== mine[i - 1].args.lastBlock + 1n)
        violation(`chain ${l2.chainId}: batch ${numbers[i]} does not start where batch ${numbers[i - 1]} ended`);
    const done = executed.filter((e) => e.args.chainId === id).map((e) => Number(e.args.batchNumber));
    if (done.join() !== numbers.join()) violation(`chain ${l2.chainId}: executed ${done} but committed ${numbers}`);
    batches[l2.chainId] = numbers.length;
  }
  return batches;
}

async function checkInvariants(net: Network, senders: Sender[], reverted: Sent[]): Promise<Record<number, number>> {
  for (let i = 0; i < net.l2s.length; i++) {
    const onChain = await messagesOnChain(net.l2s[i]);
    const present = new Set(onChain);
    for (const s of senders[i].sent)
      if (!present.has(s.interopHash) && !reverted.some((r) => r.interopHash === s.interopHash))
        violation(`chain ${271 + i}: message ${s.interopHash} was sent but is not on the chain`);
    for (const r of reverted.filter((x) => x.chain === 271 + i)) {
      if (present.has(r.interopHash)) violation(`chain ${271 + i}: reverted message ${r.interopHash} is on the chain`);
      else if ((await rpc(nodeUrl(net, i), 'interop_getMessageStatus', [r.interopHash])) !== null)
        violation(`chain ${271 + i}: reverted message ${r.interopHash} still has a status`);
    }
    for (const interopHash of onChain) await checkMessage(net, i, interopHash);
  }
  const health = await rpc<{ ok: boolean; problems: string[] }>(nodeUrl(net, 0), 'interop_health');
  if (!health.ok) violation(`interop_health: ${health.problems.join('; ')}`);
  return checkBatches(net);
}

// ---------------------------------------------------------------- the campaign

async function main() {
  const started = Date.now();
  const net = await startNetwork();
  let node = await spawnNode(net);
  const senders = net.l2s.map((l2, i) => new Sender(l2.chainId, l2.rpcUrl, KEYS.senders[i]));
  const reverted: Sent[] = [];
  try {
    for (const s of senders) s.start();
    for (let round = 1; round <= ROUNDS; round++) {
      await sleep(between(50, 2000)); // a random point in the node's work
      if (round % 6 === 3) await settlementOutage(net);
      if (round % 5 === 4) reverted.push(...(await snapshotCycle(net, senders)));
      await killNode(node);
      counts.kills++;
      if (random() < 0.5) await sleep(between(50, 1500)); // down for a while; sends go on
      node = await spawnNode(net);
      process.stderr.write(`round ${round}/${ROUNDS}: ${JSON.stringify(counts)}\n`);
    }
    await Promise.all(senders.map((s) => s.stop()));
    const batches = await checkInvariants(net, senders, reverted);
    const seconds = Math.round((Date.now() - started) / 1000);
    console.log(JSON.stringify({ ...counts, batches, seconds, seed: Number(opts.seed) }));
    for (const v of violations) console.log(`VIOLATION: ${v}`);
    if (counts.violations > 0) console.log(`node log and data kept in ${net.dataDir}`);
    process.exitCode = counts.violations > 0 ? 1 : 0;
  } finally {
    await Promise.all(senders.map((s) => s.stop()));
    await killNode(node);
    await net.settlement.stop();
    await Promise.all(net.l2s.map((l2) => l2.stop()));
    if (counts.violations === 0) rmSync(net.dataDir, { recursive: true, force: true });
  }
}

await main();
