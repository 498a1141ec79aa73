// The methods an L2 endpoint answers itself (everything else goes upstream). Results follow zksync-era's
// JSON shapes where ZKsync has the method; see docs/node.md.

import { findInteropMessageSentLog, interopMessageSentFilter } from '@interop/sdk';
import { L1_MESSENGER_ADDRESS } from '@interop/sdk/core';
import { type Hex, numberToHex } from 'viem';
import { InvalidParamsError, UpstreamError } from '../errors.js';
import type { LoopFailure } from '../loop.js';
import type { ProofService, ProofTarget } from '../proofs/getProofs.js';
import { L1_MESSAGE_SENT_TOPIC } from '../sequencer/sealBatch.js';
import type { ChainHalt } from '../store/history.js';
import type { RootMismatch } from '../store/rootMismatches.js';
import type { BatchRow, Store } from '../store/store.js';
import { explorerMethods } from './explorerMethods.js';
import { addressParam, arity, hashParam, integerParam } from './params.js';
import type { Upstream } from './upstream.js';
import { zksyncBlockMethods } from './zksyncBlockMethods.js';

/** What the L2 methods need. */
/** Where one chain of the node sits in the network. */
export type ChainPlace = {
  chainId: number;
  /** The layer it settles on: L1, or a Gateway. */
  settlesOn: number;
  /** The layers whose roots its InteropCenter imports. */
  importsFrom: readonly number[];
};

export type L2MethodContext = {
  chainId: bigint;
  /** The layer this chain settles on (L1, or a Gateway). */
  settlementChainId: bigint;
  /** The top layer (zks_L1ChainId). */
  l1ChainId: bigint;
  store: Store;
  proofs: ProofService;
  upstream: Upstream;
  /** The chains that import this chain's settlement roots (for interop_getMessageStatus's "imported on all"). */
  chainIds: bigint[];
  /** Every chain of the node: where it settles and whose roots it imports (the explorer's network-wide views). */
  topology: readonly ChainPlace[];
  /** The node's loops whose steps fail right now ("L2 271 sequencer", "settlement 9 watcher", …), for interop_health. */
  failingLoops?: () => ({ name: string } & LoopFailure)[];
};

type RpcLog = {
  address: Hex;
  topics: Hex[];
  logIndex: Hex;
  transactionHash: Hex;
  transactionIndex: Hex;
  blockHash: Hex;
  blockNumber: Hex;
};
type RpcReceipt = Record<string, unknown> & {
  logs: RpcLog[];
  blockNumber: Hex;
  blockHash: Hex;
  transactionHash: Hex;
  transactionIndex: Hex;
};

const iso = (seconds: number | null) => (seconds === null ? null : new Date(seconds * 1000).toISOString());
const hexOrNull = (n: number | null | undefined) => (n === null || n === undefined ? null : numberToHex(n));

function isL1MessageSent(log: RpcLog): boolean {
  return log.address.toLowerCase() === L1_MESSENGER_ADDRESS.toLowerCase() && log.topics[0] === L1_MESSAGE_SENT_TOPIC;
}

