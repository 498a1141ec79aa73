// `npm run bench` (after `npm run build`): keccak per implementation, then the core (tree roots,
// proof building and verification) with each implementation swapped in, as one table; then the
// gas table of bench/gas.ts (its own anvils, after the CPU rows so they do not disturb them).
// `node dist/bench/run.js --quick` measures the core with the implementation in use only, no gas;
// `--no-gas` skips the gas table. The devnet benchmarks (bench/devnet-*.ts) run separately.
import { cpus } from 'node:os';
import { keccakImplementation } from '@interop/sdk/keccak';
import { coreBenches } from './core.js';
import { gasBench } from './gas.js';
import { formatTable } from './harness.js';
import { allBackends, keccakBenches } from './keccak.js';

const quick = process.argv.includes('--quick');
const started = Date.now();
console.log(
  `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; keccak in use: ${keccakImplementation()}` +
    (quick ? ' (quick)' : ''),
);
const backends = await allBackends();
const keccak = quick ? [] : await keccakBenches();
const core = await coreBenches(quick ? backends.slice(0, 1) : backends.filter((b) => b.name !== 'js-sha3'));
console.log(formatTable([...keccak, ...core.results]));
for (const line of core.memory) console.log(line);
if (!quick && !process.argv.includes('--no-gas')) {
  console.log('\nGas (eth_estimateGas on anvil, bench/gas.ts):');
  try {
    for (const line of await gasBench()) console.log(line);
  } catch (err) {
    console.error(`gas bench failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}
console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
