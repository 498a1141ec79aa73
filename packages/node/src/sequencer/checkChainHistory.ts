import type { Address } from 'viem';
import type { Mutex } from '../loop.js';
import { getBlockHashes, type Upstream } from '../rpc/upstream.js';
import type { ChainHalt } from '../store/history.js';
import type { Store } from '../store/store.js';
import { readSettlementTotals } from './submitBatch.js';

/** Stored block hashes compared per upstream round trip while looking for where a history changed. */
const FORK_SEARCH_PAGE = 64;

/** Parameters of {@link checkChainHistory}. */
export type CheckChainHistoryParameters = {
  store: Store;
  l2: Upstream;
  settlement: Upstream;
  settlementAddress: Address;
  chainId: bigint;
  /** Held while deciding and rewinding, so no commit of this chain is sent meanwhile (the submitter holds it too). */
  lock: Mutex;
};

/** What {@link checkChainHistory} found. */
export type CheckChainHistoryReturnType =
  | { changed: false }
  /** Batches `fromBatch`.. were not committed: they are forgotten and their blocks sealed again from `firstBlock`. */
  | { changed: true; action: 'resealed'; forkBlock: number; fromBatch: number; toBatch: number; firstBlock: number }
  /** A committed batch holds a changed block: the chain is halted. */
  | { changed: true; action: 'halted'; halt: ChainHalt };

/**
 * Compares the hash of the last sealed L2 block with the chain. If the chain's history changed under the node
 * (a reorg, a rollback, a revert done directly on the chain), finds the first changed block: when no batch
 * from there on is committed on the settlement layer, those batches are forgotten and sealed again from the
 * new history; otherwise the chain is halted (its committed batch no longer matches the chain, which the node
 * cannot undo).
 */
export async function checkChainHistory(p: CheckChainHistoryParameters): Promise<CheckChainHistoryReturnType> {
  const chainId = Number(p.chainId);
  const { lastSealedBlock } = p.store.getChainProgress(chainId);
  const [last] = p.store.history.getSealedBlocks(chainId, lastSealedBlock, 1);
  // A store without hashes for its sealed blocks (written before they were kept) has nothing to compare.
  if (lastSealedBlock === 0 || !last || last.number !== lastSealedBlock) return { changed: false };
  if ((await getBlockHashes(p.l2, [last.number]))[0] === last.hash) return { changed: false };

  return p.lock.run(async () => {
    const forkBlock = await findForkBlock(p, lastSealedBlock);
    const batch = p.store.getBatchOfBlock(chainId, forkBlock);
    const progress = p.store.getChainProgress(chainId);
    if (!batch) return { changed: false } as const; // rewound meanwhile
    const totals = await readSettlementTotals({ ...p, chainId: p.chainId });
    if (batch.number > totals.committed) {
      const firstBlock = p.store.history.rewindChain(chainId, batch.number);
      return {
        changed: true,
        action: 'resealed',
        forkBlock,
        fromBatch: batch.number,
        toBatch: progress.lastBatch,
        firstBlock,
      } as const;
    }
    const halt: ChainHalt = {
      chainId,
      block: forkBlock,
      batch: batch.number,
      detectedAt: Math.floor(Date.now() / 1000),
      reason: `the chain's history changed at block ${forkBlock}, inside batch ${batch.number}, which is already committed on the settlement layer`,
    };
    p.store.history.haltChain(halt);
    return { changed: true, action: 'halted', halt: p.store.history.getHalt(chainId) ?? halt } as const;
  });
}

// The lowest sealed block whose stored hash differs from the chain's, walking back from the last sealed block
// (everything below a block that matches matches too, as each block commits to its parent).
async function findForkBlock(p: CheckChainHistoryParameters, lastSealedBlock: number): Promise<number> {
  const chainId = Number(p.chainId);
  let below = lastSealedBlock;
  let fork = lastSealedBlock;
  for (;;) {
    const stored = p.store.history.getSealedBlocks(chainId, below, FORK_SEARCH_PAGE);
    if (stored.length === 0) return fork;
    const current = await getBlockHashes(
      p.l2,
      stored.map((b) => b.number),
    );
    for (let i = 0; i < stored.length; i++) {
      if (current[i] === stored[i].hash) return fork;
      fork = stored[i].number;
    }
    below = stored[stored.length - 1].number - 1;
  }
}