/** eth_getTransactionReceipt + l1BatchNumber, l1BatchTxIndex and l2ToL1Logs (ZKsync's api::L2ToL1Log). */
async function getTransactionReceipt(ctx: L2MethodContext, params: unknown[]) {
  arity(params, 1, 1, 'eth_getTransactionReceipt');
  const hash = hashParam(params[0], 'transaction hash');
  const receipt = await ctx.upstream.request<RpcReceipt | null>('eth_getTransactionReceipt', [hash]);
  if (!receipt) return null;
  const tx = ctx.store.getTx(hash);
  const sealed = tx && tx.chainId === Number(ctx.chainId) ? tx : undefined;
  // Index of each of this tx's logs among the L2→L1 logs of its block, when the block is sealed.
  const blockOffset = sealed ? ctx.store.getFirstLogIndexInBlock(sealed.chainId, sealed.blockNumber, hash) : 0;
  const l2ToL1Logs = receipt.logs.filter(isL1MessageSent).map((log, i) => ({
    blockHash: receipt.blockHash,
    blockNumber: receipt.blockNumber,
    l1BatchNumber: hexOrNull(sealed?.batch),
    logIndex: numberToHex(blockOffset + i),
    transactionIndex: receipt.transactionIndex,
    transactionHash: receipt.transactionHash,
    transactionLogIndex: numberToHex(i),
    txIndexInL1Batch: hexOrNull(sealed?.idx),
    shardId: '0x0',
    isService: true,
    sender: L1_MESSENGER_ADDRESS,
    key: log.topics[1],
    value: log.topics[2],
  }));
  return { ...receipt, l1BatchNumber: hexOrNull(sealed?.batch), l1BatchTxIndex: hexOrNull(sealed?.idx), l2ToL1Logs };
}

// Blocks carry ZKsync's l1BatchNumber / l1BatchTimestamp (null until the block is sealed in a batch).
function withBatch(ctx: L2MethodContext, block: unknown) {
  if (!block || typeof block !== 'object' || typeof (block as { number?: unknown }).number !== 'string') return block;
  const batch = ctx.store.getBatchOfBlock(Number(ctx.chainId), Number(BigInt((block as { number: Hex }).number)));
  return { ...block, l1BatchNumber: hexOrNull(batch?.number), l1BatchTimestamp: hexOrNull(batch?.timestamp) };
}

/** eth_getBlockByNumber: "finalized" is the newest L2 block whose batch is executed on the settlement layer. */
async function getBlockByNumber(ctx: L2MethodContext, params: unknown[]) {
  let tag = params[0];
  if (tag === 'finalized') tag = numberToHex(ctx.store.getLastExecutedBlock(Number(ctx.chainId)) ?? 0);
  return withBatch(ctx, await ctx.upstream.request('eth_getBlockByNumber', [tag, ...params.slice(1)]));
}

async function getBlockByHash(ctx: L2MethodContext, params: unknown[]) {
  return withBatch(ctx, await ctx.upstream.request('eth_getBlockByHash', params));
}

function batchDetails(ctx: L2MethodContext, b: BatchRow) {
  const executed = b.status === 'executed';
  const settlementChainId = Number(ctx.settlementChainId);
  return {
    number: b.number,
    timestamp: b.timestamp,
    l1TxCount: 0,
    l2TxCount: b.txCount,
    rootHash: b.chainBatchRoot,
    localRoot: b.localRoot,
    status: executed ? 'verified' : 'sealed',
    committed: b.commitTx !== null,
    executed,
    commitTxHash: b.commitTx,
    committedAt: iso(b.committedAt),
    commitChainId: b.commitTx ? settlementChainId : null,
    proveTxHash: null,
    provenAt: null,
    proveChainId: null,
    executeTxHash: b.executeTx,
    executedAt: iso(b.executedAt),
    executeChainId: b.executeTx ? settlementChainId : null,
    l1GasPrice: 0,
    l2FairGasPrice: 0,
    fairPubdataPrice: 0,
    firstBlock: b.firstBlock,
    lastBlock: b.lastBlock,
    logCount: b.logCount,
    settlementBlockNumber: b.settlementBlock,
  };
}

