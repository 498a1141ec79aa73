// `interop devnet --topology <file>` in tests: the file written to a temp dir, parsed, and removed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DevnetCommandOptions, parseDevnetArgs } from '../../packages/cli/src/commands/devnet.js';

/** parseDevnetArgs(['--topology', file, ...args]) with `content` (JSON-encoded unless a string) in the file. */
export function parseWithTopologyFile(content: unknown, args: string[] = []): DevnetCommandOptions {
  const dir = mkdtempSync(join(tmpdir(), 'interop-topology-'));
  try {
    const file = join(dir, 'topology.json');
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return parseDevnetArgs(['--topology', file, ...args]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
