import type { InteropMessageStatus } from '@interop/sdk';
import { parseCommandArgs } from '../args.js';
import type { CommandRun } from '../command.js';
import { loadConfig, locateMessage, networkOptions, parseHash, toJson, withCliErrors } from '../config.js';
import { CliError } from '../errors.js';
import { chainLabel, formatChainId } from '../format.js';

/** Human-readable lines for a status. */
export function formatStatus(s: InteropMessageStatus): string {
  const lines = [
    `${s.interopHash}: ${s.status}`,
    `  source   ${chainLabel(s.chainId)}, block ${s.blockNumber}, tx ${s.txHash}`,
  ];
  if (s.l1BatchNumber !== undefined) {
    lines.push(
      `  batch    ${s.l1BatchNumber}, log index ${s.l2MessageIndex ?? '?'}, tx number ${s.txNumberInBatch ?? '?'}`,
    );
  }
  if (s.commitTxHash) lines.push(`  commit   ${s.commitTxHash}`);
  if (s.executeTxHash) {
    const sl = s.settlementLayer;
    lines.push(
      `  execute  ${s.executeTxHash} (settlement ${sl.chainId === undefined ? 'chain ?' : chainLabel(sl.chainId)}, block ${sl.blockNumber ?? '?'})`,
    );
  }
  if (s.settlementLayer.root) lines.push(`  root     ${s.settlementLayer.root}`);
  if (s.importedOn.length > 0) lines.push(`  imported on chains ${s.importedOn.map(formatChainId).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/** `interop status`. */
export const statusCommand: CommandRun = {
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { ...networkOptions, chain: { type: 'string' } });
    if (positionals.length > 1) throw new CliError(`unexpected argument "${positionals[1]}"`);
    const interopHash = parseHash('interop hash', positionals[0]);
    const config = loadConfig({ dataDir: values['data-dir'] });
    return withCliErrors(async () => {
      const { status } = await locateMessage(config, values, interopHash);
      process.stdout.write(values.json ? `${toJson(status)}\n` : formatStatus(status));
      return 0;
    });
  },
};
