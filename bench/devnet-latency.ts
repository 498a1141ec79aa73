// Send → verifiable-on-another-L2 latency at fixed rates across 2 L2s (250 ms batches by default).
// Run: npm run build && node dist/bench/devnet-latency.js [--rates 10,100,1000] [--duration 10] [--batch-ms 250]
import { flags, startBenchDevnet } from './devnet-common.js';
import { measureLatency } from './devnet-measure.js';

const opts = flags({ rates: '10,100,1000', duration: '10', 'batch-ms': '250' });
const devnet = await startBenchDevnet({ l2Count: 2, batchMs: Number(opts['batch-ms']) });
try {
  console.log(`devnet: ${devnet.readyLine.trim()} (batch ${opts['batch-ms']} ms, 2 L2s)`);
  console.log('rate/s  achieved  sent  failed  unresolved  p50 ms  p99 ms  max ms  p50 1st/3rd third  sample verified');
  for (const rate of opts.rates.split(',').map(Number)) {
    const r = await measureLatency(devnet.json, rate, Number(opts.duration));
    console.log(
      [
        r.targetRate,
        r.achievedRate,
        r.sent,
        r.failed,
        r.unresolved,
        r.p50Ms,
        r.p99Ms,
        r.maxMs,
        `${r.p50FirstThirdMs}/${r.p50LastThirdMs}`,
        r.sampleVerified,
      ].join('\t'),
    );
  }
} finally {
  await devnet.stop();
}
