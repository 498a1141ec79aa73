import {
  DynamicIncrementalMerkleTree,
  FullMerkleTree,
  getBatchRootLeaf,
  getChainIdLeaf,
  ZERO_HASH,
} from '@interop/sdk/core';
import type { Hex } from 'viem';
import type { ChainTreeFrontier, Store } from '../store/store.js';

/**
 * In-memory copy of one settlement layer's trees (one chain tree per chain, the shared tree of ChainIdLeafs),
 * rebuilt from the store at start and moved forward by the watcher as it applies events.
 *
 * The node proves only batches executed in the block being applied, against that block's trees, so after each
 * block the mirror forgets what only older states need (the chain trees' nodes left of their frontier, the
 * shared tree's undo log): its memory grows with log2(batches) and the number of chains, not with history.
 */
export class SettlementMirror {
  readonly chainTrees = new Map<number, DynamicIncrementalMerkleTree>();
  readonly shared = new FullMerkleTree();
  readonly chainIndex = new Map<number, number>();

  /**
   * Loads settlement layer `settlementChainId`'s trees from the store: the shared tree's leaves (one per chain),
   * and each chain tree from its stored frontier plus the leaves appended after it (none, unless the store was
   * written before frontiers were kept) — so start-up does not read every batch since genesis.
   */
  static load(store: Store, settlementChainId: number): SettlementMirror {
    const mirror = new SettlementMirror();
    for (const leaf of store.getSharedLeaves(settlementChainId)) {
      mirror.shared.push(leaf.leaf);
      mirror.chainIndex.set(leaf.chainId, leaf.idx);
    }
    const frontiers = new Map(store.getChainTreeFrontiers(settlementChainId).map((f) => [f.chainId, f]));
    // A chain's batches follow its AddedChain, so every chain with a tree has a shared-tree leaf.
    for (const chainId of mirror.chainIndex.keys()) {
      const f = frontiers.get(chainId);
      const tree = f ? DynamicIncrementalMerkleTree.fromFrontier(f.size, f.nodes) : new DynamicIncrementalMerkleTree();
      for (const leaf of store.getChainTreeLeavesFrom(settlementChainId, chainId, tree.size)) {
        if (leaf.idx !== tree.size)
          throw new Error(`chain ${chainId}: tree leaf ${leaf.idx} stored, expected ${tree.size}`);
        tree.push(leaf.leaf);
      }
      if (tree.size > 0) mirror.chainTrees.set(chainId, tree);
    }
    mirror.forgetHistory();
    return mirror;
  }

  /** The frontiers of the given chains' trees, to store with the leaves appended. */
  frontiers(chainIds: Iterable<number>): ChainTreeFrontier[] {
    return [...chainIds].map((chainId) => {
      const tree = this.chainTree(chainId);
      return { chainId, size: tree.size, nodes: tree.frontier() };
    });
  }

  /** Keeps only what proofs of later batches read: the chain trees' frontiers and the shared tree's leaves. */
  forgetHistory(): void {
    for (const tree of this.chainTrees.values()) tree.forgetLeavesBefore(tree.size);
    this.shared.forgetHistory();
  }

  /** Bytes of tree nodes and undo log held: after {@link forgetHistory}, O(log2(batches)) per chain. */
  retainedBytes(): number {
    let bytes = this.shared.retainedBytes;
    for (const tree of this.chainTrees.values()) bytes += tree.retainedBytes;
    return bytes;
  }

  chainTree(chainId: number): DynamicIncrementalMerkleTree {
    let tree = this.chainTrees.get(chainId);
    if (!tree) {
      tree = new DynamicIncrementalMerkleTree();
      this.chainTrees.set(chainId, tree);
    }
    return tree;
  }

  /** A chain joined the shared tree; its leaf starts as ChainIdLeaf(0x00…00, chainId). */
  addChain(chainId: number, index: number): { idx: number; chainId: number; leaf: Hex } {
    if (index !== this.shared.size)
      throw new Error(`shared tree index ${index} for chain ${chainId}, expected ${this.shared.size}`);
    const leaf = getChainIdLeaf(ZERO_HASH, BigInt(chainId));
    this.shared.push(leaf);
    this.chainIndex.set(chainId, index);
    return { idx: index, chainId, leaf };
  }

  /** A batch was appended to a chain tree. Returns the new leaf and its index. */
  appendBatch(chainId: number, batchNumber: number, chainBatchRoot: Hex): { idx: number; leaf: Hex } {
    const leaf = getBatchRootLeaf(chainBatchRoot, BigInt(batchNumber));
    const idx = this.chainTree(chainId).push(leaf);
    return { idx, leaf };
  }

  /** A chain's root changed: its ChainIdLeaf in the shared tree becomes `leaf`. */
  setChainLeaf(chainId: number, leaf: Hex): { idx: number; chainId: number; leaf: Hex } {
    const idx = this.chainIndex.get(chainId);
    if (idx === undefined) throw new Error(`chain ${chainId} has a new root but was never added to the shared tree`);
    this.shared.update(idx, leaf);
    return { idx, chainId, leaf };
  }

  /** The shared tree root (the settlement layer's MessageRoot). */
  root(): Hex {
    return this.shared.root();
  }
}
