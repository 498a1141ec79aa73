// InteropMessage: the struct InteropCenter builds, its ABI encoding (what goes to L1Messenger) and
// its hash (interopHash = keccak256(abi.encode(message)), the struct encoded as one tuple).
import type { Address, Hex } from 'viem';
import { assertUint, bytesToHexFast, hexToBytesStrict, readUint256, writeHex, writeUint256 } from './bytes.js';
import { InvalidInputError } from './errors.js';
import { keccak256 } from './keccak.js';

/** A message as InteropCenter records it. `messageNum` starts at 1 on each chain. */
export type InteropMessage = { data: Hex; sender: Address; sourceChainId: bigint; messageNum: bigint };

function encodeToBytes(message: InteropMessage): Uint8Array {
  const data = hexToBytesStrict(message.data, 'message data');
  assertUint(message.sourceChainId, 256, 'sourceChainId');
  assertUint(message.messageNum, 256, 'messageNum');
  const padded = Math.ceil(data.length / 32) * 32;
  const out = new Uint8Array(32 * 6 + padded);
  // Head of the outer encoding: offset of the (dynamic) tuple.
  out[31] = 0x20;
  // Tuple head: offset of `data` relative to the tuple start (4 head words).
  out[63] = 0x80;
  if (!writeHex(message.sender, 20, out, 76))
    throw new InvalidInputError('Invalid sender: expected a 20-byte address.', { details: String(message.sender) });
  writeUint256(message.sourceChainId, out, 96);
  writeUint256(message.messageNum, out, 128);
  writeUint256(BigInt(data.length), out, 160);
  out.set(data, 192);
  return out;
}

/** `abi.encode(message)`: the bytes InteropCenter sends to the settlement layer. */
export function encodeInteropMessage(message: InteropMessage): Hex {
  return bytesToHexFast(encodeToBytes(message));
}

function fail(reason: string, encoded: string | Uint8Array): never {
  const details = typeof encoded === 'string' ? encoded : bytesToHexFast(encoded);
  throw new InvalidInputError(`Invalid interop message encoding: ${reason}.`, { details });
}

/**
 * Decodes `abi.encode(message)`. Only the canonical encoding is accepted (the one
 * encodeInteropMessage produces), since any other would hash to a different interopHash.
 */
export function decodeInteropMessage(encoded: Hex): InteropMessage {
  return decodeInteropMessageBytes(hexToBytesStrict(encoded, 'interop message encoding'));
}

/** {@link decodeInteropMessage} of bytes (a node decoding many logs skips a hex round trip per message). */
export function decodeInteropMessageBytes(bytes: Uint8Array): InteropMessage {
  if (bytes.length < 192 || bytes.length % 32 !== 0) fail('wrong length', bytes);
  if (readUint256(bytes, 0) !== 0x20n || readUint256(bytes, 32) !== 0x80n) fail('unexpected offsets', bytes);
  for (let i = 64; i < 76; i++) if (bytes[i] !== 0) fail('sender is not an address', bytes);
  const length = readUint256(bytes, 160);
  if (length > BigInt(bytes.length - 192)) fail('data runs past the end', bytes);
  const n = Number(length);
  if (192 + Math.ceil(n / 32) * 32 !== bytes.length) fail('wrong length', bytes);
  for (let i = 192 + n; i < bytes.length; i++) if (bytes[i] !== 0) fail('non-zero padding', bytes);
  return {
    data: bytesToHexFast(bytes, 192, n),
    sender: bytesToHexFast(bytes, 76, 20) as Address,
    sourceChainId: readUint256(bytes, 96),
    messageNum: readUint256(bytes, 128),
  };
}

/** interopHash = keccak256(abi.encode(message)). */
export function getInteropHash(message: InteropMessage): Hex {
  return bytesToHexFast(keccak256(encodeToBytes(message)));
}
