import {
  getInteropProof,
  getInteropRoot,
  MessageNotProvableError,
  verifyInteropMessage,
  verifyInteropMessageOffchain,
} from '@interop/sdk';
import { parseCommandArgs } from '../args.js';
import type { CommandRun } from '../command.js';
import {
  destinationOptions,
  loadConfigAndDestination,
  locateMessage,
  messageOptions,
  parseMessageAndOn,
  settlementLayerOptions,
  toJson,
  withCliErrors,
} from '../config.js';
import { CliError } from '../errors.js';
import { chainLabel } from '../format.js';
import { proofFromSettlementLayer } from './proof.js';

/** `interop verify`. */
export const verifyCommand: CommandRun = {
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      ...messageOptions,
      ...destinationOptions,
      ...settlementLayerOptions,
      offchain: { type: 'boolean', default: false },
    });
    const { interopHash, on } = parseMessageAndOn(positionals, values);
    const { config, destination: dest } = loadConfigAndDestination(values, on);
    if (values.offchain && dest.settlement) {
      // The off-chain check compares with the root an L2 imported; the settlement layer imports none.
      throw new CliError(
        `--offchain checks against a root an L2 imported; ${chainLabel(on)} is the settlement layer, verify there without it`,
      );
    }
    const print = (result: Record<string, unknown>, line: string) =>
      process.stdout.write(values.json ? `${toJson({ interopHash, chainId: on, ...result })}\n` : `${line}\n`);

    return withCliErrors(async () => {
      let proof: Awaited<ReturnType<typeof proofFromSettlementLayer>>;
      try {
        proof = values['from-settlement-layer']
          ? await proofFromSettlementLayer(config, values, interopHash, on)
          : await getInteropProof((await locateMessage(config, values, interopHash)).client, {
              interopHash,
              destinationChainId: on,
            });
      } catch (err) {
        if (!(err instanceof MessageNotProvableError)) throw err;
        print({ verified: false, reason: err.why }, `not verified on ${chainLabel(on)}: ${err.shortMessage}`);
        return 1;
      }
      const sl = proof.settlementLayer;
      // The settlement layer holds its own roots; an L2 holds the ones the importer gave it.
      if (!dest.settlement && (await getInteropRoot(dest.client, sl)) === undefined) {
        print(
          { verified: false, reason: 'root-not-imported', settlementLayer: sl },
          `not verified on ${chainLabel(on)}: the root of settlement block ${sl.blockNumber} is not imported there yet`,
        );
        return 1;
      }
      const verified = await verifyInteropMessage(dest.client, { interopHash, proof, address: dest.settlement });
      let offchain: { verified: boolean; reason?: string } | undefined;
      if (values.offchain && !dest.settlement) {
        const r = await verifyInteropMessageOffchain(dest.client, { interopHash, proof });
        offchain = { verified: r.verified, reason: r.reason };
      }
      const ok = verified && (offchain?.verified ?? true);
      print(
        { verified: ok, onchain: verified, offchain, proof },
        ok
          ? `verified on ${chainLabel(on)} (batch ${proof.l1BatchNumber} of ${chainLabel(proof.chainId)}, settlement block ${sl.blockNumber}${offchain ? ', off-chain check agrees' : ''})`
          : `NOT verified on ${chainLabel(on)}${offchain && !offchain.verified ? ` (off-chain: ${offchain.reason})` : ''}`,
      );
      return ok ? 0 : 1;
    });
  },
};
