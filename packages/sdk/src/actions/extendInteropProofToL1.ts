import type { Address, Client, Hex } from 'viem';
import { getLogs } from 'viem/actions';
import {
  DynamicIncrementalMerkleTree,
  decodeProof,
  encodeProof,
  FullMerkleTree,
  getBatchRootLeaf,
  getChainBatchRoot,
  getLeafChainAggregatedRoot,
} from '../core/index.js';
import { interopSettlementAbi } from './abi.js';
import { MessageNotProvableError, SettlementDataError } from './errors.js';
import { chainIdOf, retryBlockOutOfRange, withRpc } from './rpc.js';
import type { InteropMessageProof } from './types.js';

/** Parameters of {@link extendInteropProofToL1}. */
export type ExtendInteropProofToL1Parameters = {
  /** A proof that ends at a Gateway's MessageRoot (two levels), e.g. from buildInteropProofFromSettlementLayer. */
  proof: InteropMessageProof;
  /** The Gateway (the proof's settlement layer) and its InteropSettlement contract. */
  gatewayClient: Client;
  gatewaySettlement: Address;
  /** L1 and its InteropSettlement contract, where the Gateway's batches settle. */
  l1Client: Client;
  l1Settlement: Address;
  /** The interop hash, for errors. */
  interopHash: Hex;
};

type EventName = 'AddedChain' | 'AppendedChainBatchRoot' | 'NewChainRoot' | 'NewInteropRoot' | 'BatchCommitted';
type Event = { args: Record<string, unknown>; blockNumber: bigint; logIndex: number };

function events(client: Client, address: Address, eventName: EventName | 'BatchExecuted', toBlock: bigint, args = {}) {
  const event = interopSettlementAbi.find((x) => x.type === 'event' && x.name === eventName);
  return withRpc(client, () =>
    retryBlockOutOfRange(() =>
      getLogs(client, { address, event: event as never, args: args as never, fromBlock: 0n, toBlock }),
    ),
  ) as Promise<Event[]>;
}

/** A settlement layer's trees replayed from its events up to the end of `block`: one chain tree and the shared tree. */
async function replay(client: Client, address: Address, chainId: bigint, block: bigint) {
  const [appended, added, chainRoots] = await Promise.all([
    events(client, address, 'AppendedChainBatchRoot', block, { chainId }),
    events(client, address, 'AddedChain', block),
    events(client, address, 'NewChainRoot', block),
  ]);
  const chainTree = new DynamicIncrementalMerkleTree(
    appended.map((e) => getBatchRootLeaf(e.args.chainBatchRoot as Hex, e.args.batchNumber as bigint)),
  );
  const indexOf = new Map<bigint, number>();
  const leaves: Hex[] = [];
  for (const e of added) {
    const index = Number(e.args.chainIndex as bigint);
    indexOf.set(e.args.chainId as bigint, index);
    leaves[index] = getLeafChainAggregatedRoot(e.args.chainId as bigint);
  }
  for (const e of chainRoots) {
    const index = indexOf.get(e.args.chainId as bigint);
    if (index !== undefined) leaves[index] = e.args.chainIdLeafHash as Hex;
  }
  if (leaves.length !== indexOf.size || leaves.some((l) => l === undefined))
    throw new SettlementDataError('chain registrations have gaps (missing AddedChain events)');
  const chainIndex = indexOf.get(chainId);
  if (chainIndex === undefined) throw new SettlementDataError(`chain ${chainId} is not registered at ${address}`);
  const batchIndex = (batch: bigint) => appended.findIndex((e) => e.args.batchNumber === batch);
  return { chainTree, batchIndex, shared: new FullMerkleTree(leaves), chainIndex };
}

/**
 * Turns a proof that ends at a Gateway's MessageRoot into the three-level proof that ends at L1's, from settlement
 * data alone: the Gateway batch N whose blocks cover the proof's Gateway block (its LocalLogsRoot and committed
 * root from L1's events), the Gateway's trees replayed to the end of N (whose MessageRoot N committed), and L1's
 * trees replayed to the block where N executed. Every replayed root is checked against the one committed or
 * announced on-chain.
 *
 * @throws {MessageNotProvableError} (`why: 'not-executed'`) while the Gateway batch is not executed on L1.
 * @throws {SettlementDataError} when a replayed root does not match the chain's.
 */
