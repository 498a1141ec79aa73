import { type Client, type Hex, numberToHex } from 'viem';
import type { InvalidInputError } from '../core/index.js';
import {
  type ErrorType,
  InvalidNodeResponseError,
  type MessageNotFoundError,
  MessageNotProvableError,
  type RpcUnreachableError,
} from './errors.js';
import { getInteropMessageStatus } from './getInteropMessageStatus.js';
import { assertHash, isHash, rawRequest, toBigInt } from './rpc.js';
import type { InteropMessageProof } from './types.js';

/** Parameters of {@link getInteropProof}. */
export type GetInteropProofParameters = {
  interopHash: Hex;
  /**
   * The chain where the proof will be verified. The node then picks the proof that ends at a root that chain
   * holds: on a network with a Gateway, up to the Gateway's MessageRoot for chains on the Gateway (and the
   * Gateway itself), three levels up to L1's MessageRoot for L1 and the chains settling on L1.
   */
  destinationChainId?: bigint;
  /**
   * Where the proof ends, instead of `destinationChainId`: `'settlement'` (the source chain's settlement layer,
   * the default) or `'l1'` (the top layer; the same as `'settlement'` for a chain settling on L1).
   */
  target?: 'settlement' | 'l1';
};

/** Result of {@link getInteropProof}. */
export type GetInteropProofReturnType = InteropMessageProof;

/** Errors {@link getInteropProof} throws. */
export type GetInteropProofErrorType =
  | InvalidInputError
  | MessageNotFoundError
  | MessageNotProvableError
  | InvalidNodeResponseError
  | RpcUnreachableError
  | ErrorType;

/** Turns the node's `interop_getMessageProof` answer into typed values. */
function parseMessageProof(raw: Record<string, unknown>): InteropMessageProof {
  const sl = (raw.settlementLayer ?? {}) as Record<string, unknown>;
  if (!Array.isArray(raw.proof) || !raw.proof.every(isHash))
    throw new InvalidNodeResponseError({ method: 'interop_getMessageProof', field: 'proof', value: raw.proof });
  return {
    chainId: toBigInt(raw.chainId, 'chainId'),
    l1BatchNumber: toBigInt(raw.l1BatchNumber, 'l1BatchNumber'),
    l2MessageIndex: toBigInt(raw.l2MessageIndex, 'l2MessageIndex'),
    txNumberInBatch: Number(toBigInt(raw.txNumberInBatch, 'txNumberInBatch')),
    proof: raw.proof.map((w) => w.toLowerCase() as Hex),
    root: raw.root as Hex,
    settlementLayer: {
      chainId: toBigInt(sl.chainId, 'settlementLayer.chainId'),
      blockNumber: toBigInt(sl.blockNumber, 'settlementLayer.blockNumber'),
    },
  };
}

/**
 * Fetches a message's proof from its source chain's node (`interop_getMessageProof`). The proof ends in the
 * settlement layer's MessageRoot of the block in which the message's batch executed, so it verifies on every
 * chain that imported that root. With `destinationChainId`, the node picks the proof that chain can verify
 * (on a network with a Gateway: the two-level proof to the Gateway's root, or the three-level one to L1's).
 *
 * @throws {InvalidInputError} when `interopHash` is not a 32-byte hex string.
 * @throws {MessageNotFoundError} when the chain has no message with this hash.
 * @throws {InvalidNodeResponseError} when the node's answer is malformed.
 * @throws {MessageNotProvableError} when the message is known but its batch is not sealed or executed yet.
 * @throws {RpcUnreachableError} when the endpoint does not answer.
 *
 * @example
 * const proof = await getInteropProof(sourceClient, { interopHash });
 * // proof.{chainId, l1BatchNumber, l2MessageIndex, txNumberInBatch, proof} is the InteropProof struct
 */
export async function getInteropProof(
  client: Client,
  { interopHash, destinationChainId, target }: GetInteropProofParameters,
): Promise<GetInteropProofReturnType> {
  assertHash(interopHash, 'interopHash');
  const options: Record<string, unknown> = {};
  if (destinationChainId !== undefined) options.destination = numberToHex(destinationChainId);
  if (target !== undefined) options.target = target;
  const params = Object.keys(options).length > 0 ? [interopHash, options] : [interopHash];
  const raw = (await rawRequest(client, 'interop_getMessageProof', params)) as Record<string, unknown> | null;
  if (raw) return parseMessageProof(raw);
  // No proof: say why. A status lookup also distinguishes "unknown hash" (it throws MessageNotFoundError).
  const status = await getInteropMessageStatus(client, { interopHash });
  const why = status.status === 'sent' ? 'not-sealed' : 'not-executed';
  throw new MessageNotProvableError({ interopHash, why, details: `node reports status "${status.status}"` });
}
