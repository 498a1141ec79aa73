import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
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
  process: ChildProcess;
  /** Stops the process and waits for it to exit. Safe to call more than once. */
  stop(): Promise<void>;
};

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
 * Starts an anvil node and waits until it answers JSON-RPC.
 * The process is killed when this Node process exits, so a crashed test leaves nothing behind.
 */
export async function startAnvil(params: StartAnvilParameters): Promise<AnvilInstance> {
  const port = params.port ?? (await getFreePort());
  const args = ['--port', String(port), '--host', '127.0.0.1', '--chain-id', String(params.chainId), '--silent'];
  if (params.blockTime !== undefined) args.push('--block-time', String(params.blockTime));
  args.push(...(params.args ?? []));
  const child = spawn(anvilBinaryPath(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const rpcUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
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
  return { chainId: params.chainId, port, rpcUrl, process: child, stop };
}
