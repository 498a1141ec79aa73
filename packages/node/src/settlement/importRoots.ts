import { interopCenterAbi } from '@interop/sdk/abis';
import { INTEROP_CENTER_ADDRESS, ZERO_HASH } from '@interop/sdk/core';
import { decodeFunctionResult, encodeFunctionData, type Hex } from 'viem';
import { UpstreamError } from '../errors.js';
import type { Upstream } from '../rpc/upstream.js';
import { gasLimitFromBound, sendTransaction, type TxSender } from '../sendTransaction.js';
import type { Store } from '../store/store.js';

/** Gas of an `addInteropRootsInBatch` call beside its roots: the transaction, the selector, the array head. */
const IMPORT_BASE_GAS = 30_000;
/** Gas per root added: a cold read and a fresh slot (24,200), its `InteropRootAdded` event, its calldata. */
const IMPORT_GAS_PER_ROOT = 35_000;

/**
 * The gas limit an import of `rootCount` roots (calldata `data`) is sent with (see {@link gasLimitFromBound}), so
 * that the L2 is not asked for an estimate, which would execute the call several times over.
 */
export function importGasLimit(rootCount: number, data: Hex): bigint {
  return gasLimitFromBound(IMPORT_BASE_GAS + IMPORT_GAS_PER_ROOT * rootCount, data);
}

/** Parameters of {@link importRoots}. */
export type ImportRootsParameters = {
  store: Store;
  l2: Upstream;
  chainId: bigint;
  /** The settlement layers whose roots this chain imports (its own layer, L1 above it, itself if a Gateway). */
  layers: bigint[];
  systemCaller: TxSender;
  /** Most roots added per transaction. */
  maxPerTx?: number;
  /** Kept between calls, per layer: every block of that layer below `floor` is known to be imported here. */
  cursor?: Map<bigint, number>;
  /** Receives one loud line per newly found root mismatch. */
  log?: (line: string) => void;
};

/**
 * Adds the settlement layers' per-block roots that this chain's InteropCenter does not have yet, oldest first per
 * layer, in one `addInteropRootsInBatch` transaction sent as the system caller. A root already set on-chain is
 * compared with the layer's: the same one is only recorded (never sent again), so a restart or a retry is
 * harmless; a different one (which InteropCenter never overwrites) is recorded as a mismatch — logged, reported
 * by `interop_health` and `interop_getMessageStatus`, never counted as imported — and checked again each round.
 * Returns how many roots were added.
 */
export async function importRoots(p: ImportRootsParameters): Promise<{ added: number; more: boolean }> {
  const limit = p.maxPerTx ?? 64;
  const chainId = Number(p.chainId);
  const pending: { layer: bigint; block: number; root: Hex }[] = [];
  let more = false;
  for (const layer of p.layers) {
    const rows = p.store.getPendingImports(chainId, Number(layer), limit, p.cursor?.get(layer) ?? 0);
    if (rows.length === 0) continue;
    p.cursor?.set(layer, rows[0].block);
    if (rows.length === limit) more = true;
    for (const r of rows) pending.push({ layer, ...r });
  }
  if (pending.length === 0) return { added: 0, more: false };
  const existing = await p.l2.batch(
    pending.map((r) => ({
      method: 'eth_call',
      params: [
        {
          to: INTEROP_CENTER_ADDRESS,
          data: encodeFunctionData({
            abi: interopCenterAbi,
            functionName: 'interopRoots',
            args: [r.layer, BigInt(r.block)],
          }),
        },
        'latest',
      ],
    })),
  );
  const missing: typeof pending = [];
  pending.forEach((r, i) => {
    const result = existing[i];
    if (result instanceof UpstreamError) throw result;
    const onChain = decodeFunctionResult({ abi: interopCenterAbi, functionName: 'interopRoots', data: result as Hex });
    if (onChain === ZERO_HASH) {
      p.store.rootMismatches.clear(chainId, r.block);
      missing.push(r);
    } else if (onChain.toLowerCase() === r.root.toLowerCase()) {
      p.store.rootMismatches.clear(chainId, r.block);
      p.store.markImported(chainId, Number(r.layer), r.block, null);
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
      args: [missing.map((r) => ({ chainId: r.layer, blockOrBatchNumber: BigInt(r.block), sides: [r.root] }))],
    });
    const sent = await sendTransaction({
      upstream: p.l2,
      chainId: p.chainId,
      sender: p.systemCaller,
      to: INTEROP_CENTER_ADDRESS,
      data,
      gas: importGasLimit(missing.length, data),
    });
    for (const r of missing) p.store.markImported(chainId, Number(r.layer), r.block, sent.hash);
  }
  return { added: missing.length, more };
}
