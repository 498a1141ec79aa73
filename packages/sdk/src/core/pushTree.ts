// Shared engine of the chain tree (dynamic incremental) and the shared tree (full): a tree that
// grows by doubling, keeps every complete subtree's hash, and recomputes only the right-edge nodes
// (at most one per level) when asked for the root or a path at some size, past or present.
import type { Hex } from 'viem';
import { bytesToHexFast, hexToWord } from './bytes.js';
import { IndexOutOfBoundsError, InvalidInputError } from './errors.js';
import { keccak256Pair } from './keccak.js';
import { zeroHashesBytes } from './zeros.js';

/** Height of the tree holding `size` leaves: 0 for 0 or 1 leaf, else ceil(log2(size)). */
export function treeHeight(size: number): number {
  return size <= 1 ? 0 : 32 - Math.clz32(size - 1);
}

export class PushTree {
  // nodes[k]: hashes of the complete level-k subtrees, floor(size / 2^k) of them, back to back.
  // nodes[k] may start at position firstStored[k] instead of 0 once leaves before some index are forgotten.
  protected nodes: Uint8Array[] = [new Uint8Array(32 * 16)];
  protected firstStored: number[] = [];
  protected count = 0;
  /** Leaves before this index were forgotten: no path to them, no root of a smaller tree. */
  protected forgotten = 0;
  protected readonly zeros: (k: number) => Uint8Array;

  protected readonly zero: Hex;

  constructor(zero: Hex) {
    this.zero = zero.toLowerCase() as Hex;
    const cached = zeroHashesBytes(zero, 1);
    this.zeros = (k) => (k < cached.length ? cached[k] : zeroHashesBytes(zero, k + 1)[k]);
  }

  /** Number of leaves. */
  get size(): number {
    return this.count;
  }

  /**
   * Bytes of tree nodes held in memory (their buffers' capacity). Forgetting bounds it: a tree whose leaves before
   * its size are forgotten after each few pushes holds at most 16 words per level, whatever its size.
   */
  get retainedBytes(): number {
    return this.nodes.reduce((n, level) => n + level.byteLength, 0);
  }

  /** First leaf still provable: 0 unless earlier leaves were forgotten. */
  get firstKeptLeaf(): number {
    return this.forgotten;
  }

  protected setNode(k: number, position: number, value: Uint8Array): void {
    if (this.nodes.length <= k) this.nodes.push(new Uint8Array(32 * 16));
    const i = position - (this.firstStored[k] ?? 0);
    let buf = this.nodes[k];
    if (buf.length < (i + 1) * 32) {
      const grown = new Uint8Array(Math.max(buf.length * 2, (i + 1) * 32));
      grown.set(buf);
      this.nodes[k] = buf = grown;
    }
    buf.set(value, i * 32);
  }

  protected storedNode(k: number, position: number): Uint8Array {
    const i = position - (this.firstStored[k] ?? 0);
    return this.nodes[k].subarray(i * 32, i * 32 + 32);
  }

  /**
   * Drops every stored node that no root or path over leaves `index` and later can read: per level, all but the
   * left neighbour of the subtree holding `index`. Memory then stays O(log size + leaves after `index`).
   */
  protected forgetBefore(index: number): void {
    if (!Number.isInteger(index) || index < this.forgotten || index > this.count) {
      throw new IndexOutOfBoundsError(
        `Cannot forget leaves before ${index}: between ${this.forgotten} and ${this.count}.`,
      );
    }
    for (let k = 0; k < this.nodes.length; k++) {
      const first = this.firstStored[k] ?? 0;
      const keep = Math.max(first, Math.floor(index / 2 ** k) - 1);
      if (keep === first) continue;
      const stored = Math.max(0, Math.floor(this.count / 2 ** k) - keep);
      const buf = new Uint8Array(Math.max(32 * 16, stored * 2 * 32));
      buf.set(this.nodes[k].subarray((keep - first) * 32, (keep - first + stored) * 32));
      this.nodes[k] = buf;
      this.firstStored[k] = keep;
    }
    this.forgotten = index;
  }

  /**
   * The right edge of the tree: per level k, the last complete node (position floor(size / 2^k) - 1), from the
   * leaves up; floor(log2(size)) + 1 words (none for an empty tree). Enough to append and to prove every later
   * leaf (see {@link restoreFrontier}).
   */
  protected frontierBytes(): Uint8Array {
    const words: Uint8Array[] = [];
    for (let k = 0; Math.floor(this.count / 2 ** k) >= 1; k++)
      words.push(this.storedNode(k, Math.floor(this.count / 2 ** k) - 1));
    const out = new Uint8Array(words.length * 32);
    for (const [k, w] of words.entries()) out.set(w, k * 32);
    return out;
  }