async function getTransactionDetails(ctx: L2MethodContext, params: unknown[]) {
  arity(params, 1, 1, 'zks_getTransactionDetails');
  const hash = hashParam(params[0], 'transaction hash');
  const [tx, receipt] = await ctx.upstream.batch([
    { method: 'eth_getTransactionByHash', params: [hash] },
    { method: 'eth_getTransactionReceipt', params: [hash] },
  ]);
  if (tx instanceof UpstreamError) throw tx;
  if (!tx) return null;
  const t = tx as { from: Hex; blockNumber: Hex | null; gasPrice?: Hex };
  const r =
    receipt instanceof UpstreamError
      ? null
      : (receipt as { gasUsed: Hex; effectiveGasPrice?: Hex; status: Hex } | null);
  const row = ctx.store.getTx(hash);
  const batch = row && row.chainId === Number(ctx.chainId) ? ctx.store.getBatch(row.chainId, row.batch) : undefined;
  const executed = batch?.status === 'executed';
  let status = t.blockNumber === null ? 'pending' : executed ? 'verified' : 'included';
  if (r && r.status === '0x0') status = 'failed';
  const fee = r ? BigInt(r.gasUsed) * BigInt(r.effectiveGasPrice ?? t.gasPrice ?? '0x0') : 0n;
  return {
    isL1Originated: false,
    status,
    fee: numberToHex(fee),
    gasPerPubdata: '0x0',
    initiatorAddress: t.from,
    receivedAt: new Date((batch?.timestamp ?? Math.floor(Date.now() / 1000)) * 1000).toISOString(),
    ethCommitTxHash: batch?.commitTx ?? null,
    ethProveTxHash: executed ? batch!.executeTx : null,
    ethExecuteTxHash: batch?.executeTx ?? null,
  };
}

function getL2ToL1LogProof(ctx: L2MethodContext, params: unknown[]) {
  arity(params, 2, 3, 'zks_getL2ToL1LogProof');
  const hash = hashParam(params[0], 'transaction hash');
  const logIndex = integerParam(params[1], 'log index', 0xffff);
  const mode = params[2];
  if (mode !== undefined && mode !== null && mode !== 'proof_based_gw')
    throw new InvalidParamsError('invalid interop mode: expected "proof_based_gw" or nothing');
  return ctx.proofs.logProof(Number(ctx.chainId), hash, logIndex, mode === 'proof_based_gw');
}

/** interop_getMessageProof's options: where the proof ends, given directly or by the chain that will verify it. */
function proofTarget(ctx: L2MethodContext, options: unknown): ProofTarget {
  if (options === undefined || options === null) return 'settlement';
  if (typeof options !== 'object' || Array.isArray(options))
    throw new InvalidParamsError('invalid options: expected { destination } or { target }');
  const { destination, target, ...rest } = options as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) throw new InvalidParamsError(`invalid options: unknown field "${unknown}"`);
  if (target !== undefined && destination !== undefined)
    throw new InvalidParamsError('invalid options: give destination or target, not both');
  if (target !== undefined) {
    if (target !== 'settlement' && target !== 'l1')
      throw new InvalidParamsError('invalid target: expected "settlement" or "l1"');
    return target;
  }
  if (destination === undefined) return 'settlement';
  const id = BigInt(integerParam(destination, 'destination'));
  const picked = ctx.proofs.targetFor(Number(ctx.chainId), id);
  if (!picked) throw new InvalidParamsError(`invalid destination: chain ${id} is not part of this network`);
  return picked;
}

async function getL2ToL1MsgProof(ctx: L2MethodContext, params: unknown[]) {
  arity(params, 3, 4, 'zks_getL2ToL1MsgProof');
  const block = integerParam(params[0], 'block number');
  const sender = addressParam(params[1], 'sender');
  const msgHash = hashParam(params[2], 'message hash');
  const position = params[3] === undefined || params[3] === null ? 0 : integerParam(params[3], 'log index');
  const chainId = Number(ctx.chainId);
  const batch = ctx.store.getBatchOfBlock(chainId, block);
  if (!batch) return null;
  const key = `0x${sender.slice(2).padStart(64, '0')}`;
  const matches = ctx.store.getLogsOfBatch(chainId, batch.number).filter((l) => l.key === key && l.value === msgHash);
  const log = matches[position];
  if (!log) return null;
  return ctx.proofs.logProof(chainId, log.txHash, log.txLogIndex, false);
}

