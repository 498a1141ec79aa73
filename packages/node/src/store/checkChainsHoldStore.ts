import type { Hex } from 'viem';
import { NodeError, UpstreamError } from '../errors.js';
import type { Upstream } from '../rpc/upstream.js';
import type { Store } from './store.js';

/** The chains do not hold what the node's store says they hold (they were reset or replaced behind it). */
export class ChainsBehindStoreError extends NodeError {
  override name = 'ChainsBehindStoreError';
}

/** Parameters of {@link checkChainsHoldStore}. */
export type CheckChainsHoldStoreParameters = {
  store: Store;
  settlement: { chainId: bigint; upstream: Upstream };
  chains: { chainId: bigint; upstream: Upstream }[];
  /** Told about a chain that could not be checked because it did not answer. */
  log?: (line: string) => void;
};

/**
 * Checks, before the node starts its loops, that every chain still holds what the store recorded about it: the
 * settlement layer reaches the last block the watcher applied; each L2 reaches the last sealed block, has the
 * newest sealed transaction in that same block, and has the newest root-import transaction. Chains ahead of the
 * store are fine (the node catches up); chains behind it would make the node serve proofs for blocks that no
 * longer exist, so this throws {@link ChainsBehindStoreError} naming the first difference. A chain that does not
 * answer is not checked (the node's loops wait for it as for any outage).
 */
export async function checkChainsHoldStore(p: CheckChainsHoldStoreParameters): Promise<void> {
  const unreachable = (chainId: bigint) => (err: unknown) => {
    if (!(err instanceof UpstreamError) || err.code !== undefined) throw err;
    p.log?.(`chain ${chainId} did not answer: not checked against the store at start`);
  };
  await checkSettlement(p).catch(unreachable(p.settlement.chainId));
  for (const chain of p.chains) await checkL2(p.store, chain).catch(unreachable(chain.chainId));
}

const head = async (upstream: Upstream) => Number(BigInt(await upstream.request<Hex>('eth_blockNumber')));
const behind = (what: string) => {
  throw new ChainsBehindStoreError(`the chains are behind the node's store: ${what}`);
};

async function checkSettlement(p: CheckChainsHoldStoreParameters): Promise<void> {
  const applied = p.store.getSettlementProgress(Number(p.settlement.chainId));
  if (applied === undefined) return;
  const settlementHead = await head(p.settlement.upstream);
  if (settlementHead < applied)
    behind(
      `settlement layer ${p.settlement.chainId} ends at block ${settlementHead}, the store applied up to ${applied}`,
    );
}

async function checkL2(store: Store, chain: { chainId: bigint; upstream: Upstream }): Promise<void> {
  const chainId = Number(chain.chainId);
  const sealed = store.getChainProgress(chainId).lastSealedBlock;
  const chainHead = await head(chain.upstream);
  if (chainHead < sealed) behind(`chain ${chainId} ends at block ${chainHead}, the store sealed up to ${sealed}`);
  const lastTx = store.getLastSealedTx(chainId);
  if (lastTx) {
    const tx = await chain.upstream.request<{ blockNumber: Hex | null } | null>('eth_getTransactionByHash', [
      lastTx.hash,
    ]);
    if (!tx || tx.blockNumber === null || Number(BigInt(tx.blockNumber)) !== lastTx.blockNumber)
      behind(`chain ${chainId} does not hold transaction ${lastTx.hash} of block ${lastTx.blockNumber}`);
  }
  const lastImport = store.getLastImportTx(chainId);
  if (lastImport) {
    const receipt = await chain.upstream.request<unknown>('eth_getTransactionReceipt', [lastImport.txHash]);
    if (!receipt)
      behind(
        `chain ${chainId} does not hold the import of settlement block ${lastImport.block} (${lastImport.txHash})`,
      );
  }
}
