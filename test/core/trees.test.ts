import {
  buildLogTree,
  buildLogTreeFromLeafBytes,
  buildLogTreeFromPackedLogs,
  bytesToHexFast,
  computeLogTreeRoot,
  computeLogTreeRootFromPackedLogs,
  DynamicIncrementalMerkleTree,
  FullMerkleTree,
  getMerkleZeroHashes,
  hashL2ToL1Log,
  IndexOutOfBoundsError,
  InvalidInputError,
  type L2ToL1Log,
  type LeafWrite,
  leafPathAfterWrites,
  MAX_LOGS_PER_BATCH,
  packL2ToL1Log,
  TooManyLogsError,
  treeHeight,
} from '@interop/sdk/core';
import fc from 'fast-check';
import type { Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { DEFAULT88, EMPTY96, fold, H, heightFor, paddedPath, paddedRoot, SidesTree, ZERO32 } from './reference.js';

// Reference log root for up to 1,024 leaves: the padded 2^10 subtree, then the empty right halves
// of the levels above it (the full 2^14 padding is checked separately, once).
const zeroRef: Hex[] = [DEFAULT88];
for (let k = 1; k < 14; k++) zeroRef.push(H(zeroRef[k - 1], zeroRef[k - 1]));
const logRootRef = (leaves: readonly Hex[]): Hex => fold(paddedRoot(leaves, 10, DEFAULT88), 0n, zeroRef.slice(10));
const logPathRef = (leaves: readonly Hex[], i: number): Hex[] => [
  ...paddedPath(leaves, 10, DEFAULT88, i),
  ...zeroRef.slice(10),
];

const word = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => `0x${Buffer.from(b).toString('hex')}` as Hex);
const leavesArb = (max: number) => fc.array(word, { minLength: 0, maxLength: max });

describe('zero hashes', () => {
  it('each level is the previous one hashed with itself, from the 96-zero-byte leaf', () => {
    const zeros = getMerkleZeroHashes(6);
    expect(zeros[0]).toBe(EMPTY96);
    for (let k = 1; k < 6; k++) expect(zeros[k]).toBe(H(zeros[k - 1], zeros[k - 1]));
  });

  it('treeHeight is ceil(log2(size)), 0 for 0 and 1', () => {
    for (let s = 0; s < 300; s++) expect(treeHeight(s)).toBe(heightFor(s));
  });
});

