import {
  buildInteropProofFromSettlementLayer,
  getInteropProof,
  type InteropMessageProof,
  MessageNotFoundError,
} from '@interop/sdk';
import type { Hex } from 'viem';
import { parseCommandArgs } from '../args.js';
import type { CommandRun } from '../command.js';
import {
  type CliConfig,
  cliClient,
  loadConfig,
  locateMessage,
  messageHashArgument,
  messageOptions,
  parseChainId,
  settlementEndpoint,
  settlementLayerOptions,
  toJson,
  withCliErrors,
} from '../config.js';
import { CliError } from '../errors.js';
import { chainLabel } from '../format.js';

/** Human-readable lines for a proof. */
export function formatProof(interopHash: Hex, p: InteropMessageProof): string {
  return `${[
    `proof of ${interopHash}`,
    `  chainId          ${p.chainId}`,
    `  l1BatchNumber    ${p.l1BatchNumber}`,
    `  l2MessageIndex   ${p.l2MessageIndex}`,
    `  txNumberInBatch  ${p.txNumberInBatch}`,
    `  settlement       ${chainLabel(p.settlementLayer.chainId)}, block ${p.settlementLayer.blockNumber}`,
    `  root             ${p.root}`,
    `  proof (${p.proof.length} words)`,
    ...p.proof.map((w) => `    ${w}`),
  ].join('\n')}\n`;
}

/** The proof rebuilt from the settlement layer only, trying the given chain or every known one as the source. */
export async function proofFromSettlementLayer(
  config: CliConfig,
  values: { chain?: string; 'settlement-rpc'?: string; settlement?: string },
  interopHash: Hex,
  destination?: bigint,
): Promise<InteropMessageProof> {
  const sl = settlementEndpoint(config, { rpc: values['settlement-rpc'], contract: values.settlement });
  const l1 = { client: cliClient(sl.rpcUrl), settlement: sl.contract };
  const sources = values.chain ? [parseChainId('--chain', values.chain)] : config.chains.map((c) => c.chainId);
  if (sources.length === 0) throw new CliError('no source chain: pass --chain <id>');
  const gw = config.gateway;
  for (const sourceChainId of sources) {
    // A chain on the Gateway: its batches are on the Gateway; the proof goes on to L1 unless the destination
    // holds the Gateway's roots (the Gateway itself and the chains on it).
    const onGateway = gw !== undefined && config.settlesOn.get(sourceChainId) === gw.chainId;
    if (onGateway && !gw.contract)
      throw new CliError('the Gateway settlement contract address is unknown (devnet.json)');
    const toL1 =
      onGateway &&
      destination !== undefined &&
      destination !== gw.chainId &&
      config.settlesOn.get(destination) !== gw.chainId;
    try {
      const {
        interopHash: _h,
        txHash: _t,
        ...proof
      } = await buildInteropProofFromSettlementLayer({
        settlementClient: onGateway ? cliClient(gw.rpcUrl) : l1.client,
        settlement: onGateway ? gw.contract! : sl.contract,
        sourceChainId,
        interopHash,
        l1: toL1 ? l1 : undefined,
      });
      return proof;
    } catch (err) {
      if (!(err instanceof MessageNotFoundError)) throw err;
    }
  }
  throw new CliError(
    `message ${interopHash} is in no committed batch of chain${sources.length > 1 ? 's' : ''} ${sources.join(', ')}`,
    2,
  );
}

/** `interop proof`. */
export const proofCommand: CommandRun = {
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      ...messageOptions,
      on: { type: 'string' },
      ...settlementLayerOptions,
    });
    const interopHash = messageHashArgument(positionals);
    const config = loadConfig({ dataDir: values['data-dir'] });
    return withCliErrors(async () => {
      let proof: InteropMessageProof;
      const on = values.on === undefined ? undefined : parseChainId('--on', values.on);
      if (values['from-settlement-layer']) {
        proof = await proofFromSettlementLayer(config, values, interopHash, on);
      } else {
        const { client } = await locateMessage(config, values, interopHash);
        proof = await getInteropProof(client, { interopHash, destinationChainId: on });
      }
      process.stdout.write(values.json ? `${toJson({ interopHash, ...proof })}\n` : formatProof(interopHash, proof));
      return 0;
    });
  },
};
