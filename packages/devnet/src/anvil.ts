import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Options for {@link startAnvil}. */
export type StartAnvilParameters = {
  chainId: number;
  /** Port to listen on; a free one is picked when omitted. */
  port?: number;
  /** Seconds between blocks; omitted means a block per transaction (automine). */
  blockTime?: number;
  /** Extra command-line arguments. */
  args?: string[];
};

/** A running anvil process. */
export type AnvilInstance = {
  chainId: number;
  port: number;
  rpcUrl: string;
  /** Process id of anvil itself. */
  pid: number;
  /** The process started: the watchdog shell that runs anvil (anvil itself on Windows). */
  process: ChildProcess;
  /** Stops anvil (it writes its `--dump-state` / `--state` file on the way) and waits for it to exit. Idempotent. */
  stop(): Promise<void>;
};

/** States of old blocks an anvil keeps on disk, past those in memory (see startAnvil). */
const MAX_PERSISTED_STATES = '256';

/** How long anvil gets to exit after SIGTERM (it may be writing its state file) before it is killed. */
const STOP_GRACE_MS = 10_000;

// Runs anvil ("$@") and watches the pipe on its own stdin: when that pipe closes — the parent stopped the anvil,
// or the parent died, even by SIGKILL — anvil gets SIGTERM (so it writes its state file), then SIGKILL after the
// grace period. Prints anvil's pid first. Exits with anvil's status when anvil exits, after removing anvil's state
// cache ($ANVIL_CACHE_DIR): anvil writes every block's state there past its in-memory limit and never removes it.
// A signal to the whole process group (`timeout`, `kill -TERM -<pgid>`, a closed terminal) reaches this shell too:
// it passes SIGTERM on to anvil and stays until anvil is gone, so the cache is removed then as well.
const WATCHDOG_SCRIPT = `exec 3<&0
"$@" </dev/null >/dev/null 3<&- &
anvil=$!
echo "$anvil"
{
  while read -r _; do :; done
  kill -TERM "$anvil" 2>/dev/null
  i=0
  while kill -0 "$anvil" 2>/dev/null && [ "$i" -lt ${STOP_GRACE_MS / 100} ]; do sleep 0.1; i=$((i + 1)); done
  kill -KILL "$anvil" 2>/dev/null
} <&3 &
watcher=$!
trap 'kill -TERM "$anvil" 2>/dev/null' INT TERM HUP
wait "$anvil"
status=$?
while kill -0 "$anvil" 2>/dev/null; do wait "$anvil"; status=$?; done
kill "$watcher" 2>/dev/null
[ -n "$ANVIL_CACHE_DIR" ] && rm -rf "$ANVIL_CACHE_DIR"
exit "$status"
`;

/** Spawns anvil behind the watchdog (POSIX) and resolves to the watchdog's process and anvil's pid. */
async function spawnWatched(
  bin: string,
  args: string[],
  cacheDir: string,
): Promise<{ child: ChildProcess; pid: () => Promise<number> }> {
  if (process.platform === 'win32') {
    const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    return { child, pid: async () => child.pid ?? -1 };
  }
  const child = spawn('/bin/sh', ['-c', WATCHDOG_SCRIPT, 'anvil-watchdog', bin, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ANVIL_CACHE_DIR: cacheDir },
  });
  const pid = new Promise<number>((resolve) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve(Number(line.trim()));
    });
    child.once('exit', () => resolve(-1));
  });
  return { child, pid: () => pid };
}

const require = createRequire(import.meta.url);

/** Path of the anvil binary shipped by the `@foundry-rs/anvil` npm package for this platform. */
export function anvilBinaryPath(): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  const pkg = `@foundry-rs/anvil-${process.platform}-${arch}`;
  let pkgJson: string;
  try {
    pkgJson = require.resolve(`${pkg}/package.json`);
  } catch {
    throw new Error(`anvil binary package ${pkg} is not installed (run npm install)`);
  }
  const bin = join(dirname(pkgJson), 'bin', process.platform === 'win32' ? 'anvil.exe' : 'anvil');
  if (!existsSync(bin)) throw new Error(`anvil binary missing at ${bin}`);
  return bin;
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once a JSON-RPC endpoint answers `eth_chainId`, or rejects after `timeoutMs`. */
export async function waitForRpc(rpcUrl: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`RPC at ${rpcUrl} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Starts an anvil node and waits until it answers JSON-RPC. Anvil runs behind a small watchdog shell that stops it
 * when this process exits in any way (even SIGKILL), so nothing is left behind.
 */
export async function startAnvil(params: StartAnvilParameters): Promise<AnvilInstance> {
  const port = params.port ?? (await getFreePort());
  const args = ['--port', String(port), '--host', '127.0.0.1', '--chain-id', String(params.chainId), '--silent'];
  if (params.blockTime !== undefined) args.push('--block-time', String(params.blockTime));
  // Its own state cache, removed when it exits (by the watchdog, even if this process was killed): by default
  // anvil writes every block's state past its in-memory limit into ~/.foundry/anvil/tmp and leaves it there.
  const cacheDir = mkdtempSync(join(tmpdir(), 'interop-anvil-cache-'));
  args.push('--cache-path', cacheDir);
  // And only the last few hundred of them: each is the whole state, so a long busy run (10^4 blocks over a state
  // of 10^5 slots) would otherwise write tens of GB there. Older blocks answer BlockOutOfRange to state queries.
  // A caller that keeps no old states on disk at all (--prune-history) gets no cap: anvil refuses the two together.
  const keepsStates = !params.args?.some((a) => a === '--max-persisted-states' || a === '--prune-history');
  if (keepsStates) args.push('--max-persisted-states', MAX_PERSISTED_STATES);
  args.push(...(params.args ?? []));
  const { child, pid: anvilPid } = await spawnWatched(anvilBinaryPath(), args, cacheDir);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      rmSync(cacheDir, { recursive: true, force: true });
      resolve();
    }),
  );
  const pid = await anvilPid();
  const kill = () => {
    for (const p of [pid, child.pid])
      if (p !== undefined && p > 0)
        try {
          process.kill(p, 'SIGKILL');
        } catch {
          // already gone
        }
  };
  // The watchdog stops anvil when this process exits; without it (Windows) anvil is killed on exit.
  if (process.platform === 'win32') process.once('exit', kill);
  const rpcUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    process.removeListener('exit', kill);
    if (child.exitCode === null && child.signalCode === null) {
      // Closing the watchdog's stdin makes it stop anvil (SIGTERM, then SIGKILL after the grace period).
      if (child.stdin) child.stdin.end();
      else child.kill('SIGTERM');
      const timer = setTimeout(kill, STOP_GRACE_MS + 2000);
      await exited;
      clearTimeout(timer);
    }
  };
  try {
    await Promise.race([
      waitForRpc(rpcUrl),
      exited.then(() => {
        throw new Error(`anvil (chain ${params.chainId}, port ${port}) exited early: ${stderr.trim() || 'no output'}`);
      }),
    ]);
  } catch (err) {
    await stop();
    throw err;
  }
  return { chainId: params.chainId, port, rpcUrl, pid, process: child, stop };
}
