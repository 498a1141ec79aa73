// docs/protocol.md is the repository's protocol reference; its constants table must say what the code does.
// Every row equals what @interop/sdk/core exports or computes under that name, every constant of the core is in
// the table, the hashes the table defines recompute from their definitions, and the Solidity agrees: same-named
// constants in packages/contracts/src carry the same literal, and every chain-independent 32-byte constant is a
// PUSH32 in the compiled bytecode.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as contracts from '@interop/contracts';
import * as core from '@interop/sdk/core';
import { keccak256 } from '@interop/sdk/keccak';
import { bytesToHex, stringToBytes } from 'viem';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

/** Rows whose value the core computes rather than exports. */
const COMPUTED: Record<string, () => string> = {
  LOG_TREE_EMPTY_SUBTREE_1: () => core.getLogTreeZeroHashes()[1],
  LOG_TREE_EMPTY_SUBTREE_13: () => core.getLogTreeZeroHashes()[13],
  AGGREGATED_ROOT_OF_CHAIN_271: () => core.getLeafChainAggregatedRoot(271n),
};

/** 32-byte rows that are not literals in the bytecode, and why. */
const NOT_IN_BYTECODE: Record<string, string> = {
  ZERO_HASH: 'zero is pushed with PUSH0',
  AGGREGATED_ROOT_OF_CHAIN_271: 'computed for each chain id at run time',
};

/** Solidity names of table rows that the contracts spell differently. */
const SOLIDITY_NAMES: Record<string, string> = {
  L2_TO_L1_LOG_TREE_HEIGHT: 'LOG_TREE_HEIGHT',
  L2_TO_L1_LOG_SIZE: 'LOG_SIZE',
  MAX_L1_MESSAGES_PER_BLOCK: 'MAX_MESSAGES_PER_BLOCK',
  DEFAULT_LOG_LEAF_HASH: 'DEFAULT_LOG_LEAF',
  PROOF_VERSION: 'PROOF_FORMAT_VERSION',
  MAX_PATH_LENGTH: 'MAX_LEGACY_PATH_LENGTH',
};

type Row = { name: string; value: string; what: string };

/** The rows of the table under the "Constants" heading. */
function constantsTable(markdown: string): Row[] {
  const section = markdown.split(/^## /m).find((s) => /^\d+\.\s+Constants\b/.test(s));
  if (!section) throw new Error('docs/protocol.md has no "Constants" section');
  return [...section.matchAll(/^\|\s*`([A-Z0-9_]+)`\s*\|\s*`([^`]+)`\s*\|(.*)\|\s*$/gm)].map((m) => ({
    name: m[1],
    value: m[2],
    what: m[3].trim(),
  }));
}

function coreValue(name: string): string | undefined {
  if (name in COMPUTED) return COMPUTED[name]();
  const value = (core as Record<string, unknown>)[name];
  return value === undefined ? undefined : String(value);
}

/** `constant NAME = literal;` declarations of every .sol file under packages/contracts/src. */
async function solidityConstants(): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const dir = join(root, 'packages', 'contracts', 'src');
  for (const file of await readdir(dir, { recursive: true })) {
    if (!file.endsWith('.sol')) continue;
    const source = await readFile(join(dir, file), 'utf8');
    for (const m of source.matchAll(/\bconstant\s+([A-Z0-9_]+)\s*=\s*(0x[0-9a-fA-F]+|[\d_]+)\s*;/g)) {
      found.set(m[1], m[2].replaceAll('_', ''));
    }
  }
  return found;
}

let rows: Row[];
beforeAll(async () => {
  rows = constantsTable(await readFile(join(root, 'docs', 'protocol.md'), 'utf8'));
});

describe('docs/protocol.md constants', () => {
  it('every row equals the value @interop/sdk/core has under that name', () => {
    expect(rows.length).toBeGreaterThanOrEqual(15);
    for (const { name, value } of rows) {
      expect(coreValue(name), `${name}: not exported or computed by @interop/sdk/core`).toBeDefined();
      expect(value.toLowerCase(), name).toBe(coreValue(name)!.toLowerCase());
    }
  });

  it('lists every constant @interop/sdk/core exports', () => {
    const exported = Object.entries(core)
      .filter(([name, value]) => /^[A-Z][A-Z0-9_]+$/.test(name) && ['string', 'number'].includes(typeof value))
      .map(([name]) => name);
    expect(exported.length).toBeGreaterThan(10);
    expect(exported.filter((name) => !rows.some((row) => row.name === name))).toEqual([]);
  });

  it('hashes recompute from the definitions the table gives (H(n zero bytes), H("text"), 2^height)', () => {
    let checked = 0;
    for (const { name, value, what } of rows) {
      const zeros = /`H\((\d+) zero bytes\)`/.exec(what);
      const text = /`H\("([^"]+)"\)`/.exec(what);
      const input = zeros ? new Uint8Array(Number(zeros[1])) : text ? stringToBytes(text[1]) : undefined;
      if (!input) continue;
      expect(bytesToHex(keccak256(input)), name).toBe(value.toLowerCase());
      checked++;
    }
    expect(checked).toBe(4);
    const value = (name: string) => Number(rows.find((row) => row.name === name)?.value);
    expect(value('MAX_LOGS_PER_BATCH')).toBe(2 ** value('L2_TO_L1_LOG_TREE_HEIGHT'));
    expect(value('L2_TO_L1_LOG_SIZE')).toBe(1 + 1 + 2 + 20 + 32 + 32);
  });

  it('the Solidity declares the same values: its named constants, and every hash literal in the bytecode', async () => {
    const declared = await solidityConstants();
    const solidityName = (name: string) => SOLIDITY_NAMES[name] ?? name;
    const shared = rows.filter((row) => declared.has(solidityName(row.name)));
    expect(shared.length).toBeGreaterThanOrEqual(10);
    for (const { name, value } of shared) {
      expect(declared.get(solidityName(name))!.toLowerCase(), name).toBe(value.toLowerCase());
    }

    const bytecode = Object.values(contracts)
      .map((artifact) => (typeof artifact === 'object' ? artifact.deployedBytecode.toLowerCase() : ''))
      .join('');
    expect(bytecode.length).toBeGreaterThan(1000);
    const hashes = rows.filter((row) => /^0x[0-9a-fA-F]{64}$/.test(row.value) && !(row.name in NOT_IN_BYTECODE));
    expect(hashes.length).toBeGreaterThanOrEqual(6);
    for (const { name, value } of hashes)
      expect(bytecode.includes(`7f${value.slice(2).toLowerCase()}`), name).toBe(true);
  });
});