async function getMessageStatus(ctx: L2MethodContext, params: unknown[]) {
  arity(params, 1, 1, 'interop_getMessageStatus');
  const interopHash = hashParam(params[0], 'interop hash');
  const chainId = Number(ctx.chainId);
  const row = ctx.store.getProofRowOfInterop(interopHash);
  if (row && row.chainId === chainId) {
    const importedOn =
      row.settlementBlock === null ? [] : ctx.store.getImportedOn(Number(ctx.settlementChainId), row.settlementBlock);
    const everywhere = ctx.chainIds.every((id) => importedOn.includes(Number(id)));
    const halt = ctx.store.history.getHalt(chainId);
    const status =
      halt && row.blockNumber >= halt.block
        ? 'halted'
        : row.status === 'executed'
          ? row.settlementRoot && everywhere
            ? 'imported'
            : 'executed'
          : row.status;
    return {
      interopHash,
      status,
      chainId: numberToHex(chainId),
      txHash: row.txHash,
      blockNumber: numberToHex(row.blockNumber),
      l1BatchNumber: numberToHex(row.batch),
      l2MessageIndex: numberToHex(row.idx),
      txNumberInBatch: row.txNumber,
      commitTxHash: row.commitTx,
      executeTxHash: row.executeTx,
      settlementLayer: {
        chainId: numberToHex(ctx.settlementChainId),
        blockNumber: hexOrNull(row.settlementBlock),
        root: row.settlementRoot,
      },
      importedOn: importedOn.map((id) => numberToHex(id)),
      ...rootMismatchField(ctx, row.settlementBlock),
      ...haltField(halt),
    };
  }
  // Not sealed yet: look for the message among the blocks the sequencer has not sealed.
  // An explicit head, not 'latest': anvil refuses a fromBlock past its head ("block out of range"), which is
  // what the range is right after a seal, until the next block.
  const from = ctx.store.getChainProgress(chainId).lastSealedBlock + 1;
  const head = Number(await ctx.upstream.request<string>('eth_blockNumber', []));
  if (from > head) return null;
  const logs = await ctx.upstream.request<RpcLog[]>('eth_getLogs', [
    interopMessageSentFilter({ interopHash, fromBlock: from, toBlock: head }),
  ]);
  const log = findInteropMessageSentLog(logs, interopHash);
  if (!log) return null;
  const halt = ctx.store.history.getHalt(chainId);
  return {
    interopHash,
    status: halt ? 'halted' : 'sent',
    chainId: numberToHex(chainId),
    txHash: log.transactionHash,
    blockNumber: log.blockNumber,
    l1BatchNumber: null,
    l2MessageIndex: null,
    txNumberInBatch: null,
    commitTxHash: null,
    executeTxHash: null,
    settlementLayer: { chainId: numberToHex(ctx.settlementChainId), blockNumber: null, root: null },
    importedOn: [],
    ...haltField(halt),
  };
}

// Present only on a halted chain: why, and from which block on its messages are not proven.
function haltField(halt: ChainHalt | undefined) {
  return halt
    ? { halted: { block: numberToHex(halt.block), batch: numberToHex(halt.batch), reason: halt.reason } }
    : {};
}

// Present only when an L2 holds another root for the message's settlement block: the message does not verify there.
function rootMismatchField(ctx: L2MethodContext, settlementBlock: number | null) {
  if (settlementBlock === null) return {};
  const mismatches = ctx.store.rootMismatches.ofBlock(settlementBlock);
  return mismatches.length === 0
    ? {}
    : { rootMismatches: mismatches.map((m) => ({ chainId: numberToHex(m.chainId), onChain: m.onChain })) };
}

// Present only while some of the chain's loops fail: which (sequencer, submitter, root importer) and why.
function failingField(failing: ({ name: string } & LoopFailure)[]) {
  return failing.length === 0
    ? {}
    : {
        failing: failing.map((f) => ({
          loop: f.name.split(' ').slice(2).join(' '),
          since: new Date(f.since).toISOString(),
          attempts: f.attempts,
          error: f.message,
        })),
      };
}

