// The sustained message rate before the backlog grows, next to what the bare anvils take: first the drain load
// (bench/drain-load.ts: 3,000 raw sendInteropMessage from 100 senders per chain) straight to two bare anvils, then
// rates step up on one devnet (2 L2s, 250 ms batches) until the senders cannot keep the rate or latency climbs.
// A rate counts as sustained when ≥ 95% of it was achieved, every message became verifiable, p99 send →
// verifiable is ≤ 2 s, and the p50 of the last third of the run is within 1.5× (+250 ms) of the first third's
// (no growing backlog). The same paced steps also run against two bare anvils (bench/bare-paced.ts: a message counts
// once mined), since a paced load on automine makes a block per message where the drain packs many. Prints the
// highest sustained rate and its ratio to the bare anvils' drain rate and to their own sustained paced rate.
// Run: npm run build && node dist/bench/devnet-sustained.js [--rates 100,200,400,800,1200,1600] [--duration 10]
//      [--block-time <s>] (interval mining on the L2s, bare and devnet alike, e.g. 0.1)

import { measureBarePaced } from './bare-paced.js';
import { flags, startBenchDevnet } from './devnet-common.js';
import { isSustained, type LatencyRun, measureLatency } from './devnet-measure.js';
import { anvilsOf, cpuMeter, drainBareAnvils, formatCpu, mergeAnvils, signDrainLoad } from './drain-load.js';

const opts = flags({
  rates: '100,200,400,800,1200,1600',
  duration: '10',
  'batch-ms': '250',
  messages: '3000',
  'block-time': '',
});
const blockTime = opts['block-time'] === '' ? undefined : Number(opts['block-time']);
const load = await signDrainLoad(Number(opts.messages), 100);
const bare = await drainBareAnvils(load, blockTime);
const bareRate = load.count / bare.seconds;
console.log(`bare anvils: ${bareRate.toFixed(0)} calls/s (${load.count} raw sends, ${bare.seconds.toFixed(2)} s)`);
const rates = opts.rates.split(',').map(Number);
const header = 'target/s  achieved/s  unresolved  p50 ms  p99 ms  p50 first/last third  sustained';
const row = (r: LatencyRun) =>
  [
    r.targetRate,
    r.achievedRate,
    r.unresolved,
    r.p50Ms,
    r.p99Ms,
    `${r.p50FirstThirdMs}/${r.p50LastThirdMs}`,
    isSustained(r) ? 'yes' : 'NO',
  ].join('\t');
const barePaced = await measureBarePaced(rates, Number(opts.duration), blockTime);
console.log('bare anvils, paced (send → mined):');
console.log(header);
for (const r of barePaced.runs) console.log(row(r));
const devnet = await startBenchDevnet({ l2Count: 2, batchMs: Number(opts['batch-ms']), blockTime });
let best = 0;
const cpuLines: string[] = [];
try {
  const mining = blockTime === undefined ? 'a block per transaction' : `a block every ${blockTime} s`;
  console.log(`devnet: ${devnet.readyLine.trim()} (batch ${opts['batch-ms']} ms, 2 L2s, mining ${mining})`);
  console.log('devnet, paced (send → verifiable on the other L2):');
  console.log(header);
  const anvils = anvilsOf(devnet.pid);
  for (const rate of rates) {
    const meter = cpuMeter({
      node: devnet.pid,
      'L2 anvils': anvils.get(devnet.json.l2[0].chainId) ?? 0,
      'L2 anvil 2': anvils.get(devnet.json.l2[1].chainId) ?? 0,
      'settlement anvil': anvils.get(devnet.json.l1.chainId) ?? 0,
      'load generator': process.pid,
    });
    const r = await measureLatency(devnet.json, rate, Number(opts.duration), 60);
    cpuLines.push(`CPU at ${rate}/s: ${formatCpu(mergeAnvils(meter()), r.sent)}`);
    console.log(row(r));
    if (!isSustained(r)) break;
    best = rate;
  }
} finally {
  await devnet.stop();
}
console.log(cpuLines.join('\n'));
console.log(`sustained rate: ${best} msg/s (highest step that held)`);
// Every bare step held: their real paced rate is higher than the list reaches, and the ratio an upper bound.
const bareCapped = barePaced.best === rates.at(-1);
console.log(`bare anvils' sustained paced rate: ${bareCapped ? '≥ ' : ''}${barePaced.best} msg/s`);
console.log(`ratio sustained/bare drain: ${(best / bareRate).toFixed(2)}`);
console.log(
  `ratio sustained/bare paced: ${barePaced.best > 0 ? `${bareCapped ? '≤ ' : ''}${(best / barePaced.best).toFixed(2)}` : 'n/a (no bare step held)'}`,
);
