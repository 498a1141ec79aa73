import { ExplorerNotBuiltError, PortInUseError, startExplorerServer } from '@interop/devnet';
import { parseCommandArgs } from '../args.js';
import type { CommandRun } from '../command.js';
import { loadConfig } from '../config.js';
import { CliError } from '../errors.js';

const flags = {
  port: { type: 'string', default: '5100' },
  host: { type: 'string', default: '127.0.0.1' },
  'data-dir': { type: 'string' },
} as const;

/** `interop explorer`: serves the explorer for the configured network until SIGINT/SIGTERM. */
export const explorerCommand: CommandRun = {
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, flags);
    if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}"`);
    if (!/^\d{1,5}$/.test(values.port!) || Number(values.port) > 65535)
      throw new CliError(`--port must be a port number (0–65535), got "${values.port}"`);
    const config = loadConfig({ dataDir: values['data-dir'] });
    if (config.chains.length === 0)
      throw new CliError('no chains configured: start `interop devnet`, pass --data-dir, or set INTEROP_RPC_<chainId>');
    if (!config.settlement)
      throw new CliError('no settlement layer endpoint: set INTEROP_SETTLEMENT_RPC (or use a devnet.json)');
    let server: Awaited<ReturnType<typeof startExplorerServer>>;
    try {
      server = await startExplorerServer({
        port: Number(values.port),
        host: values.host,
        settlement: config.settlement,
        chains: config.chains,
      });
    } catch (err) {
      if (err instanceof PortInUseError || err instanceof ExplorerNotBuiltError) throw new CliError(err.shortMessage);
      throw err;
    }
    process.stdout.write(`explorer  ${server.url}\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
    return 0;
  },
};
