import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataDirInUseError } from './errors.js';

/** File name of the lock inside a data dir: it holds the pid of the devnet using the dir. */
export const LOCK_FILE = 'devnet.lock';

// Data dirs this process holds (a second devnet in the same process is refused too).
const held = new Set<string>();

function isRunning(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A pid reused by an unrelated program (not Node) does not hold the dir.
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node');
  } catch {
    return true; // no /proc (macOS): trust the pid
  }
}

/**
 * Takes `<dataDir>/devnet.lock` (created exclusively, holding this process's pid) and resolves to its release.
 * A lock whose process is gone (or is not a Node process any more) is stale and taken over; a live one throws
 * {@link DataDirInUseError}. The data dir must exist.
 */
export function lockDataDir(dataDir: string): { release(): void } {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let pid = Number.NaN;
      try {
        pid = Number(readFileSync(path, 'utf8').trim());
      } catch {
        // removed meanwhile: try again
      }
      const mine = pid === process.pid && held.has(path);
      if (attempt > 0 || mine || (pid !== process.pid && isRunning(pid))) throw new DataDirInUseError(dataDir, pid);
      unlinkSync(path); // stale: its devnet is gone
    }
  }
  held.add(path);
  return {
    release() {
      if (!held.delete(path)) return;
      try {
        if (Number(readFileSync(path, 'utf8').trim()) === process.pid) unlinkSync(path);
      } catch {
        // already gone
      }
    },
  };
}
