import type { Address, Client, Hex } from 'viem';
import { readContract } from 'viem/actions';
import { decodeProof, encodeProof, getChainBatchRoot } from '../core/index.js';
import { interopSettlementAbi } from './abi.js';
import { MessageNotProvableError, SettlementDataError } from './errors.js';
import { batchEvents, findBatchEvent } from './findBatchEvent.js';
import { chainIdOf, retryBlockOutOfRange, withRpc } from './rpc.js';
import { readAnnouncedRoot, readSettlementTrees } from './settlementTrees.js';
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

/**
 * The first Gateway batch committed on L1 whose blocks reach `gatewayBlock`: a binary search over the batch
 * numbers (their last blocks grow), one commit lookup ({@link findBatchEvent}) per step in the L1 blocks the
 * earlier steps left, so log2(batches) lookups of bounded windows.
 */
async function findGatewayBatchCommit(
  p: ExtendInteropProofToL1Parameters,
  gatewayChainId: bigint,
  gatewayBlock: bigint,
  l1Head: bigint,
) {
  const committed = await withRpc(p.l1Client, () =>
    readContract(p.l1Client, {
      address: p.l1Settlement,
      abi: interopSettlementAbi,
      functionName: 'totalBatchesCommitted',
      args: [gatewayChainId],
      blockNumber: l1Head,
    }),
  );
  // Commits come in batch order, so each probe also bounds the blocks where the next one can be.
  let fromBlock = 0n;
  let toBlock = l1Head;
  const commitOf = async (batch: bigint) => {
    const commit = await findBatchEvent(
      { client: p.l1Client, address: p.l1Settlement, fromBlock, toBlock },
      batchEvents.BatchCommitted,
      gatewayChainId,
      batch,
    );
    if (!commit)
      throw new SettlementDataError(
        `Gateway batch ${batch} is counted as committed on L1 but has no BatchCommitted event`,
      );
    return commit;
  };
  if (committed === 0n) return undefined;
  let last = await commitOf(committed);
  if (last.args.lastBlock < gatewayBlock) return undefined;
  let low = 1n;
  let high = committed;
  while (low < high) {
    const mid = (low + high) / 2n;
    const commit = await commitOf(mid);
    if (commit.args.lastBlock >= gatewayBlock) {
      high = mid;
      last = commit;
      toBlock = commit.blockNumber;
    } else {
      low = mid + 1n;
      fromBlock = commit.blockNumber;
    }
  }
  return last;
}

/**
 * Turns a proof that ends at a Gateway's MessageRoot into the three-level proof that ends at L1's, from settlement
 * data alone: the Gateway batch N whose blocks cover the proof's Gateway block (found by a binary search over its
 * commits on L1, log2(batches) lookups), the Gateway's trees at the end of N from the tree writes between
 * the proof's block and N's last block (whose MessageRoot N committed), and L1's trees at the end of the block
 * where N executed from that block's writes. Every rebuilt root is checked against the one committed or announced
 * on-chain; nothing read grows with either layer's history.
 *
 * @throws {MessageNotProvableError} (`why: 'not-executed'`) while the Gateway batch is not executed on L1.
 * @throws {SettlementDataError} when a rebuilt root does not match the chain's.
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
  const commit = await findGatewayBatchCommit(p, gatewayChainId, gatewayBlock, l1Head);
  if (!commit) throw notYet(`no batch of the Gateway covers its block ${gatewayBlock} on L1 yet`);
  const { batchNumber: gatewayBatch, localLogsRoot, lastBlock } = commit.args;
  const executed = await findBatchEvent(
    { client: p.l1Client, address: p.l1Settlement, fromBlock: commit.blockNumber, toBlock: l1Head },
    batchEvents.BatchExecuted,
    gatewayChainId,
    gatewayBatch,
  );
  if (!executed) throw notYet(`Gateway batch ${gatewayBatch} is committed on L1, not executed`);

  // 2. The Gateway's trees at the end of that batch, from the writes of the blocks from the message's batch
  // execution to the batch's last block: their root is the batch's aggregated root.
  const onGateway = await readSettlementTrees(
    { client: p.gatewayClient, address: p.gatewaySettlement, fromBlock: gatewayBlock, toBlock: lastBlock },
    p.proof.chainId,
    p.proof.l1BatchNumber,
  );
  if (getChainBatchRoot(localLogsRoot, onGateway.sharedTree.root) !== commit.args.chainBatchRoot.toLowerCase())
    throw new SettlementDataError(
      `Gateway batch ${gatewayBatch}: MessageRoot rebuilt from its tree writes does not match its committed root`,
    );

  // 3. L1's trees at the end of the block where the Gateway batch executed, from that block's writes.
  const l1ChainId = await chainIdOf(p.l1Client);
  const l1Block = executed.blockNumber;
  const [onL1, announced] = await Promise.all([
    readSettlementTrees(
      { client: p.l1Client, address: p.l1Settlement, fromBlock: l1Block, toBlock: l1Block },
      gatewayChainId,
      gatewayBatch,
    ),
    readAnnouncedRoot({ client: p.l1Client, address: p.l1Settlement }, l1ChainId, l1Block),
  ]);
  if (announced !== onL1.sharedTree.root)
    throw new SettlementDataError(
      `L1 block ${l1Block}: MessageRoot rebuilt from its tree writes does not match its event`,
    );

  const sharedPath = onGateway.sharedTree.path;
  const proof = encodeProof([
    {
      final: false,
      path: first.path,
      batchLeafIndex: BigInt(onGateway.chainTree.index),
      batchPath: onGateway.chainTree.path,
      settlementBlockNumber: gatewayBatch,
      // The MessageRoot is the right child of the Gateway's ChainBatchRoot, next to its LocalLogsRoot.
      chainIdLeafIndex: BigInt(onGateway.sharedTree.index) | (1n << BigInt(sharedPath.length)),
      settlementChainId: gatewayChainId,
    },
    {
      final: false,
      path: [...sharedPath, localLogsRoot],
      batchLeafIndex: BigInt(onL1.chainTree.index),
      batchPath: onL1.chainTree.path,
      settlementBlockNumber: l1Block,
      chainIdLeafIndex: BigInt(onL1.sharedTree.index),
      settlementChainId: l1ChainId,
    },
    { final: true, path: onL1.sharedTree.path },
  ]);
  return {
    ...p.proof,
    proof,
    root: onL1.sharedTree.root,
    settlementLayer: { chainId: l1ChainId, blockNumber: l1Block },
  };
}
