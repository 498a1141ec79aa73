import { interopCenterAbi } from '@interop/sdk/abis';
import { INTEROP_CENTER_ADDRESS, ZERO_HASH } from '@interop/sdk/core';
import { decodeFunctionResult, encodeFunctionData, type Hex } from 'viem';
import { UpstreamError } from '../errors.js';
import type { Upstream } from '../rpc/upstream.js';
import { sendTransaction, type TxSender } from '../sendTransaction.js';
import type { Store } from '../store/store.js';

/** Parameters of {@link importRoots}. */
export type ImportRootsParameters = {
  store: Store;
  l2: Upstream;
  chainId: bigint;
  settlementChainId: bigint;
  systemCaller: TxSender;
  /** Most roots added per transaction. */
  maxPerTx?: number;
  /** Kept between calls: every settlement block below `floor` is known to be imported on this chain. */
  cursor?: { floor: number };
  /** Receives one loud line per newly found root mismatch. */
  log?: (line: string) => void;
};

/**
 * Adds the settlement layer's per-block roots that this L2's InteropCenter does not have yet, oldest first, in
 * one `addInteropRootsInBatch` transaction sent as the system caller. A root already set on-chain is compared
 * with the settlement layer's: the same one is only recorded (never sent again), so a restart or a retry is
 * harmless; a different one (which InteropCenter never overwrites) is recorded as a mismatch — logged, reported
 * by `interop_health` and `interop_getMessageStatus`, never counted as imported — and checked again each round.
 * Returns how many roots were added.
 */
export async function importRoots(p: ImportRootsParameters): Promise<{ added: number; more: boolean }> {
  const limit = p.maxPerTx ?? 64;
  const chainId = Number(p.chainId);
  const pending = p.store.getPendingImports(chainId, limit, p.cursor?.floor ?? 0);
  if (pending.length === 0) return { added: 0, more: false };
  if (p.cursor) p.cursor.floor = pending[0].block;
  const existing = await p.l2.batch(
    pending.map((r) => ({
      method: 'eth_call',
      params: [
        {
          to: INTEROP_CENTER_ADDRESS,
          data: encodeFunctionData({
            abi: interopCenterAbi,
            functionName: 'interopRoots',
            args: [p.settlementChainId, BigInt(r.block)],
          }),
        },
        'latest',
      ],
    })),
  );
  const missing: { block: number; root: Hex }[] = [];
  pending.forEach((r, i) => {
    const result = existing[i];
    if (result instanceof UpstreamError) throw result;
    const onChain = decodeFunctionResult({ abi: interopCenterAbi, functionName: 'interopRoots', data: result as Hex });
    if (onChain === ZERO_HASH) {
      p.store.rootMismatches.clear(chainId, r.block);
      missing.push(r);
    } else if (onChain.toLowerCase() === r.root.toLowerCase()) {
      p.store.rootMismatches.clear(chainId, r.block);
      p.store.markImported(chainId, r.block, null);
    } else if (p.store.rootMismatches.put({ chainId, block: r.block, expected: r.root, onChain })) {
      p.log?.(
        `L2 ${chainId}: ROOT MISMATCH for settlement block ${r.block}: the chain holds ${onChain}, the settlement layer's root is ${r.root}; messages proven at that block do not verify on this chain (see interop_health)`,
      );
    }
  });
  if (missing.length > 0) {
    const data = encodeFunctionData({
      abi: interopCenterAbi,
      functionName: 'addInteropRootsInBatch',
      args: [
        missing.map((r) => ({ chainId: p.settlementChainId, blockOrBatchNumber: BigInt(r.block), sides: [r.root] })),
      ],
    });
    const sent = await sendTransaction({
      upstream: p.l2,
      chainId: p.chainId,
      sender: p.systemCaller,
      to: INTEROP_CENTER_ADDRESS,
      data,
    });
    for (const r of missing) p.store.markImported(chainId, r.block, sent.hash);
  }
  return { added: missing.length, more: pending.length === limit };
}
