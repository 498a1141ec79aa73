// The shared tree of the settlement layer's MessageRoot: ZKsync's FullMerkle. Same shape and growth
// as the chain tree, but leaves can be updated (a chain's ChainIdLeaf changes with each batch), and
// with no leaves its root is the empty leaf itself rather than 0x00…00.
import type { Hex } from 'viem';
import { bytesToHexFast } from './bytes.js';
import { EMPTY_MERKLE_LEAF } from './constants.js';
import { IndexOutOfBoundsError } from './errors.js';
import { PushTree } from './pushTree.js';

/**
 * Merkle tree of updatable leaves. Root and paths are available over the first `size` leaves, and
 * for any earlier state: every push and update is one version, and `at(version)` rebuilds the tree
 * as it was then (what a proof against an older settlement block needs).
 */
export class FullMerkleTree extends PushTree {
  // Undo log: for each version v (1-based) the index updated, or -1 for a push, and for updates the
  // previous leaf value at `previous[32 * v ...]`.
  private ops: number[] = [];
  private previous = new Uint8Array(0);
  // Versions before this one were dropped from the undo log (forgetHistory).
  private firstVersion = 0;

  /** @param leaves initial leaves; @param zero empty leaf (default keccak256 of 96 zero bytes). */
  constructor(leaves: readonly Hex[] = [], zero: Hex = EMPTY_MERKLE_LEAF) {
    super(zero);
    for (const leaf of leaves) this.push(leaf);
  }

  /** Number of pushes and updates so far (0 for a new tree; the constructor's leaves count too). */
  get version(): number {
    return this.firstVersion + this.ops.length;
  }

  /**
   * Drops the undo log: `at` can no longer go back before the current version. For a holder that only ever
   * proves against the current state (a node's mirror), this bounds memory by the leaves, not the updates.
   */
  forgetHistory(): void {
    this.firstVersion += this.ops.length;
    this.ops = [];
    this.previous = new Uint8Array(0);
  }

  /** Bytes held: the tree's nodes and its undo log (a number per version, a word per update). */
  override get retainedBytes(): number {
    return super.retainedBytes + this.ops.length * 8 + this.previous.byteLength;
  }

  /** Appends a leaf; returns its index. */
  push(leaf: Hex): number {
    const bytes = PushTree.parseLeaf(leaf);
    this.ops.push(-1);
    return this.pushBytes(bytes);
  }

  /** Replaces leaf `index`. */
  update(index: number, leaf: Hex): void {
    this.checkIndex(index);
    const bytes = PushTree.parseLeaf(leaf);
    const v = this.ops.length;
    if (this.previous.length < (v + 1) * 32) {
      const grown = new Uint8Array(Math.max(64, (v + 1) * 64));
      grown.set(this.previous);
      this.previous = grown;
    }
    this.previous.set(this.storedNode(0, index), v * 32);
    this.ops.push(index);
    this.updateBytes(index, bytes);
  }

  /** The tree as it was at `version` (an independent copy, without the later history). */
  at(version: number): FullMerkleTree {
    if (!Number.isInteger(version) || version < this.firstVersion || version > this.version) {
      throw new IndexOutOfBoundsError(
        `Version ${version} is not between ${this.firstVersion} and the current version ${this.version}.`,
      );
    }
    const copy = this.clone();
    for (let v = copy.ops.length - 1; v >= version - this.firstVersion; v--) {
      const index = copy.ops[v];
      // Undoing a push only shrinks the count: nodes of the smaller tree were not touched by it.
      if (index < 0) copy.count--;
      else copy.updateBytes(index, copy.previous.subarray(v * 32, v * 32 + 32));
    }
    copy.ops.length = version - this.firstVersion;
    return copy;
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
    copy.firstStored = [...this.firstStored];
    copy.forgotten = this.forgotten;
    copy.count = this.count;
    copy.ops = [...this.ops];
    copy.firstVersion = this.firstVersion;
    copy.previous = this.previous.slice(0, this.ops.length * 32);
    return copy;
  }
}