describe('batch log tree', () => {
  it('empty batch: the root of 16,384 default leaves', () => {
    const tree = buildLogTree([]);
    expect(tree.root).toBe(paddedRoot([], 14, DEFAULT88));
    expect(tree.leafCount).toBe(0);
    expect(() => tree.path(0)).toThrow(IndexOutOfBoundsError);
  });

  it('matches the padded reference on random sizes, every path folds to the root', () => {
    fc.assert(
      fc.property(leavesArb(40), (leaves) => {
        const tree = buildLogTree(leaves);
        expect(tree.root).toBe(logRootRef(leaves));
        leaves.forEach((leaf, i) => {
          const path = tree.path(i);
          expect(path).toHaveLength(14);
          expect(fold(leaf, BigInt(i), path)).toBe(tree.root);
        });
      }),
      { numRuns: 15 },
    );
  });

  it('paths match the padded reference (sample indices, larger sizes)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 700 }), fc.nat(), (n, seed) => {
        const leaves = Array.from({ length: n }, (_, i) => H(ZERO32, `0x${(i + seed).toString(16).padStart(64, '0')}`));
        const tree = buildLogTree(leaves);
        const index = seed % n;
        expect(tree.path(index)).toEqual(logPathRef(leaves, index));
      }),
      { numRuns: 10 },
    );
  });

  it('the shortcut reference agrees with full 2^14 padding', () => {
    const leaves = [EMPTY96, ZERO32, H(EMPTY96, ZERO32)];
    expect(logRootRef(leaves)).toBe(paddedRoot(leaves, 14, DEFAULT88));
    expect(buildLogTree(leaves).path(2)).toEqual(paddedPath(leaves, 14, DEFAULT88, 2));
  });

  it('a full batch of 16,384 logs builds; one more is a TooManyLogsError', () => {
    const leaves = new Uint8Array(MAX_LOGS_PER_BATCH * 32);
    for (let i = 0; i < leaves.length; i++) leaves[i] = (i * 7) & 255;
    const tree = buildLogTreeFromLeafBytes(leaves);
    expect(tree.leafCount).toBe(MAX_LOGS_PER_BATCH);
    const last = `0x${Buffer.from(leaves.subarray(-32)).toString('hex')}` as Hex;
    expect(fold(last, BigInt(MAX_LOGS_PER_BATCH - 1), tree.path(MAX_LOGS_PER_BATCH - 1))).toBe(tree.root);
    expect(() => buildLogTreeFromLeafBytes(new Uint8Array((MAX_LOGS_PER_BATCH + 1) * 32))).toThrow(TooManyLogsError);
    expect(() => buildLogTree(Array(MAX_LOGS_PER_BATCH + 1).fill(ZERO32))).toThrow(TooManyLogsError);
    expect(() => buildLogTreeFromPackedLogs(new Uint8Array((MAX_LOGS_PER_BATCH + 1) * 88))).toThrow(TooManyLogsError);
  });

  it('from packed logs equals from their leaf hashes', () => {
    const logs: L2ToL1Log[] = Array.from({ length: 5 }, (_, i) => ({
      l2ShardId: 0,
      isService: true,
      txNumberInBatch: i,
      sender: '0x0000000000000000000000000000000000008008',
      key: `0x${'11'.repeat(31)}${i.toString(16).padStart(2, '0')}`,
      value: `0x${'ab'.repeat(32)}`,
    }));
    const packed = new Uint8Array(logs.length * 88);
    logs.forEach((l, i) => packed.set(packL2ToL1Log(l), i * 88));
    expect(buildLogTreeFromPackedLogs(packed).root).toBe(buildLogTree(logs.map(hashL2ToL1Log)).root);
    expect(computeLogTreeRootFromPackedLogs(packed)).toBe(buildLogTree(logs.map(hashL2ToL1Log)).root);
  });

  it('pathInto writes the words of path() back to back, and refuses an index outside the batch', () => {
    const leaves = new Uint8Array(7 * 32);
    for (let i = 0; i < leaves.length; i++) leaves[i] = (i * 31) & 255;
    const tree = buildLogTreeFromLeafBytes(leaves);
    const out = new Uint8Array(7 * 448 + 5);
    for (let i = 0; i < 7; i++) tree.pathInto(i, out, 5 + i * 448);
    for (let i = 0; i < 7; i++)
      expect(bytesToHexFast(out, 5 + i * 448, 448)).toBe(
        `0x${tree
          .path(i)
          .map((w) => w.slice(2))
          .join('')}`,
      );
    expect(() => tree.pathInto(7, out)).toThrow(IndexOutOfBoundsError);
  });

  it('root-only computation agrees with the built tree at every size, including a reused larger scratch', () => {
    for (const n of [MAX_LOGS_PER_BATCH, 0, 1, 2, 3, 5, 8, 33, 1000, 4097]) {
      const leaves = new Uint8Array(n * 32);
      for (let i = 0; i < leaves.length; i++) leaves[i] = (i * 13 + n) & 255;
      expect(computeLogTreeRoot(leaves), `size ${n}`).toBe(buildLogTreeFromLeafBytes(leaves).root);
    }
    expect(computeLogTreeRoot(new Uint8Array(0))).toBe(paddedRoot([], 14, DEFAULT88));
    expect(() => computeLogTreeRoot(new Uint8Array((MAX_LOGS_PER_BATCH + 1) * 32))).toThrow(TooManyLogsError);
    expect(() => computeLogTreeRootFromPackedLogs(new Uint8Array((MAX_LOGS_PER_BATCH + 1) * 88))).toThrow(
      TooManyLogsError,
    );
  });

  it('refuses malformed leaves and packed data', () => {
    expect(() => buildLogTree(['0x1234' as Hex])).toThrow(InvalidInputError);
    expect(() => buildLogTreeFromPackedLogs(new Uint8Array(87))).toThrow(InvalidInputError);
  });
});

