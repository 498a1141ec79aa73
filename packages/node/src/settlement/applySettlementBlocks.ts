import { interopSettlementAbi } from '@interop/sdk/abis';
import { encodeProof, ZERO_HASH } from '@interop/sdk/core';
import { type Address, decodeEventLog, type Hex, hexToBytes, numberToHex } from 'viem';
import { UpstreamError } from '../errors.js';
import { assertBatchLogsProve } from '../proofs/compose.js';
import type { Upstream } from '../rpc/upstream.js';
import type { BlockHash } from '../store/history.js';
import type { SettlementBlockUpdate, Store } from '../store/store.js';
import type { SettlementMirror } from './mirror.js';

type RpcLog = {
  blockNumber: Hex;
  blockHash: Hex;
  logIndex: Hex;
  transactionHash: Hex;
  topics: [Hex, ...Hex[]];
  data: Hex;
};

/** Parameters of {@link applySettlementBlocks}. */
export type ApplySettlementBlocksParameters = {
  store: Store;
  mirror: SettlementMirror;
  settlement: Upstream;
  settlementChainId: bigint;
  settlementAddress: Address;
  /** First block to read when the store has no progress yet (the settlement contract's deploy block). */
  startBlock: number;
  maxBlocks?: number;
  /** The settlement layer's head, when the caller just read it. */
  latest?: number;
  log: (line: string) => void;
};

/**
 * Reads the settlement contract's events after the last applied block, moves the mirrored trees forward block
 * by block, and stores per block: batches committed/executed, the tree leaves, the block's final MessageRoot and,
 * for each executed batch of a chain in the store, the gateway proof tail — checked for every log of the batch
 * with verifyProof against that block's root before it is stored. Returns the blocks that got a new root.
 */
export async function applySettlementBlocks(
  p: ApplySettlementBlocksParameters,
): Promise<{ lastBlock: number; roots: number; behind: boolean }> {
  const { store, settlement } = p;
  const sl = Number(p.settlementChainId);
  const progress = store.getSettlementProgress(sl) ?? p.startBlock - 1;
  const latest = p.latest ?? Number(BigInt(await settlement.request<Hex>('eth_blockNumber')));
  if (latest <= progress) return { lastBlock: progress, roots: 0, behind: false };
  const to = Math.min(latest, progress + (p.maxBlocks ?? 2000));
  const read = await readSettlementBlocks(p, progress, to);
  // After a reorg between the calls nothing is applied, and checkSettlementHistory sorts it out next round.
  if (!read) return { lastBlock: progress, roots: 0, behind: true };
  const updates = read.blocks.map((b) => applyBlock(p, b));
  const grown = new Set(updates.flatMap((u) => u.chainLeaves.map((l) => l.chainId)));
  store.applySettlementBlocks(sl, updates, to, read.hashes, p.mirror.frontiers(grown));
  return { lastBlock: to, roots: updates.filter((u) => u.root !== null).length, behind: to < latest };
}

/** A settlement block holding events of the settlement contract: its timestamp and its logs, in log order. */
type SettlementBlock = { block: number; timestamp: number; logs: RpcLog[] };

/**
 * The blocks in `progress + 1..to` with events of the settlement contract, in block order, and the hashes of the
 * blocks read (those, block `to`, and the last block applied before); undefined when the logs and headers do not
 * come from one history on top of what was applied.
 */
async function readSettlementBlocks(
  p: ApplySettlementBlocksParameters,
  progress: number,
  to: number,
): Promise<{ blocks: SettlementBlock[]; hashes: BlockHash[] } | undefined> {
  const logs = await p.settlement.request<RpcLog[]>('eth_getLogs', [
    { address: p.settlementAddress, fromBlock: numberToHex(progress + 1), toBlock: numberToHex(to) },
  ]);
  const byBlock = new Map<number, RpcLog[]>();
  for (const log of logs) {
    const n = Number(BigInt(log.blockNumber));
    const list = byBlock.get(n);
    if (list) list.push(log);
    else byBlock.set(n, [log]);
  }
  const blockNumbers = [...byBlock.keys()].sort((a, b) => a - b);
  // Also read: the last block (its hash lets the next round notice a reorg) and the last block applied before.
  const [applied] = p.store.history.getSettlementHashes(Number(p.settlementChainId), progress, 1);
  const read = [...blockNumbers, to, applied?.number ?? to];
  const headers = await p.settlement.batch(
    read.map((n) => ({ method: 'eth_getBlockByNumber', params: [numberToHex(n), false] })),
  );
  const hashes = read.map((number, i) => {
    const header = headers[i];
    if (header instanceof UpstreamError) throw header;
    if (!header) throw new UpstreamError(`settlement block ${number} is missing upstream`);
    return { number, hash: (header as { hash: Hex }).hash.toLowerCase() as Hex };
  });
  const known = new Map(hashes.map((h) => [h.number, h.hash]));
  if (
    (applied && known.get(applied.number) !== applied.hash) ||
    logs.some((log) => log.blockHash.toLowerCase() !== known.get(Number(BigInt(log.blockNumber))))
  )
    return undefined;
  const blocks = blockNumbers.map((block, i) => ({
    block,
    timestamp: Number(BigInt((headers[i] as { timestamp: Hex }).timestamp)),
    logs: byBlock.get(block)!.sort((a, b) => Number(BigInt(a.logIndex) - BigInt(b.logIndex))),
  }));
  return { blocks, hashes: hashes.slice(0, -1) };
}

