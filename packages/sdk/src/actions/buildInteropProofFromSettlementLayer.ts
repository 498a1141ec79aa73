import { type Address, type Client, type ContractEventName, decodeFunctionData, type Hex, pad } from 'viem';
import { getBlockNumber, getCode, getLogs, getTransaction } from 'viem/actions';
import {
  buildLogTreeFromPackedLogs,
  DynamicIncrementalMerkleTree,
  encodeProof,
  FullMerkleTree,
  getBatchRootLeaf,
  getChainBatchRoot,
  getLeafChainAggregatedRoot,
  INTEROP_CENTER_ADDRESS,
  L1_MESSENGER_ADDRESS,
  type L2ToL1Log,
  unpackL2ToL1Logs,
} from '../core/index.js';
import { interopSettlementAbi } from './abi.js';
import { MessageNotFoundError, MessageNotProvableError, SettlementDataError } from './errors.js';
import { chainIdOf, isHash, retryBlockOutOfRange, withRpc } from './rpc.js';
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
} & ({ interopHash: Hex; txHash?: undefined } | { txHash: Hex; interopHash?: undefined });

/** The proof, plus the message's hash and the L2 transaction that sent it (both read from the commit). */
export type BuildInteropProofFromSettlementLayerReturnType = InteropMessageProof & { interopHash: Hex; txHash: Hex };

type Found = { batchNumber: bigint; logs: L2ToL1Log[]; index: number; txHash: Hex; packed: Hex; chainBatchRoot: Hex };

const interopKey = pad(INTEROP_CENTER_ADDRESS, { size: 32 }).toLowerCase();

/** Finds the message's log in the packed logs of a commit transaction's calldata. */
function findInCommit(input: Hex, wanted: { interopHash?: Hex; txHash?: Hex }) {
  const { args } = decodeFunctionData({ abi: interopSettlementAbi, data: input });
  if (args?.length !== 6) return undefined;
  const [, , , , packed, txHashes] = args as readonly [bigint, bigint, bigint, bigint, Hex, readonly Hex[]];
  const logs = unpackL2ToL1Logs(packed);
  const index = logs.findIndex(
    (log, i) =>
      log.sender.toLowerCase() === L1_MESSENGER_ADDRESS.toLowerCase() &&
      log.key.toLowerCase() === interopKey &&
      (wanted.interopHash
        ? log.value.toLowerCase() === wanted.interopHash.toLowerCase()
        : txHashes[i]?.toLowerCase() === wanted.txHash!.toLowerCase()),
  );
  return index < 0 ? undefined : { logs, index, txHash: txHashes[index], packed };
}

