// Small, general helpers for reading command-line flags. Every failure is a one-line CliError
// (exit code 2) naming the flag, so commands never print stack traces for bad input.
import { readFileSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { Hex } from 'viem';
import { CliError } from './errors.js';

/** Flag definitions, as node:util's parseArgs takes them. */
export type FlagSpec = NonNullable<ParseArgsConfig['options']>;

type FlagValue<F> = F extends { type: 'boolean' }
  ? F extends { multiple: true }
    ? boolean[]
    : boolean
  : F extends { multiple: true }
    ? string[]
    : string;

/** Parsed flags: strings for string flags, booleans for boolean ones (arrays with `multiple`); set when defaulted. */
export type FlagValues<O extends FlagSpec> = {
  [K in keyof O as O[K] extends { default: unknown } ? K : never]-?: FlagValue<O[K]>;
} & {
  [K in keyof O as O[K] extends { default: unknown } ? never : K]?: FlagValue<O[K]>;
};

/** Parses `argv` strictly (unknown flags, missing values and positionals are errors unless allowed). */
export function parseFlags<O extends FlagSpec>(
  argv: string[],
  options: O,
  { positionals = false } = {},
): { values: FlagValues<O>; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: positionals });
    return { values: parsed.values as unknown as FlagValues<O>, positionals: parsed.positionals };
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message.split('\n')[0] : String(err));
  }
}

/** {@link parseFlags} with positionals allowed (a message hash, say): what most commands take. */
export function parseCommandArgs<O extends FlagSpec>(argv: string[], options: O) {
  return parseFlags(argv, options, { positionals: true });
}

/** The value of a required flag. */
export function requireFlag(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new CliError(`--${flag} is required`);
  return value;
}

/** A non-negative integer of any size (decimal or 0x hex), e.g. a chain id or batch number. */
export function parseUintFlag(value: string, flag: string, maxBits = 256): bigint {
  if (!/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(value))
    throw new CliError(`--${flag} must be a non-negative integer, got "${value}"`);
  const n = BigInt(value);
  if (n >> BigInt(maxBits) !== 0n) throw new CliError(`--${flag} must be below 2^${maxBits}, got ${value}`);
  return n;
}

/** A small non-negative integer (at most `max`), e.g. a position in a batch. */
export function parseIntFlag(value: string, flag: string, max = Number.MAX_SAFE_INTEGER): number {
  const n = parseUintFlag(value, flag, 64);
  if (n > BigInt(max)) throw new CliError(`--${flag} must be at most ${max}, got ${value}`);
  return Number(n);
}

/** 0x-prefixed hex, optionally of exactly `bytes` bytes. */
export function parseHexFlag(value: string, flag: string, bytes?: number): Hex {
  const ok =
    bytes === undefined ? /^0x([0-9a-fA-F]{2})*$/.test(value) : new RegExp(`^0x[0-9a-fA-F]{${bytes * 2}}$`).test(value);
  if (!ok)
    throw new CliError(
      `--${flag} must be 0x-prefixed hex${bytes === undefined ? '' : ` of ${bytes} bytes`}, got "${value}"`,
    );
  return value.toLowerCase() as Hex;
}

/** JSON given inline or, with a leading "@", read from that file ("@-" reads stdin). */
export function parseJsonFlag(value: string, flag: string): unknown {
  let text = value;
  if (value.startsWith('@')) {
    const path = value.slice(1);
    try {
      text = readFileSync(path === '-' ? 0 : path, 'utf8');
    } catch (err) {
      throw new CliError(
        `--${flag}: cannot read ${path}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
      );
    }
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CliError(
      `--${flag} is not valid JSON: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
    );
  }
}

/** JSON.stringify with bigints as decimal strings. */
export function stringifyJson(value: unknown): string {
  return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v));
}
