import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  DataDirInUseError,
  DevnetAbortedError,
  DevnetStateError,
  type DevnetTopology,
  defaultTopology,
  ExplorerNotBuiltError,
  formatDevnetSummary,
  getL2ChainIds,
  InvalidTopologyError,
  PortInUseError,
  parseTopology,
  SETTLEMENT_CHAIN_ID,
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

// Seconds, like anvil's --block-time: a decimal number above 0, at most an hour.
function parseBlockTime(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds > 0 && seconds <= 3600))
    throw new CliError(`--block-time must be a number of seconds above 0 and at most 3600 (e.g. 0.1), got "${value}"`);
  return seconds;
}

/** Parsed options of `interop devnet`. */
export type DevnetCommandOptions = {
  l2Count: number;
  /** Who settles on whom, when not the two-tier default. */
  topology?: DevnetTopology;
  gatewayPort: number;
  batchMs: number;
  /** Seconds between the L2s' blocks (interval mining); undefined = a block per transaction. */
  blockTime: number | undefined;
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
  'block-time': { type: 'string' },
  'l1-port': { type: 'string', default: '8545' },
  'l2-port': { type: 'string', default: '3050' },
  'data-dir': { type: 'string', default: '.interop' },
  persist: { type: 'boolean', default: false },
  verbose: { type: 'boolean', default: false },
  'explorer-port': { type: 'string', default: '5100' },
  'no-explorer': { type: 'boolean', default: false },
  'allow-origin': { type: 'string', default: '' },
  gateway: { type: 'boolean', default: false },
  topology: { type: 'string' },
  'gateway-port': { type: 'string', default: '3150' },
} as const;

function readTopology(path: string): DevnetTopology {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new CliError(`cannot read the topology file ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return parseTopology(json, SETTLEMENT_CHAIN_ID);
  } catch (err) {
    if (err instanceof InvalidTopologyError) throw new CliError(`${path}: ${err.shortMessage}`);
    throw err;
  }
}

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
  if (values.gateway && values.topology !== undefined)
    throw new CliError('--gateway and --topology exclude each other');
  const topology =
    values.topology !== undefined
      ? readTopology(values.topology)
      : values.gateway
        ? defaultTopology(getL2ChainIds(parseInteger('l2', values.l2, 1, 64)), SETTLEMENT_CHAIN_ID, true)
        : undefined;
  const l2Count = topology ? topology.chains.length : parseInteger('l2', values.l2, 1, 64);
  const gatewayPort = parseInteger('gateway-port', values['gateway-port'], 1, 65535);
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
  if (
    topology?.gateway !== undefined &&
    (gatewayPort === l1Port || (gatewayPort >= l2Port && gatewayPort < l2Port + l2Count))
  )
    throw new CliError(`--gateway-port ${gatewayPort} overlaps another endpoint port`);
  return {
    l2Count,
    topology,
    gatewayPort,
    batchMs: parseInteger('batch-ms', values['batch-ms'], 10, 3_600_000),
    blockTime: parseBlockTime(values['block-time']),
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
