import { performance } from 'node:perf_hooks';
import {
  DataDirInUseError,
  DevnetAbortedError,
  DevnetStateError,
  ExplorerNotBuiltError,
  formatDevnetSummary,
  PortInUseError,
  startDevnet,
} from '@interop/devnet';
import { isOriginPattern } from '@interop/node';
import { parseFlags } from '../args.js';
import type { CommandRun } from '../command.js';
import { CliError } from '../errors.js';

function parseInteger(name: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value)) throw new CliError(`--${name} must be an integer, got "${value}"`);
  const n = Number(value);
  if (n < min || n > max) throw new CliError(`--${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** Parsed options of `interop devnet`. */
export type DevnetCommandOptions = {
  l2Count: number;
  batchMs: number;
  l1Port: number;
  l2Port: number;
  dataDir: string;
  persist: boolean;
  verbose: boolean;
  /** Port of the explorer, or undefined for none. */
  explorerPort: number | undefined;
  /** Browser origins allowed to call the endpoints; undefined = local pages (the node's default). */
  allowedOrigins: '*' | string[] | undefined;
};

const devnetFlags = {
  l2: { type: 'string', default: '2' },
  'batch-ms': { type: 'string', default: '250' },
  'l1-port': { type: 'string', default: '8545' },
  'l2-port': { type: 'string', default: '3050' },
  'data-dir': { type: 'string', default: '.interop' },
  persist: { type: 'boolean', default: false },
  verbose: { type: 'boolean', default: false },
  'explorer-port': { type: 'string', default: '5100' },
  'no-explorer': { type: 'boolean', default: false },
  'allow-origin': { type: 'string', default: '' },
} as const;

// "*" or a comma-separated list of origins ("http://localhost:*" = any port).
function parseOrigins(value: string): '*' | string[] | undefined {
  if (value === '') return undefined;
  if (value === '*') return '*';
  const origins = value.split(',').map((o) => o.trim());
  for (const o of origins)
    if (!isOriginPattern(o))
      throw new CliError(`--allow-origin: "${o}" is not an origin like http://localhost:5173 or http://localhost:*`);
  return origins;
}

/** Parses the command line of `interop devnet`, applying the defaults. Throws CliError on bad input. */
export function parseDevnetArgs(argv: string[]): DevnetCommandOptions {
  const { values } = parseFlags(argv, devnetFlags);
  const l2Count = parseInteger('l2', values.l2, 1, 64);
  const l1Port = parseInteger('l1-port', values['l1-port'], 1, 65535);
  const l2Port = parseInteger('l2-port', values['l2-port'], 1, 65535 - (l2Count - 1));
  if (l1Port >= l2Port && l1Port < l2Port + l2Count) {
    throw new CliError(`--l1-port ${l1Port} overlaps the L2 ports ${l2Port}–${l2Port + l2Count - 1}`);
  }
  if (values['data-dir'] === '') throw new CliError('--data-dir must not be empty');
  const explorerPort = values['no-explorer']
    ? undefined
    : parseInteger('explorer-port', values['explorer-port'], 1, 65535);
  if (
    explorerPort !== undefined &&
    (explorerPort === l1Port || (explorerPort >= l2Port && explorerPort < l2Port + l2Count))
  )
    throw new CliError(`--explorer-port ${explorerPort} overlaps the chain ports`);
  return {
    l2Count,
    batchMs: parseInteger('batch-ms', values['batch-ms'], 10, 3_600_000),
    l1Port,
    l2Port,
    dataDir: values['data-dir'],
    persist: values.persist,
    verbose: values.verbose,
    explorerPort,
    allowedOrigins: parseOrigins(values['allow-origin']),
  };
}

/** `interop devnet`: runs a local multi-chain interop network until SIGINT/SIGTERM. */
export const devnetCommand: CommandRun = {
  async run(argv) {
    const options = parseDevnetArgs(argv);
    const abort = new AbortController();
    let onStop: () => void = () => {};
    const stopRequested = new Promise<void>((resolve) => {
      onStop = resolve;
    });
    const onSignal = (signal: NodeJS.Signals) => {
      process.stderr.write(`\n${signal} received, stopping the devnet…\n`);
      abort.abort();
      onStop();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      let devnet: Awaited<ReturnType<typeof startDevnet>>;
      try {
        devnet = await startDevnet({
          ...options,
          signal: abort.signal,
          onProgress: (line) => process.stderr.write(`${line}\n`),
          nodeLog: options.verbose ? (line) => process.stderr.write(`[node] ${line}\n`) : undefined,
        });
      } catch (err) {
        if (err instanceof DevnetAbortedError) return 0;
        if (err instanceof PortInUseError || err instanceof DataDirInUseError || err instanceof ExplorerNotBuiltError)
          throw new CliError(err.shortMessage);
        if (err instanceof DevnetStateError) throw new CliError(err.shortMessage, 1);
        throw err;
      }
      process.stdout.write(`\n${formatDevnetSummary(devnet)}\nWrote ${devnet.devnetJsonPath}\n\n`);
      // performance.now() counts from process start, so the figure includes Node's own start-up.
      const seconds = (performance.now() / 1000).toFixed(1);
      process.stdout.write(`devnet ready in ${seconds} s — Ctrl-C to stop\n`);
      await stopRequested;
      await devnet.stop();
      process.stderr.write('devnet stopped\n');
      // Belt and braces: if some library left a socket open, do not hang after a clean stop.
      setTimeout(() => process.exit(0), 2000).unref();
      return 0;
    } finally {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
    }
  },
};
