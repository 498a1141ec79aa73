// Looks inside the devnet process from a benchmark: a probe loaded with NODE_OPTIONS --require reports the
// process's memory every second and, on request, after a forced full GC; on SIGUSR2 it starts or stops a CPU
// profile (the `inspector` module, in process); the profile's samples are then split by where the node spent
// them (stages below). CPU totals come from /proc (the node's process and its anvils, its child processes).
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from './devnet-common.js';

// NODE_OPTIONS --require loads the probe into worker threads too (the store's checkpointer): only the main thread,
// the node's, reports.
const PROBE_SOURCE = `if (!require('worker_threads').isMainThread) return;
const fs = require('fs');
const env = process.env;
setInterval(() => fs.writeFileSync(env.INTEROP_BENCH_HEAP_FILE, JSON.stringify(process.memoryUsage())), 1000).unref();
let gc = null;
setInterval(() => {
  if (!fs.existsSync(env.INTEROP_BENCH_GC_REQUEST)) return;
  fs.rmSync(env.INTEROP_BENCH_GC_REQUEST);
  const before = process.memoryUsage().heapUsed;
  if (!gc) {
    require('v8').setFlagsFromString('--expose-gc');
    gc = require('vm').runInNewContext('gc');
  }
  gc();
  gc();
  const m = process.memoryUsage();
  const out = JSON.stringify({ heapUsedBeforeGc: before, heapUsed: m.heapUsed, heapTotal: m.heapTotal, rss: m.rss });
  fs.writeFileSync(env.INTEROP_BENCH_GC_FILE + '.tmp', out);
  fs.renameSync(env.INTEROP_BENCH_GC_FILE + '.tmp', env.INTEROP_BENCH_GC_FILE);
}, 200).unref();
let session = null;
process.on('SIGUSR2', () => {
  if (!session) {
    session = new (require('inspector').Session)();
    session.connect();
    session.post('Profiler.enable', () =>
      session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start')));
    return;
  }
  const s = session;
  session = null;
  s.post('Profiler.stop', (err, r) => {
    fs.writeFileSync(env.INTEROP_BENCH_PROFILE_FILE, err ? JSON.stringify({ error: String(err) }) : JSON.stringify(r.profile));
    s.disconnect();
  });
});
`;

/** The probe's files and the environment that loads it into the devnet process. */
export type NodeProbe = {
  env: Record<string, string>;
  /** The devnet process's `process.memoryUsage()`, at most a second old. */
  memory(): { heapUsed: number; rss: number };
  /**
   * Forces two full garbage collections in the devnet process and resolves to its memory after them (what it keeps),
   * with the heap in use just before (live data plus garbage not yet collected).
   */
  memoryAfterGc(): Promise<MemoryAfterGc>;
  /** Starts a CPU profile in process `pid` (which must run the probe). */
  startProfile(pid: number): void;
  /** Stops it and resolves to the profile. */
  stopProfile(pid: number): Promise<CpuProfile>;
  remove(): void;
};

/** Bytes, from `process.memoryUsage()` of the probed process. */
export type MemoryAfterGc = { heapUsedBeforeGc: number; heapUsed: number; heapTotal: number; rss: number };

export type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
};

