import { sendInteropMessage } from '@interop/sdk';
import { createWalletClient, type Hex, http, isHex, stringToHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { Command } from '../command.js';
import {
  assertChainEndpoint,
  chainEndpoint,
  loadConfig,
  networkOptions,
  parseChainId,
  parseCommandArgs,
  toJson,
  withCliErrors,
} from '../config.js';
import { CliError } from '../errors.js';

const usage = `usage: interop send --chain <id> (--data 0x… | --text <string>) [--private-key 0x…] [--rpc <url>] [--json]

Sends an interop message from chain <id> through its InteropCenter and prints its interop hash.

options:
  --chain <id>          source chain (its endpoint comes from --rpc, INTEROP_RPC_<id> or devnet.json)
  --data 0x…            payload as hex bytes
  --text <string>       payload as UTF-8 text
  --private-key 0x…     sender key (default: INTEROP_PRIVATE_KEY, else the devnet's first funded account)
  --rpc <url>           endpoint of the source chain
  --data-dir <dir>      where devnet.json is (default .interop, or INTEROP_DEVNET)
  --json                print one JSON object`;

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
export const sendCommand: Command = {
  name: 'send',
  summary: 'send an interop message from a chain',
  usage,
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
            `  sent on chain ${m.sourceChainId} by ${m.sender}, message #${m.messageNum}, tx ${sent.txHash}\n`,
        );
      }
      return 0;
    });
  },
};
