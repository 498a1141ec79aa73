// Runs the real `interop node` command in a child process (so a test can SIGKILL it): the built CLI, which
// `npm test` builds before the suite runs.
import { type ChildProcess, spawn } from 'node:child_process';
import { CLI_BIN } from '../helpers/cli.js';

/** A child process running `interop node --config <file>`. */
export type NodeProcess = { child: ChildProcess; output(): string; exited: Promise<number | null> };

/**
 * Starts the node as a child process and resolves once it printed "ready". `env` is added to the environment
 * (e.g. the test-only INTEROP_TEST_CRASH_AT).
 */
export async function spawnNode(configPath: string, env: Record<string, string> = {}): Promise<NodeProcess> {
  const child = spawn(process.execPath, [CLI_BIN, 'node', '--config', configPath], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20000)));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  exited.then(() => process.removeListener('exit', kill));
  // Generous: a loaded 2-core machine can take many seconds to start a Node process.
  const deadline = Date.now() + 60_000;
  while (!/^ready$/m.test(output)) {
    if (child.exitCode !== null) throw new Error(`node exited early (${child.exitCode}): ${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`node did not print ready: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return { child, output: () => output, exited };
}