function chainMismatchField(mismatches: RootMismatch[]) {
  return mismatches.length === 0
    ? {}
    : {
        rootMismatches: mismatches.map((m) => ({
          settlementBlock: numberToHex(m.block),
          expected: m.expected,
          onChain: m.onChain,
        })),
      };
}

/** interop_health: whether every chain of the node is being sealed and settled, and if not, why. */
function getHealth(ctx: L2MethodContext, params: unknown[]) {
  arity(params, 0, 0, 'interop_health');
  const halts = ctx.store.history.getHalts();
  const mismatches = ctx.store.rootMismatches.all();
  const failing = ctx.failingLoops?.() ?? [];
  const chains = ctx.chainIds.map((id) => {
    const chainId = Number(id);
    const progress = ctx.store.getChainProgress(chainId);
    const halt = halts.find((h) => h.chainId === chainId);
    return {
      chainId: numberToHex(chainId),
      lastSealedBlock: numberToHex(progress.lastSealedBlock),
      lastBatch: numberToHex(progress.lastBatch),
      ...haltField(halt),
      ...chainMismatchField(mismatches.filter((m) => m.chainId === chainId)),
      ...failingField(failing.filter((f) => f.name.startsWith(`L2 ${chainId} `))),
    };
  });
  const problems = [
    ...halts.map((h) => `chain ${h.chainId} is halted: ${h.reason}`),
    ...mismatches.map(
      (m) =>
        `chain ${m.chainId} holds root ${m.onChain} for settlement block ${m.block}, not the settlement layer's ${m.expected}: messages proven at that block do not verify there`,
    ),
    ...failing.map(
      (f) =>
        `${f.name} is failing since ${new Date(f.since).toISOString()} (${f.attempts} attempts, retrying): ${f.message}`,
    ),
  ];
  const settled = ctx.store.getSettlementProgress(Number(ctx.settlementChainId));
  return {
    ok: problems.length === 0,
    problems,
    chains,
    settlement: { chainId: numberToHex(ctx.settlementChainId), lastBlock: hexOrNull(settled) },
  };
}

/** Methods answered by the node itself, by name. */
export const l2Methods: Record<string, (ctx: L2MethodContext, params: unknown[]) => unknown> = {
  eth_getTransactionReceipt: getTransactionReceipt,
  eth_getBlockByNumber: getBlockByNumber,
  eth_getBlockByHash: getBlockByHash,
  zks_L1ChainId: (ctx, params) => {
    arity(params, 0, 0, 'zks_L1ChainId');
    return numberToHex(ctx.l1ChainId);
  },
  zks_L1BatchNumber: (ctx, params) => {
    arity(params, 0, 0, 'zks_L1BatchNumber');
    return numberToHex(ctx.store.getChainProgress(Number(ctx.chainId)).lastBatch);
  },
  zks_getL1BatchDetails: (ctx, params) => {
    arity(params, 1, 1, 'zks_getL1BatchDetails');
    const n = integerParam(params[0], 'batch number');
    const batch = ctx.store.getBatch(Number(ctx.chainId), n);
    return batch ? batchDetails(ctx, batch) : null;
  },
  zks_getTransactionDetails: getTransactionDetails,
  zks_getL2ToL1LogProof: getL2ToL1LogProof,
  zks_getL2ToL1MsgProof: getL2ToL1MsgProof,
  interop_getMessageProof: (ctx, params) => {
    arity(params, 1, 2, 'interop_getMessageProof');
    const interopHash = hashParam(params[0], 'interop hash');
    return ctx.proofs.messageProofJson(Number(ctx.chainId), interopHash, proofTarget(ctx, params[1]));
  },
  interop_getMessageStatus: getMessageStatus,
  ...zksyncBlockMethods,
  ...explorerMethods,
  interop_health: getHealth,
};
