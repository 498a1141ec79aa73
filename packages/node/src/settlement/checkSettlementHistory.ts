import { type Hex, numberToHex } from 'viem';
import { UpstreamError } from '../errors.js';
import { getBlockHashes, type Upstream } from '../rpc/upstream.js';
import type { Store } from '../store/store.js';

/** Stored block hashes compared per upstream round trip while looking for where the history changed. */
const FORK_SEARCH_PAGE = 64;

/** What {@link checkSettlementHistory} found. */
export type CheckSettlementHistoryReturnType =
  | { changed: false; latest: number }
  /**
   * The watcher's state was dropped; blocks up to `keepThrough` are unchanged. `importedThrough`: the highest
   * block whose root some L2 holds; `skippedTo`: the head after mining past it (anvil only), else undefined.
   */
  | { changed: true; keepThrough: number; importedThrough: number; skippedTo: number | undefined };

/**
 * Compares the hash of the last settlement block the watcher applied with the settlement layer. If the
 * settlement layer's history changed (a reorg, a rollback), everything read from it is dropped from the store
 * (batch statuses, roots, mirrored trees) so the watcher reads it again; the submitter always asks the
 * settlement contract what to send, so nothing is committed twice. Roots imported for blocks after the newest
 * unchanged one are checked again by the importers. Returns the head when nothing changed.
 */
export async function checkSettlementHistory(p: {
  store: Store;
  settlement: Upstream;
  settlementChainId: bigint;
  startBlock: number;
}): Promise<CheckSettlementHistoryReturnType> {
  const sl = Number(p.settlementChainId);
  const progress = p.store.getSettlementProgress(sl);
  const [last] = progress === undefined ? [] : p.store.history.getSettlementHashes(sl, progress, 1);
  const [head, block] = await p.settlement.batch([
    { method: 'eth_blockNumber' },
    ...(last ? [{ method: 'eth_getBlockByNumber', params: [numberToHex(last.number), false] }] : []),
  ]);
  if (head instanceof UpstreamError) throw head;
  if (block instanceof UpstreamError) throw block;
  const latest = Number(BigInt(head as Hex));
  if (!last || (block as { hash: Hex } | null)?.hash.toLowerCase() === last.hash) return { changed: false, latest };
  const keepThrough = await newestUnchangedBlock(p, last.number);
  const importedThrough = p.store.history.rewindSettlement(sl, keepThrough);
  const skippedTo = importedThrough > latest ? await mineAnvilPast(p.settlement, latest, importedThrough) : undefined;
  return { changed: true, keepThrough, importedThrough, skippedTo };
}

// L2s keep the roots they were given for the lost blocks (roots are never overwritten), so a new root at one of
// those numbers would never verify there. On anvil, empty blocks move the head past them; elsewhere the chain's
// own blocks do, and until then the roots of reused numbers differ (see docs/node.md).
async function mineAnvilPast(settlement: Upstream, latest: number, importedThrough: number) {
  const client = await settlement.request<string>('web3_clientVersion').catch(() => '');
  if (!client.toLowerCase().startsWith('anvil')) return undefined;
  await settlement.request('anvil_mine', [numberToHex(importedThrough - latest)]);
  return importedThrough;
}

// The newest recorded settlement block whose hash the settlement layer still has (deploy block - 1 if none).
async function newestUnchangedBlock(
  p: { store: Store; settlement: Upstream; settlementChainId: bigint; startBlock: number },
  below: number,
) {
  let atOrBelow = below;
  for (;;) {
    const stored = p.store.history.getSettlementHashes(Number(p.settlementChainId), atOrBelow, FORK_SEARCH_PAGE);
    if (stored.length === 0) return p.startBlock - 1;
    const current = await getBlockHashes(
      p.settlement,
      stored.map((b) => b.number),
    );
    const match = stored.findIndex((b, i) => current[i] === b.hash);
    if (match >= 0) return stored[match].number;
    atOrBelow = stored[stored.length - 1].number - 1;
  }
}