export async function extendInteropProofToL1(p: ExtendInteropProofToL1Parameters): Promise<InteropMessageProof> {
  const [first, gatewayLevel] = decodeProof(p.proof.proof);
  if (first.final || !gatewayLevel?.final)
    throw new SettlementDataError('expected a two-level proof that ends at a Gateway’s MessageRoot');
  const gatewayChainId = first.settlementChainId;
  const gatewayBlock = first.settlementBlockNumber;
  const notYet = (details: string) =>
    new MessageNotProvableError({ interopHash: p.interopHash, why: 'not-executed', details });

  // 1. The Gateway batch that holds the block, as L1 recorded it.
  const l1Head = await withRpc(p.l1Client, () =>
    retryBlockOutOfRange(async () => BigInt(await p.l1Client.request({ method: 'eth_blockNumber' }))),
  );
  const commits = await events(p.l1Client, p.l1Settlement, 'BatchCommitted', l1Head, { chainId: gatewayChainId });
  const commit = commits.find((e) => (e.args.lastBlock as bigint) >= gatewayBlock);
  if (!commit) throw notYet(`no batch of the Gateway covers its block ${gatewayBlock} on L1 yet`);
  const gatewayBatch = commit.args.batchNumber as bigint;
  const localLogsRoot = commit.args.localLogsRoot as Hex;
  const [executed] = await events(p.l1Client, p.l1Settlement, 'BatchExecuted', l1Head, {
    chainId: gatewayChainId,
    batchNumber: gatewayBatch,
  });
  if (!executed) throw notYet(`Gateway batch ${gatewayBatch} is committed on L1, not executed`);

  // 2. The Gateway's trees at the end of that batch: their root is the batch's aggregated root.
  const onGateway = await replay(
    p.gatewayClient,
    p.gatewaySettlement,
    p.proof.chainId,
    commit.args.lastBlock as bigint,
  );
  const leafIndex = onGateway.batchIndex(p.proof.l1BatchNumber);
  if (leafIndex < 0) throw new SettlementDataError(`batch ${p.proof.l1BatchNumber} is not in the Gateway's chain tree`);
  if (getChainBatchRoot(localLogsRoot, onGateway.shared.root()) !== (commit.args.chainBatchRoot as Hex).toLowerCase())
    throw new SettlementDataError(
      `Gateway batch ${gatewayBatch}: replayed MessageRoot does not match its committed root`,
    );

  // 3. L1's trees at the block where the Gateway batch executed.
  const onL1 = await replay(p.l1Client, p.l1Settlement, gatewayChainId, executed.blockNumber);
  const gatewayLeaf = onL1.batchIndex(gatewayBatch);
  const announced = (
    await events(p.l1Client, p.l1Settlement, 'NewInteropRoot', executed.blockNumber, {
      blockNumber: executed.blockNumber,
    })
  )
    .sort((a, b) => Number((a.args.logId as bigint) - (b.args.logId as bigint)))
    .at(-1)?.args.sides as Hex[] | undefined;
  if (gatewayLeaf < 0 || announced?.[0]?.toLowerCase() !== onL1.shared.root())
    throw new SettlementDataError(`L1 block ${executed.blockNumber}: replayed MessageRoot does not match its event`);

  const sharedPath = onGateway.shared.path(onGateway.chainIndex);
  const l1ChainId = await chainIdOf(p.l1Client);
  const proof = encodeProof([
    {
      final: false,
      path: first.path,
      batchLeafIndex: BigInt(leafIndex),
      batchPath: onGateway.chainTree.path(leafIndex),
      settlementBlockNumber: gatewayBatch,
      // The MessageRoot is the right child of the Gateway's ChainBatchRoot, next to its LocalLogsRoot.
      chainIdLeafIndex: BigInt(onGateway.chainIndex) | (1n << BigInt(sharedPath.length)),
      settlementChainId: gatewayChainId,
    },
    {
      final: false,
      path: [...sharedPath, localLogsRoot],
      batchLeafIndex: BigInt(gatewayLeaf),
      batchPath: onL1.chainTree.path(gatewayLeaf),
      settlementBlockNumber: executed.blockNumber,
      chainIdLeafIndex: BigInt(onL1.chainIndex),
      settlementChainId: l1ChainId,
    },
    { final: true, path: onL1.shared.path(onL1.chainIndex) },
  ]);
  return {
    ...p.proof,
    proof,
    root: onL1.shared.root(),
    settlementLayer: { chainId: l1ChainId, blockNumber: executed.blockNumber },
  };
}
