import { type Address, BaseError, type Client, ContractFunctionRevertedError, type Hex } from 'viem';
import { readContract } from 'viem/actions';
import { getInteropHash, INTEROP_CENTER_ADDRESS, type InteropMessage, type InvalidInputError } from '../core/index.js';
import { interopCenterAbi } from './abi.js';
import type { ErrorType, RpcUnreachableError } from './errors.js';
import { assertHash, withRpc } from './rpc.js';
import type { InteropMessageProof } from './types.js';

/** The message to verify: its hash, or the full message (hashed here). */
export type InteropMessageRef =
  | { interopHash: Hex; message?: undefined }
  | { message: InteropMessage; interopHash?: undefined };

/** Parameters of {@link verifyInteropMessage}. */
export type VerifyInteropMessageParameters = InteropMessageRef & {
  /** The proof; `root` and `settlementLayer` are not needed on-chain. */
  proof: Pick<InteropMessageProof, 'chainId' | 'l1BatchNumber' | 'l2MessageIndex' | 'txNumberInBatch' | 'proof'>;
  /**
   * Contract to ask. Default: the InteropCenter (`0x…10008`) of an L2. Pass the settlement layer's
   * `InteropSettlement` address to verify on the settlement layer (same function signature).
   */
  address?: Address;
};

/** True when the destination chain's InteropCenter accepts the proof. */
export type VerifyInteropMessageReturnType = boolean;

/** The interop hash of a message reference. */
export function interopHashOf(ref: InteropMessageRef): Hex {
  if (ref.interopHash === undefined) return getInteropHash(ref.message);
  assertHash(ref.interopHash, 'interopHash');
  return ref.interopHash;
}

/** Errors {@link verifyInteropMessage} throws (a proof the contract rejects is `false`, not an error). */
export type VerifyInteropMessageErrorType = InvalidInputError | RpcUnreachableError | ErrorType;

/**
 * Verifies a message on a chain by calling its InteropCenter's `verifyInteropMessage` (an `eth_call`, no
 * transaction). `client` is the chain where the message is checked — any chain that imported the root the proof
 * ends in, the source chain included. A malformed proof makes the contract revert; that is reported as `false`.
 *
 * @throws {InvalidInputError} when `interopHash` (or the message) is malformed.
 * @throws {RpcUnreachableError} when the endpoint does not answer.
 *
 * @example
 * const proof = await getInteropProof(source, { interopHash });
 * const ok = await verifyInteropMessage(destination, { interopHash, proof });
 */
export async function verifyInteropMessage(
  client: Client,
  parameters: VerifyInteropMessageParameters,
): Promise<VerifyInteropMessageReturnType> {
  const { proof } = parameters;
  try {
    return await withRpc(client, () =>
      readContract(client, {
        address: parameters.address ?? INTEROP_CENTER_ADDRESS,
        abi: interopCenterAbi,
        functionName: 'verifyInteropMessage',
        args: [
          interopHashOf(parameters),
          {
            chainId: proof.chainId,
            l1BatchNumber: proof.l1BatchNumber,
            l2MessageIndex: proof.l2MessageIndex,
            txNumberInBatch: proof.txNumberInBatch,
            proof: proof.proof,
          },
        ],
      }),
    );
  } catch (err) {
    if (err instanceof BaseError && err.walk((e) => e instanceof ContractFunctionRevertedError)) return false;
    throw err;
  }
}
