// The drain load shared by bench/devnet-drain.ts and bench/devnet-sustained.ts: `sendInteropMessage` calls from
// fresh senders, every transaction signed before the clock starts (the same signed bytes fit the bare anvils and
// the devnet, whose L2s have the same chain ids), sent in rounds (one JSON-RPC batch per round carrying one
// transaction of each sender) and the CPU time each process spent meanwhile.
import { readFileSync } from 'node:fs';
import { InteropCenter } from '@interop/contracts';
import { type AnvilInstance, getL2ChainIds, startAnvil } from '@interop/devnet';
import { installSystemContracts } from '@interop/devnet/deploy';
import { encodeFunctionData, type Hex, keccak256, numberToHex, toHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { rpc, rpcBatch, sleep } from './devnet-common.js';

export const CENTER = '0x0000000000000000000000000000000000010008';
const GAS = 0x30000n;
// High enough for the base fee that full interval-mined blocks push up (12.5% a block at most) during a long drain.
const GAS_PRICE = 1_000_000_000_000n;

export type Receipt = { status: Hex; logs: { address: string; topics: Hex[] }[] };

/** Per chain, per round: one signed sendInteropMessage of every sender (round r uses nonce r). */
export type DrainLoad = {
  senders: ReturnType<typeof privateKeyToAccount>[];
  /** signed[chain][round][sender] */
  signed: Hex[][][];
  /** Transactions in all. */
  count: number;
};

/** Signs `messages` sends, split over 2 L2s (the devnet's chain ids) and `sendersPerChain` senders on each. */
export async function signDrainLoad(messages: number, sendersPerChain: number): Promise<DrainLoad> {
  const perSender = Math.ceil(messages / 2 / sendersPerChain);
  const senders = Array.from({ length: sendersPerChain }, (_, i) =>
    privateKeyToAccount(keccak256(toHex(`interop drain sender ${i}`))),
  );
  const signRound = (chainId: number, r: number) =>
    Promise.all(
      senders.map((account, s) =>
        account.signTransaction({
          chainId,
          type: 'legacy',
          to: CENTER,
          nonce: r,
          gas: GAS,
          gasPrice: GAS_PRICE,
          data: encodeFunctionData({
            abi: InteropCenter.abi,
            functionName: 'sendInteropMessage',
            args: [numberToHex(r * sendersPerChain + s, { size: 8 })],
          }),
        }),
      ),
    );
  const signed = await Promise.all(
    getL2ChainIds(2).map(async (id) => {
      const rounds: Hex[][] = [];
      for (let r = 0; r < perSender; r++) rounds.push(await signRound(Number(id), r));
      return rounds;
    }),
  );
  return { senders, signed, count: 2 * perSender * sendersPerChain };
}

/**
 * Funds every sender on `url` from `from` (an unlocked account), one send at a time (anvil sometimes drops one of
 * several sends of one account in one JSON-RPC batch, leaving a nonce gap).
 */
export async function fundSenders(url: string, from: Hex, load: DrainLoad) {
  const nonce = Number(await rpc<Hex>(url, 'eth_getTransactionCount', [from, 'pending']));
  const value = numberToHex(GAS * GAS_PRICE * BigInt(load.signed[0].length + 1));
  let last: Hex | undefined;
  for (const [i, a] of load.senders.entries())
    last = await rpc<Hex>(url, 'eth_sendTransaction', [{ from, to: a.address, value, nonce: numberToHex(nonce + i) }]);
  if (last) await waitReceipts(url, [last]);
}

/** A transaction was not mined in time (on a bare automining anvil: foundry-rs/foundry#10122, see below). */
export class MissingReceiptError extends Error {
  override name = 'MissingReceiptError';
}

/** The receipts of `hashes` once all are mined; throws naming the first one still missing after `timeoutMs`. */
export async function waitReceipts(url: string, hashes: Hex[], timeoutMs = 60_000): Promise<Receipt[]> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const receipts = await rpcBatch<Receipt | null>(
      url,
      hashes.map((h) => ['eth_getTransactionReceipt', [h]]),
    );
    if (receipts.every((r) => r !== null)) return receipts as Receipt[];
    if (performance.now() > deadline) {
      const missing = hashes[receipts.indexOf(null)];
      const tx = await rpc<{ from: Hex; nonce: Hex } | null>(url, 'eth_getTransactionByHash', [missing]);
      throw new MissingReceiptError(
        `${url}: no receipt after ${timeoutMs / 1000} s for ${missing} (${tx ? `from ${tx.from}, nonce ${Number(tx.nonce)}, pending` : 'unknown to the node'})`,
      );
    }
    await sleep(10);
  }
}

/** JSON-RPC batches in flight per chain when rounds are pipelined. */
const ROUNDS_IN_FLIGHT = 4;

/**
 * Sends every round to `url`; resolves to the last round's receipts. On automine a round waits until the previous
 * one is mined (each transaction is its own block). With interval mining (`pipelined`) up to four rounds are in
 * flight at once (a later nonce arriving first waits in anvil's pool for the earlier one): waiting for a block per
 * round would measure the block time, and one round at a time the round trip, not the chain.
 */
