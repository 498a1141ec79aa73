import { type InteropProgress, type InteropStage, interopStages, waitForInteropMessage } from '@interop/sdk';
import { parseCommandArgs } from '../args.js';
import type { CommandRun } from '../command.js';
import {
  candidateChains,
  cliClient,
  destinationOptions,
  loadConfigAndDestination,
  locateMessage,
  messageOptions,
  parseMessageAndOn,
  toJson,
  withCliErrors,
} from '../config.js';
import { CliError } from '../errors.js';
import { chainLabel } from '../format.js';

/** One detail for a stage, for the human output. */
function detail(p: InteropProgress, on: bigint): string {
  const s = p.status;
  switch (p.stage) {
    case 'sent':
      return s ? `${chainLabel(s.chainId)}, block ${s.blockNumber}` : '';
    case 'sealed':
      return s?.l1BatchNumber !== undefined ? `batch ${s.l1BatchNumber}` : '';
    case 'executed':
      return s?.settlementLayer.blockNumber !== undefined ? `settlement block ${s.settlementLayer.blockNumber}` : '';
    default:
      return chainLabel(on);
  }
}

/** The live line: reached stages ticked, the next one pending. */
function progressLine(reached: InteropStage | undefined): string {
  const at = reached === undefined ? -1 : interopStages.indexOf(reached);
  return interopStages.map((st, i) => (i <= at ? `${st} ✓` : i === at + 1 ? `${st} …` : st)).join(' → ');
}

/** `interop wait`. */
export const waitCommand: CommandRun = {
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      ...messageOptions,
      ...destinationOptions,
      timeout: { type: 'string', default: '60' },
    });
    const { interopHash, on } = parseMessageAndOn(positionals, values);
    const timeoutFlag = values.timeout ?? '60';
    if (!/^\d+(\.\d+)?$/.test(timeoutFlag))
      throw new CliError(`--timeout must be a number of seconds, got "${timeoutFlag}"`);
    const timeout = Math.round(Number(timeoutFlag) * 1000);
    // The settlement layer is a valid destination too: it verifies through its InteropSettlement contract.
    const {
      config,
      destination: { client: destination, settlement },
    } = loadConfigAndDestination(values, on);
    const live = !values.json && process.stdout.isTTY === true;

    return withCliErrors(async () => {
      // With the source chain named, the message need not exist yet: wait may start before the send is mined.
      const client =
        values.chain !== undefined || values.rpc !== undefined
          ? cliClient(candidateChains(config, values)[0].rpcUrl)
          : (await locateMessage(config, values, interopHash)).client;
      let reached: InteropStage | undefined;
      if (live) process.stdout.write(progressLine(undefined));
      const onProgress = (p: InteropProgress) => {
        reached = p.stage;
        if (values.json) {
          process.stdout.write(`${toJson({ interopHash, stage: p.stage, chainId: on, status: p.status })}\n`);
        } else if (live) {
          process.stdout.write(`\r\x1b[2K${progressLine(p.stage)}`);
        } else {
          const d = detail(p, on);
          process.stdout.write(`${p.stage}${d ? ` (${d})` : ''}\n`);
        }
      };
      try {
        await waitForInteropMessage(client, { interopHash, destination, settlement, onProgress, timeout });
      } finally {
        if (live) process.stdout.write('\n');
      }
      if (!values.json && reached === 'verified' && live) process.stdout.write(`verified on ${chainLabel(on)}\n`);
      return 0;
    });
  },
};
