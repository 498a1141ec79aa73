import type { Client, Hex } from 'viem';
import { readContract } from 'viem/actions';
import { INTEROP_CENTER_ADDRESS } from '../core/index.js';
import { interopCenterAbi } from './abi.js';
import type { ErrorType, RpcUnreachableError } from './errors.js';
import { withRpc } from './rpc.js';

/** Parameters of {@link getInteropRoot}. */
export type GetInteropRootParameters = {
  /** The chain whose root it is (the settlement layer for gateway proofs). */
  chainId: bigint;
  /** Its block (settlement layer) or batch number. */
  blockNumber: bigint;
};

/** The imported root, or undefined when that chain has not imported it (yet). */
export type GetInteropRootReturnType = Hex | undefined;

/** Errors {@link getInteropRoot} throws. */
export type GetInteropRootErrorType = RpcUnreachableError | ErrorType;

/**
 * Reads an imported interop root from a chain's InteropCenter (`interopRoots(chainId, blockNumber)`).
 *
 * @example
 * const root = await getInteropRoot(destination, { chainId: 9n, blockNumber: proof.settlementLayer.blockNumber });
 * if (root === undefined) console.log('not imported yet');
 */
export async function getInteropRoot(
  client: Client,
  { chainId, blockNumber }: GetInteropRootParameters,
): Promise<GetInteropRootReturnType> {
  const root = await withRpc(client, () =>
    readContract(client, {
      address: INTEROP_CENTER_ADDRESS,
      abi: interopCenterAbi,
      functionName: 'interopRoots',
      args: [chainId, blockNumber],
    }),
  );
  return /^0x0+$/.test(root) ? undefined : root;
}
