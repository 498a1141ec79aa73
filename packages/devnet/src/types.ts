import type { Address } from 'viem';
import type { DevnetAccount } from './accounts.js';

/** One chain of a running devnet. */
export type DevnetChain = {
  chainId: bigint;
  /** Public JSON-RPC endpoint (the node's, with the zks_/interop_ methods). */
  rpcUrl: string;
  /** The anvil behind it, on an internal port. Plain EVM JSON-RPC only. */
  anvilRpcUrl: string;
};

/** What a running devnet is made of: everything a client needs to talk to it. */
export type DevnetInfo = {
  l1: DevnetChain;
  /** The middle settlement layer of a three-tier network: a chain (L2 endpoint) that L2s settle on. */
  gateway?: DevnetChain;
  /** The L2s, each with the chain it settles on (L1's id, or the Gateway's). */
  l2s: (DevnetChain & { settlesOn: bigint })[];
  /** Funded user accounts (anvil's default keys); the devnet never sends from them. */
  accounts: DevnetAccount[];
  /** Contract addresses by name: L2 system contracts (same on every L2) and settlement-layer contracts. */
  contracts: Record<string, Address>;
  /** Addresses the devnet itself sends from (deployer, one operator per L2). */
  devnetSenders: { label: string; address: Address }[];
  /** Seconds between batches are `batchMs` / 1000. */
  batchMs: number;
  /** Seconds between the L2s' blocks when they mine on an interval; absent: a block per transaction. */
  blockTime?: number;
  dataDir: string;
  /** The explorer's address, when the devnet serves it. */
  explorer?: { url: string };
};

/** The content of `<data-dir>/devnet.json`. Chain ids are JSON numbers. */
export type DevnetJson = {
  l1: { chainId: number; rpcUrl: string };
  /** Only on a network with a Gateway. */
  gateway?: { chainId: number; rpcUrl: string };
  l2: { chainId: number; rpcUrl: string; settlesOn: number }[];
  accounts: DevnetAccount[];
  contracts: Record<string, Address>;
  /** Present when the devnet serves the explorer. */
  explorer?: { url: string };
};