type ExecutedBatch = { chainId: number; batch: number; txHash: Hex; chainTreeIndex: number };

/**
 * Moves the mirrored trees through one block's events and returns what the store records for it: the root
 * (when the block set a non-zero one) and, for each executed batch, its gateway proof tail.
 */
function applyBlock(p: ApplySettlementBlocksParameters, { block, timestamp, logs }: SettlementBlock) {
  const { mirror } = p;
  const u: SettlementBlockUpdate = {
    block,
    timestamp,
    root: null,
    committed: [],
    executed: [],
    chainLeaves: [],
    sharedLeaves: [],
  };
  const executed: ExecutedBatch[] = [];
  let eventRoot: Hex | undefined;
  for (const log of logs) {
    let event: ReturnType<typeof decodeEventLog<typeof interopSettlementAbi>>;
    try {
      event = decodeEventLog({ abi: interopSettlementAbi, topics: log.topics, data: log.data });
    } catch {
      continue; // an event the node does not follow
    }
    const txHash = log.transactionHash.toLowerCase() as Hex;
    switch (event.eventName) {
      case 'AddedChain':
        u.sharedLeaves.push(mirror.addChain(Number(event.args.chainId), Number(event.args.chainIndex)));
        break;
      case 'AppendedChainBatchRoot': {
        const chainId = Number(event.args.chainId);
        const batch = Number(event.args.batchNumber);
        const { idx, leaf } = mirror.appendBatch(chainId, batch, event.args.chainBatchRoot);
        u.chainLeaves.push({ chainId, idx, leaf, batch });
        break;
      }
      case 'NewChainRoot': {
        const chainId = Number(event.args.chainId);
        const mine = mirror.chainTree(chainId).root();
        if (mine !== event.args.chainRoot)
          p.log(
            `settlement block ${block}: chain ${chainId} root ${event.args.chainRoot} differs from the mirror's ${mine}`,
          );
        u.sharedLeaves.push(mirror.setChainLeaf(chainId, event.args.chainIdLeafHash));
        break;
      }
      case 'NewInteropRoot':
        if (event.args.chainId === p.settlementChainId && event.args.sides.length > 0) eventRoot = event.args.sides[0];
        break;
      case 'BatchCommitted':
        u.committed.push({ chainId: Number(event.args.chainId), batch: Number(event.args.batchNumber), txHash });
        break;
      case 'BatchExecuted':
        executed.push({
          chainId: Number(event.args.chainId),
          batch: Number(event.args.batchNumber),
          txHash,
          chainTreeIndex: Number(event.args.chainTreeIndex),
        });
        break;
    }
  }
  if (eventRoot !== undefined) {
    const mine = mirror.root();
    if (mine !== eventRoot)
      p.log(
        `settlement block ${block}: MessageRoot ${eventRoot} differs from the mirror's ${mine}; proofs of this block are not served`,
      );
    if (eventRoot !== ZERO_HASH) u.root = eventRoot;
  }
  for (const e of executed) {
    const gwTail = u.root && u.root === mirror.root() ? buildGatewayTail(p, e, block, u.root) : null;
    u.executed.push({ ...e, gwTail });
  }
  mirror.forgetHistory();
  return u;
}

// The part of a gateway proof shared by every log of a batch, with the metadata word first; null (and a log
// line) if any log of the batch fails to verify to the block's root with it.
function buildGatewayTail(
  p: ApplySettlementBlocksParameters,
  e: { chainId: number; batch: number; chainTreeIndex: number },
  block: number,
  root: Hex,
): Buffer | null {
  const batch = p.store.getBatch(e.chainId, e.batch);
  if (!batch) return null; // a chain this node does not sequence
  const chainTree = p.mirror.chainTree(e.chainId);
  const sharedIndex = p.mirror.chainIndex.get(e.chainId);
  if (sharedIndex === undefined || e.chainTreeIndex >= chainTree.size || e.chainTreeIndex < chainTree.firstKeptLeaf) {
    p.log(`settlement block ${block}: batch ${e.batch} of chain ${e.chainId} is not in the mirrored trees`);
    return null;
  }
  const placeholder: Hex[] = new Array(15).fill(ZERO_HASH);
  const words = encodeProof([
    {
      final: false,
      path: placeholder,
      batchLeafIndex: BigInt(e.chainTreeIndex),
      batchPath: chainTree.path(e.chainTreeIndex),
      settlementBlockNumber: BigInt(block),
      chainIdLeafIndex: BigInt(sharedIndex),
      settlementChainId: p.settlementChainId,
    },
    { final: true, path: p.mirror.shared.path(sharedIndex) },
  ]);
  const tail = Buffer.from(hexToBytes(`0x${[words[0], ...words.slice(16)].map((w) => w.slice(2)).join('')}` as Hex));
  try {
    assertBatchLogsProve(p.store, { chainId: e.chainId, number: e.batch, aggregatedRoot: batch.aggregatedRoot }, tail, {
      root,
      settlementChainId: p.settlementChainId,
      blockNumber: BigInt(block),
    });
  } catch (err) {
    p.log(`settlement block ${block}: ${(err as Error).message}`);
    return null;
  }
  return tail;
}
