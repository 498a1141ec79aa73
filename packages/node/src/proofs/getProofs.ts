import type { RpcInteropMessageProof } from '@interop/sdk';
import type { Hex } from 'viem';
import { numberToHex } from 'viem';
import { EncodedJson } from '../rpc/encodedJson.js';
import type { ProofRow, Store } from '../store/store.js';
import { composeGatewayProof, composePlainProof } from './compose.js';

/** ZKsync's proof answer: `id` is the log's index in its batch, `root` the batch's ChainBatchRoot. */
export type LogProof = { proof: Hex[]; id: number; root: Hex };

/** What interop_getMessageProof returns: ready to pass as InteropCenter's InteropProof (the SDK's wire type). */
export type MessageProof = RpcInteropMessageProof;

/**
 * Serves proofs from the store alone (one indexed lookup, no upstream call). Gateway proofs were checked with
 * verifyProof when their batch executed; plain proofs when their batch was sealed.
 */
export class ProofService {
  private readonly aggregatedRoots = new Map<number, Hex>();
  // Proofs never change once served (a batch's proof is fixed when it is sealed / executed), so recent answers
  // are kept, least recently used dropped first; null answers are not, as they change when the batch moves on.
  // Bounded (~5 KB an entry with its JSON), so memory stays flat.
  private readonly cache = new Map<string, LogProof | MessageProof>();
  private readonly encoded = new Map<string, EncodedJson>();
  private static readonly CACHE_SIZE = 8192;

  constructor(
    private readonly store: Store,
    private readonly settlementChainId: bigint,
    aggregatedRootOf: (chainId: bigint) => Hex,
    chainIds: bigint[],
  ) {
    for (const id of chainIds) this.aggregatedRoots.set(Number(id), aggregatedRootOf(id));
  }

  private build(row: ProofRow, gateway: boolean): LogProof | null {
    const aggregatedRoot = this.aggregatedRoots.get(row.chainId);
    if (!aggregatedRoot) return null;
    if (!gateway) return { proof: composePlainProof(row.path, aggregatedRoot), id: row.idx, root: row.chainBatchRoot };
    if (!row.gwTail) return null;
    return { proof: composeGatewayProof(row.gwTail, row.path, aggregatedRoot), id: row.idx, root: row.chainBatchRoot };
  }

  /** Forgets every served proof (after a network revert, when proofs of reverted messages are gone). */
  clearCache(): void {
    this.cache.clear();
    this.encoded.clear();
  }

  private cached<T extends LogProof | MessageProof>(key: string, compute: () => T | null): T | null {
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key); // re-inserted last: the Map's order is the recency order
      this.cache.set(key, hit);
      return hit as T;
    }
    const value = compute();
    if (value) {
      if (this.cache.size >= ProofService.CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, value);
    }
    return value;
  }

  /** zks_getL2ToL1LogProof: null if the log is unknown, not on `chainId`, or (gateway form) not yet executed. */
  logProof(chainId: number, txHash: Hex, txLogIndex: number, gateway: boolean): LogProof | null {
    return this.cached(`${chainId}:${gateway ? 'g' : 'p'}:${txHash.toLowerCase()}:${txLogIndex}`, () => {
      const row = this.store.getProofRowOfTx(txHash, txLogIndex);
      if (!row || row.chainId !== chainId) return null;
      return this.build(row, gateway);
    });
  }

  /** interop_getMessageProof: null until the message's batch is executed and its proof checked. */
  messageProof(chainId: number, interopHash: Hex): MessageProof | null {
    return this.cached(`${chainId}:m:${interopHash.toLowerCase()}`, () => this.buildMessageProof(chainId, interopHash));
  }

  /** interop_getMessageProof's answer as JSON text, serialized once per message and kept like the proof. */
  messageProofJson(chainId: number, interopHash: Hex): EncodedJson | null {
    const key = `${chainId}:m:${interopHash.toLowerCase()}`;
    const hit = this.encoded.get(key);
    if (hit) {
      this.encoded.delete(key);
      this.encoded.set(key, hit);
      return hit;
    }
    const proof = this.buildMessageProof(chainId, interopHash);
    if (!proof) return null;
    const json = new EncodedJson(JSON.stringify(proof));
    if (this.encoded.size >= ProofService.CACHE_SIZE) this.encoded.delete(this.encoded.keys().next().value!);
    this.encoded.set(key, json);
    return json;
  }

  private buildMessageProof(chainId: number, interopHash: Hex): MessageProof | null {
    const row = this.store.getProofRowOfInterop(interopHash);
    if (!row || row.chainId !== chainId || !row.gwTail || row.settlementBlock === null || !row.settlementRoot)
      return null;
    const built = this.build(row, true);
    if (!built) return null;
    return {
      chainId: numberToHex(row.chainId),
      l1BatchNumber: numberToHex(row.batch),
      l2MessageIndex: numberToHex(row.idx),
      txNumberInBatch: row.txNumber,
      proof: built.proof,
      root: row.settlementRoot,
      settlementLayer: { chainId: numberToHex(this.settlementChainId), blockNumber: numberToHex(row.settlementBlock) },
    };
  }
}
