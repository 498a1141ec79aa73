import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type NodeConfig, NodeConfigError, NodeError, startNode } from '@interop/node';
import { parseFlags } from '../args.js';
import type { CommandRun } from '../command.js';
import { CliError } from '../errors.js';
import { chainLabel } from '../format.js';

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

const nodeFlags = { config: { type: 'string' }, quiet: { type: 'boolean', default: false } } as const;

/** `interop node --config <file>`. */
export const nodeCommand: CommandRun = {
  async run(argv) {
    const { values } = parseFlags(argv, nodeFlags);
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
      `settlement ${chainLabel(node.settlement.chainId)}: ${node.settlement.rpcUrl ?? '(no endpoint)'} -> ${node.settlement.upstreamRpcUrl}`,
    ];
    for (const ch of node.chains) lines.push(`L2 ${chainLabel(ch.chainId)}: ${ch.rpcUrl} -> ${ch.upstreamRpcUrl}`);
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
