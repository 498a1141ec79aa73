// Checks of JSON-RPC params: each throws InvalidParamsError (-32602) naming the param and what it expected.
import { type Address, type Hex, isAddress } from 'viem';
import { InvalidParamsError } from '../errors.js';

/** A 32-byte hash, returned lower-case. */
export function hashParam(value: unknown, name: string): Hex {
  if (typeof value !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(value))
    throw new InvalidParamsError(`invalid ${name}: expected a 32-byte hex hash (0x + 64 hex digits)`);
  return value.toLowerCase() as Hex;
}

/** A non-negative integer given as a JSON number or a hex / decimal string. */
export function integerParam(value: unknown, name: string, max = Number.MAX_SAFE_INTEGER): number {
  let n: number | undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value)) n = value;
  else if (typeof value === 'string' && /^0x[0-9a-fA-F]{1,15}$/.test(value)) n = Number.parseInt(value.slice(2), 16);
  else if (typeof value === 'string' && /^[0-9]{1,15}$/.test(value)) n = Number(value);
  if (n === undefined || n < 0 || n > max)
    throw new InvalidParamsError(
      `invalid ${name}: expected a non-negative integer${max < Number.MAX_SAFE_INTEGER ? ` up to ${max}` : ''}`,
    );
  return n;
}

/** An address, returned lower-case. */
export function addressParam(value: unknown, name: string): Address {
  if (typeof value !== 'string' || !isAddress(value, { strict: false }))
    throw new InvalidParamsError(`invalid ${name}: expected a 20-byte address`);
  return value.toLowerCase() as Address;
}

/** Refuses calls with fewer than `min` or more than `max` params. */
export function arity(params: unknown[], min: number, max: number, method: string): void {
  if (params.length < min || params.length > max)
    throw new InvalidParamsError(
      `${method} takes ${min === max ? min : `${min} to ${max}`} param(s), got ${params.length}`,
    );
}
