import { interopCenterAbi, interopSettlementAbi, l1MessageSentEvent } from '@interop/sdk/abis';
import {
  buildLogTreeFromPackedLogs,
  getChainBatchRoot,
  getLeafChainAggregatedRoot,
  hashL2ToL1Log,
  INTEROP_CENTER_ADDRESS,
  L1_MESSENGER_ADDRESS,
  L2_TO_L1_LOG_SIZE,
  L2_TO_L1_LOG_TREE_HEIGHT,
  type L2ToL1Log,
  MAX_LOGS_PER_BATCH,
  verifyProof,
  writePackedL2ToL1Log,
} from '@interop/sdk/core';
import {
  type Address,
  decodeFunctionResult,
  encodeFunctionData,
  getAbiItem,
  type Hex,
  hexToBytes,
  numberToHex,
  toEventSelector,
} from 'viem';
import { NodeError, UpstreamError } from '../errors.js';
import type { Upstream } from '../rpc/upstream.js';
import type { LogRow, MessageRow, SealedBatch, Store } from '../store/store.js';
import { crashPoint } from '../testHooks.js';
import {
  type CommitBudget,
  commitCalldataBytes,
  DEFAULT_MAX_COMMIT_BYTES,
  DEFAULT_MAX_COMMIT_GAS,
  estimateCommitGas,
  fitsCommitBudget,
} from './commitBudget.js';
import { decodeMessageOfLog } from './decodeMessage.js';

/** topic0 of `L1MessageSent(address,bytes32,bytes)`. */
export const L1_MESSAGE_SENT_TOPIC = toEventSelector(l1MessageSentEvent);
/** topic0 of InteropCenter's `InteropRootAdded`: only the system caller's root imports emit it. */
const INTEROP_ROOT_ADDED_TOPIC = toEventSelector(getAbiItem({ abi: interopCenterAbi, name: 'InteropRootAdded' }));
const INTEROP_CENTER_KEY = `0x${INTEROP_CENTER_ADDRESS.slice(2).toLowerCase().padStart(64, '0')}` as Hex;
/** Blocks read per sealing round at most (a longer backlog is sealed over several rounds). */
const MAX_BLOCKS_PER_ROUND = 500;
/** A log's path as stored: its 14 log-tree words. */
const PATH_BYTES = 32 * L2_TO_L1_LOG_TREE_HEIGHT;
/** txNumberInBatch is a uint16. */
const MAX_TXS_PER_BATCH = 65_535;

/** A mined transaction with what the 0x71 hold looks at (see `isUnrecordedZkSyncSend`). */
type FullTransaction = { hash: Hex; from: Address; nonce: Hex; to: Address | null; input: Hex };
/** A block as read: transaction hashes only, or (while a ZKsync send may be unrecorded) full transactions. */
type RpcBlock = {
  number: Hex;
  hash: Hex;
  parentHash: Hex;
  timestamp: Hex;
  transactions: { hash: Hex }[];
};
type RpcLog = {
  blockNumber: Hex;
  blockHash: Hex;
  transactionHash: Hex;
  logIndex: Hex;
  topics: Hex[];
  address: Address;
  data: Hex;
};

/** Parameters of {@link sealBatch}. */
export type SealBatchParameters = {
  store: Store;
  upstream: Upstream;
  chainId: bigint;
  /** The layer the chain settles on (recorded with the batch). */
  settlesOn: bigint;
  /**
   * When the chain is itself a settlement layer (a Gateway): its InteropSettlement contract. The batch's
   * aggregated root is then that contract's MessageRoot at the end of the batch's last block.
   */
  ownSettlement?: Address;
  /** Preferred most logs per batch; a single block with more is still sealed, alone. */
  maxLogsPerBatch?: number;
  /** Most estimated gas of one batch's commit on the settlement layer (see `estimateCommitGas`). */
  maxCommitGas?: number;
  /** Most calldata bytes of one batch's commit (see `commitCalldataBytes`). */
  maxCommitBytes?: number;
  /** Seal even if the new blocks hold only system transactions (used after they waited long enough). */
  force?: boolean;
  /** The hash users know a transaction by (a ZKsync 0x71 transaction's own hash), for the commit calldata. */
  publicHashOf?: (upstreamHash: Hex) => Hex | undefined;
  /**
   * Asked for each transaction of the blocks read: true while it may be a ZKsync transaction whose public hash is
   * not recorded yet (see `isUnrecordedZkSyncSend`). The batch then ends before that transaction's block.
   */
  publicHashPending?: (tx: FullTransaction) => boolean;
  /**
   * Whether `publicHashPending` can answer true at all right now (a ZKsync send in flight or not settled; see
   * `hasUnrecordedZkSyncSends`). Only then are the blocks read with their full transactions: anvil serves a block's
   * transaction hashes at a fraction of the cost of its full transactions. Default: always.
   */
  publicHashMayBePending?: () => boolean;
};

