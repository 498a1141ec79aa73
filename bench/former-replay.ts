// What the settlement-only rebuild of a known batch read and built before tree writes carried their paths, on top of
// the commit lookup: the chain tree replayed from all of the chain's AppendedChainBatchRoot events and the shared
// tree from every AddedChain and NewChainRoot, up to the head. Kept in the benches as the "before" column.
import { interopSettlementAbi } from '@interop/sdk';
import {
  DynamicIncrementalMerkleTree,
  FullMerkleTree,
  getBatchRootLeaf,
  getLeafChainAggregatedRoot,
} from '@interop/sdk/core';
import { type Address, type Client, getAbiItem, type Hex } from 'viem';
import { getLogs } from 'viem/actions';
import { percentile } from './devnet-common.js';

type Args = Record<string, bigint & Hex>;

/** The former replay's reads and tree building for `chainId`, median of `runs`, in ms. */
export async function timeFormerReplay(client: Client, address: Address, chainId: bigint, runs = 3): Promise<number> {
  const event = (name: 'AppendedChainBatchRoot' | 'AddedChain' | 'NewChainRoot') =>
    getAbiItem({ abi: interopSettlementAbi, name }) as never;
  const range = { address, fromBlock: 0n, toBlock: 'latest' as const, strict: true };
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const [appended, added, chainRoots] = (await Promise.all([
      getLogs(client, { ...range, event: event('AppendedChainBatchRoot'), args: { chainId } as never }),
      getLogs(client, { ...range, event: event('AddedChain') }),
      getLogs(client, { ...range, event: event('NewChainRoot') }),
    ])) as unknown as { args: Args }[][];
    new DynamicIncrementalMerkleTree(appended.map((e) => getBatchRootLeaf(e.args.chainBatchRoot, e.args.batchNumber)));
    const indexOf = new Map<bigint, number>();
    const leaves: Hex[] = [];
    for (const e of added) {
      indexOf.set(e.args.chainId, Number(e.args.chainIndex));
      leaves[Number(e.args.chainIndex)] = getLeafChainAggregatedRoot(e.args.chainId);
    }
    for (const e of chainRoots) leaves[indexOf.get(e.args.chainId)!] = e.args.chainIdLeafHash;
    new FullMerkleTree(leaves);
    times.push(performance.now() - t);
  }
  return percentile(times, 50);
}