export function createNodeProbe(): NodeProbe {
  const dir = tmpdir();
  const probe = join(dir, `interop-bench-probe-${process.pid}.cjs`);
  const heapFile = join(dir, `interop-bench-heap-${process.pid}.json`);
  const profileFile = join(dir, `interop-bench-profile-${process.pid}.json`);
  const gcFile = join(dir, `interop-bench-gc-${process.pid}.json`);
  const gcRequest = `${gcFile}.request`;
  writeFileSync(probe, PROBE_SOURCE);
  return {
    env: {
      NODE_OPTIONS: `--require ${probe}`,
      INTEROP_BENCH_HEAP_FILE: heapFile,
      INTEROP_BENCH_PROFILE_FILE: profileFile,
      INTEROP_BENCH_GC_FILE: gcFile,
      INTEROP_BENCH_GC_REQUEST: gcRequest,
    },
    memory: () => JSON.parse(readFileSync(heapFile, 'utf8')),
    async memoryAfterGc() {
      rmSync(gcFile, { force: true });
      writeFileSync(gcRequest, '');
      for (let i = 0; i < 600; i++) {
        await sleep(100);
        if (existsSync(gcFile)) return JSON.parse(readFileSync(gcFile, 'utf8')) as MemoryAfterGc;
      }
      throw new Error('no answer from the probe within 60 s');
    },
    startProfile(pid) {
      rmSync(profileFile, { force: true });
      process.kill(pid, 'SIGUSR2');
    },
    async stopProfile(pid) {
      process.kill(pid, 'SIGUSR2');
      for (let i = 0; i < 600; i++) {
        await sleep(100);
        try {
          const profile = JSON.parse(readFileSync(profileFile, 'utf8'));
          if (profile.error) throw new Error(`profiler: ${profile.error}`);
          return profile as CpuProfile;
        } catch (err) {
          if (!(err instanceof SyntaxError) && (err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        }
      }
      throw new Error('no CPU profile within 60 s');
    },
    remove() {
      for (const f of [probe, heapFile, profileFile, gcFile, gcRequest]) rmSync(f, { force: true });
    },
  };
}

/** CPU seconds (user + system) of process `pid` so far. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds of every descendant of `pid` (the devnet's anvils and their launchers). */
export function descendantsCpuSeconds(pid: number): number {
  const stats = new Map<number, { ppid: number; cpu: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ');
      stats.set(Number(entry), { ppid: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) / 100 });
    } catch {
      // exited meanwhile
    }
  }
  const isDescendant = (p: number): boolean => {
    for (let q = stats.get(p)?.ppid; q !== undefined && q > 1; q = stats.get(q)?.ppid) if (q === pid) return true;
    return false;
  };
  let total = 0;
  for (const [p, s] of stats) if (isDescendant(p)) total += s.cpu;
  return total;
}

/** Where the node spends its CPU, by the stage of the protocol (the order is the order of the report). */
export const STAGES = [
  'sequencer ingest (read blocks, decode logs, number txs)',
  'tree/root building (log tree, batch root, proof checks)',
  'store writes of a seal (SQLite)',
  'commit (batch → settlement tx)',
  'settlement watcher (events → mirrored trees, store)',
  'root import (roots → L2 txs)',
  'RPC endpoint (client requests, pass-through)',
  'upstream client (JSON-RPC to anvil, any stage)',
  'GC',
  'other (Node internals, timers)',
] as const;
export type Stage = (typeof STAGES)[number];

const HASHING = /\/sdk\/(dist|src)\/core\/(keccak|logTree|pushTree|dynamicTree|fullTree|proof|leaves|log|bytes)/;
const STORE = /\/node\/(dist|src)\/store\/|better-sqlite3/;

/** The stage of one stack (leaf first): the innermost frame of a known stage, refined under the sequencer. */
function stageOf(stack: { functionName: string; url: string }[]): Stage {
  if (stack[0]?.functionName === '(garbage collector)') return 'GC';
  let hashing = false;
  let store = false;
  for (const { url } of stack) {
    if (HASHING.test(url)) hashing = true;
    else if (STORE.test(url)) store = true;
    else if (/\/sequencer\/(sealBatch|decodeMessage|checkChainHistory)\./.test(url)) {
      if (store) return 'store writes of a seal (SQLite)';
      return hashing ? 'tree/root building (log tree, batch root, proof checks)' : STAGES[0];
    } else if (/\/sequencer\/(submitBatch|commitBudget)\.|\/(sendTransaction|signEip1559Transaction)\./.test(url))
      // sendTransaction also sends the (small) root imports; its await continuations lose their caller's frame.
      return 'commit (batch → settlement tx)';
    else if (/\/settlement\/importRoots\./.test(url)) return 'root import (roots → L2 txs)';
    else if (/\/node\/(dist|src)\/(settlement|proofs)\//.test(url))
      return 'settlement watcher (events → mirrored trees, store)';
    else if (/\/rpc\/upstream\./.test(url)) return 'upstream client (JSON-RPC to anvil, any stage)';
    else if (/\/node\/(dist|src)\/(rpc|zksync)\//.test(url)) return 'RPC endpoint (client requests, pass-through)';
  }
  return 'other (Node internals, timers)';
}

/** Milliseconds of CPU samples per stage ('(idle)' left out). */
export function splitProfile(profile: CpuProfile): Map<Stage, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stageOfNode = new Map<number, Stage | null>();
  const out = new Map<Stage, number>(STAGES.map((s) => [s, 0]));
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    let stage = stageOfNode.get(id);
    if (stage === undefined) {
      const stack: { functionName: string; url: string }[] = [];
      for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) stack.push(byId.get(n)!.callFrame);
      stage = stack[0].functionName === '(idle)' ? null : stageOf(stack);
      stageOfNode.set(id, stage);
    }
    // timeDeltas[i] is the time since the previous sample: it belongs to this one.
    if (stage) out.set(stage, out.get(stage)! + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  return out;
}
