// The node's proof answer as the tests read it, and the five-field InteropProof struct InteropCenter takes.
import type { RpcInteropMessageProof } from '@interop/sdk';
import type { Hex } from 'viem';

export type { RpcInteropMessageProof as RpcMessageProof };

/** InteropCenter's `InteropProof` struct (the Solidity argument of verifyInteropMessage). */
export type InteropProof = {
  chainId: bigint;
  l1BatchNumber: bigint;
  l2MessageIndex: bigint;
  txNumberInBatch: number;
  proof: Hex[];
};

/** The struct InteropCenter takes, read from an `interop_getMessageProof` answer (hex quantities to bigints). */
export function toInteropProof(p: RpcInteropMessageProof): InteropProof {
  return {
    chainId: BigInt(p.chainId),
    l1BatchNumber: BigInt(p.l1BatchNumber),
    l2MessageIndex: BigInt(p.l2MessageIndex),
    txNumberInBatch: p.txNumberInBatch,
    proof: p.proof,
  };
}
