// `interop proof verify`: walks a proof offline with the core verifier and prints every level.
// Optionally decides validity against an expected root or the root a chain has imported.

import { interopCenterAbi } from '@interop/sdk/abis';
import {
  hashL2ToL1Log,
  INTEROP_CENTER_ADDRESS,
  InteropError,
  InvalidProofError,
  interopMessageToLog,
  type L2ToL1Log,
  l2MessageToLog,
  type ProofVerification,
  verifyProof,
  ZERO_HASH,
} from '@interop/sdk/core';
import { type Address, createPublicClient, type Hex, http } from 'viem';
import {
  parseFlags,
  parseHexFlag,
  parseIntFlag,
  parseJsonFlag,
  parseUintFlag,
  requireFlag,
  stringifyJson,
} from '../args.js';
import type { CommandRun } from '../command.js';
import { CliError } from '../errors.js';
import { chainLabel } from '../format.js';

const options = {
  chain: { type: 'string' },
  batch: { type: 'string' },
  index: { type: 'string' },
  proof: { type: 'string' },
  log: { type: 'string' },
  message: { type: 'string' },
  'interop-hash': { type: 'string' },
  'tx-number': { type: 'string' },
  'expect-root': { type: 'string' },
  rpc: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

type Obj = Record<string, unknown>;

function asObject(value: unknown, flag: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new CliError(`--${flag} must be a JSON object`);
  return value as Obj;
}

function field(o: Obj, name: string, flag: string): unknown {
  if (!(name in o)) throw new CliError(`--${flag} is missing "${name}"`);
  return o[name];
}

function intField(o: Obj, name: string, flag: string, max: number): number {
  const v = field(o, name, flag);
  const s = typeof v === 'number' || typeof v === 'string' ? String(v) : '';
  return parseIntFlag(s, `${flag} ${name}`, max);
}

function hexField(o: Obj, name: string, flag: string, bytes?: number): Hex {
  const v = field(o, name, flag);
  return parseHexFlag(typeof v === 'string' ? v : String(v), `${flag} ${name}`, bytes);
}

function readLog(value: string): L2ToL1Log {
  const o = asObject(parseJsonFlag(value, 'log'), 'log');
  const isService = field(o, 'isService', 'log');
  if (typeof isService !== 'boolean') throw new CliError('--log isService must be true or false');
  return {
    l2ShardId: intField(o, 'l2ShardId', 'log', 255),
    isService,
    txNumberInBatch: intField(o, 'txNumberInBatch', 'log', 0xffff),
    sender: hexField(o, 'sender', 'log', 20) as Address,
    key: hexField(o, 'key', 'log', 32),
    value: hexField(o, 'value', 'log', 32),
  };
}

function readMessageLog(value: string): L2ToL1Log {
  const o = asObject(parseJsonFlag(value, 'message'), 'message');
  return l2MessageToLog({
    txNumberInBatch: intField(o, 'txNumberInBatch', 'message', 0xffff),
    sender: hexField(o, 'sender', 'message', 20) as Address,
    data: hexField(o, 'data', 'message'),
  });
}

function readProof(value: string): Hex[] {
  let proof = parseJsonFlag(value, 'proof');
  if (typeof proof === 'object' && proof !== null && !Array.isArray(proof) && 'proof' in proof)
    proof = (proof as Obj).proof;
  if (!Array.isArray(proof)) throw new CliError('--proof must be a JSON array of 0x… words');
  return proof.map((w, i) => parseHexFlag(typeof w === 'string' ? w : String(w), `proof word ${i}`, 32));
}

function readLeafLog(values: {
  log?: string;
  message?: string;
  'interop-hash'?: string;
  'tx-number'?: string;
}): L2ToL1Log {
  const given = [values.log, values.message, values['interop-hash']].filter((v) => v !== undefined).length;
  if (given !== 1) throw new CliError('give exactly one of --log, --message or --interop-hash');
  if (values['interop-hash'] === undefined && values['tx-number'] !== undefined)
    throw new CliError('--tx-number goes with --interop-hash');
  if (values.log !== undefined) return readLog(values.log);
  if (values.message !== undefined) return readMessageLog(values.message);
  return interopMessageToLog({
    interopHash: parseHexFlag(values['interop-hash'] as string, 'interop-hash', 32),
    txNumberInBatch: parseIntFlag(requireFlag(values['tx-number'], 'tx-number'), 'tx-number', 0xffff),
  });
}

async function readImportedRoot(url: string, result: ProofVerification): Promise<Hex> {
  try {
    const client = createPublicClient({ transport: http(url, { retryCount: 0, timeout: 10_000 }) });
    return await client.readContract({
      address: INTEROP_CENTER_ADDRESS,
      abi: interopCenterAbi,
      functionName: 'interopRoots',
      args: [result.settlementLayer.chainId, result.settlementLayer.blockNumber],
    });
  } catch (err) {
    const msg = err instanceof Error ? ((err as { shortMessage?: string }).shortMessage ?? err.message) : String(err);
    throw new CliError(`cannot read interopRoots from ${url}: ${msg.split('\n')[0]}`);
  }
}

function format(result: ProofVerification, valid: boolean | null, checks: string[]): string {
  const lines = [
    `root              ${result.root}`,
    `settlement layer  ${chainLabel(result.settlementLayer.chainId)}, block ${result.settlementLayer.blockNumber}`,
    'levels',
    // Every level is a batch of its chain (a Gateway's batch in a three-level proof) except the last of a nested
    // proof, which is a settlement-layer block.
    ...result.levels.map(
      (l, i, all) =>
        `  ${i}  ${chainLabel(l.chainId)}  ${i > 0 && i === all.length - 1 ? 'block' : 'batch'} ${l.batchNumber}  root ${l.root}`,
    ),
    `valid             ${valid === null ? 'not checked (give --expect-root or --rpc)' : `${valid} (${checks.join(', ')})`}`,
  ];
  return `${lines.join('\n')}\n`;
}

async function run(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, options);
  const chainId = parseUintFlag(requireFlag(values.chain, 'chain'), 'chain');
  const batchNumber = parseUintFlag(requireFlag(values.batch, 'batch'), 'batch');
  const leafIndex = parseUintFlag(requireFlag(values.index, 'index'), 'index');
  const proof = readProof(requireFlag(values.proof, 'proof'));
  const expectRoot =
    values['expect-root'] === undefined ? undefined : parseHexFlag(values['expect-root'], 'expect-root', 32);
  const log = readLeafLog(values);

  let result: ProofVerification;
  try {
    result = verifyProof({ chainId, batchNumber, leafIndex, leaf: hashL2ToL1Log(log), proof });
  } catch (err) {
    if (err instanceof InvalidProofError)
      throw new CliError(`invalid proof (${err.reason}): ${err.shortMessage}${err.details ? ` ${err.details}` : ''}`);
    if (err instanceof InteropError) throw new CliError(err.shortMessage);
    throw err;
  }

  let valid: boolean | null = null;
  const checks: string[] = [];
  if (expectRoot !== undefined) {
    const ok = expectRoot === result.root;
    checks.push(ok ? 'root matches --expect-root' : `root differs from --expect-root ${expectRoot}`);
    valid = ok;
  }
  if (values.rpc !== undefined) {
    const imported = await readImportedRoot(values.rpc, result);
    const ok = imported !== ZERO_HASH && imported.toLowerCase() === result.root;
    checks.push(
      imported === ZERO_HASH
        ? 'no root imported for that settlement block'
        : ok
          ? 'root matches the imported interop root'
          : `imported interop root is ${imported}`,
    );
    valid = (valid ?? true) && ok;
  }

  if (values.json) {
    process.stdout.write(
      `${stringifyJson({
        root: result.root,
        settlementLayer: result.settlementLayer,
        levels: result.levels,
        valid,
      })}\n`,
    );
  } else {
    process.stdout.write(format(result, valid, checks));
  }
  return valid === false ? 1 : 0;
}

/** `interop proof verify`. */
export const proofVerifyCommand: CommandRun = {
  run,
};
