// Runs the real `interop node` command in a child process (so a test can SIGKILL it): the built CLI, which
// `npm test` builds before the suite runs.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../packages/cli/bin/interop.js', import.meta.url));

/** A child process running `interop node --config <file>`. */
export type NodeProcess = { child: ChildProcess; output(): string; exited: Promise<number | null> };

/** Starts the node as a child process and resolves once it printed "ready". */
export async function spawnNode(configPath: string): Promise<NodeProcess> {
  if (!existsSync(fileURLToPath(new URL('../../packages/cli/dist/main.js', import.meta.url)))) {
    throw new Error('the CLI is not built: run `npm run build` (npm test does)');
  }
  const child = spawn(process.execPath, [CLI, 'node', '--config', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20000)));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  exited.then(() => process.removeListener('exit', kill));
  const deadline = Date.now() + 20_000;
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
