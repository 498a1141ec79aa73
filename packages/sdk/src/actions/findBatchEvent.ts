// The BatchCommitted or BatchExecuted event of one batch, found without a topic filter over the whole chain: anvil
// answers such a filter by walking every block's logs in the range (~0.1 s at 10^5 batches), and many endpoints cap
// a getLogs range. A chain's batches are committed and executed in order, so the blocks of its events grow with the
// batch number: a binary search over the block range probes a window of PROBE_BLOCKS blocks for the chain's events
// (any batch) and keeps the side that must hold the batch. log2(blocks / PROBE_BLOCKS) probes, each of a bounded
// window, widened only across blocks where the chain settled nothing. Not exported from the package.
import { type Address, type Client, type GetLogsReturnType, getAbiItem } from 'viem';
import { getLogs } from 'viem/actions';
import { interopSettlementAbi } from './abi.js';
import { retryBlockOutOfRange, withRpc } from './rpc.js';

export const batchEvents = {
  BatchCommitted: /* @__PURE__ */ getAbiItem({ abi: interopSettlementAbi, name: 'BatchCommitted' }),
  BatchExecuted: /* @__PURE__ */ getAbiItem({ abi: interopSettlementAbi, name: 'BatchExecuted' }),
};

type BatchEvent = (typeof batchEvents)[keyof typeof batchEvents];
type Found<E extends BatchEvent> = GetLogsReturnType<E, [E], true>[number];

/** Blocks one probe reads: its answer holds at most the chain's events of these blocks. */
const PROBE_BLOCKS = 8n;

/** One contract over a block range. */
export type BatchEventRange = { client: Client; address: Address; fromBlock: bigint; toBlock: bigint };

/** The chain's `event`s in [from, to], optionally of one batch only (its indexed topic). */
function read<E extends BatchEvent>(
  r: BatchEventRange,
  event: E,
  args: { chainId: bigint; batchNumber?: bigint },
  fromBlock: bigint,
  toBlock: bigint,
): Promise<Found<E>[]> {
  return withRpc(r.client, () =>
    retryBlockOutOfRange(() =>
      getLogs(r.client, { address: r.address, event, args, strict: true, fromBlock, toBlock } as never),
    ),
  ) as Promise<Found<E>[]>;
}

/** Both events carry the batch number as an indexed argument. */
const batchOf = (e: unknown) => (e as { args: { batchNumber: bigint } }).args.batchNumber;

/** The event of batch `batchNumber` of `chainId` in the range, or undefined when it is not there. */
export async function findBatchEvent<E extends BatchEvent>(
  r: BatchEventRange,
  event: E,
  chainId: bigint,
  batchNumber: bigint,
): Promise<Found<E> | undefined> {
  let low = r.fromBlock;
  let high = r.toBlock;
  while (high - low >= PROBE_BLOCKS) {
    const start = (low + high) / 2n;
    let end = start + PROBE_BLOCKS - 1n;
    let found: Found<E>[] = [];
    // Widen an empty window (the chain settled nothing there) to the right until it holds some of its events.
    for (;;) {
      found = await read(r, event, { chainId }, start, end > high ? high : end);
      if (found.length > 0 || end >= high) break;
      end = start + (end - start + 1n) * 2n - 1n;
    }
    const hit = found.find((e) => batchOf(e) === batchNumber);
    if (hit) return hit;
    if (found.length > 0 && batchOf(found[found.length - 1]) < batchNumber) low = (end > high ? high : end) + 1n;
    else high = start - 1n; // later batches only, or nothing from `start` on
    if (low > high) return undefined;
  }
  const [hit] = await read(r, event, { chainId, batchNumber }, low, high);
  return hit;
}
