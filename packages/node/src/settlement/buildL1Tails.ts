import { type Hex, hexToBytes, numberToHex } from 'viem';
import { assertBatchLogsProve, bufferToWords } from '../proofs/compose.js';
import type { L1TailUpdate, Store } from '../store/store.js';
import type { SettlementHistory } from './history.js';

/** Parameters of {@link buildL1Tails}. */
export type BuildL1TailsParameters = {
  store: Store;
  /** The Gateway's trees, moved forward here (kept by the caller between calls). */
  history: SettlementHistory;
  gatewayChainId: number;
  l1ChainId: bigint;
  log: (line: string) => void;
};

/** A metadata word: version 1, the two path lengths, the final flag. */
function metadataWord(pathLen: number, batchLen: number, final: boolean): Hex {
  return `0x01${pathLen.toString(16).padStart(2, '0')}${batchLen.toString(16).padStart(2, '0')}${final ? '01' : '00'}${'0'.repeat(56)}`;
}

const word = (value: bigint): Hex => numberToHex(value, { size: 32 });

/**
 * Makes the chains on a Gateway provable on L1. For the Gateway's next batch N that is executed on L1, it takes
 * the Gateway's trees at the end of N (whose MessageRoot N committed as its aggregated root) and, for every batch
 * of a chain on the Gateway that executed on the Gateway within N's blocks, stores the three-level tail: the
 * batch's chain-tree path and `N << 128 | mask` on the Gateway, then the Gateway's shared-tree path followed by
 * N's LocalLogsRoot (the MessageRoot is the right child of the Gateway's ChainBatchRoot), then N's own proof on L1.
 * Every log of those batches is checked with verifyProof against L1's root before anything is stored.
 */
export async function buildL1Tails(p: BuildL1TailsParameters): Promise<{ built: number; more: boolean }> {
  const { store, gatewayChainId: gw } = p;
  const number = store.getL1TailProgress(gw) + 1;
  const gwBatch = store.getBatch(gw, number);
  if (gwBatch?.status !== 'executed' || gwBatch.settlementBlock === null) return { built: 0, more: false };
  const gwTail = store.getGatewayTail(gw, number);
  const l1Root = store.getSettlementBlock(Number(p.l1ChainId), gwBatch.settlementBlock)?.root;
  if (!gwTail || !l1Root || !gwBatch.aggregatedRoot) return { built: 0, more: false };
  // Every execution on the Gateway within the batch's blocks must be applied first.
  if ((store.getSettlementProgress(gw) ?? -1) < gwBatch.lastBlock) return { built: 0, more: false };
  p.history.advanceTo(gwBatch.lastBlock);
  if (p.history.root() !== gwBatch.aggregatedRoot) {
    throw new Error(
      `Gateway ${gw} batch ${number}: replayed MessageRoot ${p.history.root()} differs from the committed ${gwBatch.aggregatedRoot}`,
    );
  }
  const gwTailWords = bufferToWords(gwTail);
  const l1BatchLen = hexToBytes(gwTailWords[0])[2];
  const updates: L1TailUpdate[] = [];
  for (const b of store.getBatchesExecutedBetween(gw, gwBatch.firstBlock, gwBatch.lastBlock)) {
    const shared = p.history.sharedPath(b.chainId);
    const chainPath = p.history.chainPath(b.chainId, b.chainTreeIndex);
    if (!shared || !chainPath) throw new Error(`batch ${b.number} of chain ${b.chainId} is not in the Gateway's trees`);
    const mask = BigInt(shared.index) | (1n << BigInt(shared.path.length));
    const words: Hex[] = [
      metadataWord(15, chainPath.length, false),
      word(BigInt(b.chainTreeIndex)),
      ...chainPath,
      word((BigInt(number) << 128n) | mask),
      word(BigInt(gw)),
      metadataWord(shared.path.length + 1, l1BatchLen, false),
      ...shared.path,
      gwBatch.localRoot,
      ...gwTailWords.slice(1),
    ];
    const tail = Buffer.from(hexToBytes(`0x${words.map((w) => w.slice(2)).join('')}` as Hex));
    assertBatchLogsProve(store, b, tail, {
      root: l1Root,
      settlementChainId: p.l1ChainId,
      blockNumber: BigInt(gwBatch.settlementBlock),
    });
    updates.push({ chainId: b.chainId, number: b.number, tail, l1Block: gwBatch.settlementBlock, l1Root });
  }
  store.setL1Tails(gw, number, updates);
  if (updates.length > 0)
    p.log(`Gateway ${gw} batch ${number}: ${updates.length} batches of its chains provable on L1`);
  return { built: updates.length, more: true };
}