export async function drainChain(
  url: string,
  rounds: Hex[][],
  pipelined = false,
  receiptTimeoutMs = 60_000,
): Promise<Receipt[]> {
  const send = (round: Hex[]) =>
    rpcBatch<Hex>(
      url,
      round.map((raw) => ['eth_sendRawTransaction', [raw]]),
    );
  let last: Hex[] = [];
  if (pipelined) {
    const inFlight: Promise<Hex[]>[] = [];
    for (const round of rounds) {
      if (inFlight.length === ROUNDS_IN_FLIGHT) await inFlight.shift();
      inFlight.push(send(round));
    }
    last = (await Promise.all(inFlight)).at(-1) ?? [];
  } else {
    for (const round of rounds) {
      last = await send(round);
      await waitReceipts(url, [last.at(-1)!], receiptTimeoutMs);
    }
  }
  const receipts = await waitReceipts(url, last, receiptTimeoutMs);
  if (receipts.some((r) => r.status !== '0x1')) throw new Error(`a send reverted on ${url}`);
  return receipts;
}

/** CPU seconds (user + system) a process has used so far; 0 when it is gone or /proc is not there. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

/** Children of a process (Linux). */
function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** The anvils a process started (behind their watchdog shells), by chain id (Linux). */
export function anvilsOf(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  const visit = (p: number) => {
    for (const child of childPids(p)) {
      const args = readFileSync(`/proc/${child}/cmdline`, 'latin1').split('\u0000');
      const at = args.indexOf('--chain-id');
      if (args[0].endsWith('anvil') && at > 0) out.set(Number(args[at + 1]), child);
      else visit(child);
    }
  };
  visit(pid);
  return out;
}

/** CPU seconds used by each named process between `start()` and `stop()`. */
export function cpuMeter(pids: Record<string, number>) {
  const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuSeconds(pid)]));
  return () => Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuSeconds(pid) - before[k]]));
}

/**
 * The bare run: two anvils with the L2 system contracts, no node (mining like the devnet's L2s: `blockTime` seconds
 * between blocks, or a block per transaction); seconds to the last receipt and CPU per process.
 */
export async function drainBareAnvils(
  load: DrainLoad,
  blockTime?: number,
): Promise<{ seconds: number; cpu: Record<string, number> }> {
  // anvil's automine now and then leaves a ready transaction unmined until the next one arrives
  // (foundry-rs/foundry#10122); after the last round none does. The devnet's node mines such a block when the sends
  // pause; a bare anvil waits forever, so a bare run gives up after 5 s and runs again on fresh anvils.
  for (let attempt = 1; ; attempt++) {
    try {
      return await drainBareAnvilsOnce(load, blockTime, blockTime === undefined ? 5_000 : 60_000);
    } catch (err) {
      if (!(err instanceof MissingReceiptError) || attempt === 3) throw err;
      console.error(`a bare anvil left a transaction unmined (foundry-rs/foundry#10122); running the bare drain again`);
    }
  }
}

async function drainBareAnvilsOnce(load: DrainLoad, blockTime: number | undefined, receiptTimeoutMs: number) {
  const anvils: AnvilInstance[] = [];
  try {
    for (const id of getL2ChainIds(2)) anvils.push(await startAnvil({ chainId: Number(id), blockTime }));
    for (const a of anvils) await installSystemContracts({ rpcUrl: a.rpcUrl });
    const prefunded = (await rpc<Hex[]>(anvils[0].rpcUrl, 'eth_accounts'))[0];
    for (const a of anvils) await fundSenders(a.rpcUrl, prefunded, load);
    const meter = cpuMeter({
      'L2 anvils': anvils[0].pid,
      'L2 anvil 2': anvils[1].pid,
      'load generator': process.pid,
    });
    const t0 = performance.now();
    await Promise.all(
      anvils.map((a, i) => drainChain(a.rpcUrl, load.signed[i], blockTime !== undefined, receiptTimeoutMs)),
    );
    const seconds = (performance.now() - t0) / 1000;
    return { seconds, cpu: mergeAnvils(meter()) };
  } finally {
    for (const a of anvils) await a.stop();
  }
}

/** Adds the second L2 anvil's CPU into 'L2 anvils'. */
export function mergeAnvils(cpu: Record<string, number>): Record<string, number> {
  const { 'L2 anvil 2': second = 0, ...rest } = cpu;
  return { ...rest, 'L2 anvils': (rest['L2 anvils'] ?? 0) + second };
}

/** "name 1.23 s (0.41 ms/msg)" for each process. */
export function formatCpu(cpu: Record<string, number>, messages: number): string {
  return Object.entries(cpu)
    .map(([k, s]) => `${k} ${s.toFixed(2)} s (${((1000 * s) / messages).toFixed(2)} ms/msg)`)
    .join(', ');
}