const currentMessageRootData = encodeFunctionData({ abi: interopSettlementAbi, functionName: 'currentMessageRoot' });

/** A Gateway's MessageRoot at the end of `block` (its batch's aggregated root). */
async function readMessageRoot(upstream: Upstream, settlement: Address, block: number): Promise<Hex> {
  const data = await upstream.request<Hex>('eth_call', [
    { to: settlement, data: currentMessageRootData },
    numberToHex(block),
  ]);
  return decodeFunctionResult({ abi: interopSettlementAbi, functionName: 'currentMessageRoot', data });
}

/** What {@link sealBatch} did. */
export type SealBatchReturnType =
  | { sealed: true; number: number; firstBlock: number; lastBlock: number; logCount: number; more: boolean }
  | {
      sealed: false;
      /** `history-changed`: the blocks read do not extend the sealed ones (see checkChainHistory). */
      reason: 'no-new-blocks' | 'only-system-transactions' | 'public-hash-pending' | 'history-changed';
      pendingBlocks: number;
    };

/**
 * Seals the L2 blocks after the last sealed one into the next batch: reads their transactions and the
 * L1Messenger's L1MessageSent events, assigns txNumberInBatch, builds the log tree and ChainBatchRoot, checks
 * every log's proof, and writes the batch in one store transaction. Nothing is sent to the settlement layer here.
 */
export async function sealBatch(params: SealBatchParameters): Promise<SealBatchReturnType> {
  const { store } = params;
  const chainId = Number(params.chainId);
  const maxLogs = Math.min(params.maxLogsPerBatch ?? MAX_LOGS_PER_BATCH, MAX_LOGS_PER_BATCH);
  const maxCommitGas = params.maxCommitGas ?? DEFAULT_MAX_COMMIT_GAS;
  const maxCommitBytes = params.maxCommitBytes ?? DEFAULT_MAX_COMMIT_BYTES;
  // What one block must fit to be committable at all; maxLogsPerBatch only decides how blocks are grouped.
  const hardBudget = { maxLogs: MAX_LOGS_PER_BATCH, maxCommitGas, maxCommitBytes };
  const budget = { ...hardBudget, maxLogs };
  const progress = store.getChainProgress(chainId);
  const latest = Number(BigInt(await params.upstream.request<Hex>('eth_blockNumber')));
  const from = progress.lastSealedBlock + 1;
  if (latest < from) return { sealed: false, reason: 'no-new-blocks', pendingBlocks: 0 };
  const to = Math.min(latest, from + MAX_BLOCKS_PER_ROUND - 1);

  const read = await readBlocksForHold(params, chainId, from, to);
  if (!extendsSealedHistory(store, chainId, read.blocks, read.rpcLogs))
    return { sealed: false, reason: 'history-changed', pendingBlocks: latest - from + 1 };
  // No await from here on: what the hold below saw is what is sealed.
  const held = firstHeldBlock(read, params);
  if (held === from) return { sealed: false, reason: 'public-hash-pending', pendingBlocks: latest - from + 1 };
  const blocks = held === undefined ? read.blocks : read.blocks.filter((b) => Number(BigInt(b.number)) < held);
  const rpcLogs = held === undefined ? read.rpcLogs : read.rpcLogs.filter((l) => Number(BigInt(l.blockNumber)) < held);
  const logsByTx = groupLogsByTx(rpcLogs);
  const chosen = chooseBlocks({ blocks, logsByTx, rootImports: read.rootImports, from, budget, hardBudget, chainId });
  // A backlog longer than one round is sealed regardless, so a long run of system-only blocks cannot stall it.
  if (!(chosen.worthSealing || params.force === true || latest > to || held !== undefined))
    return { sealed: false, reason: 'only-system-transactions', pendingBlocks: latest - from + 1 };

  const number = progress.lastBatch + 1;
  const { lastBlock, logCount } = chosen;
  const content = collectBatchContent({ blocks, logsByTx, lastBlock, logCount, chainId, number, params });
  // A Gateway's batch carries its own MessageRoot at the end of the batch as aggregated root.
  const ownRoot = params.ownSettlement ? await readMessageRoot(params.upstream, params.ownSettlement, lastBlock) : null;
  const aggregatedRoot = ownRoot ?? getLeafChainAggregatedRoot(params.chainId);
  const { tree, chainBatchRoot, logRows, packedLogs } = proveBatch(params.chainId, number, content, aggregatedRoot);
  crashPoint('after-seal-before-store');
  store.insertSealedBatch({
    batch: {
      chainId,
      number,
      firstBlock: from,
      lastBlock,
      timestamp: content.timestamp,
      txCount: content.txs.length,
      logCount,
      localRoot: tree.root,
      chainBatchRoot,
      settlesOn: Number(params.settlesOn),
      aggregatedRoot: ownRoot,
      packedLogs,
      txHashes: content.txHashes,
    },
    logs: logRows,
    txs: content.txs,
    messages: content.messages,
    blocks: blocks
      .filter((b) => Number(BigInt(b.number)) <= lastBlock)
      .map((b) => ({ number: Number(BigInt(b.number)), hash: b.hash })),
  });
  return { sealed: true, number, firstBlock: from, lastBlock, logCount, more: lastBlock < latest };
}

