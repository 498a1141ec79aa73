import { decodeInteropMessage, type InteropMessage } from '@interop/sdk/core';
import { decodeAbiParameters, type Hex } from 'viem';

const BYTES = [{ type: 'bytes' }] as const;

/**
 * The InteropMessage carried by an InteropCenter's `L1MessageSent(sender, hash, message)` log: `message` (the
 * log's data, ABI-encoded `bytes`) is `abi.encode(InteropMessage)`. Undefined when the data is not one (the
 * log then still counts in the batch; only the explorer's index misses it).
 */
export function decodeMessageOfLog(data: Hex): InteropMessage | undefined {
  try {
    const [encoded] = decodeAbiParameters(BYTES, data);
    return decodeInteropMessage(encoded);
  } catch {
    return undefined;
  }
}