describe('DynamicIncrementalMerkleTree', () => {
  it('root: 0x00…00 empty, the leaf at size 1, H(l0‖l1) at 2, padded at 3', () => {
    const [a, b, c] = [H(ZERO32, ZERO32), H(EMPTY96, ZERO32), H(ZERO32, EMPTY96)];
    const tree = new DynamicIncrementalMerkleTree();
    expect(tree.root()).toBe(ZERO32);
    tree.push(a);
    expect(tree.root()).toBe(a);
    expect(tree.path(0)).toEqual([]);
    tree.push(b);
    expect(tree.root()).toBe(H(a, b));
    expect(tree.push(c)).toBe(2);
    expect(tree.root()).toBe(H(H(a, b), H(c, EMPTY96)));
    expect(tree.size).toBe(3);
  });

  it('matches the contract algorithm (sides/zeros) after every push', () => {
    fc.assert(
      fc.property(leavesArb(70), (leaves) => {
        const tree = new DynamicIncrementalMerkleTree();
        const reference = new SidesTree();
        for (const leaf of leaves) {
          tree.push(leaf);
          expect(tree.root()).toBe(reference.push(leaf));
        }
      }),
      { numRuns: 20 },
    );
  });

  it('root and every path at every past size match the padded reference', () => {
    fc.assert(
      fc.property(leavesArb(40), (leaves) => {
        const tree = new DynamicIncrementalMerkleTree(leaves);
        for (let size = 0; size <= leaves.length; size++) {
          const prefix = leaves.slice(0, size);
          const root = size === 0 ? ZERO32 : paddedRoot(prefix, heightFor(size), EMPTY96);
          expect(tree.root(size)).toBe(root);
          for (let i = 0; i < size; i++) {
            const path = tree.path(i, size);
            expect(path).toEqual(paddedPath(prefix, heightFor(size), EMPTY96, i));
            expect(fold(leaves[i], BigInt(i), path)).toBe(root);
          }
        }
      }),
      { numRuns: 12 },
    );
  });

  it('refuses indices and sizes outside the tree, and malformed leaves', () => {
    const tree = new DynamicIncrementalMerkleTree([EMPTY96, DEFAULT88]);
    expect(() => tree.root(3)).toThrow(IndexOutOfBoundsError);
    expect(() => tree.path(2)).toThrow(IndexOutOfBoundsError);
    expect(() => tree.path(1, 1)).toThrow(IndexOutOfBoundsError);
    expect(() => tree.path(-1)).toThrow(IndexOutOfBoundsError);
    expect(() => tree.push('0x12' as Hex)).toThrow(InvalidInputError);
    expect(tree.leaf(1)).toBe(DEFAULT88);
  });
  it('forgetLeavesBefore keeps every root and path from the frontier on, through later pushes, and refuses older ones', () => {
    fc.assert(
      fc.property(leavesArb(70), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (leaves, cuts) => {
        const full = new DynamicIncrementalMerkleTree();
        const pruned = new DynamicIncrementalMerkleTree();
        let forgotten = 0;
        let c = 0;
        for (const leaf of leaves) {
          full.push(leaf);
          pruned.push(leaf);
          const cut = forgotten + ((cuts[c++ % cuts.length] ?? 0) % (pruned.size - forgotten + 1));
          pruned.forgetLeavesBefore(cut);
          forgotten = cut;
          expect(pruned.firstKeptLeaf).toBe(forgotten);
          for (let size = Math.max(forgotten, 1); size <= pruned.size; size++) {
            expect(pruned.root(size)).toBe(full.root(size));
            for (let i = forgotten; i < size; i++) expect(pruned.path(i, size)).toEqual(full.path(i, size));
          }
        }
        if (forgotten > 0) {
          expect(() => pruned.path(forgotten - 1)).toThrow(/forgotten/);
          expect(() => pruned.root(forgotten - 1)).toThrow(IndexOutOfBoundsError);
          expect(() => pruned.leaf(forgotten - 1)).toThrow(IndexOutOfBoundsError);
        }
        expect(() => pruned.forgetLeavesBefore(pruned.size + 1)).toThrow(IndexOutOfBoundsError);
      }),
      { numRuns: 25 },
    );
  });

  it('fromFrontier(size, frontier()) continues the tree: same roots and later paths as the original', () => {
    fc.assert(
      fc.property(leavesArb(70), leavesArb(20), fc.boolean(), (before, after, forget) => {
        const original = new DynamicIncrementalMerkleTree(before);
        if (forget) original.forgetLeavesBefore(original.size);
        const frontier = original.frontier();
        expect(frontier.length).toBe(before.length === 0 ? 0 : 32 * (Math.floor(Math.log2(before.length)) + 1));
        const restored = DynamicIncrementalMerkleTree.fromFrontier(before.length, frontier);
        expect(restored.size).toBe(before.length);
        expect(restored.firstKeptLeaf).toBe(before.length);
        for (const leaf of after) expect(restored.push(leaf)).toBe(original.push(leaf));
        for (let size = Math.max(before.length, 1); size <= original.size; size++) {
          expect(restored.root(size)).toBe(original.root(size));
          for (let i = before.length; i < size; i++) expect(restored.path(i, size)).toEqual(original.path(i, size));
        }
        expect(restored.frontier()).toEqual(original.frontier());
      }),
      { numRuns: 40 },
    );
    expect(() => DynamicIncrementalMerkleTree.fromFrontier(5, new Uint8Array(64))).toThrow(InvalidInputError);
  });

  it('forgetting up to the size keeps memory logarithmic in the leaves', () => {
    const tree = new DynamicIncrementalMerkleTree();
    const reference = new SidesTree();
    for (let i = 0; i < 1500; i++) {
      const leaf = H(`0x${i.toString(16).padStart(64, '0')}` as Hex, ZERO32);
      tree.push(leaf);
      tree.forgetLeavesBefore(tree.size);
      expect(tree.root()).toBe(reference.push(leaf));
    }
    // At most 16 words per level (11 levels), where keeping every node would take 2 × 1,500 words.
    expect(tree.retainedBytes).toBeLessThanOrEqual(32 * 16 * (Math.floor(Math.log2(1500)) + 1));
  });
});

