import type { Client, Hex } from 'viem';
import { getBlockNumber } from 'viem/actions';
import type { InvalidInputError } from '../core/index.js';
import { type ErrorType, InvalidNodeResponseError, MessageNotFoundError, type RpcUnreachableError } from './errors.js';
import {
  findInteropMessageSentLog,
  interopMessageSentFilter,
  interopMessageSentLookback,
  type RawLog,
} from './interopMessageSentLog.js';
import {
  assertHash,
  chainIdOf,
  isBlockOutOfRange,
  isHash,
  rawRequest,
  retryBlockOutOfRange,
  toBigInt,
  toOptionalBigInt,
  withRpc,
} from './rpc.js';
import type { InteropMessageState, InteropMessageStatus } from './types.js';

/** Parameters of {@link getInteropMessageStatus}. */
export type GetInteropMessageStatusParameters = {
  interopHash: Hex;
  /**
   * The first block searched for the message's sent event when the node does not report the message (it reports
   * every message it indexed; the search covers one mined since). Default: 1,024 blocks before the head.
   */
  fromBlock?: bigint;
};

/** Result of {@link getInteropMessageStatus}. */
export type GetInteropMessageStatusReturnType = InteropMessageStatus;

/** Errors {@link getInteropMessageStatus} throws. */
export type GetInteropMessageStatusErrorType =
  | InvalidInputError
  | MessageNotFoundError
  | InvalidNodeResponseError
  | RpcUnreachableError
  | ErrorType;

const states: readonly InteropMessageState[] = ['sent', 'sealed', 'committed', 'executed', 'imported', 'halted'];

type RpcStatus = Record<string, unknown> & { settlementLayer?: Record<string, unknown> | null };

/** Turns the node's `interop_getMessageStatus` answer into typed values. */
function parseMessageStatus(raw: RpcStatus): InteropMessageStatus {
  const status = raw.status as InteropMessageState;
  if (!states.includes(status))
    throw new InvalidNodeResponseError({ method: 'interop_getMessageStatus', field: 'status', value: status });
  const sl = raw.settlementLayer ?? {};
  const optHash = (v: unknown) => (isHash(v) ? v : undefined);
  return {
    interopHash: raw.interopHash as Hex,
    status,
    chainId: toBigInt(raw.chainId, 'chainId'),
    txHash: raw.txHash as Hex,
    blockNumber: toBigInt(raw.blockNumber, 'blockNumber'),
    l1BatchNumber: toOptionalBigInt(raw.l1BatchNumber, 'l1BatchNumber'),
    l2MessageIndex: toOptionalBigInt(raw.l2MessageIndex, 'l2MessageIndex'),
    txNumberInBatch:
      raw.txNumberInBatch === null || raw.txNumberInBatch === undefined ? undefined : Number(raw.txNumberInBatch),
    commitTxHash: optHash(raw.commitTxHash),
    executeTxHash: optHash(raw.executeTxHash),
    settlementLayer: {
      chainId: toOptionalBigInt(sl.chainId, 'settlementLayer.chainId'),
      blockNumber: toOptionalBigInt(sl.blockNumber, 'settlementLayer.blockNumber'),
      root: optHash(sl.root),
    },
    importedOn: Array.isArray(raw.importedOn) ? raw.importedOn.map((c) => toBigInt(c, 'importedOn')) : [],
    ...parseHalted(raw.halted),
  };
}

function parseHalted(raw: unknown): Pick<InteropMessageStatus, 'halted'> {
  if (!raw || typeof raw !== 'object') return {};
  const h = raw as Record<string, unknown>;
  return {
    halted: {
      block: toBigInt(h.block, 'halted.block'),
      batch: toBigInt(h.batch, 'halted.batch'),
      reason: String(h.reason),
    },
  };
}

/**
 * Asks the source chain's node where a message is: sent, sealed in a batch, committed, executed on the settlement
 * layer, or with its root imported (and on which chains). A message the node has not indexed yet is looked up
 * through its `InteropMessageSent` event, so a just-mined message reports `sent`.
 *
 * @throws {InvalidInputError} when `interopHash` is not a 32-byte hex string.
 * @throws {MessageNotFoundError} when the chain has no message with this hash.
 * @throws {InvalidNodeResponseError} when the node's answer is malformed.
 * @throws {RpcUnreachableError} when the endpoint does not answer.
 *
 * @example
 * const status = await getInteropMessageStatus(client, { interopHash });
 * if (status.status === 'imported') console.log('provable on', status.importedOn);
 */
export async function getInteropMessageStatus(
  client: Client,
  { interopHash, fromBlock }: GetInteropMessageStatusParameters,
): Promise<GetInteropMessageStatusReturnType> {
  assertHash(interopHash, 'interopHash');
  // A node that looks for unsealed messages from "last sealed block + 1" to 'latest' gets anvil's out-of-range
  // error when no block followed the seal; the event lookup below answers the same question.
  const raw = (await rawRequest(client, 'interop_getMessageStatus', [interopHash]).catch((err: unknown) => {
    if (isBlockOutOfRange(err)) return null;
    throw err;
  })) as RpcStatus | null;
  if (raw) return parseMessageStatus(raw);
  // An explicit head rather than 'latest': anvil can answer 'latest' with "block out of range" while mining.
  const logs = await retryBlockOutOfRange(async () => {
    const head = await withRpc(client, () => getBlockNumber(client, { cacheTime: 0 }));
    const from = fromBlock ?? (head > interopMessageSentLookback ? head - interopMessageSentLookback : 0n);
    const filter = interopMessageSentFilter({ interopHash, fromBlock: from, toBlock: head });
    return (await rawRequest(client, 'eth_getLogs', [filter])) as (RawLog & {
      transactionHash: Hex;
      blockNumber: Hex;
    })[];
  });
  const chainId = await chainIdOf(client);
  const log = findInteropMessageSentLog(logs, interopHash);
  if (!log) throw new MessageNotFoundError({ interopHash, chainId });
  return {
    interopHash,
    status: 'sent',
    chainId,
    txHash: log.transactionHash,
    blockNumber: toBigInt(log.blockNumber, 'blockNumber'),
    l1BatchNumber: undefined,
    l2MessageIndex: undefined,
    txNumberInBatch: undefined,
    commitTxHash: undefined,
    executeTxHash: undefined,
    settlementLayer: { chainId: undefined, blockNumber: undefined, root: undefined },
    importedOn: [],
  };
}
