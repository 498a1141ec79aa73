// Conformance against ZKsync's own tree code: `DynamicIncrementalMerkle.sol` and `Merkle.sol` from
// `@matterlabs/zksync-contracts@29.0.0`, compiled here with solc (npm) into a harness next to our Solidity
// trees, deployed on anvil. Random cases (fast-check, with shrinking) check that our TypeScript and Solidity
// chain tree and shared tree give the roots ZKsync's libraries give, and that our paths prove leaves into
// ZKsync's roots with ZKsync's `Merkle.calculateRoot`. Cases are batched: one eth_call runs a whole batch.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamicIncrementalMerkleTree, FullMerkleTree } from '@interop/sdk/core';
import fc from 'fast-check';
// @ts-expect-error solc ships no type declarations
import solc from 'solc';
import { type Abi, type Address, type Hex, maxUint256 } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestChain, type TestChain } from '../contracts/helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const nodeModules = join(here, '..', '..', 'node_modules');

/** Resolves `@scope/pkg/...` imports from node_modules (ZKsync's, OpenZeppelin's, ours). */
function findImport(path: string): { contents: string } | { error: string } {
  try {
    return { contents: readFileSync(join(nodeModules, path), 'utf8') };
  } catch (err) {
    return { error: `not found: ${path} (${(err as Error).message})` };
  }
}

function compileHarness(): { abi: Abi; bytecode: Hex } {
  const input = {
    language: 'Solidity',
    sources: { 'ZkTreeHarness.sol': { content: readFileSync(join(here, 'ZkTreeHarness.sol'), 'utf8') } },
    settings: {
      optimizer: { enabled: true, runs: 200 },
      viaIR: true,
      evmVersion: 'cancun',
      outputSelection: { 'ZkTreeHarness.sol': { ZkTreeHarness: ['abi', 'evm.bytecode.object'] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport }));
  const errors = (output.errors ?? []).filter((e: { severity: string }) => e.severity === 'error');
  if (errors.length > 0)
    throw new Error(errors.map((e: { formattedMessage: string }) => e.formattedMessage).join('\n'));
  const c = output.contracts['ZkTreeHarness.sol'].ZkTreeHarness;
  return { abi: c.abi, bytecode: `0x${c.evm.bytecode.object}` };
}

const word = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => `0x${Buffer.from(b).toString('hex')}` as Hex);
const BATCH = 40;
const RUNS = 80; // 20–40 cases a run: 1,600–3,200 cases per property

let chain: TestChain;
let harness: { abi: Abi; address: Address };

async function call<T>(functionName: string, args: unknown[]): Promise<T> {
  return (await chain.client.readContract({ ...harness, functionName, args })) as T;
}

beforeAll(async () => {
  const compiled = compileHarness();
  chain = await startTestChain(31337, ['--gas-limit', '30000000000', '--code-size-limit', '100000']);
  const hash = await chain.client.deployContract({ ...compiled, account: chain.accounts[0], chain: null });
  const receipt = await chain.client.waitForTransactionReceipt({ hash });
  harness = { abi: compiled.abi, address: receipt.contractAddress! };
});

afterAll(async () => {
  await chain?.stop();
});

/** Our paths checked with ZKsync's Merkle.calculateRoot (it refuses empty paths, so trees of one leaf skip). */
async function expectPathsProve(trees: { leaves: Hex[]; tree: { path(i: number): Hex[] }; root: Hex }[], pick: number) {
  const paths: Hex[][] = [];
  const indexes: bigint[] = [];
  const leaves: Hex[] = [];
  const expected: Hex[] = [];
  for (const t of trees) {
    if (t.leaves.length < 2) continue;
    const i = pick % t.leaves.length;
    paths.push(t.tree.path(i));
    indexes.push(BigInt(i));
    leaves.push(t.leaves[i]);
    expected.push(t.root);
  }
  if (leaves.length === 0) return;
  expect(await call<Hex[]>('calculateRoots', [paths, indexes, leaves])).toEqual(expected);
}

describe("ZKsync's DynamicIncrementalMerkle vs our chain tree", () => {
  it('same root after every push (TypeScript and Solidity); our paths prove into ZKsync roots', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(word, { minLength: 1, maxLength: 70 }), { minLength: BATCH / 2, maxLength: BATCH }),
        fc.nat(),
        async (cases, pick) => {
          const [zk, ours] = await call<[Hex[][], Hex[][]]>('chainTreeRoots', [cases]);
          const trees = cases.map((leaves) => {
            const tree = new DynamicIncrementalMerkleTree();
            const roots = leaves.map((leaf) => {
              tree.push(leaf);
              return tree.root();
            });
            return { leaves, tree, roots, root: roots[roots.length - 1] };
          });
          expect(ours).toEqual(zk);
          expect(trees.map((t) => t.roots)).toEqual(zk);
          await expectPathsProve(trees, pick);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

// A shared-tree case: pushes and updates of leaves, as chains join and their ChainIdLeafs change.
const sharedOps = fc.array(fc.tuple(fc.boolean(), fc.nat(), word), { minLength: 1, maxLength: 60 }).map((raw) => {
  const ops: { index: number | null; leaf: Hex }[] = [];
  let size = 0;
  for (const [push, n, leaf] of raw) {
    if (push || size === 0) {
      ops.push({ index: null, leaf });
      size++;
    } else ops.push({ index: n % size, leaf });
  }
  return ops;
});

describe("ZKsync's tree vs our shared tree (FullMerkle)", () => {
  it('after pushes and updates, the root of the current leaves equals ZKsync’s; paths prove into it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(sharedOps, { minLength: BATCH / 2, maxLength: BATCH }),
        fc.nat(),
        async (cases, pick) => {
          const trees = cases.map((ops) => {
            const tree = new FullMerkleTree();
            for (const op of ops) {
              if (op.index === null) tree.push(op.leaf);
              else tree.update(op.index, op.leaf);
            }
            return { leaves: tree.leaves(), tree, root: tree.root() };
          });
          const [zk, ours] = await call<[Hex[], Hex[]]>('sharedTreeRoots', [
            cases.map((ops) => ops.map((op) => (op.index === null ? maxUint256 : BigInt(op.index)))),
            cases.map((ops) => ops.map((op) => op.leaf)),
            trees.map((t) => t.leaves),
          ]);
          expect(ours).toEqual(zk);
          expect(trees.map((t) => t.root)).toEqual(zk);
          await expectPathsProve(trees, pick);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
