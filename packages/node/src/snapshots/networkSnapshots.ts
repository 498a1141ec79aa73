import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Hex, numberToHex } from 'viem';
import { RpcError, UpstreamError } from '../errors.js';
import type { Gate } from '../loop.js';
import type { Upstream } from '../rpc/upstream.js';
import type { Store } from '../store/store.js';

/** JSON-RPC error code of a network snapshot or revert that could not be done (server error range). */
export const NETWORK_SNAPSHOT_FAILED = -32000;

/** One chain whose history a network snapshot covers. */
export type SnapshotChain = { chainId: bigint; upstream: Upstream };

/** Parameters of {@link NetworkSnapshots}. */
export type NetworkSnapshotsParameters = {
  /** Every chain the node talks to (settlement layer, L2s, any tier between): all are snapshotted together. */
  chains: SnapshotChain[];
  store: Store;
  /** The gate every loop step and endpoint request runs in. */
  gate: Gate;
  /** Directory for the store copies; emptied now and when {@link NetworkSnapshots.clear} is called. */
  dir: string;
  /** Called after a revert (inside the exclusive section): drop in-memory state derived from the store. */
  afterRevert: () => void;
};

type Snapshot = { chainSnapshots: Hex[]; storeCopy: string };

/**
 * Snapshots of the whole network: every chain's anvil (`evm_snapshot`) and the node's store, taken while no
 * loop step and no endpoint request runs, so chains and store describe the same moment. Reverting puts every
 * chain and the store back together and consumes that snapshot and every later one, as anvil does.
 */
export class NetworkSnapshots {
  private readonly snapshots = new Map<bigint, Snapshot>();
  private nextId = 0n;

  constructor(private readonly p: NetworkSnapshotsParameters) {
    this.clear();
  }

  /** Takes a snapshot; resolves to its id (a hex quantity, like anvil's). */
  snapshot(): Promise<Hex> {
    return this.p.gate.exclusive(async () => {
      const chainSnapshots = await Promise.all(
        this.p.chains.map((c) => this.call<Hex>(c, 'evm_snapshot', [], 'snapshot')),
      );
      const id = this.nextId++;
      const storeCopy = join(this.p.dir, `${id}.sqlite`);
      rmSync(storeCopy, { force: true });
      this.p.store.saveCopy(storeCopy);
      this.snapshots.set(id, { chainSnapshots, storeCopy });
      return numberToHex(id);
    });
  }

  /**
   * Reverts every chain and the store to snapshot `id`. False for an unknown (or already consumed) id, as anvil
   * answers; throws a JSON-RPC error if a chain refuses, since the network is then no longer consistent.
   */
  revert(id: bigint): Promise<boolean> {
    return this.p.gate.exclusive(async () => {
      const snapshot = this.snapshots.get(id);
      if (!snapshot) return false;
      const results = await Promise.all(
        this.p.chains.map((c, i) => this.call<boolean>(c, 'evm_revert', [snapshot.chainSnapshots[i]], 'revert')),
      );
      const refused = this.p.chains.filter((_, i) => results[i] !== true).map((c) => c.chainId);
      if (refused.length > 0)
        throw new RpcError(
          NETWORK_SNAPSHOT_FAILED,
          `network revert failed: chain ${refused.join(', ')} no longer has the snapshot (was it reverted directly on its anvil?); the chains now disagree, restart the devnet`,
        );
      this.p.store.restoreFrom(snapshot.storeCopy);
      for (const [later, s] of this.snapshots)
        if (later >= id) {
          rmSync(s.storeCopy, { force: true });
          this.snapshots.delete(later);
        }
      this.p.afterRevert();
      return true;
    });
  }

  /** Forgets every snapshot and removes the store copies. */
  clear(): void {
    this.snapshots.clear();
    rmSync(this.p.dir, { recursive: true, force: true });
    mkdirSync(this.p.dir, { recursive: true });
  }

  private async call<T>(chain: SnapshotChain, method: string, params: unknown[], what: string): Promise<T> {
    try {
      return await chain.upstream.request<T>(method, params);
    } catch (err) {
      const reason = err instanceof UpstreamError ? err.shortMessage : (err as Error).message;
      throw new RpcError(NETWORK_SNAPSHOT_FAILED, `network ${what} failed on chain ${chain.chainId}: ${reason}`);
    }
  }
}
