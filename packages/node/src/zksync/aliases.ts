import type { Address, Hex } from 'viem';

/**
 * Both directions of the ZKsync-hash ↔ anvil-hash map. Synchronous so that rewriting a long list of logs stays
 * cheap with a synchronous store (the node keeps it in SQLite). Implementations compare hashes case-insensitively.
 */
export interface TxHashAliases {
  /** Records the alias (and settles the transaction's intent, if one was written). */
  put(zkHash: Hex, anvilHash: Hex): void;
  anvilHashOf(zkHash: Hex): Hex | undefined;
  zkHashOf(anvilHash: Hex): Hex | undefined;
  /**
   * Writes down, before it is sent, which (sender, nonce) a ZKsync transaction is executed as: after a crash
   * between the send and {@link put}, the mined transaction with that sender and nonce is known to be it.
   * Durable implementations (the node's store) implement it; without it that window is not covered.
   */
  putIntent?(intent: ZkSendIntent): void;
  /** Forgets an intent whose send failed. */
  dropIntent?(zkHash: Hex): void;
  /** The intent written for (chainId, from, nonce), if it is not settled. */
  intentOf?(chainId: number, from: Address, nonce: number): ZkSendIntent | undefined;
  /** Whether any intent on `chainId` is not settled. */
  hasIntents?(chainId: number): boolean;
}

/** A ZKsync transaction about to be executed on `chainId` as `from` with `nonce` (see {@link TxHashAliases}). */
export type ZkSendIntent = {
  zkHash: Hex;
  chainId: number;
  from: Address;
  nonce: number;
  to: Address;
  /** keccak256 of the calldata, to recognise the transaction. */
  dataHash: Hex;
};

/** {@link TxHashAliases} kept in memory: for tests and nodes that do not persist state. */
export class MemoryTxHashAliases implements TxHashAliases {
  readonly #toAnvil = new Map<string, Hex>();
  readonly #toZk = new Map<string, Hex>();

  put(zkHash: Hex, anvilHash: Hex): void {
    const zk = zkHash.toLowerCase() as Hex;
    const anvil = anvilHash.toLowerCase() as Hex;
    this.#toAnvil.set(zk, anvil);
    this.#toZk.set(anvil, zk);
  }

  anvilHashOf(zkHash: Hex): Hex | undefined {
    return this.#toAnvil.get(zkHash.toLowerCase());
  }

  zkHashOf(anvilHash: Hex): Hex | undefined {
    return this.#toZk.get(anvilHash.toLowerCase());
  }

  get size(): number {
    return this.#toAnvil.size;
  }
}
