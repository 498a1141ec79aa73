import type { Client, Hex } from 'viem';
import {
  hashL2ToL1Log,
  type InvalidInputError,
  type InvalidProofError,
  interopMessageToLog,
  verifyProof,
} from '../core/index.js';
import type { ErrorType, RpcUnreachableError } from './errors.js';
import { getInteropRoot } from './getInteropRoot.js';
import { interopHashOf, type VerifyInteropMessageParameters } from './verifyInteropMessage.js';

/** Parameters of {@link verifyInteropMessageOffchain}. */
export type VerifyInteropMessageOffchainParameters = VerifyInteropMessageParameters;

/** Errors {@link verifyInteropMessageOffchain} throws. */
export type VerifyInteropMessageOffchainErrorType =
  | InvalidInputError
  | InvalidProofError
  | RpcUnreachableError
  | ErrorType;

/** Result of {@link verifyInteropMessageOffchain}. */
export type VerifyInteropMessageOffchainReturnType = {
  verified: boolean;
  /** Why it did not verify: the chain has no root for that settlement block yet, or a different one. */
  reason?: 'root-not-imported' | 'root-mismatch';
  /** The root the proof computes. */
  computedRoot: Hex;
  /** The root the chain holds for that settlement block (undefined: not imported). */
  importedRoot: Hex | undefined;
  /** The settlement layer and block the proof ends in. */
  settlementLayer: { chainId: bigint; blockNumber: bigint };
};

/**
 * Verifies a message locally: recomputes the proof's root with the protocol core and compares it with the root
 * the chain behind `client` imported for that settlement block. Only the root is read from the chain, so this
 * checks the same thing as {@link verifyInteropMessage} without trusting the chain's contract code.
 *
 * @throws {InvalidProofError} when the proof is malformed (wrong version, lengths past the end, ...).
 * @throws {RpcUnreachableError} when the endpoint does not answer.
 *
 * @example
 * const { verified, reason } = await verifyInteropMessageOffchain(destination, { interopHash, proof });
 */
export async function verifyInteropMessageOffchain(
  client: Client,
  parameters: VerifyInteropMessageOffchainParameters,
): Promise<VerifyInteropMessageOffchainReturnType> {
  const { proof } = parameters;
  const leaf = hashL2ToL1Log(
    interopMessageToLog({ interopHash: interopHashOf(parameters), txNumberInBatch: proof.txNumberInBatch }),
  );
  const result = verifyProof({
    chainId: proof.chainId,
    batchNumber: proof.l1BatchNumber,
    leafIndex: proof.l2MessageIndex,
    leaf,
    proof: proof.proof,
  });
  const importedRoot = await getInteropRoot(client, result.settlementLayer);
  const base = { computedRoot: result.root, importedRoot, settlementLayer: result.settlementLayer };
  if (importedRoot === undefined) return { verified: false, reason: 'root-not-imported', ...base };
  if (importedRoot.toLowerCase() !== result.root.toLowerCase())
    return { verified: false, reason: 'root-mismatch', ...base };
  return { verified: true, ...base };
}
