// Checks of JSON-RPC params: each throws InvalidParamsError (-32602) naming the param and what it expected.
import { isHash } from '@interop/sdk/core';
import { type Address, type Hex, isAddress } from 'viem';
import { InvalidParamsError } from '../errors.js';

/** A 32-byte hash, returned lower-case. */
export function hashParam(value: unknown, name: string): Hex {
  if (!isHash(value)) throw new InvalidParamsError(`invalid ${name}: expected a 32-byte hex hash (0x + 64 hex digits)`);
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

/** Default and largest page size of the paged `interop_list*` methods. */
export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

/** An optional page cursor (a key of the previous page's `nextCursor`); undefined for the first page. */
export function cursorParam(value: unknown): number | undefined {
  return value === undefined || value === null ? undefined : integerParam(value, 'cursor');
}

/** An optional page size, 1 to {@link MAX_PAGE_SIZE}. */
export function limitParam(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_PAGE_SIZE;
  const n = integerParam(value, 'limit', MAX_PAGE_SIZE);
  if (n === 0) throw new InvalidParamsError(`invalid limit: expected 1 to ${MAX_PAGE_SIZE}`);
  return n;
}

/** An optional object param: undefined/null → {}, anything but a plain object or an unknown field → -32602. */
export function objectParam(value: unknown, name: string, fields: readonly string[]): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new InvalidParamsError(`invalid ${name}: expected an object with ${fields.join(', ')}`);
  for (const key of Object.keys(value))
    if (!fields.includes(key))
      throw new InvalidParamsError(`invalid ${name}: unknown field "${key}" (expected ${fields.join(', ')})`);
  return value as Record<string, unknown>;
}
