// Naive reference implementations for the tests: written for obviousness, not speed, on hex
// strings with viem's keccak256, independent of the core's byte-level code.
import { concatHex, encodePacked, type Hex, keccak256 } from 'viem';

export const H = (a: Hex, b: Hex): Hex => keccak256(concatHex([a, b]));
export const ZERO32: Hex = `0x${'00'.repeat(32)}`;
export const EMPTY96: Hex = keccak256(`0x${'00'.repeat(96)}`);
export const DEFAULT88: Hex = keccak256(`0x${'00'.repeat(88)}`);

/** Root of a perfect tree of 2^height leaves, `leaves` padded with `zero`. */
export function paddedRoot(leaves: readonly Hex[], height: number, zero: Hex): Hex {
  let level = [...leaves];
  while (level.length < 2 ** height) level.push(zero);
  for (let k = 0; k < height; k++) {
    const next: Hex[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(H(level[i], level[i + 1]));
    level = next;
  }
  return level[0];
}

/** Sibling path of leaf `index` in the padded perfect tree. */
export function paddedPath(leaves: readonly Hex[], height: number, zero: Hex, index: number): Hex[] {
  let level = [...leaves];
  while (level.length < 2 ** height) level.push(zero);
  const path: Hex[] = [];
  let i = index;
  for (let k = 0; k < height; k++) {
    path.push(level[i ^ 1]);
    const next: Hex[] = [];
    for (let j = 0; j < level.length; j += 2) next.push(H(level[j], level[j + 1]));
    level = next;
    i >>= 1;
  }
  return path;
}

export const heightFor = (size: number): number => (size <= 1 ? 0 : Math.ceil(Math.log2(size)));

/** Folds a path the way docs/protocol.md §6 describes. */
export function fold(leaf: Hex, index: bigint, path: readonly Hex[]): Hex {
  let x = leaf;
  let m = index;
  for (const w of path) {
    x = m % 2n === 0n ? H(x, w) : H(w, x);
    m >>= 1n;
  }
  return x;
}

/**
 * The settlement layer's chain tree as its contract computes it: a `sides`/`zeros` array pair that
 * grows by a level when a push finds the tree full; the root is kept as the last side.
 */
export class SidesTree {
  private zeros: Hex[];
  private sides: Hex[] = [ZERO32];
  private next = 0;
  constructor(zero: Hex = EMPTY96) {
    this.zeros = [zero];
  }
  push(leaf: Hex): Hex {
    let levels = this.zeros.length - 1;
    const index = this.next++;
    if (index === 2 ** levels) {
      this.zeros.push(H(this.zeros[levels], this.zeros[levels]));
      this.sides.push(ZERO32);
      levels++;
    }
    let cur = leaf;
    let i = index;
    let saved = false;
    for (let k = 0; k < levels; k++) {
      const isLeft = i % 2 === 0;
      if (isLeft && !saved) {
        this.sides[k] = cur;
        saved = true;
      }
      cur = isLeft ? H(cur, this.zeros[k]) : H(this.sides[k], cur);
      i = Math.floor(i / 2);
    }
    this.sides[levels] = cur;
    return cur;
  }
  root(): Hex {
    return this.sides[this.sides.length - 1];
  }
}

export const batchRootLeaf = (root: Hex, batch: bigint): Hex =>
  keccak256(
    encodePacked(
      ['bytes32', 'bytes32', 'uint256'],
      [keccak256(new TextEncoder().encode('zkSync:BatchLeaf')), root, batch],
    ),
  );
export const chainIdLeaf = (root: Hex, chainId: bigint): Hex =>
  keccak256(
    encodePacked(
      ['bytes32', 'bytes32', 'uint256'],
      [keccak256(new TextEncoder().encode('zkSync:ChainIdLeaf')), root, chainId],
    ),
  );
