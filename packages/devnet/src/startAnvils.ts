import { type AnvilInstance, startAnvil } from './anvil.js';

/** Chain id of the devnet's settlement layer. */
export const SETTLEMENT_CHAIN_ID = 9n;
/** Chain id of the first L2; the next ones count up from it. */
export const FIRST_L2_CHAIN_ID = 271n;

/** Parameters of {@link startAnvils}. */
export type StartAnvilsParameters = {
  /** Number of L2 chains (chain ids 271, 272, …). */
  l2Count: number;
  /** Extra anvil arguments for the settlement layer (e.g. a bigger `--gas-limit`). */
  settlementArgs?: string[];
  /** Extra anvil arguments for every L2. */
  l2Args?: string[];
};

/** The anvil processes behind a devnet, on internal free ports. */
export type StartAnvilsReturnType = {
  l1: AnvilInstance;
  l2s: AnvilInstance[];
  /** Stops every anvil started here; safe to call more than once. */
  stop(): Promise<void>;
};

/** Chain ids of the L2s of a devnet with `l2Count` chains. */
export function getL2ChainIds(l2Count: number): bigint[] {
  return Array.from({ length: l2Count }, (_, i) => FIRST_L2_CHAIN_ID + BigInt(i));
}

/**
 * Starts the settlement anvil and the L2 anvils in parallel (they start in ~0.1 s each, so this
 * keeps the devnet's start time flat in the number of chains). If one fails, the others are stopped.
 */
export async function startAnvils(params: StartAnvilsParameters): Promise<StartAnvilsReturnType> {
  const chainIds = [SETTLEMENT_CHAIN_ID, ...getL2ChainIds(params.l2Count)];
  const results = await Promise.allSettled(
    chainIds.map((chainId, i) =>
      startAnvil({ chainId: Number(chainId), args: i === 0 ? params.settlementArgs : params.l2Args }),
    ),
  );
  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  const stop = async () => {
    await Promise.all(started.map((a) => a.stop()));
  };
  if (failed) {
    await stop();
    throw failed.reason;
  }
  const [l1, ...l2s] = started;
  return { l1, l2s, stop };
}
