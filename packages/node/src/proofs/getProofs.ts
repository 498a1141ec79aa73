import type { RpcInteropMessageProof } from '@interop/sdk';
import { getLeafChainAggregatedRoot } from '@interop/sdk/core';
import type { Hex } from 'viem';
import { numberToHex } from 'viem';
import { EncodedJson } from '../rpc/encodedJson.js';
import type { ProofRow, Store } from '../store/store.js';
import { composeGatewayProof, composePlainProof } from './compose.js';
import { RecentCache } from './recentCache.js';

/** ZKsync's proof answer: `id` is the log's index in its batch, `root` the batch's ChainBatchRoot. */
export type LogProof = { proof: Hex[]; id: number; root: Hex };

/** What interop_getMessageProof returns: ready to pass as InteropCenter's InteropProof (the SDK's wire type). */
export type MessageProof = RpcInteropMessageProof;

/** Where a proof ends: the source chain's settlement layer, or L1 (three levels for a chain on a Gateway). */
export type ProofTarget = 'settlement' | 'l1';

/** Who settles where and which roots each chain holds: what picking a proof for a destination needs. */
export type ProofTopology = {
  l1ChainId: bigint;
  chains: { chainId: bigint; settlesOn: bigint; importsFrom: bigint[] }[];
};

/** Entries of one generation of the proof caches (each keeps up to twice as many). */
const PROOF_CACHE_GENERATION = 4096;

/**
 * Serves proofs from the store alone (one indexed lookup, no upstream call). Gateway proofs were checked with
 * verifyProof when their batch executed (three-level ones when the Gateway's batch executed on L1); plain
 * proofs when their batch was sealed.
 */
export class ProofService {
  private readonly settlesOn = new Map<number, bigint>();
  private readonly holds = new Map<bigint, bigint[]>();
  // Proofs never change once served (a batch's proof is fixed when it is sealed / executed), so recent answers
  // are kept (RecentCache: up to 2 × PROOF_CACHE_GENERATION); null answers are not, as they change when the batch moves on.
  // Bounded (~5 KB an entry with its JSON), so memory stays flat.
  private readonly cache = new RecentCache<string, LogProof | MessageProof>(PROOF_CACHE_GENERATION);
  // interop_getMessageProof's answers as JSON, by target and interop hash (with the chain asked, as each endpoint
  // asks for its own chain's messages only).
  private readonly encoded = {
    settlement: new RecentCache<string, { chainId: number; json: EncodedJson }>(PROOF_CACHE_GENERATION),
    l1: new RecentCache<string, { chainId: number; json: EncodedJson }>(PROOF_CACHE_GENERATION),
  };
  constructor(
    private readonly store: Store,
    private readonly topology: ProofTopology,
  ) {
    for (const c of topology.chains) {
      this.settlesOn.set(Number(c.chainId), c.settlesOn);
      this.holds.set(c.chainId, c.importsFrom);
    }
    this.holds.set(topology.l1ChainId, [topology.l1ChainId]);
  }

  /**
   * The proof a destination chain can verify: the first layer on the source's way up (its settlement layer, then
   * L1) whose roots the destination holds. Undefined for a destination this node does not know.
   */
  targetFor(sourceChainId: number, destinationChainId: bigint): ProofTarget | undefined {
    const holds = this.holds.get(destinationChainId);
    const settlesOn = this.settlesOn.get(sourceChainId);
    if (!holds || settlesOn === undefined) return undefined;
    return holds.includes(settlesOn) ? 'settlement' : 'l1';
  }

  // A proof to L1 differs from the settlement one only for a chain on a Gateway.
  private throughGateway(chainId: number, target: ProofTarget): boolean {
    return target === 'l1' && this.settlesOn.get(chainId) !== this.topology.l1ChainId;
  }

  private build(row: ProofRow, gateway: boolean, target: ProofTarget): LogProof | null {
    if (!this.settlesOn.has(row.chainId)) return null;
    const aggregatedRoot = row.aggregatedRoot ?? getLeafChainAggregatedRoot(BigInt(row.chainId));
    if (!gateway) return { proof: composePlainProof(row.path, aggregatedRoot), id: row.idx, root: row.chainBatchRoot };
    const tail = this.throughGateway(row.chainId, target) ? row.l1Tail : row.gwTail;
    if (!tail) return null;
    return { proof: composeGatewayProof(tail, row.path, aggregatedRoot), id: row.idx, root: row.chainBatchRoot };
  }

  /** Forgets every served proof (after a network revert, when proofs of reverted messages are gone). */
  clearCache(): void {
    this.cache.clear();
    this.encoded.settlement.clear();
    this.encoded.l1.clear();
  }

  private cached<T extends LogProof | MessageProof>(key: string, compute: () => T | null): T | null {
    const hit = this.cache.get(key);
    if (hit) return hit as T;
    const value = compute();
    if (value) this.cache.set(key, value);
    return value;
  }

  /** zks_getL2ToL1LogProof: null if the log is unknown, not on `chainId`, or (gateway form) not yet executed. */
  logProof(
    chainId: number,
    txHash: Hex,
    txLogIndex: number,
    gateway: boolean,
    target: ProofTarget = 'settlement',
  ): LogProof | null {
    const key = `${chainId}:${gateway ? `g${target}` : 'p'}:${txHash.toLowerCase()}:${txLogIndex}`;
    return this.cached(key, () => {
      const row = this.store.getProofRowOfTx(txHash, txLogIndex);
      if (!row || row.chainId !== chainId) return null;
      return this.build(row, gateway, target);
    });
  }

  /** interop_getMessageProof: null until the message's batch is executed (on L1 for `'l1'`) and its proof checked. */
  messageProof(chainId: number, interopHash: Hex, target: ProofTarget = 'settlement'): MessageProof | null {
    return this.cached(`${chainId}:m${target}:${interopHash.toLowerCase()}`, () =>
      this.buildMessageProof(chainId, interopHash, target),
    );
  }

  /** interop_getMessageProof's answer as JSON text, serialized once per message and target and kept like the proof. */
  messageProofJson(chainId: number, interopHash: Hex, target: ProofTarget = 'settlement'): EncodedJson | null {
    const hash = interopHash.toLowerCase();
    const cache = this.encoded[target];
    const hit = cache.get(hash);
    if (hit?.chainId === chainId) return hit.json;
    const proof = this.buildMessageProof(chainId, interopHash, target);
    if (!proof) return null;
    const json = new EncodedJson(JSON.stringify(proof));
    cache.set(hash, { chainId, json });
    return json;
  }

  private buildMessageProof(chainId: number, interopHash: Hex, target: ProofTarget): MessageProof | null {
    const row = this.store.getProofRowOfInterop(interopHash);
    if (!row || row.chainId !== chainId) return null;
    const viaGateway = this.throughGateway(chainId, target);
    const layer = viaGateway ? this.topology.l1ChainId : this.settlesOn.get(chainId);
    const block = viaGateway ? row.l1Block : row.settlementBlock;
    const root = viaGateway ? row.l1Root : row.settlementRoot;
    if (layer === undefined || block === null || !root) return null;
    const built = this.build(row, true, target);
    if (!built) return null;
    return {
      chainId: numberToHex(row.chainId),
      l1BatchNumber: numberToHex(row.batch),
      l2MessageIndex: numberToHex(row.idx),
      txNumberInBatch: row.txNumber,
      proof: built.proof,
      root,
      settlementLayer: { chainId: numberToHex(layer), blockNumber: numberToHex(block) },
    };
  }
}
