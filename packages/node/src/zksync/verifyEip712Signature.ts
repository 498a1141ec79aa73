import { type Address, type Hex, hexToBigInt, isAddressEqual, recoverAddress, size, slice } from 'viem';
import type { Eip712Transaction } from './decodeEip712Transaction.js';
import { getEip712Signature, getEip712SignedDigest } from './eip712Hash.js';
import { ZkSyncCompatError } from './errors.js';

// Half the secp256k1 order: ZKsync's default account refuses malleable (high-s) signatures, and so do we.
const HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;

export type VerifyEip712SignatureReturnType = { signer: Address; digest: Hex };

/**
 * Checks that `tx` carries a 65-byte ECDSA signature over its EIP-712 digest by `tx.from`.
 * Only externally owned accounts can be honoured here (there is no account abstraction on an EVM chain), so any
 * other signature is refused with -32602.
 */
export async function verifyEip712Signature(tx: Eip712Transaction): Promise<VerifyEip712SignatureReturnType> {
  const signature = getEip712Signature(tx);
  if (size(signature) !== 65)
    throw new ZkSyncCompatError('Unsupported ZKsync transaction signature', {
      details: `expected a 65-byte ECDSA signature, got ${size(signature)} bytes (smart-account signatures are not supported)`,
    });
  const v = Number(hexToBigInt(slice(signature, 64, 65)));
  if (![0, 1, 27, 28].includes(v) || hexToBigInt(slice(signature, 32, 64)) > HALF_N)
    throw new ZkSyncCompatError('Invalid ZKsync transaction signature', { details: 'bad v or high s value' });
  const digest = getEip712SignedDigest(tx);
  let signer: Address;
  try {
    signer = await recoverAddress({ hash: digest, signature });
  } catch (cause) {
    throw new ZkSyncCompatError('Invalid ZKsync transaction signature', {
      details: 'signer cannot be recovered',
      cause,
    });
  }
  if (!isAddressEqual(signer, tx.from))
    throw new ZkSyncCompatError('Invalid ZKsync transaction signature', {
      details: `signed by ${signer}, but the transaction's from is ${tx.from}`,
    });
  return { signer, digest };
}
