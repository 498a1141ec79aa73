import { decodeInteropMessageBytes, type InteropMessage, readUint256 } from '@interop/sdk/core';
import type { Hex } from 'viem';

/**
 * The InteropMessage carried by an InteropCenter's `L1MessageSent(sender, hash, message)` log: `message` (the
 * log's data, ABI-encoded `bytes`) is `abi.encode(InteropMessage)`. Undefined when the data is not one (the
 * log then still counts in the batch; only the explorer's index misses it). Decoded straight from the bytes: the
 * sequencer runs this for every message of a batch.
 */
export function decodeMessageOfLog(data: Hex): InteropMessage | undefined {
  try {
    const bytes = Buffer.from(data.slice(2), 'hex');
    if (bytes.length * 2 !== data.length - 2 || bytes.length < 64) return undefined;
    const offset = readUint256(bytes, 0);
    if (offset > BigInt(bytes.length - 32)) return undefined;
    const start = Number(offset) + 32;
    const length = readUint256(bytes, start - 32);
    if (length > BigInt(bytes.length - start)) return undefined;
    return decodeInteropMessageBytes(bytes.subarray(start, start + Number(length)));
  } catch {
    return undefined;
  }
}
