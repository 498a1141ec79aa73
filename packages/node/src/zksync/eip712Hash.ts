import { concat, type Hex, hashTypedData, hexToBigInt, keccak256, numberToHex, pad, size } from 'viem';
import { EIP712_TX_TYPE, ZKSYNC_EIP712_DOMAIN, ZKSYNC_EIP712_TYPES } from './constants.js';
import type { Eip712Transaction } from './decodeEip712Transaction.js';
import { ZkSyncCompatError } from './errors.js';
import { hashBytecode } from './hashBytecode.js';

/** The EIP-712 digest a ZKsync account signs for `tx` (domain "zkSync", version "2", the tx's chain id). */
export function getEip712SignedDigest(tx: Eip712Transaction): Hex {
  return hashTypedData({
    domain: { ...ZKSYNC_EIP712_DOMAIN, chainId: tx.chainId },
    types: ZKSYNC_EIP712_TYPES,
    primaryType: 'Transaction',
    message: {
      txType: BigInt(EIP712_TX_TYPE),
      from: hexToBigInt(tx.from),
      to: tx.to === null ? 0n : hexToBigInt(tx.to),
      gasLimit: tx.gasLimit,
      gasPerPubdataByteLimit: tx.gasPerPubdata,
      maxFeePerGas: tx.maxFeePerGas,
      maxPriorityFeePerGas: tx.maxPriorityFeePerGas,
      paymaster: tx.paymasterParams ? hexToBigInt(tx.paymasterParams.paymaster) : 0n,
      nonce: tx.nonce,
      value: tx.value,
      data: tx.data,
      factoryDeps: tx.factoryDeps.map(hashBytecode),
      paymasterInput: tx.paymasterParams?.paymasterInput ?? '0x',
    },
  });
}

/**
 * The signature bytes ZKsync hashes and verifies: `customSignature` when present (what zksync-ethers sends),
 * otherwise r ‖ s ‖ v packed with v as 27/28, like zksync-era packs an ECDSA signature.
 */
export function getEip712Signature(tx: Eip712Transaction): Hex {
  if (tx.customSignature !== '0x') return tx.customSignature;
  if (tx.r === '0x' || tx.s === '0x' || size(tx.r) > 32 || size(tx.s) > 32 || tx.v > 1n)
    throw new ZkSyncCompatError('ZKsync transaction is not signed', {
      details: 'expected a customSignature, or r/s with v = 0 or 1',
    });
  return concat([pad(tx.r), pad(tx.s), numberToHex(tx.v + 27n, { size: 1 })]);
}

/** ZKsync's transaction hash: keccak256(signedDigest ‖ keccak256(signature)). zksync-ethers checks it. */
export function getEip712TransactionHash(tx: Eip712Transaction): Hex {
  return keccak256(concat([getEip712SignedDigest(tx), keccak256(getEip712Signature(tx))]));
}
