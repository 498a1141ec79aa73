import { sendInteropMessage } from '@interop/sdk';
import { createWalletClient, type Hex, http, isHex, stringToHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { parseCommandArgs } from '../args.js';
import type { CommandRun } from '../command.js';
import {
  assertChainEndpoint,
  chainEndpoint,
  loadConfig,
  networkOptions,
  parseChainId,
  toJson,
  withCliErrors,
} from '../config.js';
import { CliError } from '../errors.js';
import { chainLabel } from '../format.js';

function payload(data: string | undefined, text: string | undefined): Hex {
  if (data !== undefined && text !== undefined) throw new CliError('pass either --data or --text, not both');
  if (text !== undefined) return stringToHex(text);
  if (data === undefined) throw new CliError('missing payload: pass --data 0x… or --text <string>');
  if (!isHex(data, { strict: true }) || data.length % 2 !== 0) {
    throw new CliError(`--data must be 0x-prefixed hex with an even number of digits, got "${data}"`);
  }
  return data;
}

/** `interop send`. */
export const sendCommand: CommandRun = {
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      ...networkOptions,
      chain: { type: 'string' },
      data: { type: 'string' },
      text: { type: 'string' },
      'private-key': { type: 'string' },
    });
    if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}"`);
    const data = payload(values.data, values.text);
    if (values.chain === undefined) throw new CliError('missing --chain <id>');
    const chainId = parseChainId('--chain', values.chain);
    const config = loadConfig({ dataDir: values['data-dir'] });
    const rpcUrl = values.rpc ?? chainEndpoint(config, chainId).rpcUrl;
    const key = values['private-key'] ?? process.env.INTEROP_PRIVATE_KEY ?? config.accounts[0]?.privateKey;
    if (!key) throw new CliError('no key: pass --private-key, set INTEROP_PRIVATE_KEY, or start `interop devnet`');
    if (!/^0x[0-9a-fA-F]{64}$/.test(key)) throw new CliError('the private key must be 0x-prefixed 32-byte hex');

    return withCliErrors(async () => {
      const wallet = createWalletClient({
        account: privateKeyToAccount(key as Hex),
        transport: http(rpcUrl, { retryCount: 0, timeout: 10_000 }),
        pollingInterval: 100,
      });
      await assertChainEndpoint(wallet, chainId, rpcUrl);
      const sent = await sendInteropMessage(wallet, { data });
      const m = sent.message;
      if (values.json) {
        process.stdout.write(`${toJson({ interopHash: sent.interopHash, txHash: sent.txHash, message: m })}\n`);
      } else {
        process.stdout.write(
          `${sent.interopHash}\n` +
            `  sent on ${chainLabel(m.sourceChainId)} by ${m.sender}, message #${m.messageNum}, tx ${sent.txHash}\n`,
        );
      }
      return 0;
    });
  },
};
