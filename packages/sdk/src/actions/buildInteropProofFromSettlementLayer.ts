import { type Address, type Client, decodeFunctionData, type Hex, pad } from 'viem';
import { getBlockNumber, getCode, getLogs, getTransaction } from 'viem/actions';
import {
  buildLogTreeFromPackedLogs,
  encodeProof,
  getChainBatchRoot,
  getLeafChainAggregatedRoot,
  INTEROP_CENTER_ADDRESS,
  type InvalidInputError,
  L1_MESSENGER_ADDRESS,
  type L2ToL1Log,
  unpackL2ToL1Logs,
} from '../core/index.js';
import { interopSettlementAbi } from './abi.js';
import {
  type ErrorType,
  MessageNotFoundError,
  MessageNotProvableError,
  type RpcUnreachableError,
  SettlementDataError,
} from './errors.js';
import { extendInteropProofToL1 } from './extendInteropProofToL1.js';
import { batchEvents, findBatchEvent } from './findBatchEvent.js';
import { assertHash, chainIdOf, retryBlockOutOfRange, withRpc } from './rpc.js';
import { readAnnouncedRoot, readSettlementTrees } from './settlementTrees.js';
import type { InteropMessageProof } from './types.js';

/** Parameters of {@link buildInteropProofFromSettlementLayer}: the message by its hash or by its L2 transaction. */
export type BuildInteropProofFromSettlementLayerParameters = {
  /** A client of the settlement layer. Nothing else is read. */
  settlementClient: Client;
  /** Address of the `InteropSettlement` contract (`contracts.settlement` in devnet.json). */
  settlement: Address;
  /** The chain the message was sent on. */
  sourceChainId: bigint;
  /** First settlement block to scan; default 0. */
  fromBlock?: bigint;
  /**
   * The batch holding the message, when known (`l1BatchNumber` of the L2 receipt or of the node's status): its
   * commit is then found by a binary search over windows of the chain's commits and only that transaction is read.
   * Without it every non-empty commit of the chain is read, newest first, until one holds the message.
   */
  batchNumber?: bigint;
  /**
   * L1 and its InteropSettlement, when `settlementClient` is a Gateway: the proof is then extended to the
   * three-level proof up to L1's MessageRoot (see {@link extendInteropProofToL1}). Ignored for a chain on L1.
   */
  l1?: { client: Client; settlement: Address };
} & ({ interopHash: Hex; txHash?: undefined } | { txHash: Hex; interopHash?: undefined });

/** The proof, plus the message's hash and the L2 transaction that sent it (both read from the commit). */
export type BuildInteropProofFromSettlementLayerReturnType = InteropMessageProof & { interopHash: Hex; txHash: Hex };

const interopKey = pad(INTEROP_CENTER_ADDRESS, { size: 32 }).toLowerCase();

/** Commit transactions read in parallel at most. */
const COMMIT_READS_IN_PARALLEL = 8;

/** The settlement layer being read: one contract over one fixed block range. */
type SettlementScan = {
  client: Client;
  address: Address;
  fromBlock: bigint;
  toBlock: bigint;
};

/** The message's log, found in the calldata of its batch's commit. */
/** Errors {@link buildInteropProofFromSettlementLayer} throws. */
export type BuildInteropProofFromSettlementLayerErrorType =
  | InvalidInputError
  | MessageNotFoundError
  | MessageNotProvableError
  | SettlementDataError
  | RpcUnreachableError
  | ErrorType;

type FoundMessage = {
  batchNumber: bigint;
  /** The settlement block of its commit: it executed there or later. */
  commitBlock: bigint;
  chainBatchRoot: Hex;
  logs: L2ToL1Log[];
  index: number;
  txHash: Hex;
  packed: Hex;
};

type Wanted = { interopHash: Hex; txHash?: undefined } | { txHash: Hex; interopHash?: undefined };

