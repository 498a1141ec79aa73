// `interop devnet` as a child process, the way a user runs it: started on free ports, waited for until "ready".
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { CLI_BIN, ROOT } from './cli.js';
import { stablePorts } from './ports.js';

export { portFree } from './ports.js';

/** A spawned `interop devnet`. */
export type SpawnedDevnet = {
  child: ChildProcess;
  dataDir: string;
  l1Port: number;
  l2Port: number;
  /** Everything printed so far. */
  output(): { stdout: string; stderr: string };
  /** Resolves to the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
};

/**
 * Free ports for a spawned devnet: the settlement layer, two consecutive ones for two L2s and one for the explorer,
 * below the OS's ephemeral range (see ports.ts), so a restart on the same ports finds them free.
 */
export async function freeDevnetPorts(): Promise<{ l1Port: number; l2Port: number; explorerPort: number }> {
  const [l1Port, l2Port, , explorerPort] = await stablePorts(4);
  return { l1Port, l2Port, explorerPort };
}

/** Child processes of `pid` with their command names (none when it has none or is gone). */
export function childProcesses(pid: number): { pid: number; command: string }[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([p]) => Number(p) > 0)
      .map(([p, command]) => ({ pid: Number(p), command }));
  } catch {
    return []; // ps exits 1 when there are none
  }
}

/** The anvil processes of a devnet process: each runs under a watchdog shell that is the devnet's child. */
export function anvilPidsOf(devnetPid: number): number[] {
  return childProcesses(devnetPid)
    .flatMap((watchdog) => childProcesses(watchdog.pid))
    .filter((p) => p.command === 'anvil')
    .map((p) => p.pid);
}

/** The state cache directory an anvil was started with (`--cache-path`, Linux). */
export function anvilCacheDirOf(anvilPid: number): string {
  const args = readFileSync(`/proc/${anvilPid}/cmdline`, 'latin1').split('\u0000');
  return args[args.indexOf('--cache-path') + 1];
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Spawns `interop devnet --l1-port … --l2-port … --data-dir <dataDir> ...extra` on free ports, without the
 * explorer unless `extra` asks for it (its default port 5100 would clash between parallel test runs).
 * `ownProcessGroup` starts it in a process group of its own, as a shell starts a command, so that a test can
 * signal the whole group as Ctrl-C in a terminal does ({@link pressCtrlC}).
 */
export async function spawnDevnet(
  dataDir: string,
  extra: string[] = [],
  { ownProcessGroup = false } = {},
): Promise<SpawnedDevnet> {
  const { l1Port, l2Port } = await freeDevnetPorts();
  const explorer = extra.includes('--explorer-port') ? [] : ['--no-explorer'];
  const child = spawn(
    process.execPath,
    [
      CLI_BIN,
      'devnet',
      '--l1-port',
      String(l1Port),
      '--l2-port',
      String(l2Port),
      '--data-dir',
      dataDir,
      ...explorer,
      ...extra,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: ownProcessGroup },
  );
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  if (ownProcessGroup) {
    // Outside the test run's process group, a Ctrl-C of the run does not reach it: stop it when the run exits.
    const kill = () => child.kill('SIGKILL');
    process.once('exit', kill);
    exited.then(() => process.removeListener('exit', kill));
  }
  return { child, dataDir, l1Port, l2Port, output: () => ({ stdout, stderr }), exited };
}

/** SIGINT to the devnet's whole process group (spawned with `ownProcessGroup`): the devnet and its anvils' watchdogs. */
export function pressCtrlC(devnet: SpawnedDevnet): void {
  process.kill(-devnet.child.pid!, 'SIGINT');
}

/** Resolves once the devnet printed "ready"; rejects if it exits first or after `timeoutMs`. */
export async function untilReady(devnet: SpawnedDevnet, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  devnet.exited.then(() => {
    exited = true;
  });
  while (!/\bready\b/.test(devnet.output().stdout)) {
    if (exited) throw new Error(`devnet exited before ready; stderr:\n${devnet.output().stderr}`);
    if (Date.now() > deadline) throw new Error(`no "ready" within ${timeoutMs} ms; stderr:\n${devnet.output().stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until none of `pids` is alive; false if some still are after `timeoutMs`. */
export async function allExited(pids: number[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (pids.some(isAlive)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}
