// The shared tree of the settlement layer's MessageRoot: ZKsync's FullMerkle. Same shape and growth
// as the chain tree, but leaves can be updated (a chain's ChainIdLeaf changes with each batch), and
// with no leaves its root is the empty leaf itself rather than 0x00…00.
import type { Hex } from 'viem';
import { bytesToHexFast } from './bytes.js';
import { EMPTY_MERKLE_LEAF } from './constants.js';
import { PushTree } from './pushTree.js';

/** Merkle tree of updatable leaves; root and paths also over the first `size` leaves. */
export class FullMerkleTree extends PushTree {
  /** @param leaves initial leaves; @param zero empty leaf (default keccak256 of 96 zero bytes). */
  constructor(leaves: readonly Hex[] = [], zero: Hex = EMPTY_MERKLE_LEAF) {
    super(zero);
    for (const leaf of leaves) this.push(leaf);
  }

  /** Appends a leaf; returns its index. */
  push(leaf: Hex): number {
    return this.pushBytes(PushTree.parseLeaf(leaf));
  }

  /** Replaces leaf `index`. */
  update(index: number, leaf: Hex): void {
    this.checkIndex(index);
    this.updateBytes(index, PushTree.parseLeaf(leaf));
  }

  /** Root over the first `size` leaves at their current values (the empty leaf for size 0). */
  root(size: number = this.count): Hex {
    this.checkSize(size);
    return size === 0 ? this.zero : bytesToHexFast(this.rootBytesAt(size));
  }

  /** Sibling path of leaf `index` against root(size). */
  path(index: number, size: number = this.count): Hex[] {
    return this.pathAt(index, size);
  }

  /** Leaf at `index`. */
  leaf(index: number): Hex {
    this.checkIndex(index);
    return this.leafAt(index);
  }

  /** All leaves, in order. */
  leaves(): Hex[] {
    const out: Hex[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.leafAt(i));
    return out;
  }

  /** An independent copy (a snapshot: later updates to either do not affect the other). */
  clone(): FullMerkleTree {
    const copy = new FullMerkleTree([], this.zero);
    copy.nodes = this.nodes.map((level) => level.slice());
    copy.count = this.count;
    return copy;
  }
}