/**
 * Rebuilds a message's proof from settlement-layer data alone, without asking the source chain: the batch's
 * logs come from the calldata of its commit transaction; the chain tree and the shared tree as of the end of the
 * block in which the batch executed come from that block's `ChainTreeLeafPath` and `SharedTreeLeafPath` events
 * (every tree write announces the written leaf's path), checked against the block's `NewInteropRoot`. The result
 * is the same proof the source chain's node serves (`interop_getMessageProof`), ending in that block's MessageRoot.
 *
 * With `batchNumber` the commit and the execution are found by a binary search over bounded windows of the chain's
 * batch events (log2 of the blocks, each probe at most 8 blocks unless the chain settled nothing there), one
 * transaction is read and the trees come from the execution block alone: nothing read grows with the settlement
 * layer's history. Without it, one transaction per non-empty batch of the chain is read, newest first, until one
 * holds the message. Meant for recovery and audits.
 *
 * @throws {InvalidInputError} when the hash is not a 32-byte hex string.
 * @throws {MessageNotFoundError} when no committed batch of the chain holds the message.
 * @throws {MessageNotProvableError} (`why: 'not-executed'`) when the batch is committed but not executed.
 * @throws {SettlementDataError} when there is no settlement contract at `settlement`, or its data is inconsistent (a root does not match its events).
 *
 * @example
 * const proof = await buildInteropProofFromSettlementLayer({
 *   settlementClient: createPublicClient({ transport: http('http://127.0.0.1:8545') }),
 *   settlement: devnet.contracts.settlement,
 *   sourceChainId: 271n,
 *   interopHash,
 * });
 */
export async function buildInteropProofFromSettlementLayer(
  parameters: BuildInteropProofFromSettlementLayerParameters,
): Promise<BuildInteropProofFromSettlementLayerReturnType> {
  const onLayer = await buildOnSettlementLayer(parameters);
  const { l1 } = parameters;
  if (!l1 || onLayer.settlementLayer.chainId === (await chainIdOf(l1.client))) return onLayer;
  const extended = await extendInteropProofToL1({
    proof: onLayer,
    gatewayClient: parameters.settlementClient,
    gatewaySettlement: parameters.settlement,
    l1Client: l1.client,
    l1Settlement: l1.settlement,
    interopHash: onLayer.interopHash,
  });
  return { ...extended, interopHash: onLayer.interopHash, txHash: onLayer.txHash };
}

// The proof up to the MessageRoot of the layer the source chain settles on.
async function buildOnSettlementLayer(
  parameters: BuildInteropProofFromSettlementLayerParameters,
): Promise<BuildInteropProofFromSettlementLayerReturnType> {
  const { settlementClient: client, settlement: address, sourceChainId } = parameters;
  const wanted: Wanted =
    parameters.interopHash !== undefined ? { interopHash: parameters.interopHash } : { txHash: parameters.txHash };
  const key = wanted.interopHash ?? wanted.txHash;
  assertHash(key, wanted.interopHash !== undefined ? 'interopHash' : 'txHash');
  await assertSettlementContract(client, address);
  const scan: SettlementScan = {
    client,
    address,
    fromBlock: parameters.fromBlock ?? 0n,
    toBlock: await withRpc(client, () => getBlockNumber(client, { cacheTime: 0 })),
  };

  // 1. The batch holding the message, and its log tree checked against the committed root.
  const found = await findMessageInCommits(scan, sourceChainId, wanted, parameters.batchNumber);
  const interopHash = found.logs[found.index].value;
  const logTree = buildLogTreeFromPackedLogs(found.packed);
  const aggregatedRoot = getLeafChainAggregatedRoot(sourceChainId);
  if (getChainBatchRoot(logTree.root, aggregatedRoot).toLowerCase() !== found.chainBatchRoot.toLowerCase()) {
    throw new SettlementDataError(
      `batch ${found.batchNumber} of chain ${sourceChainId}: committed root does not match its logs`,
    );
  }

  // 2. Where it executed (at or after its commit), then the trees at the end of that block, from its events alone.
  const block = await findExecutionBlock(scan, sourceChainId, found, interopHash);
  const settlementChainId = await chainIdOf(client);
  const [trees, announced] = await Promise.all([
    readSettlementTrees({ client, address, fromBlock: block, toBlock: block }, sourceChainId, found.batchNumber),
    readAnnouncedRoot({ client, address }, settlementChainId, block),
  ]);
  const { chainTree, sharedTree } = trees;
  if (announced !== sharedTree.root) {
    throw new SettlementDataError(
      `MessageRoot of settlement block ${block} rebuilt from its tree writes does not match its NewInteropRoot event`,
      `rebuilt ${sharedTree.root}, event ${announced ?? 'missing'}`,
    );
  }

  const proof = encodeProof([
    {
      final: false,
      path: [...logTree.path(found.index), aggregatedRoot],
      batchLeafIndex: BigInt(chainTree.index),
      batchPath: chainTree.path,
      settlementBlockNumber: block,
      chainIdLeafIndex: BigInt(sharedTree.index),
      settlementChainId,
    },
    { final: true, path: sharedTree.path },
  ]);
  return {
    chainId: sourceChainId,
    l1BatchNumber: found.batchNumber,
    l2MessageIndex: BigInt(found.index),
    txNumberInBatch: found.logs[found.index].txNumberInBatch,
    proof,
    root: sharedTree.root,
    settlementLayer: { chainId: settlementChainId, blockNumber: block },
    interopHash,
    txHash: found.txHash,
  };
}

