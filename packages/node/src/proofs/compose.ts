import {
  bytesToHexFast,
  getLeafChainAggregatedRoot,
  hashL2ToL1Log,
  L1_MESSENGER_ADDRESS,
  verifyProof,
} from '@interop/sdk/core';
import type { Hex } from 'viem';
import type { LogRow, Store } from '../store/store.js';

/** Splits a buffer of 32-byte words into hex words. */
export function bufferToWords(buffer: Uint8Array): Hex[] {
  const out: Hex[] = new Array(buffer.length >> 5);
  for (let i = 0; i < out.length; i++) out[i] = bytesToHexFast(buffer, i * 32, 32);
  return out;
}

/** The plain (single-level) proof of a log: 14 log-tree words and the aggregated root, up to the ChainBatchRoot. */
export function composePlainProof(path: Uint8Array, aggregatedRoot: Hex): Hex[] {
  const words = bufferToWords(path);
  words.push(aggregatedRoot);
  return words;
}

/**
 * The gateway proof of a log: the batch's metadata word, the log's 14 words and the aggregated root, then the
 * batch's tail (batch leaf mask, chain tree path, packed settlement block/chain index, settlement chain id and
 * the final shared-tree segment). The tail is stored once per batch with its metadata word in front.
 */
export function composeGatewayProof(tail: Uint8Array, path: Uint8Array, aggregatedRoot: Hex): Hex[] {
  const words: Hex[] = [bytesToHexFast(tail, 0, 32)];
  for (let i = 0; i < path.length; i += 32) words.push(bytesToHexFast(path, i, 32));
  words.push(aggregatedRoot);
  for (let i = 32; i < tail.length; i += 32) words.push(bytesToHexFast(tail, i, 32));
  return words;
}

/** Leaf hash of a stored log (rebuilt from its fields; L1Messenger logs are shard 0, service). */
export function leafOfLogRow(row: Pick<LogRow, 'txNumber' | 'key' | 'value'>): Hex {
  return hashL2ToL1Log({
    l2ShardId: 0,
    isService: true,
    txNumberInBatch: row.txNumber,
    sender: L1_MESSENGER_ADDRESS,
    key: row.key,
    value: row.value,
  });
}

/**
 * Throws unless every log of the batch, proven with the gateway `tail`, ends in `expected.root` at
 * (`expected.settlementChainId`, `expected.blockNumber`): a tail is kept only when all its batch's logs verify.
 * One log is checked: the tail (from the batch's ChainBatchRoot up) is the same for every log, and every log's own
 * path to that root comes from the one log tree the sequencer built and spot-checked when sealing (sealBatch), so
 * one log verifying shows that all do — checking each log again cost ~8% of the node's CPU under load.
 */
export function assertBatchLogsProve(
  store: Store,
  batch: { chainId: number; number: number; aggregatedRoot: Hex | null },
  tail: Uint8Array,
  expected: { root: Hex; settlementChainId: bigint; blockNumber: bigint },
): void {
  const aggregatedRoot = batch.aggregatedRoot ?? getLeafChainAggregatedRoot(BigInt(batch.chainId));
  const first = store.getFirstLogOfBatch(batch.chainId, batch.number);
  for (const row of first ? [first] : []) {
    const where = `log ${row.idx} of batch ${batch.number} (chain ${batch.chainId})`;
    let result: ReturnType<typeof verifyProof>;
    try {
      result = verifyProof({
        chainId: BigInt(batch.chainId),
        batchNumber: BigInt(batch.number),
        leafIndex: row.idx,
        leaf: leafOfLogRow(row),
        proof: composeGatewayProof(tail, row.path, aggregatedRoot),
      });
    } catch (err) {
      throw new Error(`${where} does not verify: ${(err as Error).message.split('\n')[0]}`);
    }
    const sl = result.settlementLayer;
    if (
      result.root !== expected.root ||
      sl.chainId !== expected.settlementChainId ||
      sl.blockNumber !== expected.blockNumber
    )
      throw new Error(`${where} does not verify: proves to ${result.root} at (${sl.chainId}, ${sl.blockNumber})`);
  }
}
