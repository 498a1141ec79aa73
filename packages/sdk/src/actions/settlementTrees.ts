// A settlement layer's chain tree and shared tree at the end of a block range, read from the leaf paths the
// InteropSettlement contract announces with every tree write (ChainTreeLeafPath, SharedTreeLeafPath) in that range
// only: what the reads cost depends on the range, never on the history before it. Not exported from the package.
import { type Address, type Client, getAbiItem, type Hex } from 'viem';
import { getLogs } from 'viem/actions';
import { getChainIdLeaf, type LeafPath, leafPathAfterWrites } from '../core/index.js';
import { interopSettlementAbi } from './abi.js';
import { SettlementDataError } from './errors.js';
import { retryBlockOutOfRange, withRpc } from './rpc.js';

const events = {
  ChainTreeLeafPath: /* @__PURE__ */ getAbiItem({ abi: interopSettlementAbi, name: 'ChainTreeLeafPath' }),
  SharedTreeLeafPath: /* @__PURE__ */ getAbiItem({ abi: interopSettlementAbi, name: 'SharedTreeLeafPath' }),
  NewInteropRoot: /* @__PURE__ */ getAbiItem({ abi: interopSettlementAbi, name: 'NewInteropRoot' }),
};

/** One InteropSettlement contract and a block range of it. */
export type SettlementRange = { client: Client; address: Address; fromBlock: bigint; toBlock: bigint };

/** The trees as of the end of a range: the batch's path in its chain tree, the chain's path in the shared tree. */
export type SettlementTreesAtBlock = { chainTree: LeafPath; sharedTree: LeafPath };

function read<T>(range: SettlementRange, fn: () => Promise<T>): Promise<T> {
  return withRpc(range.client, () => retryBlockOutOfRange(fn));
}

/**
 * Paths of batch `batchNumber` in chain `chainId`'s tree and of the chain's leaf in the shared tree at the end of
 * `range.toBlock`. The range must start at or before the block that executed the batch (its append and the chain's
 * shared-leaf update are the first writes read); it should start no earlier, as every write in it is read. The
 * chain's shared leaf must commit to the chain root read, and the shared root is returned for the caller to check
 * against the root the layer announced.
 *
 * @throws {SettlementDataError} when the range's events do not determine the paths or do not agree.
 */
export async function readSettlementTrees(
  range: SettlementRange,
  chainId: bigint,
  batchNumber: bigint,
): Promise<SettlementTreesAtBlock> {
  const { client, address, fromBlock, toBlock } = range;
  const [appends, sharedWrites] = await Promise.all([
    read(range, () =>
      getLogs(client, {
        address,
        event: events.ChainTreeLeafPath,
        args: { chainId },
        strict: true,
        fromBlock,
        toBlock,
      }),
    ),
    read(range, () => getLogs(client, { address, event: events.SharedTreeLeafPath, strict: true, fromBlock, toBlock })),
  ]);
  const batch = appends.find((e) => e.args.batchNumber === batchNumber);
  if (!batch)
    throw new SettlementDataError(
      `batch ${batchNumber} of chain ${chainId} was not appended in blocks ${fromBlock}–${toBlock}`,
    );
  const chainTree = leafPathAfterWrites(
    appends.map((e) => e.args),
    Number(batch.args.index),
  );
  const own = sharedWrites.filter((e) => e.args.chainId === chainId).at(-1);
  const sharedTree =
    own &&
    leafPathAfterWrites(
      sharedWrites.map((e) => e.args),
      Number(own.args.index),
    );
  if (!chainTree || !sharedTree)
    throw new SettlementDataError(
      `the tree writes of blocks ${fromBlock}–${toBlock} do not determine chain ${chainId}'s paths`,
    );
  if (sharedTree.leaf !== getChainIdLeaf(chainTree.root, chainId).toLowerCase())
    throw new SettlementDataError(
      `chain ${chainId}'s shared-tree leaf at block ${toBlock} does not commit to its chain tree's root`,
      `leaf ${sharedTree.leaf}, chain root ${chainTree.root}`,
    );
  return { chainTree, sharedTree };
}

/** The MessageRoot at the end of `block`: the sides[0] of its last NewInteropRoot of the layer itself. */
export async function readAnnouncedRoot(
  range: Omit<SettlementRange, 'fromBlock' | 'toBlock'>,
  settlementChainId: bigint,
  block: bigint,
): Promise<Hex | undefined> {
  const { client, address } = range;
  const roots = await read({ ...range, fromBlock: block, toBlock: block }, () =>
    getLogs(client, {
      address,
      event: events.NewInteropRoot,
      args: { chainId: settlementChainId, blockNumber: block },
      strict: true,
      fromBlock: block,
      toBlock: block,
    }),
  );
  return roots
    .sort((a, b) => Number(a.args.logId - b.args.logId))
    .at(-1)
    ?.args.sides[0]?.toLowerCase() as Hex | undefined;
}