describe('FullMerkleTree', () => {
  it('root is the empty leaf with no leaves, the leaf itself with one', () => {
    const tree = new FullMerkleTree();
    expect(tree.root()).toBe(EMPTY96);
    tree.push(DEFAULT88);
    expect(tree.root()).toBe(DEFAULT88);
    expect(tree.path(0)).toEqual([]);
  });

  it('after random pushes and updates: roots and paths at every size match the reference', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), leaf: word }),
      fc.record({ kind: fc.constant('update' as const), leaf: word, at: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const tree = new FullMerkleTree();
        const leaves: Hex[] = [];
        for (const o of ops) {
          if (o.kind === 'push') {
            expect(tree.push(o.leaf)).toBe(leaves.length);
            leaves.push(o.leaf);
          } else if (leaves.length > 0) {
            const at = o.at % leaves.length;
            tree.update(at, o.leaf);
            leaves[at] = o.leaf;
          }
          expect(tree.root()).toBe(
            leaves.length === 0 ? EMPTY96 : paddedRoot(leaves, heightFor(leaves.length), EMPTY96),
          );
        }
        expect(tree.leaves()).toEqual(leaves);
        for (let size = 1; size <= leaves.length; size++) {
          const prefix = leaves.slice(0, size);
          expect(tree.root(size)).toBe(paddedRoot(prefix, heightFor(size), EMPTY96));
          for (let i = 0; i < size; i += 3)
            expect(tree.path(i, size)).toEqual(paddedPath(prefix, heightFor(size), EMPTY96, i));
        }
      }),
      { numRuns: 20 },
    );
  });

  it('at(version) is the tree as it was after that many pushes and updates', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), leaf: word }),
      fc.record({ kind: fc.constant('update' as const), leaf: word, at: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), fc.nat(), (ops, pick) => {
        const tree = new FullMerkleTree();
        const states: Hex[][] = [[]];
        const leaves: Hex[] = [];
        for (const o of ops) {
          if (o.kind === 'push') {
            tree.push(o.leaf);
            leaves.push(o.leaf);
          } else if (leaves.length > 0) {
            tree.update(o.at % leaves.length, o.leaf);
            leaves[o.at % leaves.length] = o.leaf;
          } else continue;
          states.push([...leaves]);
        }
        expect(tree.version).toBe(states.length - 1);
        const v = pick % states.length;
        const past = tree.at(v);
        const then = states[v];
        expect(past.leaves()).toEqual(then);
        expect(past.version).toBe(v);
        expect(past.root()).toBe(then.length === 0 ? EMPTY96 : paddedRoot(then, heightFor(then.length), EMPTY96));
        for (let i = 0; i < then.length; i++)
          expect(past.path(i)).toEqual(paddedPath(then, heightFor(then.length), EMPTY96, i));
        // The past copy is independent and keeps working: push onto it, the original is unchanged.
        const current = tree.root();
        past.push(EMPTY96);
        expect(tree.root()).toBe(current);
        expect(() => tree.at(tree.version + 1)).toThrow(IndexOutOfBoundsError);
      }),
      { numRuns: 40 },
    );
  });

  it('forgetHistory drops the undo log: versions before it are refused, later ones still work', () => {
    const tree = new FullMerkleTree([EMPTY96, DEFAULT88]);
    tree.update(0, DEFAULT88);
    tree.forgetHistory();
    expect(tree.version).toBe(3);
    expect(() => tree.at(2)).toThrow(IndexOutOfBoundsError);
    const before = tree.root();
    tree.update(1, EMPTY96);
    expect(tree.at(3).root()).toBe(before);
    expect(tree.at(4).root()).toBe(tree.root());
  });

  it('forgetHistory after each update keeps its memory constant however many updates it takes', () => {
    // A node's shared tree: one leaf per chain, updated with each batch of the chain, the undo log dropped each block.
    const tree = new FullMerkleTree([EMPTY96, DEFAULT88, ZERO32, EMPTY96]);
    const leaf = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as Hex;
    const retained: number[] = [];
    for (let n = 1; n <= 20_000; n++) {
      tree.update(n % 4, leaf(n));
      if (n % 4 === 0) tree.forgetHistory();
      if (n % 5_000 === 0) retained.push(tree.retainedBytes);
    }
    expect(tree.version).toBe(20_004);
    expect(new Set(retained).size).toBe(1);
    // Without forgetting, the undo log grows by a word per update.
    const kept = new FullMerkleTree([EMPTY96, DEFAULT88, ZERO32, EMPTY96]);
    for (let n = 1; n <= 1_000; n++) kept.update(n % 4, leaf(n));
    expect(kept.retainedBytes).toBeGreaterThan(retained[0] + 32 * 1_000);
  });

  it('clone is a snapshot', () => {
    const tree = new FullMerkleTree([EMPTY96, DEFAULT88, ZERO32]);
    const snap = tree.clone();
    const before = tree.root();
    tree.update(1, H(ZERO32, ZERO32));
    tree.push(EMPTY96);
    expect(snap.root()).toBe(before);
    expect(snap.size).toBe(3);
    expect(tree.root()).not.toBe(before);
  });

  it('refuses updates outside the tree', () => {
    const tree = new FullMerkleTree([EMPTY96]);
    expect(() => tree.update(1, EMPTY96)).toThrow(IndexOutOfBoundsError);
    expect(() => tree.update(-1, EMPTY96)).toThrow(IndexOutOfBoundsError);
    expect(() => tree.update(0.5, EMPTY96)).toThrow(IndexOutOfBoundsError);
  });
});