/** Runs an eth_getLogs read of the scan, with the unreachable-endpoint mapping and the block-out-of-range retry. */
function readEvents<T>(scan: SettlementScan, read: (range: { fromBlock: bigint; toBlock: bigint }) => Promise<T>) {
  return withRpc(scan.client, () =>
    retryBlockOutOfRange(() => read({ fromBlock: scan.fromBlock, toBlock: scan.toBlock })),
  );
}

/** Throws {@link SettlementDataError} unless there is a contract at `address`. */
async function assertSettlementContract(client: Client, address: Address): Promise<void> {
  const code = await withRpc(client, () => getCode(client, { address }));
  if (!code || code === '0x') {
    throw new SettlementDataError(
      `no InteropSettlement contract at ${address} on chain ${await chainIdOf(client)}`,
      'settlementClient must be the settlement layer and settlement the address of its InteropSettlement contract',
    );
  }
}

/**
 * Decodes the calldata of the commit of `batchNumber` when given (found by {@link findBatchEvent}), else of every
 * non-empty commit of the chain, newest first, until one holds the message.
 */
async function findMessageInCommits(
  scan: SettlementScan,
  chainId: bigint,
  wanted: Wanted,
  batchNumber?: bigint,
): Promise<FoundMessage> {
  const { client } = scan;
  const all =
    batchNumber === undefined
      ? await readEvents(scan, (range) =>
          getLogs(client, {
            address: scan.address,
            event: batchEvents.BatchCommitted,
            args: { chainId },
            strict: true,
            ...range,
          }),
        )
      : [await findBatchEvent(scan, batchEvents.BatchCommitted, chainId, batchNumber)].filter((e) => e !== undefined);
  const commits = all.filter((e) => e.args.logCount > 0n).reverse();
  for (let i = 0; i < commits.length; i += COMMIT_READS_IN_PARALLEL) {
    const slice = commits.slice(i, i + COMMIT_READS_IN_PARALLEL);
    const txs = await Promise.all(
      slice.map((e) => withRpc(client, () => getTransaction(client, { hash: e.transactionHash }))),
    );
    for (let j = 0; j < slice.length; j++) {
      let hit: ReturnType<typeof findInCommit>;
      try {
        hit = findInCommit(txs[j].input, wanted);
      } catch {
        throw new SettlementDataError(
          `commit transaction ${slice[j].transactionHash} is not a direct commitBatch call`,
          'the SDK reads the packed logs from the calldata of commitBatch / commitAndExecuteBatch',
        );
      }
      if (hit)
        return {
          ...hit,
          batchNumber: slice[j].args.batchNumber,
          commitBlock: slice[j].blockNumber,
          chainBatchRoot: slice[j].args.chainBatchRoot,
        };
    }
  }
  throw new MessageNotFoundError({
    interopHash: wanted.interopHash ?? `(interop message of tx ${wanted.txHash})`,
    chainId,
  });
}

/** Finds the message's log in the packed logs of a commit transaction's calldata. */
function findInCommit(input: Hex, wanted: Wanted) {
  const { functionName, args } = decodeFunctionData({ abi: interopSettlementAbi, data: input });
  if (functionName !== 'commitBatch' && functionName !== 'commitAndExecuteBatch') return undefined;
  const [, , , , packed, txHashes] = args;
  const logs = unpackL2ToL1Logs(packed);
  const index = logs.findIndex(
    (log, i) =>
      log.sender.toLowerCase() === L1_MESSENGER_ADDRESS.toLowerCase() &&
      log.key.toLowerCase() === interopKey &&
      (wanted.interopHash
        ? log.value.toLowerCase() === wanted.interopHash.toLowerCase()
        : txHashes[i]?.toLowerCase() === wanted.txHash.toLowerCase()),
  );
  return index < 0 ? undefined : { logs, index, txHash: txHashes[index], packed };
}

/** The settlement block in which the batch executed; {@link MessageNotProvableError} when it did not yet. */
async function findExecutionBlock(
  scan: SettlementScan,
  chainId: bigint,
  { batchNumber, commitBlock }: FoundMessage,
  interopHash: Hex,
): Promise<bigint> {
  const executed = await findBatchEvent(
    { ...scan, fromBlock: commitBlock },
    batchEvents.BatchExecuted,
    chainId,
    batchNumber,
  );
  if (!executed) {
    throw new MessageNotProvableError({
      interopHash,
      why: 'not-executed',
      details: `batch ${batchNumber} is committed only`,
    });
  }
  return executed.blockNumber;
}
