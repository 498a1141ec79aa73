import { type Address, fromRlp, getAddress, type Hex, hexToBigInt } from 'viem';
import { ZkSyncCompatError } from './errors.js';

/** Paymaster part of a ZKsync transaction. */
export type PaymasterParams = { paymaster: Address; paymasterInput: Hex };

/**
 * A decoded ZKsync EIP-712 (type 0x71) transaction, fields as they appear on the wire.
 * `v`, `r`, `s` are the optional ECDSA fields (zksync-ethers leaves r/s empty and signs in `customSignature`).
 */
export type Eip712Transaction = {
  nonce: bigint;
  maxPriorityFeePerGas: bigint;
  maxFeePerGas: bigint;
  gasLimit: bigint;
  /** null when the field is empty (ZKsync itself refuses such transactions). */
  to: Address | null;
  value: bigint;
  data: Hex;
  v: bigint;
  r: Hex;
  s: Hex;
  chainId: bigint;
  from: Address;
  gasPerPubdata: bigint;
  factoryDeps: Hex[];
  customSignature: Hex;
  paymasterParams: PaymasterParams | null;
};

export type DecodeEip712TransactionReturnType = Eip712Transaction;

// Wire order, checked against zksync-ethers' serializeEip712 and zksync-era's TransactionRequest decoder:
// nonce, maxPriorityFeePerGas, maxFeePerGas, gasLimit, to, value, data, v, r, s, chainId, from,
// gasPerPubdata, factoryDeps[], customSignature, [paymaster, paymasterInput].
const FIELD_COUNT = 16;

type RlpItem = Hex | readonly RlpItem[];

/** True when `raw` is a serialized ZKsync EIP-712 transaction (first byte 0x71). */
export function isZkSyncTransaction(raw: unknown): raw is Hex {
  return typeof raw === 'string' && raw.slice(0, 4).toLowerCase() === '0x71';
}

/**
 * Decodes a serialized type-0x71 transaction. Throws {@link ZkSyncCompatError} (-32602) naming the bad field;
 * never returns a partially decoded transaction.
 */
export function decodeEip712Transaction(raw: Hex): DecodeEip712TransactionReturnType {
  if (!isZkSyncTransaction(raw) || !/^0x([0-9a-fA-F]{2})*$/.test(raw))
    throw new ZkSyncCompatError('Not a ZKsync EIP-712 transaction', {
      details: 'expected hex bytes starting with the type byte 0x71',
    });
  let decoded: RlpItem;
  try {
    decoded = fromRlp(`0x${raw.slice(4)}` as Hex, 'hex');
  } catch (cause) {
    throw new ZkSyncCompatError('Malformed ZKsync EIP-712 transaction: invalid RLP', { cause });
  }
  if (typeof decoded === 'string' || decoded.length !== FIELD_COUNT)
    throw new ZkSyncCompatError('Malformed ZKsync EIP-712 transaction', {
      details: `expected an RLP list of ${FIELD_COUNT} fields, got ${typeof decoded === 'string' ? 'a string' : decoded.length}`,
    });
  const items = decoded;

  const factoryDeps = items[13];
  if (!Array.isArray(factoryDeps) || factoryDeps.some((d) => typeof d !== 'string'))
    throw bad('factoryDeps', 'expected a list of byte strings');

  return {
    nonce: quantity(items, 0, 'nonce'),
    maxPriorityFeePerGas: quantity(items, 1, 'maxPriorityFeePerGas'),
    maxFeePerGas: quantity(items, 2, 'maxFeePerGas'),
    gasLimit: quantity(items, 3, 'gasLimit'),
    to: optionalAddress(items, 4, 'to'),
    value: quantity(items, 5, 'value'),
    data: bytes(items, 6, 'data'),
    v: quantity(items, 7, 'v'),
    r: bytes(items, 8, 'r'),
    s: bytes(items, 9, 's'),
    chainId: quantity(items, 10, 'chainId'),
    from: address(items, 11, 'from'),
    gasPerPubdata: quantity(items, 12, 'gasPerPubdata'),
    factoryDeps: factoryDeps as Hex[],
    customSignature: bytes(items, 14, 'customSignature'),
    paymasterParams: paymaster(items[15]),
  };
}

function bad(field: string, details: string): ZkSyncCompatError {
  return new ZkSyncCompatError(`Malformed ZKsync EIP-712 transaction: invalid ${field}`, { details });
}

function bytes(items: readonly RlpItem[], i: number, field: string): Hex {
  const item = items[i];
  if (typeof item !== 'string') throw bad(field, 'expected a byte string, got a list');
  return item.toLowerCase() as Hex;
}

// RLP integers are minimal big-endian: a leading zero byte would give two encodings of one value.
function quantity(items: readonly RlpItem[], i: number, field: string): bigint {
  const item = bytes(items, i, field);
  if (item === '0x') return 0n;
  if (item.startsWith('0x00')) throw bad(field, 'integer with a leading zero byte');
  if (item.length > 66) throw bad(field, 'integer wider than 256 bits');
  return hexToBigInt(item);
}

function optionalAddress(items: readonly RlpItem[], i: number, field: string): Address | null {
  const item = bytes(items, i, field);
  if (item === '0x') return null;
  if (item.length !== 42) throw bad(field, `expected 20 bytes, got ${(item.length - 2) / 2}`);
  return getAddress(item);
}

function address(items: readonly RlpItem[], i: number, field: string): Address {
  const a = optionalAddress(items, i, field);
  if (a === null) throw bad(field, 'missing');
  return a;
}

function paymaster(item: RlpItem | undefined): PaymasterParams | null {
  if (!Array.isArray(item)) throw bad('paymasterParams', 'expected a list');
  if (item.length === 0) return null;
  const [pm, input] = item;
  if (item.length !== 2 || typeof pm !== 'string' || typeof input !== 'string' || pm.length !== 42)
    throw bad('paymasterParams', 'expected [20-byte paymaster, paymasterInput]');
  return { paymaster: getAddress(pm), paymasterInput: input.toLowerCase() as Hex };
}