// The first block holding a transaction whose public hash may still be unrecorded (a 0x71 send in flight).
function firstHeldBlock(read: BlocksRead, params: SealBatchParameters): number | undefined {
  if (!params.publicHashPending || !read.full) return undefined;
  for (const block of read.blocks)
    for (const tx of block.transactions as FullTransaction[])
      if (params.publicHashOf?.(tx.hash) === undefined && params.publicHashPending(tx))
        return Number(BigInt(block.number));
  return undefined;
}

type BlocksRead = {
  blocks: RpcBlock[];
  /** The L1Messenger's L1MessageSent logs. */
  rpcLogs: RpcLog[];
  /** Hashes (lowercase) of the transactions that imported roots (InteropRootAdded). */
  rootImports: Set<string>;
  /** Whether the blocks carry full transactions. */
  full: boolean;
};

/**
 * Reads blocks `from..to` with transaction hashes only, unless a ZKsync send may be unrecorded: then with full
 * transactions, for the hold. Asked again after the read, since a send that started meanwhile may have been mined
 * into these blocks (its in-flight mark is set before it is sent, so it shows by now).
 */
async function readBlocksForHold(p: SealBatchParameters, chainId: number, from: number, to: number) {
  const mayBePending = () => p.publicHashPending !== undefined && (p.publicHashMayBePending?.() ?? true);
  const read = await readBlocks(p.upstream, chainId, from, to, mayBePending());
  return read.full || !mayBePending() ? read : readBlocks(p.upstream, chainId, from, to, true);
}

/** Reads blocks `from..to` and their L1MessageSent and InteropRootAdded logs, in one batch. */
async function readBlocks(
  upstream: Upstream,
  chainId: number,
  from: number,
  to: number,
  full: boolean,
): Promise<BlocksRead> {
  const range = { fromBlock: numberToHex(from), toBlock: numberToHex(to) };
  const calls: { method: string; params: unknown[] }[] = [
    { method: 'eth_getLogs', params: [{ address: L1_MESSENGER_ADDRESS, topics: [L1_MESSAGE_SENT_TOPIC], ...range }] },
    {
      method: 'eth_getLogs',
      params: [{ address: INTEROP_CENTER_ADDRESS, topics: [INTEROP_ROOT_ADDED_TOPIC], ...range }],
    },
  ];
  for (let n = from; n <= to; n++) calls.push({ method: 'eth_getBlockByNumber', params: [numberToHex(n), full] });
  const results = await upstream.batch(calls);
  for (const r of results) if (r instanceof UpstreamError) throw r;
  const rpcLogs = results[0] as RpcLog[];
  const rootImports = new Set((results[1] as RpcLog[]).map((l) => l.transactionHash.toLowerCase()));
  const blocks = results.slice(2) as ({ transactions: (Hex | { hash: Hex })[] } & Omit<RpcBlock, 'transactions'>)[];
  if (blocks.some((b) => !b)) throw new NodeError(`L2 ${chainId}: a block in ${from}..${to} is missing upstream`);
  if (!full) for (const b of blocks) b.transactions = b.transactions.map((hash) => ({ hash: hash as Hex }));
  return { blocks: blocks as RpcBlock[], rpcLogs, rootImports, full };
}

