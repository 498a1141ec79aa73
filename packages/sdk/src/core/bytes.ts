// Fast conversions between 32-byte words and hex. The proof verifier converts every word of every
// proof, so these avoid viem's general-purpose (and per-call heavier) helpers.
import type { Hex } from 'viem';
import { InvalidInputError } from './errors.js';

/** True for a 0x-prefixed 32-byte hex string (a hash, in either case): the one check of a hash argument everywhere. */
export function isHash(value: unknown): value is Hex {
  return typeof value === 'string' && /^0x[0-9a-fA-F]{64}$/.test(value);
}

const HEX_BYTE: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
// charCode -> nibble value, 255 for non-hex characters.
const NIBBLE = new Uint8Array(128).fill(255);
for (let i = 0; i < 10; i++) NIBBLE[48 + i] = i;
for (let i = 0; i < 6; i++) {
  NIBBLE[65 + i] = 10 + i;
  NIBBLE[97 + i] = 10 + i;
}

/**
 * Writes `hex` (0x-prefixed, exactly `size` bytes) into `out` at `offset`. Returns false when the
 * string is not well-formed, so callers pick the error to throw.
 */
export function writeHex(hex: string, size: number, out: Uint8Array, offset = 0): boolean {
  if (typeof hex !== 'string' || hex.length !== 2 + size * 2 || hex.charCodeAt(0) !== 48) return false;
  const x = hex.charCodeAt(1);
  if (x !== 120 && x !== 88) return false;
  for (let i = 0, j = 2; i < size; i++, j += 2) {
    const a = hex.charCodeAt(j);
    const b = hex.charCodeAt(j + 1);
    const hi = a < 128 ? NIBBLE[a] : 255;
    const lo = b < 128 ? NIBBLE[b] : 255;
    if ((hi | lo) === 255) return false;
    out[offset + i] = (hi << 4) | lo;
  }
  return true;
}

/** Parses a 32-byte hex word; throws InvalidInputError naming `what` when it is not one. */
export function hexToWord(hex: string, what = 'value'): Uint8Array {
  const out = new Uint8Array(32);
  if (!writeHex(hex, 32, out))
    throw new InvalidInputError(`Invalid ${what}: expected 32 bytes of 0x-prefixed hex.`, { details: String(hex) });
  return out;
}

/** Parses 0x-prefixed hex of any even length. */
export function hexToBytesStrict(hex: string, what = 'value'): Uint8Array {
  if (typeof hex !== 'string' || hex.length % 2 !== 0)
    throw new InvalidInputError(`Invalid ${what}: expected 0x-prefixed hex.`, { details: String(hex) });
  const out = new Uint8Array((hex.length - 2) / 2);
  if (!writeHex(hex, out.length, out))
    throw new InvalidInputError(`Invalid ${what}: expected 0x-prefixed hex.`, { details: String(hex) });
  return out;
}

/** Lower-case hex of `length` bytes of `bytes` from `offset` (default: the whole array). */
export function bytesToHexFast(bytes: Uint8Array, offset = 0, length = bytes.length - offset): Hex {
  let s = '0x';
  for (let i = offset, end = offset + length; i < end; i++) s += HEX_BYTE[bytes[i]];
  return s as Hex;
}

/** Writes `value` as a big-endian uint256 into `out` at `offset`. */
export function writeUint256(value: bigint, out: Uint8Array, offset: number): void {
  // Chain ids, batch and block numbers are small: Number arithmetic avoids 32 BigInt shifts.
  if (value <= 0x1fffffffffffffn) {
    let n = Number(value);
    for (let i = offset + 31; i >= offset; i--) {
      out[i] = n % 256;
      n = Math.floor(n / 256);
    }
    return;
  }
  let v = value;
  for (let i = offset + 31; i >= offset; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/** Reads a big-endian uint256 from `bytes` at `offset`. */
export function readUint256(bytes: Uint8Array, offset = 0): bigint {
  let high = 0;
  for (let i = offset; i < offset + 25; i++) high |= bytes[i];
  if (high === 0) {
    let n = 0;
    for (let i = offset + 25; i < offset + 32; i++) n = n * 256 + bytes[i];
    if (n <= Number.MAX_SAFE_INTEGER) return BigInt(n);
  }
  let hex = '0x';
  for (let i = offset; i < offset + 32; i++) hex += HEX_BYTE[bytes[i]];
  return BigInt(hex);
}

/** True when `a` and `b` hold the same 32 bytes at the given offsets. */
export function wordsEqual(a: Uint8Array, b: Uint8Array, aOffset = 0, bOffset = 0): boolean {
  for (let i = 0; i < 32; i++) if (a[aOffset + i] !== b[bOffset + i]) return false;
  return true;
}

const MAX_UINT256 = (1n << 256n) - 1n;

/** Checks that `value` is a bigint in [0, 2^bits); throws InvalidInputError naming `what`. */
export function assertUint(value: bigint, bits: number, what: string): void {
  const max = bits === 256 ? MAX_UINT256 : (1n << BigInt(bits)) - 1n;
  if (typeof value !== 'bigint' || value < 0n || value > max) {
    throw new InvalidInputError(`Invalid ${what}: expected an integer in [0, 2^${bits}).`, { details: String(value) });
  }
}

/** Checks that `value` is an integer number in [0, max]; throws InvalidInputError naming `what`. */
export function assertSmallInt(value: number, max: number, what: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new InvalidInputError(`Invalid ${what}: expected an integer in [0, ${max}].`, { details: String(value) });
  }
}
