import {
  buildInteropProofFromSettlementLayer,
  getInteropProof,
  type InteropMessageProof,
  MessageNotFoundError,
} from '@interop/sdk';
import type { Hex } from 'viem';
import type { Command } from '../command.js';
import {
  type CliConfig,
  cliClient,
  loadConfig,
  locateMessage,
  networkOptions,
  parseChainId,
  parseCommandArgs,
  parseHash,
  settlementEndpoint,
  toJson,
  withCliErrors,
} from '../config.js';
import { CliError } from '../errors.js';

const usage = `usage: interop proof <interopHash> [--from-settlement-layer] [--chain <id>] [--rpc <url>] [--json]

Prints a message's proof: the InteropProof struct for InteropCenter.verifyInteropMessage
(chainId, l1BatchNumber, l2MessageIndex, txNumberInBatch, proof) and the settlement root it ends in.
Exit code 1 when the message is not provable yet.

options:
  --chain <id>               source chain of the message (default: every known chain is tried)
  --rpc <url>                endpoint of the source chain
  --from-settlement-layer    rebuild the proof from settlement-layer data only (commit calldata and
                             MessageRoot events); the source chain is not contacted
  --settlement-rpc <url>     settlement layer endpoint (default INTEROP_SETTLEMENT_RPC or devnet.json)
  --settlement <address>     InteropSettlement address (default INTEROP_SETTLEMENT_CONTRACT or devnet.json)
  --data-dir <dir>           where devnet.json is (default .interop, or INTEROP_DEVNET)
  --json                     print one JSON object`;

/** Human-readable lines for a proof. */
export function formatProof(interopHash: Hex, p: InteropMessageProof): string {
  return `${[
    `proof of ${interopHash}`,
    `  chainId          ${p.chainId}`,
    `  l1BatchNumber    ${p.l1BatchNumber}`,
    `  l2MessageIndex   ${p.l2MessageIndex}`,
    `  txNumberInBatch  ${p.txNumberInBatch}`,
    `  settlement       chain ${p.settlementLayer.chainId}, block ${p.settlementLayer.blockNumber}`,
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
): Promise<InteropMessageProof> {
  const sl = settlementEndpoint(config, { rpc: values['settlement-rpc'], contract: values.settlement });
  const settlementClient = cliClient(sl.rpcUrl);
  const sources = values.chain ? [parseChainId('--chain', values.chain)] : config.chains.map((c) => c.chainId);
  if (sources.length === 0) throw new CliError('no source chain: pass --chain <id>');
  for (const sourceChainId of sources) {
    try {
      const {
        interopHash: _h,
        txHash: _t,
        ...proof
      } = await buildInteropProofFromSettlementLayer({
        settlementClient,
        settlement: sl.contract,
        sourceChainId,
        interopHash,
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
export const proofCommand: Command = {
  name: 'proof',
  summary: 'print the proof of a message (from the node, or rebuilt from the settlement layer)',
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      ...networkOptions,
      chain: { type: 'string' },
      'from-settlement-layer': { type: 'boolean', default: false },
      'settlement-rpc': { type: 'string' },
      settlement: { type: 'string' },
    });
    if (positionals.length > 1) throw new CliError(`unexpected argument "${positionals[1]}"`);
    const interopHash = parseHash('interop hash', positionals[0]);
    const config = loadConfig({ dataDir: values['data-dir'] });
    return withCliErrors(async () => {
      let proof: InteropMessageProof;
      if (values['from-settlement-layer']) {
        proof = await proofFromSettlementLayer(config, values, interopHash);
      } else {
        const { client } = await locateMessage(config, values, interopHash);
        proof = await getInteropProof(client, { interopHash });
      }
      process.stdout.write(values.json ? `${toJson({ interopHash, ...proof })}\n` : formatProof(interopHash, proof));
      return 0;
    });
  },
};