/**
 * Rebuilds a message's proof from settlement-layer data alone, without asking the source chain: the batch's
 * logs come from the calldata of its commit transaction, the chain tree and the shared tree are replayed from
 * the `InteropSettlement` events up to the block in which the batch executed. The result is the same proof the
 * source chain's node serves (`interop_getMessageProof`), ending in that block's MessageRoot.
 *
 * Cost grows with the settlement history (one transaction read per non-empty batch of the chain); meant for
 * recovery and audits, not for a hot path.
 *
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
  const { settlementClient: client, settlement: address, sourceChainId } = parameters;
  const wanted = parameters.interopHash ? { interopHash: parameters.interopHash } : { txHash: parameters.txHash };
  const key = (wanted.interopHash ?? wanted.txHash) as Hex;
  if (!isHash(key)) throw new TypeError(`expected a 32-byte hex hash, got ${key}`);
  const fromBlock = parameters.fromBlock ?? 0n;
  const code = await withRpc(client, () => getCode(client, { address }));
  if (!code || code === '0x') {
    throw new SettlementDataError(
      `no InteropSettlement contract at ${address} on chain ${await chainIdOf(client)}`,
      'settlementClient must be the settlement layer and settlement the address of its InteropSettlement contract',
    );
  }
  const toBlock = await withRpc(client, () => getBlockNumber(client, { cacheTime: 0 }));
  const events = (eventName: ContractEventName<typeof interopSettlementAbi>, args?: Record<string, unknown>) =>
    withRpc(client, () =>
      retryBlockOutOfRange(() =>
        getLogs(client, {
          address,
          event: interopSettlementAbi.find((x) => x.type === 'event' && x.name === eventName) as never,
          args: args as never,
          fromBlock,
          toBlock,
        }),
      ),
    ) as Promise<Array<{ args: Record<string, unknown>; blockNumber: bigint; logIndex: number; transactionHash: Hex }>>;

  // 1. The batch holding the message: decode the calldata of every non-empty commit of the chain, newest first.
  const commits = (await events('BatchCommitted', { chainId: sourceChainId }))
    .filter((e) => (e.args.logCount as bigint) > 0n)
    .reverse();
  let found: Found | undefined;
  for (let i = 0; i < commits.length && !found; i += 8) {
    const slice = commits.slice(i, i + 8);
    const txs = await Promise.all(
      slice.map((e) => withRpc(client, () => getTransaction(client, { hash: e.transactionHash }))),
    );
    for (let j = 0; j < slice.length && !found; j++) {
      let hit: ReturnType<typeof findInCommit>;
      try {
        hit = findInCommit(txs[j].input, wanted);
      } catch {
        throw new SettlementDataError(
          `commit transaction ${slice[j].transactionHash} is not a direct commitBatch call`,
          'the SDK reads the packed logs from the calldata of commitBatch / commitAndExecuteBatch',
        );
      }
      if (hit) {
        found = {
          ...hit,
          batchNumber: slice[j].args.batchNumber as bigint,
          chainBatchRoot: slice[j].args.chainBatchRoot as Hex,
        };
      }
    }
  }
  if (!found) {
    if (wanted.interopHash) throw new MessageNotFoundError({ interopHash: wanted.interopHash, chainId: sourceChainId });
    throw new MessageNotFoundError({ interopHash: `(interop message of tx ${wanted.txHash})`, chainId: sourceChainId });
  }
  const interopHash = found.logs[found.index].value;

  // 2. Log tree → ChainBatchRoot, checked against the committed root.
  const logTree = buildLogTreeFromPackedLogs(found.packed);
  const aggregatedRoot = getLeafChainAggregatedRoot(sourceChainId);
  const chainBatchRoot = getChainBatchRoot(logTree.root, aggregatedRoot);
  if (chainBatchRoot.toLowerCase() !== found.chainBatchRoot.toLowerCase()) {
    throw new SettlementDataError(
      `batch ${found.batchNumber} of chain ${sourceChainId}: committed root does not match its logs`,
    );
  }

  // 3. Where it executed, then replay the trees up to the end of that settlement block.
  const [executed] = await events('BatchExecuted', { chainId: sourceChainId, batchNumber: found.batchNumber });
  if (!executed) {
    throw new MessageNotProvableError({
      interopHash,
      why: 'not-executed',
      details: `batch ${found.batchNumber} is committed only`,
    });
  }
  const block = executed.blockNumber;
  const upToBlock = <T extends { blockNumber: bigint }>(list: T[]) => list.filter((e) => e.blockNumber <= block);
  const [appended, added, chainRoots, interopRoots] = await Promise.all([
    events('AppendedChainBatchRoot', { chainId: sourceChainId }).then(upToBlock),
    events('AddedChain').then(upToBlock),
    events('NewChainRoot').then(upToBlock),
    events('NewInteropRoot', { blockNumber: block }),
  ]);

  const chainTree = new DynamicIncrementalMerkleTree(
    appended.map((e) => getBatchRootLeaf(e.args.chainBatchRoot as Hex, e.args.batchNumber as bigint)),
  );
  const batchLeafIndex = appended.findIndex((e) => e.args.batchNumber === found.batchNumber);
  if (batchLeafIndex < 0) throw new SettlementDataError(`batch ${found.batchNumber} executed but never appended`);

  const settlementChainId = await chainIdOf(client);
  const indexOf = new Map<bigint, number>();
  const sharedLeaves: Hex[] = [];
  for (const e of added) {
    const chainId = e.args.chainId as bigint;
    const index = Number(e.args.chainIndex as bigint);
    indexOf.set(chainId, index);
    sharedLeaves[index] = getLeafChainAggregatedRoot(chainId);
  }
  for (const e of chainRoots) {
    const index = indexOf.get(e.args.chainId as bigint);
    if (index !== undefined) sharedLeaves[index] = e.args.chainIdLeafHash as Hex;
  }
  const chainIdLeafIndex = indexOf.get(sourceChainId);
  if (chainIdLeafIndex === undefined) throw new SettlementDataError(`chain ${sourceChainId} is not registered`);
  if (sharedLeaves.some((l) => l === undefined) || sharedLeaves.length !== indexOf.size) {
    throw new SettlementDataError('chain registrations have gaps (missing AddedChain events)');
  }
  const sharedTree = new FullMerkleTree(sharedLeaves);

  const finalRoot = interopRoots
    .filter((e) => e.args.chainId === settlementChainId)
    .sort((a, b) => Number((a.args.logId as bigint) - (b.args.logId as bigint)))
    .at(-1)?.args.sides as Hex[] | undefined;
  const root = sharedTree.root();
  if (!finalRoot || finalRoot[0].toLowerCase() !== root.toLowerCase()) {
    throw new SettlementDataError(
      `replayed MessageRoot of settlement block ${block} does not match its NewInteropRoot event`,
      `replayed ${root}, event ${finalRoot?.[0] ?? 'missing'}`,
    );
  }

  const proof = encodeProof([
    {
      final: false,
      path: [...logTree.path(found.index), aggregatedRoot],
      batchLeafIndex: BigInt(batchLeafIndex),
      batchPath: chainTree.path(batchLeafIndex),
      settlementBlockNumber: block,
      chainIdLeafIndex: BigInt(chainIdLeafIndex),
      settlementChainId,
    },
    { final: true, path: sharedTree.path(chainIdLeafIndex) },
  ]);

  return {
    chainId: sourceChainId,
    l1BatchNumber: found.batchNumber,
    l2MessageIndex: BigInt(found.index),
    txNumberInBatch: found.logs[found.index].txNumberInBatch,
    proof,
    root,
    settlementLayer: { chainId: settlementChainId, blockNumber: block },
    interopHash,
    txHash: found.txHash,
  };
}
