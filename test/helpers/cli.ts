import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The repository root. */
export const ROOT = join(import.meta.dirname, '..', '..');
/** The built `interop` executable (test/helpers/globalSetup.ts builds it before the suite). */
export const CLI_BIN = join(ROOT, 'packages', 'cli', 'bin', 'interop.js');

/** Exit status and output of one spawned CLI run. */
export type SpawnedCliRun = { status: number | null; stdout: string; stderr: string };

/**
 * Runs the built `interop <args>` in a child process from the repository root. Asynchronous on purpose: a test's
 * devnet may run in the test's process, and a blocking spawnSync would starve its node.
 */
export function runCliProcess(args: string[]): Promise<SpawnedCliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('exit', (status) => resolve({ status, stdout, stderr }));
  });
}
