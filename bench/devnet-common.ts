// Shared by the devnet benchmarks: runs `interop devnet` as a child process (so the client's CPU and
// memory are not counted as the node's), plus small JSON-RPC and statistics helpers (sending messages: messages.ts).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DevnetJson } from '@interop/devnet';
import { findFreePorts } from '@interop/devnet';
import { type Hex, padHex } from 'viem';

// dist/bench/x.js → repo root is two levels up.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A devnet running in a child process. */
export type BenchDevnet = {
  json: DevnetJson;
  /** PID of the `interop devnet` process, which runs the node. */
  pid: number;
  dataDir: string;
  /** Seconds from spawn to "ready" as the CLI printed it. */
  readyLine: string;
  /** The last lines the devnet printed. */
  output(): string;
  stop(): Promise<void>;
};

/** How long a bench devnet may take to print "ready" (generous: a loaded machine). */
const READY_TIMEOUT_MS = 60_000;

/** Parses `--name value` flags with defaults (numbers and comma lists of numbers). */
export function flags<T extends Record<string, string>>(defaults: T): T {
  const out: Record<string, string> = { ...defaults };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(.+)$/.exec(argv[i]);
    if (!m || !(m[1] in defaults))
      throw new Error(`unknown flag ${argv[i]}; flags: ${Object.keys(defaults).join(', ')}`);
    out[m[1]] = argv[++i];
  }
  return out as T;
}

/** Starts `interop devnet` on free ports and waits for "ready". */
export async function startBenchDevnet(
  options: {
    l2Count?: number;
    batchMs?: number;
    /** Seconds between the L2s' blocks (`--block-time`); default a block per transaction. */
    blockTime?: number;
    explorer?: boolean;
    env?: Record<string, string>;
    gateway?: boolean;
    /** Node.js flags for the devnet process, e.g. `--cpu-prof` (not allowed in NODE_OPTIONS). */
    nodeArgs?: string[];
  } = {},
): Promise<BenchDevnet> {
  const l2Count = options.l2Count ?? 2;
  const dataDir = mkdtempSync(join(tmpdir(), 'interop-bench-'));
  // Ports below the OS's ephemeral range: one from bind(0) can be taken by any outgoing connection before the
  // devnet binds it.
  const [l1Port, explorerPort, gatewayPort, l2Port] = await findFreePorts(3 + l2Count);
  const args = [
    ...(options.nodeArgs ?? []),
    join(root, 'packages', 'cli', 'bin', 'interop.js'),
    'devnet',
    '--l2',
    String(l2Count),
    '--batch-ms',
    String(options.batchMs ?? 250),
    ...(options.blockTime === undefined ? [] : ['--block-time', String(options.blockTime)]),
    '--l1-port',
    String(l1Port),
    '--l2-port',
    String(l2Port),
    ...(options.explorer ? ['--explorer-port', String(explorerPort)] : ['--no-explorer']),
    '--data-dir',
    dataDir,
    ...(options.gateway ? ['--gateway', '--gateway-port', String(gatewayPort)] : []),
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  // The last lines the devnet printed (both streams), for errors; read on after "ready" so its pipes never fill.
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-8000);
  };
  child.stderr!.on('data', keep);
  const exited = new Promise((r) => child.once('exit', r));
  const readyLine = await new Promise<string>((resolve, reject) => {
    let head = '';
    const onData = (d: Buffer) => {
      keep(d);
      head += d.toString();
      const line = head.split('\n').find((l) => /\bready\b/.test(l));
      if (!line) return;
      child.stdout!.off('data', onData).on('data', keep);
      clearTimeout(timer);
      resolve(line);
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`devnet exited (${code}) before ready:\n${output}`)));
    const timer = setTimeout(() => {
      child.kill('SIGINT');
      reject(new Error(`devnet not ready after ${READY_TIMEOUT_MS / 1000} s:\n${output}`));
    }, READY_TIMEOUT_MS);
  }).catch(async (err: Error) => {
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  });
  const json = JSON.parse(readFileSync(join(dataDir, 'devnet.json'), 'utf8')) as DevnetJson;
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGINT');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  // Killed by a signal (Ctrl-C, `timeout`), stop the devnet first: left alone it would run on with its anvils.
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  process.once('SIGTERM', () => void stop().then(() => process.exit(143)));
  return { json, pid: child.pid!, dataDir, readyLine, output: () => output, stop };
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** One JSON-RPC call over a keep-alive HTTP agent (fetch costs more CPU per call). */
export function rpc<T = unknown>(url: string, method: string, params: unknown[] = []): Promise<T> {
  return post(url, { jsonrpc: '2.0', id: 1, method, params }).then((body) => {
    const b = body as { result: T; error?: { message: string } };
    if (b.error) throw new Error(`${method}: ${b.error.message}`);
    return b.result;
  });
}

/** A JSON-RPC batch; results in request order. */
export async function rpcBatch<T = unknown>(url: string, calls: [string, unknown[]][]): Promise<T[]> {
  if (calls.length === 0) return [];
  const body = (await post(
    url,
    calls.map(([method, params], id) => ({ jsonrpc: '2.0', id, method, params })),
  )) as { id: number; result: T; error?: { message: string } }[];
  const out: T[] = new Array(calls.length);
  for (const r of body) {
    if (r.error) throw new Error(`${calls[r.id][0]}: ${r.error.message}`);
    out[r.id] = r.result;
  }
  return out;
}

function post(url: string, payload: unknown): Promise<unknown> {
  const u = new URL(url);
  const data = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString()));
          } catch (err) {
            reject(err);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** Percentile (0..100) of a list of numbers, nearest-rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function pad32(n: bigint | number): Hex {
  return padHex(`0x${BigInt(n).toString(16)}`, { size: 32 });
}
