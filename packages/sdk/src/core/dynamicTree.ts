// The chain tree of the settlement layer's MessageRoot: ZKsync's DynamicIncrementalMerkle. It starts
// with height 0; a push that finds it full adds a level. Root 0x00…00 before the first push, the leaf
// itself with one leaf, and H(l0 ‖ l1) with two.
import type { Hex } from 'viem';
import { bytesToHexFast } from './bytes.js';
import { EMPTY_MERKLE_LEAF, ZERO_HASH } from './constants.js';
import { PushTree } from './pushTree.js';

/** Append-only Merkle tree whose root and paths are available at every past size. */
export class DynamicIncrementalMerkleTree extends PushTree {
  /** @param leaves initial leaves; @param zero empty leaf (default keccak256 of 96 zero bytes). */
  constructor(leaves: readonly Hex[] = [], zero: Hex = EMPTY_MERKLE_LEAF) {
    super(zero);
    for (const leaf of leaves) this.push(leaf);
  }

  /** Appends a leaf; returns its index. */
  push(leaf: Hex): number {
    return this.pushBytes(PushTree.parseLeaf(leaf));
  }

  /** Root of the tree with its first `size` leaves (0x00…00 for size 0). */
  root(size: number = this.count): Hex {
    this.checkSize(size);
    return size === 0 ? ZERO_HASH : bytesToHexFast(this.rootBytesAt(size));
  }

  /** Sibling path of leaf `index` against root(size); ceil(log2(size)) words. */
  path(index: number, size: number = this.count): Hex[] {
    return this.pathAt(index, size);
  }

  /**
   * Forgets the leaves before `index` to bound memory: paths of leaves `index` and later, and roots of sizes
   * `index` and up, stay available (what an appender needs to prove its newest leaves); earlier ones throw.
   */
  forgetLeavesBefore(index: number): void {
    this.forgetBefore(index);
  }

  /**
   * The tree's frontier (floor(log2(size)) + 1 words): with its size, all a holder needs to keep appending and to
   * prove the leaves appended later, e.g. to persist a long tree instead of all its leaves.
   */
  frontier(): Uint8Array {
    return this.frontierBytes();
  }

  /**
   * The tree of `size` leaves whose {@link frontier} is `frontier`, leaves before `size` forgotten: roots of sizes
   * `size` and up and paths of later leaves are the original tree's.
   */
  static fromFrontier(size: number, frontier: Uint8Array, zero: Hex = EMPTY_MERKLE_LEAF): DynamicIncrementalMerkleTree {
    const tree = new DynamicIncrementalMerkleTree([], zero);
    tree.restoreFrontier(size, frontier);
    return tree;
  }

  /** Leaf at `index`. */
  leaf(index: number): Hex {
    this.checkIndex(index);
    return this.leafAt(index);
  }
}