  /** Makes this (empty) tree the tree of `size` leaves whose {@link frontierBytes} are `frontier`, leaves before `size` forgotten. */
  protected restoreFrontier(size: number, frontier: Uint8Array): void {
    const levels = size === 0 ? 0 : 32 - Math.clz32(size);
    if (!Number.isSafeInteger(size) || size < 0 || size > 2 ** 32 - 1 || frontier.length !== levels * 32)
      throw new InvalidInputError(`Invalid frontier: a tree of ${size} leaves has ${levels} frontier words.`, {
        details: `${frontier.length} bytes`,
      });
    this.nodes = [];
    this.firstStored = [];
    for (let k = 0; k < levels; k++) {
      const level = new Uint8Array(32 * 16);
      level.set(frontier.subarray(k * 32, k * 32 + 32));
      this.nodes.push(level);
      this.firstStored.push(Math.floor(size / 2 ** k) - 1);
    }
    if (levels === 0) this.nodes.push(new Uint8Array(32 * 16));
    this.count = size;
    this.forgotten = size;
  }

  protected pushBytes(leaf: Uint8Array): number {
    const index = this.count;
    this.setNode(0, index, leaf);
    this.count++;
    // Every node completed by this leaf: walk up while the new node is a right child.
    let i = index;
    for (let k = 0; i & 1; k++) {
      const parent = keccak256Pair(this.storedNode(k, i - 1), this.storedNode(k, i));
      i >>>= 1;
      this.setNode(k + 1, i, parent);
    }
    return index;
  }

  protected updateBytes(index: number, leaf: Uint8Array): void {
    this.setNode(0, index, leaf);
    let i = index;
    // Recompute the stored (complete) ancestors only; right-edge nodes are computed on demand.
    for (let k = 0; ((i >>> 1) + 1) * 2 ** (k + 1) <= this.count; k++) {
      const left = i & ~1;
      const parent = keccak256Pair(this.storedNode(k, left), this.storedNode(k, left + 1));
      i >>>= 1;
      this.setNode(k + 1, i, parent);
    }
  }

  /** Node (level k, position i) of the tree as it was with `size` leaves. */
  protected nodeAt(k: number, i: number, size: number): Uint8Array {
    const width = 2 ** k;
    if ((i + 1) * width <= size) return this.storedNode(k, i);
    if (i * width >= size) return this.zeros(k);
    return keccak256Pair(this.nodeAt(k - 1, 2 * i, size), this.nodeAt(k - 1, 2 * i + 1, size));
  }

  protected checkSize(size: number): void {
    if (!Number.isInteger(size) || size < this.forgotten || size > this.count) {
      throw new IndexOutOfBoundsError(
        `Tree size ${size} is not between ${this.forgotten} and the current size ${this.count}.`,
      );
    }
  }

  protected checkIndex(index: number, size: number = this.count): void {
    if (!Number.isInteger(index) || index < this.forgotten || index >= size) {
      throw new IndexOutOfBoundsError(
        index < this.forgotten && index >= 0
          ? `Leaf index ${index} was forgotten (leaves before ${this.forgotten}).`
          : `Leaf index ${index} is outside a tree of ${size} leaves.`,
      );
    }
  }

  protected rootBytesAt(size: number): Uint8Array {
    return this.nodeAt(treeHeight(size), 0, size);
  }

  /** Sibling path of leaf `index` in the tree as it was with `size` leaves. */
  protected pathAt(index: number, size: number): Hex[] {
    this.checkSize(size);
    this.checkIndex(index, size);
    const height = treeHeight(size);
    const out: Hex[] = [];
    for (let k = 0; k < height; k++) out.push(bytesToHexFast(this.nodeAt(k, Math.floor(index / 2 ** k) ^ 1, size)));
    return out;
  }

  protected leafAt(index: number): Hex {
    return bytesToHexFast(this.nodes[0], (index - (this.firstStored[0] ?? 0)) * 32, 32);
  }

  protected static parseLeaf(leaf: Hex): Uint8Array {
    return hexToWord(leaf, 'leaf');
  }
}
