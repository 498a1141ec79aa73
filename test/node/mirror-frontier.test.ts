// The settlement mirror restarts from the chain trees' stored frontiers (not from every leaf since genesis) and
// reaches the same trees: same roots, same paths of the batches appended after the restart. A store written
// before frontiers were kept (no frontier rows) still loads, from its leaves. What the mirror and a Gateway's L1
// proof builder keep in memory grows with log2(batches), not with batches.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getChainIdLeaf } from '@interop/sdk/core';
import { type Hex, keccak256, toHex } from 'viem';
import { afterAll, describe, expect, it } from 'vitest';
import { SettlementHistory } from '../../packages/node/src/settlement/history.js';
import { SettlementMirror } from '../../packages/node/src/settlement/mirror.js';
import { type SettlementBlockUpdate, Store } from '../../packages/node/src/store/store.js';

const SL = 9;
const CHAINS = [271, 272];
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Moves `mirror` through `blocks` settlement blocks, each executing one batch of every chain, and stores them. */
function applyBlocks(store: Store, mirror: SettlementMirror, first: number, blocks: number, withFrontiers = true) {
  const paths: Hex[][] = [];
  for (let block = first; block < first + blocks; block++) {
    const u: SettlementBlockUpdate = {
      block,
      timestamp: block,
      root: null,
      committed: [],
      executed: [],
      chainLeaves: [],
      sharedLeaves: [],
    };
    if (block === 1) for (const [i, c] of CHAINS.entries()) u.sharedLeaves.push(mirror.addChain(c, i));
    for (const chainId of CHAINS) {
      const batch = mirror.chainTree(chainId).size + 1;
      const { idx, leaf } = mirror.appendBatch(chainId, batch, keccak256(toHex(`${chainId}/${batch}`)));
      u.chainLeaves.push({ chainId, idx, leaf, batch });
      u.sharedLeaves.push(
        mirror.setChainLeaf(chainId, getChainIdLeaf(mirror.chainTree(chainId).root(), BigInt(chainId))),
      );
    }
    u.root = mirror.root();
    // The paths of this block's batches (what the watcher builds gateway tails from, before forgetting).
    paths.push(...u.chainLeaves.map((l) => mirror.chainTree(l.chainId).path(l.idx)));
    mirror.forgetHistory();
    store.applySettlementBlocks(SL, [u], block, [], withFrontiers ? mirror.frontiers(CHAINS) : []);
  }
  return paths;
}

function expectSameTrees(a: SettlementMirror, b: SettlementMirror) {
  expect(b.root()).toBe(a.root());
  for (const c of CHAINS) {
    expect(b.chainTree(c).size).toBe(a.chainTree(c).size);
    expect(b.chainTree(c).root()).toBe(a.chainTree(c).root());
  }
}

describe('settlement mirror start-up', () => {
  it.each([true, false])('loads the trees the watcher left (frontiers stored: %s)', (withFrontiers) => {
    const dir = mkdtempSync(join(tmpdir(), 'interop-mirror-'));
    dirs.push(dir);
    const store = new Store(dir);
    const live = new SettlementMirror();
    applyBlocks(store, live, 1, 37, withFrontiers);
    const loaded = SettlementMirror.load(store, SL);
    expectSameTrees(live, loaded);
    if (withFrontiers) expect(loaded.chainTree(271).firstKeptLeaf).toBe(37);
    // Both move on alike: same roots, same paths of the new batches.
    const scratch = mkdtempSync(join(tmpdir(), 'interop-mirror-'));
    dirs.push(scratch);
    const livePaths = applyBlocks(store, live, 38, 5, withFrontiers);
    expect(applyBlocks(new Store(scratch), loaded, 38, 5)).toEqual(livePaths);
    expectSameTrees(live, loaded);
    // And a second start from the store reaches them too.
    expectSameTrees(live, SettlementMirror.load(store, SL));
    store.close();
  });

  it('refuses a store whose leaves skip an index after the frontier', () => {
    const dir = mkdtempSync(join(tmpdir(), 'interop-mirror-'));
    dirs.push(dir);
    const store = new Store(dir);
    applyBlocks(store, new SettlementMirror(), 1, 4);
    store.db.prepare('DELETE FROM chain_tree_frontiers WHERE chain_id = 272').run();
    store.db.prepare('DELETE FROM chain_tree_leaves WHERE chain_id = 272 AND idx = 1').run();
    expect(() => SettlementMirror.load(store, SL)).toThrow(/leaf 2 stored, expected 1/);
    store.close();
  });
});

describe('settlement trees in memory', () => {
  it('hold at most 16 words per chain-tree level and a shared tree without undo log, however many batches', () => {
    const dir = mkdtempSync(join(tmpdir(), 'interop-mirror-'));
    dirs.push(dir);
    const store = new Store(dir);
    const mirror = new SettlementMirror();
    const history = new SettlementHistory(store, SL);
    /** Bytes a mirror of `batchesPerChain` batches per chain may hold: 16 words per level of each chain tree. */
    const bound = (batchesPerChain: number) => CHAINS.length * 32 * 16 * (Math.floor(Math.log2(batchesPerChain)) + 1);
    const sharedBytes: number[] = [];
    for (let block = 1; block <= 2048; block++) {
      applyBlocks(store, mirror, block, 1);
      history.advanceTo(block);
      if (block === 64 || block === 2048) {
        for (const c of CHAINS) expect(mirror.chainTree(c).size).toBe(block);
        expect(mirror.retainedBytes() - mirror.shared.retainedBytes).toBeLessThanOrEqual(bound(block));
        expect(history.retainedBytes()).toBeLessThanOrEqual(bound(block) + mirror.shared.retainedBytes);
        expect(SettlementMirror.load(store, SL).retainedBytes()).toBeLessThanOrEqual(
          bound(block) + mirror.shared.retainedBytes,
        );
        sharedBytes.push(mirror.shared.retainedBytes);
      }
    }
    // 4,096 batches in all: the bound is 12 levels of 16 words per chain, where every node would be 2 × 4,096 words.
    expect(bound(2048)).toBeLessThan(CHAINS.length * 32 * 2 * 2048);
    // The shared tree (one leaf per chain) took 4,096 updates and holds what it held after 128.
    expect(sharedBytes[1]).toBe(sharedBytes[0]);
    store.close();
  });
});
