import { DynamicIncrementalMerkleTree, FullMerkleTree, getChainIdLeaf, ZERO_HASH } from '@interop/sdk/core';
import type { Hex } from 'viem';
import type { Store } from '../store/store.js';

/**
 * The trees of one settlement layer as they were at the end of a given block, rebuilt from the mirrored leaves in
 * the store and moved forward block by block. The watcher's mirror is always at the newest block; a proof through
 * a Gateway batch needs the Gateway's trees at the end of that batch, which is usually a little older.
 *
 * Only the leaves appended by the last {@link advanceTo} stay provable (the L1 tail builder moves one Gateway batch
 * at a time and proves the batches executed in it), so memory grows with log2(batches), not with batches.
 */
export class SettlementHistory {
  private block = -1;
  private readonly chainTrees = new Map<number, DynamicIncrementalMerkleTree>();
  private readonly shared = new FullMerkleTree();
  private readonly chainIndex = new Map<number, number>();

  constructor(
    private readonly store: Store,
    private readonly settlementChainId: number,
  ) {}

  /** Moves the trees to the end of `block` (never backwards). */
  advanceTo(block: number): void {
    if (block < this.block) throw new Error(`settlement history of ${this.settlementChainId} is past block ${block}`);
    if (block === this.block) return;
    for (const tree of this.chainTrees.values()) tree.forgetLeavesBefore(tree.size);
    for (const added of this.store.getSharedLeavesAdded(this.settlementChainId, this.block, block)) {
      if (added.idx !== this.shared.size) throw new Error(`shared tree index ${added.idx} out of order`);
      this.shared.push(getChainIdLeaf(ZERO_HASH, BigInt(added.chainId)));
      this.chainIndex.set(added.chainId, added.idx);
    }
    const touched = new Set<number>();
    for (const leaf of this.store.getChainTreeLeavesAppended(this.settlementChainId, this.block, block)) {
      this.chainTree(leaf.chainId).push(leaf.leaf);
      touched.add(leaf.chainId);
    }
    for (const chainId of touched) {
      const idx = this.chainIndex.get(chainId);
      if (idx === undefined) throw new Error(`chain ${chainId} has batches but no shared-tree leaf`);
      this.shared.update(idx, getChainIdLeaf(this.chainTree(chainId).root(), BigInt(chainId)));
    }
    // Only the current state is read (root, paths): the undo log of the updates is never needed.
    this.shared.forgetHistory();
    this.block = block;
  }

  /** The MessageRoot at the current block. */
  root(): Hex {
    return this.shared.root();
  }

  /** Path of a chain's ChainIdLeaf in the shared tree, and its index. */
  sharedPath(chainId: number): { index: number; path: Hex[] } | undefined {
    const index = this.chainIndex.get(chainId);
    return index === undefined ? undefined : { index, path: this.shared.path(index) };
  }

  /** Path of a batch leaf in a chain tree (one appended by the last advance). */
  chainPath(chainId: number, index: number): Hex[] | undefined {
    const tree = this.chainTrees.get(chainId);
    return tree && index >= tree.firstKeptLeaf && index < tree.size ? tree.path(index) : undefined;
  }

  /** Bytes of tree nodes held: O(log2(batches)) per chain plus the leaves of the last advance. */
  retainedBytes(): number {
    let bytes = this.shared.retainedBytes;
    for (const tree of this.chainTrees.values()) bytes += tree.retainedBytes;
    return bytes;
  }

  private chainTree(chainId: number): DynamicIncrementalMerkleTree {
    let tree = this.chainTrees.get(chainId);
    if (!tree) {
      tree = new DynamicIncrementalMerkleTree();
      this.chainTrees.set(chainId, tree);
    }
    return tree;
  }
}
