// anvil's automine now and then leaves a ready transaction in its pool without mining it (foundry-rs/foundry#10122,
// seen here in about one 3,000-call drain of fifteen): the transaction waits for the next one to arrive, which after
// the last send of a burst may be never, and its sender waits for a receipt forever. When the sends through an
// endpoint pause, and when one of the node's own commits or imports waits more than 500 ms for its receipt, the
// node looks at the pool and mines one block if automine left ready transactions in it. With automine off
// (interval mining, or a test that turned it off to build a block by hand) the pool is left alone.
import type { Hex } from 'viem';
import type { Upstream } from './rpc/upstream.js';

/** What {@link mineStuckTransactions} found: ready transactions it mined, or that wait for a block (no automine). */
export type PoolCheck = { mined: number; waiting: number };

/**
 * Mines one block on `l2` if it automines and its pool still holds ready ("pending") transactions. Without automine
 * the ready transactions are counted as `waiting` (for the next interval block, or for whoever mines by hand) and
 * left alone; so is an upstream without anvil's methods.
 */
export async function mineStuckTransactions(l2: Upstream): Promise<PoolCheck> {
  const [automine, pool] = await l2.batch([{ method: 'anvil_getAutomine' }, { method: 'txpool_status' }]);
  if (typeof automine !== 'boolean') return { mined: 0, waiting: 0 };
  const pending = (pool as { pending?: Hex } | null)?.pending;
  const ready = typeof pending === 'string' ? Number(BigInt(pending)) : 0;
  if (ready === 0) return { mined: 0, waiting: 0 };
  if (!automine) return { mined: 0, waiting: ready };
  await l2.request('evm_mine');
  return { mined: ready, waiting: 0 };
}
