// L2→L1 logs: the 88-byte packing (also the commit calldata format, logs concatenated), the leaf
// hash, and the two ways a message becomes a log (ZKsync's L2Message and an InteropCenter message).
import type { Address, Hex } from 'viem';
import { assertSmallInt, bytesToHexFast, hexToBytesStrict, writeHex } from './bytes.js';
import { INTEROP_CENTER_ADDRESS, L1_MESSENGER_ADDRESS, L2_TO_L1_LOG_SIZE } from './constants.js';
import { InvalidInputError } from './errors.js';
import { keccak256, keccak256Chunks } from './keccak.js';

/** One L2→L1 log as the batch records it. */
export type L2ToL1Log = {
  l2ShardId: number;
  isService: boolean;
  txNumberInBatch: number;
  sender: Address;
  key: Hex;
  value: Hex;
};

/** ZKsync's L2Message: what `L1Messenger.sendToL1(data)` called by `sender` records. */
export type L2Message = { txNumberInBatch: number; sender: Address; data: Hex };

/** Writes the 88-byte packing of `log` into `out` at `offset`. */
export function writePackedL2ToL1Log(log: L2ToL1Log, out: Uint8Array, offset = 0): void {
  assertSmallInt(log.l2ShardId, 255, 'l2ShardId');
  if (typeof log.isService !== 'boolean') throw new InvalidInputError('Invalid isService: expected a boolean.');
  assertSmallInt(log.txNumberInBatch, 0xffff, 'txNumberInBatch');
  out[offset] = log.l2ShardId;
  out[offset + 1] = log.isService ? 1 : 0;
  out[offset + 2] = log.txNumberInBatch >> 8;
  out[offset + 3] = log.txNumberInBatch & 0xff;
  if (!writeHex(log.sender, 20, out, offset + 4))
    throw new InvalidInputError('Invalid log sender: expected a 20-byte address.', { details: String(log.sender) });
  if (!writeHex(log.key, 32, out, offset + 24))
    throw new InvalidInputError('Invalid log key: expected 32 bytes of hex.', { details: String(log.key) });
  if (!writeHex(log.value, 32, out, offset + 56))
    throw new InvalidInputError('Invalid log value: expected 32 bytes of hex.', { details: String(log.value) });
}

/** `abi.encodePacked(l2ShardId, isService, txNumberInBatch, sender, key, value)`: 88 bytes. */
export function packL2ToL1Log(log: L2ToL1Log): Uint8Array {
  const out = new Uint8Array(L2_TO_L1_LOG_SIZE);
  writePackedL2ToL1Log(log, out);
  return out;
}

/** Reads one packed log (88 bytes at `offset`). `isService` must be 0 or 1. */
export function unpackL2ToL1Log(bytes: Uint8Array, offset = 0): L2ToL1Log {
  if (bytes.length - offset < L2_TO_L1_LOG_SIZE) throw new InvalidInputError('Invalid packed log: expected 88 bytes.');
  const isService = bytes[offset + 1];
  if (isService > 1) throw new InvalidInputError('Invalid packed log: isService byte is not 0 or 1.');
  return {
    l2ShardId: bytes[offset],
    isService: isService === 1,
    txNumberInBatch: (bytes[offset + 2] << 8) | bytes[offset + 3],
    sender: bytesToHexFast(bytes, offset + 4, 20) as Address,
    key: bytesToHexFast(bytes, offset + 24, 32),
    value: bytesToHexFast(bytes, offset + 56, 32),
  };
}

/** Concatenated packed logs: the calldata format of a batch commit. */
export function packL2ToL1Logs(logs: readonly L2ToL1Log[]): Hex {
  const out = new Uint8Array(logs.length * L2_TO_L1_LOG_SIZE);
  for (let i = 0; i < logs.length; i++) writePackedL2ToL1Log(logs[i], out, i * L2_TO_L1_LOG_SIZE);
  return bytesToHexFast(out);
}

/** Inverse of packL2ToL1Logs; the length must be a multiple of 88 bytes. */
export function unpackL2ToL1Logs(packed: Hex): L2ToL1Log[] {
  const bytes = hexToBytesStrict(packed, 'packed logs');
  if (bytes.length % L2_TO_L1_LOG_SIZE !== 0)
    throw new InvalidInputError('Invalid packed logs: length is not a multiple of 88 bytes.');
  const logs: L2ToL1Log[] = [];
  for (let off = 0; off < bytes.length; off += L2_TO_L1_LOG_SIZE) logs.push(unpackL2ToL1Log(bytes, off));
  return logs;
}

/** Leaf hash of a log: keccak256 of its 88-byte packing. */
export function hashL2ToL1Log(log: L2ToL1Log): Hex {
  return bytesToHexFast(keccak256(packL2ToL1Log(log)));
}

/**
 * Leaf hashes of concatenated packed logs (88 bytes each), as one buffer of 32-byte hashes.
 * The bulk path for building a batch's log tree from commit calldata.
 */
export function hashPackedL2ToL1Logs(packed: Uint8Array): Uint8Array {
  if (packed.length % L2_TO_L1_LOG_SIZE !== 0)
    throw new InvalidInputError('Invalid packed logs: length is not a multiple of 88 bytes.');
  const count = packed.length / L2_TO_L1_LOG_SIZE;
  const out = new Uint8Array(count * 32);
  keccak256Chunks(packed, L2_TO_L1_LOG_SIZE, count, out, 0);
  return out;
}

function padAddress(address: Address, what: string): Hex {
  const out = new Uint8Array(32);
  if (!writeHex(address, 20, out, 12))
    throw new InvalidInputError(`Invalid ${what}: expected a 20-byte address.`, { details: String(address) });
  return bytesToHexFast(out);
}

/** The log `L1Messenger.sendToL1(m.data)` records when called by `m.sender`. */
export function l2MessageToLog(message: L2Message): L2ToL1Log {
  return {
    l2ShardId: 0,
    isService: true,
    txNumberInBatch: message.txNumberInBatch,
    sender: L1_MESSENGER_ADDRESS,
    key: padAddress(message.sender, 'message sender'),
    value: bytesToHexFast(keccak256(hexToBytesStrict(message.data, 'message data'))),
  };
}

/** Parameters of interopMessageToLog. */
export type InteropMessageToLogParams = { interopHash: Hex; txNumberInBatch: number; interopCenter?: Address };

/** The log an InteropCenter message produces: key = InteropCenter, value = interopHash. */
export function interopMessageToLog({
  interopHash,
  txNumberInBatch,
  interopCenter = INTEROP_CENTER_ADDRESS,
}: InteropMessageToLogParams): L2ToL1Log {
  const value = new Uint8Array(32);
  if (!writeHex(interopHash, 32, value))
    throw new InvalidInputError('Invalid interopHash: expected 32 bytes of hex.', { details: String(interopHash) });
  return {
    l2ShardId: 0,
    isService: true,
    txNumberInBatch,
    sender: L1_MESSENGER_ADDRESS,
    key: padAddress(interopCenter, 'InteropCenter address'),
    value: bytesToHexFast(value),
  };
}
