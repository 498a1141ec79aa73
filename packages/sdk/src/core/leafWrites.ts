// A leaf's Merkle path at the end of a run of leaf writes, from the writes alone. The settlement contract announces
// every write of its chain trees and shared tree with the written leaf's sibling path (ChainTreeLeafPath,
// SharedTreeLeafPath); replaying a block's writes in order over a sparse map of nodes gives every node a later
// proof needs, without the tree's earlier history: a node changes only when a leaf under it is written, and that
// write recomputes it.
import type { Hex } from 'viem';
import { bytesToHexFast, hexToWord } from './bytes.js';
import { keccak256Pair } from './keccak.js';

/** One write of a tree leaf (a push or an update): its index, new value and sibling path right after it. */
export type LeafWrite = { index: bigint | number; leaf: Hex; path: readonly Hex[] };

/** A leaf, its sibling path and the root they hash to. */
export type LeafPath = { index: number; leaf: Hex; path: Hex[]; root: Hex };

/**
 * The path of leaf `index` after `writes` (in the order they happened), or undefined when the writes do not
 * determine it: the leaf must be written at least once in the run, and the run must reach to the state wanted.
 * The tree's height is the last write's path length (trees here only grow). The caller checks `root` against
 * the root the chain announced: that check is what makes the path trustworthy.
 */
export function leafPathAfterWrites(writes: readonly LeafWrite[], index: number): LeafPath | undefined {
  const nodes = new Map<string, Uint8Array>();
  const at = (level: number, i: number) => `${level}:${i}`;
  let height = 0;
  for (const write of writes) {
    let i = Number(write.index);
    let node = hexToWord(write.leaf, 'leaf');
    nodes.set(at(0, i), node);
    for (const [level, hex] of write.path.entries()) {
      const sibling = hexToWord(hex, 'sibling');
      nodes.set(at(level, i ^ 1), sibling);
      node = i & 1 ? keccak256Pair(sibling, node) : keccak256Pair(node, sibling);
      i = Math.floor(i / 2);
      nodes.set(at(level + 1, i), node);
    }
    height = write.path.length;
  }
  const leaf = nodes.get(at(0, index));
  if (!leaf) return undefined;
  const path: Hex[] = [];
  let node = leaf;
  let i = index;
  for (let level = 0; level < height; level++) {
    const sibling = nodes.get(at(level, i ^ 1));
    if (!sibling) return undefined;
    path.push(bytesToHexFast(sibling));
    node = i & 1 ? keccak256Pair(sibling, node) : keccak256Pair(node, sibling);
    i = Math.floor(i / 2);
  }
  if (i !== 0) return undefined; // the leaf lies outside the tree of the last write
  return { index, leaf: bytesToHexFast(leaf), path, root: bytesToHexFast(node) };
}