/** The L1Messenger's L1MessageSent logs by (lowercase) transaction hash, each list in log order. */
function groupLogsByTx(rpcLogs: RpcLog[]): Map<string, RpcLog[]> {
  const logsByTx = new Map<string, RpcLog[]>();
  for (const log of rpcLogs) {
    if (log.address.toLowerCase() !== L1_MESSENGER_ADDRESS.toLowerCase() || log.topics[0] !== L1_MESSAGE_SENT_TOPIC)
      continue;
    const key = log.transactionHash.toLowerCase();
    const list = logsByTx.get(key);
    if (list) list.push(log);
    else logsByTx.set(key, [log]);
  }
  for (const list of logsByTx.values()) list.sort((a, b) => Number(BigInt(a.logIndex) - BigInt(b.logIndex)));
  return logsByTx;
}

/**
 * Takes whole blocks while the batch stays within the log, commit-size, commit-gas and transaction limits.
 * `worthSealing`: some block holds a log or a transaction that is not a root import. (A root import that reverted
 * counts as one that is not: it makes one batch, whose root the next import then brings.)
 */
function chooseBlocks(p: {
  blocks: RpcBlock[];
  logsByTx: Map<string, RpcLog[]>;
  rootImports: Set<string>;
  from: number;
  /** What the batch should fit. */
  budget: CommitBudget;
  /** What one block must fit to be committable at all. */
  hardBudget: CommitBudget;
  chainId: number;
}): { lastBlock: number; logCount: number; worthSealing: boolean } {
  let lastBlock = p.from - 1;
  let txCount = 0;
  let logCount = 0;
  let worthSealing = false;
  for (const block of p.blocks) {
    let blockLogs = 0;
    for (const tx of block.transactions) blockLogs += p.logsByTx.get(tx.hash.toLowerCase())?.length ?? 0;
    // L1Messenger caps a block at MAX_L1_MESSAGES_PER_BLOCK and the config makes sure such a block fits, so this
    // only happens behind a foreign L1Messenger: stop loudly rather than commit something that cannot go through.
    if (!fitsCommitBudget(blockLogs, p.hardBudget))
      throw new NodeError(
        `L2 ${p.chainId}: block ${Number(BigInt(block.number))} has ${blockLogs} L2→L1 logs, more than one batch can commit ` +
          `(commit ≈ ${estimateCommitGas(blockLogs)} gas, ${commitCalldataBytes(blockLogs)} bytes; ` +
          `limits ${p.hardBudget.maxCommitGas} gas, ${p.hardBudget.maxCommitBytes} bytes, ${MAX_LOGS_PER_BATCH} logs)`,
      );
    if (
      lastBlock >= p.from &&
      (!fitsCommitBudget(logCount + blockLogs, p.budget) || txCount + block.transactions.length > MAX_TXS_PER_BATCH)
    )
      break;
    lastBlock = Number(BigInt(block.number));
    txCount += block.transactions.length;
    logCount += blockLogs;
    if (blockLogs > 0 || block.transactions.some((tx) => !p.rootImports.has(tx.hash.toLowerCase())))
      worthSealing = true;
  }
  return { lastBlock, logCount, worthSealing };
}

/** What the batch holds, in order: its transactions, its logs (as committed and as stored) and their tx hashes. */
type BatchContent = {
  logs: L2ToL1Log[];
  rows: Omit<LogRow, 'path'>[];
  txs: SealedBatch['txs'];
  /** The batch's InteropCenter messages, decoded for the explorer index. */
  messages: MessageRow[];
  /** The public hash of each log's transaction, 32 bytes per log (the commit's `txHashes`). */
  txHashes: Buffer;
  /** Timestamp of the batch's last block. */
  timestamp: number;
};