describe('leafPathAfterWrites', () => {
  // A random run of pushes and updates on a FullMerkleTree, each announced as the contract does (leaf, index,
  // path right after the write). From any suffix of the run that starts at or before the wanted leaf's last write,
  // the leaf's path and root are the tree's at the end. A shorter suffix may still determine them (a neighbour's
  // write carries the leaf as a sibling); whatever it gives is then the same.
  const leafArb = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => bytesToHexFast(b));
  const opArb = fc.record({ push: fc.boolean(), pick: fc.nat(), leaf: leafArb });
  it('gives the path at the end of the run from any suffix holding the leaf’s last write', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), fc.nat(), fc.nat(), (ops, wantPick, cut) => {
        const tree = new FullMerkleTree();
        const writes: LeafWrite[] = [];
        for (const op of ops) {
          let index: number;
          if (op.push || tree.size === 0) index = tree.push(op.leaf);
          else {
            index = op.pick % tree.size;
            tree.update(index, op.leaf);
          }
          writes.push({ index, leaf: op.leaf, path: tree.path(index) });
        }
        const wanted = wantPick % tree.size;
        const lastWrite = writes.map((w) => w.index).lastIndexOf(wanted);
        const from = cut % writes.length;
        const got = leafPathAfterWrites(writes.slice(from), wanted);
        if (from > lastWrite && got === undefined) return;
        expect(got).toEqual({
          index: wanted,
          leaf: tree.leaf(wanted).toLowerCase(),
          path: tree.path(wanted).map((h) => h.toLowerCase()),
          root: tree.root().toLowerCase(),
        });
      }),
      { numRuns: 300 },
    );
  });
});
