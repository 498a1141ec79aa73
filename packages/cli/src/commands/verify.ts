import {
  getInteropProof,
  getInteropRoot,
  MessageNotProvableError,
  verifyInteropMessage,
  verifyInteropMessageOffchain,
} from '@interop/sdk';
import type { Address, PublicClient } from 'viem';
import type { Command } from '../command.js';
import {
  type CliConfig,
  chainEndpoint,
  cliClient,
  loadConfig,
  locateMessage,
  networkOptions,
  parseChainId,
  parseCommandArgs,
  parseHash,
  toJson,
  withCliErrors,
} from '../config.js';
import { CliError } from '../errors.js';
import { proofFromSettlementLayer } from './proof.js';

const usage = `usage: interop verify <interopHash> --on <chainId> [--chain <id>] [--offchain] [--from-settlement-layer] [--json]

Fetches the message's proof from its source chain and verifies it on chain <chainId> with an eth_call
to InteropCenter.verifyInteropMessage (on the settlement layer: InteropSettlement.verifyInteropMessage).
Exit code 0 verified, 1 not verified (or not provable yet), 2 bad input or error.

options:
  --on <chainId>      chain to verify on (any L2, the source chain itself, or the settlement layer)
  --on-rpc <url>      endpoint of that chain (default INTEROP_RPC_<id> or devnet.json)
  --chain <id>        source chain of the message (default: every known chain is tried)
  --rpc <url>         endpoint of the source chain
  --offchain          also recompute the root locally and compare it with the imported one
  --from-settlement-layer
                      rebuild the proof from settlement-layer data instead of asking the source chain
                      (--settlement-rpc / --settlement as for \`interop proof\`)
  --data-dir <dir>    where devnet.json is (default .interop, or INTEROP_DEVNET)
  --json              print one JSON object`;

/** The chain to verify on: an L2 (InteropCenter) or the settlement layer (InteropSettlement). */
function destination(
  config: CliConfig,
  on: bigint,
  onRpc: string | undefined,
): { client: PublicClient; address?: Address } {
  if (config.settlement && on === config.settlement.chainId) {
    if (!config.settlement.contract) throw new CliError('settlement contract address unknown (devnet.json has none)');
    return { client: cliClient(onRpc ?? config.settlement.rpcUrl), address: config.settlement.contract };
  }
  return { client: cliClient(onRpc ?? chainEndpoint(config, on).rpcUrl) };
}

/** `interop verify`. */
export const verifyCommand: Command = {
  name: 'verify',
  summary: 'verify a message on a chain (eth_call to its InteropCenter)',
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      ...networkOptions,
      chain: { type: 'string' },
      on: { type: 'string' },
      'on-rpc': { type: 'string' },
      offchain: { type: 'boolean', default: false },
      'from-settlement-layer': { type: 'boolean', default: false },
      'settlement-rpc': { type: 'string' },
      settlement: { type: 'string' },
    });
    if (positionals.length > 1) throw new CliError(`unexpected argument "${positionals[1]}"`);
    const interopHash = parseHash('interop hash', positionals[0]);
    if (values.on === undefined) throw new CliError('missing --on <chainId>');
    const on = parseChainId('--on', values.on);
    const config = loadConfig({ dataDir: values['data-dir'] });
    const dest = destination(config, on, values['on-rpc']);
    if (values.offchain && dest.address) {
      // The off-chain check compares with the root an L2 imported; the settlement layer imports none.
      throw new CliError(
        `--offchain checks against a root an L2 imported; chain ${on} is the settlement layer, verify there without it`,
      );
    }
    const print = (result: Record<string, unknown>, line: string) =>
      process.stdout.write(values.json ? `${toJson({ interopHash, chainId: on, ...result })}\n` : `${line}\n`);

    return withCliErrors(async () => {
      let proof: Awaited<ReturnType<typeof proofFromSettlementLayer>>;
      try {
        proof = values['from-settlement-layer']
          ? await proofFromSettlementLayer(config, values, interopHash)
          : await getInteropProof((await locateMessage(config, values, interopHash)).client, { interopHash });
      } catch (err) {
        if (!(err instanceof MessageNotProvableError)) throw err;
        print({ verified: false, reason: err.why }, `not verified on chain ${on}: ${err.shortMessage}`);
        return 1;
      }
      const sl = proof.settlementLayer;
      // The settlement layer holds its own roots; an L2 holds the ones the importer gave it.
      if (!dest.address && (await getInteropRoot(dest.client, sl)) === undefined) {
        print(
          { verified: false, reason: 'root-not-imported', settlementLayer: sl },
          `not verified on chain ${on}: the root of settlement block ${sl.blockNumber} is not imported there yet`,
        );
        return 1;
      }
      const verified = await verifyInteropMessage(dest.client, { interopHash, proof, address: dest.address });
      let offchain: { verified: boolean; reason?: string } | undefined;
      if (values.offchain && !dest.address) {
        const r = await verifyInteropMessageOffchain(dest.client, { interopHash, proof });
        offchain = { verified: r.verified, reason: r.reason };
      }
      const ok = verified && (offchain?.verified ?? true);
      print(
        { verified: ok, onchain: verified, offchain, proof },
        ok
          ? `verified on chain ${on} (batch ${proof.l1BatchNumber} of chain ${proof.chainId}, settlement block ${sl.blockNumber}${offchain ? ', off-chain check agrees' : ''})`
          : `NOT verified on chain ${on}${offchain && !offchain.verified ? ` (off-chain: ${offchain.reason})` : ''}`,
      );
      return ok ? 0 : 1;
    });
  },
};
