import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type NodeConfig, NodeConfigError, NodeError, startNode } from '@interop/node';
import type { Command } from '../command.js';
import { CliError } from '../errors.js';

const usage = `usage: interop node --config <file>

Runs the interop node in the foreground against existing EVM JSON-RPC endpoints: a sequencer per L2
(batches committed and executed on the settlement layer), the settlement watcher and root importer,
and a JSON-RPC endpoint per L2 with the zks_* and interop_* methods. Ctrl-C (SIGINT) or SIGTERM stops it.

The config file is JSON (see docs/node.md):
  { "settlement": { "chainId": 9, "rpcUrl": "http://127.0.0.1:8545", "port": 8546,
                    "contracts": { "settlement": "0x…", "deployBlockNumber": 1 } },
    "chains": [ { "chainId": 271, "rpcUrl": "http://127.0.0.1:9271", "port": 3050,
                  "operatorPrivateKey": "0x…", "systemCaller": "impersonate" } ],
    "dataDir": ".interop-node", "batchMs": 250, "allowedOrigins": ["http://localhost:*"] }
systemCaller is required ({ "privateKey": "0x…" }, or "impersonate" on anvil). passThroughMethods and
allowedOrigins are optional (defaults: standard read methods + eth_sendRawTransaction; local pages).
A relative dataDir is resolved against the config file's folder.

options:
  --config <file>   the node configuration (required)
  --quiet           do not log batches and retries to stderr`;

function readConfig(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new CliError(
      `cannot read config file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch (err) {
    throw new CliError(`config file ${path} is not a JSON object: ${(err as Error).message}`);
  }
}

/** `interop node --config <file>`. */
function parseNodeFlags(argv: string[]) {
  try {
    const options = { config: { type: 'string' }, quiet: { type: 'boolean', default: false } } as const;
    return parseArgs({ args: argv, options, strict: true }).values;
  } catch (err) {
    throw new CliError((err as Error).message);
  }
}

export const nodeCommand: Command = {
  name: 'node',
  summary: 'run the interop node (sequencer, root importer, proof RPC) from a JSON config',
  usage,
  async run(argv) {
    const values = parseNodeFlags(argv);
    if (!values.config) throw new CliError('missing --config <file> (run `interop node --help`)');
    const configPath = resolve(values.config);
    const config = readConfig(configPath);
    if (typeof config.dataDir === 'string') config.dataDir = resolve(dirname(configPath), config.dataDir);
    const log = values.quiet
      ? () => {}
      : (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
    let node: Awaited<ReturnType<typeof startNode>>;
    try {
      node = await startNode({ ...config, log } as unknown as NodeConfig);
    } catch (err) {
      if (err instanceof NodeConfigError || err instanceof NodeError) throw new CliError(err.shortMessage);
      throw err;
    }
    const lines = [
      `settlement ${node.settlement.chainId}: ${node.settlement.rpcUrl ?? '(no endpoint)'} -> ${node.settlement.upstreamRpcUrl}`,
    ];
    for (const ch of node.chains) lines.push(`L2 ${ch.chainId}: ${ch.rpcUrl} -> ${ch.upstreamRpcUrl}`);
    process.stdout.write(`${lines.join('\n')}\nstore: ${node.storePath}\nready\n`);
    await new Promise<void>((done) => {
      const onSignal = () => {
        process.removeListener('SIGINT', onSignal);
        process.removeListener('SIGTERM', onSignal);
        done();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    });
    await node.stop();
    process.stdout.write('stopped\n');
    return 0;
  },
};
