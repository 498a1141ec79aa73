import { type Hex, sha256, size } from 'viem';
import { ZkSyncCompatError } from './errors.js';

/**
 * ZKsync's versioned bytecode hash: sha256 of the bytecode with its first 4 bytes replaced by
 * version 1, a zero byte, and the length in 32-byte words (big-endian uint16).
 * Needed only to sign over factory deps; bytecode that ZKsync could never deploy is refused.
 */
export function hashBytecode(bytecode: Hex): Hex {
  const length = size(bytecode);
  const words = length / 32;
  if (length % 32 !== 0 || words % 2 === 0 || words >= 2 ** 16)
    throw new ZkSyncCompatError('Invalid factory dependency', {
      details: `bytecode must be an odd number of 32-byte words below 65,536 (got ${length} bytes)`,
    });
  const digest = sha256(bytecode);
  const prefix = `0100${words.toString(16).padStart(4, '0')}`;
  return `0x${prefix}${digest.slice(10)}` as Hex;
}
