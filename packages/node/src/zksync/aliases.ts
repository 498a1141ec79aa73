import type { Hex } from 'viem';

/**
 * Both directions of the ZKsync-hash ↔ anvil-hash map. Synchronous so that rewriting a long list of logs stays
 * cheap with a synchronous store (the node keeps it in SQLite). Implementations compare hashes case-insensitively.
 */
export interface TxHashAliases {
  put(zkHash: Hex, anvilHash: Hex): void;
  anvilHashOf(zkHash: Hex): Hex | undefined;
  zkHashOf(anvilHash: Hex): Hex | undefined;
}

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