/** Numbers the transactions of the blocks up to `lastBlock` (txNumberInBatch) and lists their logs. */
function collectBatchContent(p: {
  blocks: RpcBlock[];
  logsByTx: Map<string, RpcLog[]>;
  lastBlock: number;
  logCount: number;
  chainId: number;
  number: number;
  params: SealBatchParameters;
}): BatchContent {
  const content: BatchContent = {
    logs: [],
    rows: [],
    txs: [],
    messages: [],
    txHashes: Buffer.alloc(p.logCount * 32),
    timestamp: 0,
  };
  const { logs, rows, txs, messages, txHashes } = content;
  for (const block of p.blocks) {
    const blockNumber = Number(BigInt(block.number));
    if (blockNumber > p.lastBlock) break;
    content.timestamp = Number(BigInt(block.timestamp));
    for (const tx of block.transactions) {
      const txNumber = txs.length;
      const hash = tx.hash.toLowerCase() as Hex;
      txs.push({ hash, idx: txNumber, blockNumber });
      const txLogs = p.logsByTx.get(hash);
      if (!txLogs) continue;
      const publicHash = (p.params.publicHashOf?.(hash)?.toLowerCase() ?? hash) as Hex;
      const publicHashBytes = hexToBytes(publicHash);
      txLogs.forEach((log, txLogIndex) => {
        const key = log.topics[1].toLowerCase() as Hex;
        const value = log.topics[2].toLowerCase() as Hex;
        txHashes.set(publicHashBytes, rows.length * 32);
        const message = key === INTEROP_CENTER_KEY ? decodeMessageOfLog(log.data) : undefined;
        if (message)
          messages.push({
            interopHash: value,
            chainId: p.chainId,
            batch: p.number,
            idx: rows.length,
            txHash: publicHash,
            blockNumber,
            timestamp: content.timestamp,
            sender: message.sender.toLowerCase() as Hex,
            messageNum: message.messageNum.toString(),
            data: Buffer.from(message.data.slice(2), 'hex'),
          });
        logs.push({
          l2ShardId: 0,
          isService: true,
          txNumberInBatch: txNumber,
          sender: L1_MESSENGER_ADDRESS,
          key,
          value,
        });
        rows.push({
          chainId: p.chainId,
          batch: p.number,
          idx: rows.length,
          txHash: hash,
          txNumber,
          txLogIndex,
          blockNumber,
          key,
          value,
          interopHash: key === INTEROP_CENTER_KEY ? value : null,
        });
      });
    }
  }
  return content;
}

/**
 * Builds the log tree (leaves hashed in bulk from the packed logs) and ChainBatchRoot, with every log's path as
 * bytes, and spot-checks that the proofs served for the first, middle and last logs lead to that root. (Every
 * path is read from the same tree levels; the settlement contract recomputes the tree's root from the committed
 * logs, and the submitter refuses a batch committed with another root.)
 */
function proveBatch(chainId: bigint, number: number, content: BatchContent, aggregatedRoot: Hex) {
  const count = content.logs.length;
  const packedLogs = Buffer.alloc(count * L2_TO_L1_LOG_SIZE);
  for (let i = 0; i < count; i++) writePackedL2ToL1Log(content.logs[i], packedLogs, i * L2_TO_L1_LOG_SIZE);
  const tree = buildLogTreeFromPackedLogs(packedLogs);
  const chainBatchRoot = getChainBatchRoot(tree.root, aggregatedRoot);
  for (const i of count === 0 ? [] : new Set([0, count >> 1, count - 1])) {
    const check = verifyProof({
      chainId,
      batchNumber: BigInt(number),
      leafIndex: i,
      leaf: hashL2ToL1Log(content.logs[i]),
      proof: [...tree.path(i), aggregatedRoot],
    });
    if (check.root !== chainBatchRoot)
      throw new NodeError(`L2 ${chainId}: log ${i} of batch ${number} does not prove to the batch root`);
  }
  const paths = Buffer.alloc(count * PATH_BYTES);
  const logRows: LogRow[] = content.rows.map((row, i) => {
    tree.pathInto(i, paths, i * PATH_BYTES);
    return { ...row, path: paths.subarray(i * PATH_BYTES, (i + 1) * PATH_BYTES) };
  });
  return { tree, chainBatchRoot, logRows, packedLogs };
}

// True if the blocks read form one chain on top of the last sealed block, and the logs come from those very
// blocks: a reorg or revert between the calls (or since the last seal) makes this false.
function extendsSealedHistory(store: Store, chainId: number, blocks: RpcBlock[], logs: RpcLog[]): boolean {
  const first = Number(BigInt(blocks[0].number));
  const [sealed] = store.history.getSealedBlocks(chainId, first - 1, 1);
  let parent = sealed && sealed.number === first - 1 ? sealed.hash : blocks[0].parentHash.toLowerCase();
  const hashes = new Set<string>();
  for (const block of blocks) {
    if (block.parentHash.toLowerCase() !== parent) return false;
    parent = block.hash.toLowerCase();
    hashes.add(parent);
  }
  return logs.every((log) => hashes.has(log.blockHash.toLowerCase()));
}
