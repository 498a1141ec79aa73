import { keccak256 } from '@interop/sdk/core';
import type { Address, Hex } from 'viem';
import type { PrivateKeyAccount } from 'viem/accounts';

/** Parameters of {@link signEip1559Transaction}: a transaction without value and access list. */
export type SignEip1559TransactionParameters = {
  account: PrivateKeyAccount;
  chainId: bigint;
  nonce: bigint;
  to: Address;
  data: Hex;
  gas: bigint;
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
};

/**
 * The signed raw EIP-1559 transaction, as viem's `signTransaction` makes it, without its hex round trips: a batch
 * commit carries ~120 bytes of calldata per message, and viem's serializer (hex → bytes per field, twice) and
 * pure-JS keccak cost more CPU than the rest of sealing. Here the calldata is decoded once (Buffer), the RLP is
 * written into one buffer, and the hash is the project's WebAssembly keccak.
 */
export async function signEip1559Transaction(p: SignEip1559TransactionParameters): Promise<Hex> {
  const fields: Uint8Array[] = [
    quantity(p.chainId),
    quantity(p.nonce),
    quantity(p.maxPriorityFeePerGas),
    quantity(p.maxFeePerGas),
    quantity(p.gas),
    Buffer.from(p.to.slice(2), 'hex'),
    quantity(0n),
    Buffer.from(p.data.slice(2), 'hex'),
  ];
  const hash = keccak256(typed(fields, []));
  const signature = await p.account.sign({ hash: `0x${Buffer.from(hash).toString('hex')}` });
  const v = Number.parseInt(signature.slice(130, 132), 16);
  const signed = typed(fields, [
    quantity(BigInt(v >= 27 ? v - 27 : v)),
    quantity(BigInt(`0x${signature.slice(2, 66)}`)),
    quantity(BigInt(`0x${signature.slice(66, 130)}`)),
  ]);
  return `0x${Buffer.from(signed).toString('hex')}`;
}

/** 0x02 ‖ rlp([...fields, accessList = [], ...signature]). */
function typed(fields: Uint8Array[], signature: Uint8Array[]): Uint8Array {
  const items = [...fields.map(rlpString), Uint8Array.of(0xc0), ...signature.map(rlpString)];
  const body = Buffer.concat(items);
  return Buffer.concat([Uint8Array.of(0x02), rlpHeader(0xc0, body.length), body]);
}

/** A non-negative integer as RLP wants it: big-endian, no leading zeros (0 is empty). */
function quantity(n: bigint): Uint8Array {
  if (n === 0n) return new Uint8Array(0);
  const hex = n.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
}

function rlpString(bytes: Uint8Array): Uint8Array {
  if (bytes.length === 1 && bytes[0] < 0x80) return bytes;
  return Buffer.concat([rlpHeader(0x80, bytes.length), bytes]);
}

/** Prefix of a string (0x80) or list (0xc0) of `length` bytes. */
function rlpHeader(base: 0x80 | 0xc0, length: number): Uint8Array {
  if (length < 56) return Uint8Array.of(base + length);
  const len = quantity(BigInt(length));
  return Uint8Array.of(base + 55 + len.length, ...len);
}
