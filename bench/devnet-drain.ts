// Throughput side by side: the same sendInteropMessage calls from the same senders, once straight to two bare
// anvils carrying the same contract code (no node), once through the devnet until every message is verifiable on
// the other L2. Prints both rates, their ratio, and the CPU time each process spent per message.
// Run: npm run build && node dist/bench/devnet-drain.js [--messages 3000] [--senders 100] [--profile <dir>]
//      [--runs 1] (that many bare/devnet pairs, each on fresh processes, and the median ratio: a 3,000-call drain
//      on automine lasts about a second, and one pair's ratio swings with whatever else the machine does)
//      [--batch-ms 250] (a batch interval longer than the run, e.g. 60000, measures the relay alone: the devnet's
//      last receipt then comes with nothing sealed, committed or imported meanwhile)
//      [--block-time <s>] (interval mining on the L2s, bare and devnet alike, e.g. 0.1; rounds then go out back to
//      back instead of each waiting for the previous one's receipt)
// Senders: --senders accounts per chain (fresh keys, funded on the fly), each sending messages/(2·senders)
// transactions with consecutive nonces; every transaction is signed before the clock starts (the same signed
// bytes go to the bare anvils and to the devnet, whose L2s have the same chain ids), and each JSON-RPC batch
// carries at most one transaction per sender. The clock runs from the first send to the last receipt (bare)
// or to the last message of each chain being imported on the other L2 and verifying there (devnet).
// --profile writes a V8 CPU profile of the devnet process (the node) into <dir> (open it in Chrome DevTools).
// The load generator shares the machine's cores with the anvils and the node: compare the two rates of one run.

import { getL2ChainIds } from '@interop/devnet';
import { flags, percentile, startBenchDevnet } from './devnet-common.js';
import {
  anvilsOf,
  CENTER,
  cpuMeter,
  type DrainLoad,
  drainBareAnvils,
  drainChain,
  formatCpu,
  fundSenders,
  mergeAnvils,
  signDrainLoad,
} from './drain-load.js';
import { waitVerifiable } from './messages.js';

const opts = flags({ messages: '3000', senders: '100', profile: '', 'batch-ms': '250', 'block-time': '', runs: '1' });
const blockTime = opts['block-time'] === '' ? undefined : Number(opts['block-time']);

/** The devnet run: seconds to the last receipt, to verifiable, and CPU per process (node, anvils, generator). */
async function drainDevnet(load: DrainLoad) {
  const devnet = await startBenchDevnet({
    l2Count: 2,
    batchMs: Number(opts['batch-ms']),
    blockTime,
    nodeArgs: opts.profile ? ['--cpu-prof', '--cpu-prof-dir', opts.profile] : [],
  });
  try {
    const chains = devnet.json.l2;
    if (chains.some((c, i) => c.chainId !== Number(getL2ChainIds(2)[i]))) throw new Error('unexpected chain ids');
    for (const c of chains) await fundSenders(c.rpcUrl, devnet.json.accounts[0].address, load);
    const anvils = anvilsOf(devnet.pid);
    const meter = cpuMeter({
      node: devnet.pid,
      'L2 anvils': anvils.get(chains[0].chainId) ?? 0,
      'L2 anvil 2': anvils.get(chains[1].chainId) ?? 0,
      'settlement anvil': anvils.get(devnet.json.l1.chainId) ?? 0,
      'load generator': process.pid,
    });
    const t0 = performance.now();
    let lastReceipt = 0;
    await Promise.all(
      chains.map(async (c, i) => {
        const receipts = await drainChain(c.rpcUrl, load.signed[i], blockTime !== undefined);
        lastReceipt = Math.max(lastReceipt, performance.now() - t0);
        const log = receipts.at(-1)!.logs.find((l) => l.address.toLowerCase() === CENTER && l.topics.length === 4);
        if (!log) throw new Error('no InteropMessageSent log in the last send');
        await waitVerifiable(c.rpcUrl, chains[1 - i].rpcUrl, log.topics[1], { timeoutMs: 60_000, pollMs: 20 });
      }),
    ).catch((err: Error) => {
      throw new Error(`${err.message}\nthe devnet's last lines:\n${devnet.output()}`);
    });
    const seconds = (performance.now() - t0) / 1000;
    return { seconds, lastReceipt: lastReceipt / 1000, cpu: mergeAnvils(meter()) };
  } finally {
    await devnet.stop();
  }
}

const log = (m: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${m}`);
log('signing');
const load = await signDrainLoad(Number(opts.messages), Number(opts.senders));
const runs = Number(opts.runs);
const mining = blockTime === undefined ? 'a block per transaction' : `a block every ${blockTime} s`;
console.log(`${load.count} sendInteropMessage calls, ${opts.senders} senders per chain, 2 L2s, mining ${mining}`);
const ratios: number[] = [];
// CPU of every process of each run, per message: bare (anvils, generator) and devnet (node, anvils, generator).
const cpuPerMessage = { bare: [] as number[], devnet: [] as number[] };
const totalMs = (cpu: Record<string, number>) => (1000 * Object.values(cpu).reduce((a, b) => a + b, 0)) / load.count;
for (let run = 1; run <= runs; run++) {
  // Fresh anvils and a fresh devnet each run: the same signed transactions (nonces from 0) fit every run. Every
  // other run drains the devnet first, so a machine that speeds up or slows down over a series favours neither.
  const drainBare = () => {
    log(`run ${run} of ${runs}: bare anvils`);
    return drainBareAnvils(load, blockTime);
  };
  const drainThroughDevnet = () => {
    log(`run ${run} of ${runs}: devnet`);
    return drainDevnet(load);
  };
  const devnetFirst = run % 2 === 0 ? await drainThroughDevnet() : undefined;
  const bare = await drainBare();
  const devnet = devnetFirst ?? (await drainThroughDevnet());
  const bareRate = load.count / bare.seconds;
  const devnetRate = load.count / devnet.seconds;
  ratios.push(devnetRate / bareRate);
  cpuPerMessage.bare.push(totalMs(bare.cpu));
  cpuPerMessage.devnet.push(totalMs(devnet.cpu));
  if (runs > 1) console.log(`run ${run}:`);
  console.log(`bare anvils:  ${bareRate.toFixed(0)} calls/s (${bare.seconds.toFixed(2)} s to the last receipt)`);
  console.log(
    `devnet:       ${devnetRate.toFixed(0)} msg/s to verifiable on the other L2 (${devnet.seconds.toFixed(2)} s; last receipt at ${devnet.lastReceipt.toFixed(2)} s = ${(load.count / devnet.lastReceipt).toFixed(0)} calls/s through the node)`,
  );
  console.log(`ratio devnet/bare: ${(devnetRate / bareRate).toFixed(2)}`);
  console.log(`CPU, bare:   ${formatCpu(bare.cpu, load.count)}`);
  console.log(`CPU, devnet: ${formatCpu(devnet.cpu, load.count)}`);
}
if (runs > 1) {
  const median = (xs: number[]) => percentile(xs, 50);
  console.log(
    `ratio over ${runs} runs: median ${median(ratios).toFixed(2)}, min ${Math.min(...ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)} (${ratios.map((r) => r.toFixed(2)).join(', ')})`,
  );
  console.log(
    `CPU per message, all processes (median): bare ${median(cpuPerMessage.bare).toFixed(3)} ms, devnet ${median(cpuPerMessage.devnet).toFixed(3)} ms: ratio ${(median(cpuPerMessage.bare) / median(cpuPerMessage.devnet)).toFixed(2)}`,
  );
}
