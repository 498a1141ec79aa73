// A small benchmark runner: calibrates a batch size, warms up (so V8 and the WASM tier-up have
// optimised the code), then takes several samples and reports the median. Each sample is timed
// in CPU time of this process (process.cpuUsage), not wall time: on a shared machine the wall
// clock also counts the time other processes held the core, which made rows swing by 2-5x. The
// wall-clock median is shown beside it. Ratios between rows of one run are what to compare.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** One measured row. `perOp` divides the time further (e.g. hashes per bulk call). */
export type BenchResult = {
  group: string;
  name: string;
  /** Median CPU time per operation. */
  nsPerOp: number;
  /** Fastest sample's CPU time per operation: the closest to an idle machine. */
  bestNsPerOp: number;
  /** Median wall time per operation (higher than nsPerOp when the machine is busy). */
  wallNsPerOp: number;
  opsPerSec: number;
  /** (max - min) / median of the samples, in percent: how noisy the row was. */
  spreadPct: number;
  heapMB: number;
  rssMB: number;
};

export type BenchOptions = { perOp?: number; sampleMs?: number; samples?: number };

setFlagsFromString('--expose-gc');
/** Full garbage collection (exposed at run time so `node dist/bench/run.js` needs no flags). */
export const gc: () => void = runInNewContext('gc');

const mb = (bytes: number) => bytes / (1 << 20);

/** Times `fn`; each call counts as `perOp` operations. */
export function bench(group: string, name: string, fn: () => unknown, options: BenchOptions = {}): BenchResult {
  const { perOp = 1, sampleMs = 40, samples = 9 } = options;
  gc();
  // Calibrate in CPU time (wall time jumps when the process is descheduled): how many calls fill one sample.
  let calls = 1;
  for (;;) {
    const c = process.cpuUsage();
    for (let i = 0; i < calls; i++) fn();
    const u = process.cpuUsage(c);
    const dt = (u.user + u.system) / 1000;
    if (dt >= sampleMs / 4 || calls >= 1 << 24) {
      calls = Math.max(1, Math.round((calls * sampleMs) / Math.max(dt, 0.01)));
      break;
    }
    calls *= 2;
  }
  // Warm up for about three samples, then measure.
  for (let w = 0; w < 3; w++) for (let i = 0; i < calls; i++) fn();
  const times: number[] = [];
  const walls: number[] = [];
  for (let s = 0; s < samples; s++) {
    const t = performance.now();
    const c = process.cpuUsage();
    for (let i = 0; i < calls; i++) fn();
    const cpu = process.cpuUsage(c);
    walls.push(((performance.now() - t) * 1e6) / (calls * perOp));
    times.push(((cpu.user + cpu.system) * 1e3) / (calls * perOp));
  }
  times.sort((a, b) => a - b);
  walls.sort((a, b) => a - b);
  const median = times[times.length >> 1];
  const mem = process.memoryUsage();
  return {
    group,
    name,
    nsPerOp: median,
    bestNsPerOp: times[0],
    wallNsPerOp: walls[walls.length >> 1],
    opsPerSec: 1e9 / median,
    spreadPct: ((times[times.length - 1] - times[0]) / median) * 100,
    heapMB: mb(mem.heapUsed),
    rssMB: mb(mem.rss),
  };
}

/** Full collections until the heap stops shrinking (array buffer memory is released lazily). */
async function settle(): Promise<number> {
  let last = Infinity;
  for (let i = 0; i < 10; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
    const m = process.memoryUsage();
    const now = m.heapUsed + m.arrayBuffers;
    if (now >= last - 4096) return now;
    last = now;
  }
  return last;
}

/** Heap and array-buffer memory kept alive by what `build` returns, in MB. */
export async function retainedMB(build: () => unknown): Promise<number> {
  const before = await settle();
  const kept = build();
  const after = await settle();
  if (kept === undefined) return NaN; // keeps `kept` alive until after the measurement
  return mb(after - before);
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function formatTime(ns: number): string {
  if (ns >= 1e6) return `${fmt(ns / 1e6, 2)} ms`;
  if (ns >= 1e4) return `${fmt(ns / 1e3, 1)} µs`;
  return `${fmt(ns)} ns`;
}

/** Markdown table of the results (pasteable into docs/performance.md). */
export function formatTable(results: BenchResult[]): string {
  const rows = [
    ['group', 'benchmark', 'ops/s', 'CPU time/op', 'best', '± spread', 'wall time/op', 'heap MB', 'RSS MB'],
    ...results.map((r) => [
      r.group,
      r.name,
      fmt(r.opsPerSec),
      formatTime(r.nsPerOp),
      formatTime(r.bestNsPerOp),
      `${fmt(r.spreadPct)}%`,
      formatTime(r.wallNsPerOp),
      fmt(r.heapMB, 1),
      fmt(r.rssMB, 1),
    ]),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
  return [
    line(rows[0]),
    `|${widths.map((w, c) => (c < 2 ? ':' : '-') + '-'.repeat(w) + (c < 2 ? '-' : ':')).join('|')}|`,
    ...rows.slice(1).map(line),
  ].join('\n');
}
