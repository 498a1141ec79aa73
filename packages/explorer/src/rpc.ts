// JSON-RPC over fetch, and viem clients for the SDK's actions. The explorer talks to the node's endpoints only.
import { createPublicClient, http, type PublicClient } from 'viem';
import type { ChainConfig, ExplorerConfig } from './config.js';

/** A JSON-RPC error answer, with its code. */
export class RpcCallError extends Error {
  constructor(
    readonly method: string,
    readonly code: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'RpcCallError';
  }
}

let nextId = 1;

/** Calls `method` on `rpcUrl`; rejects with {@link RpcCallError} on an error answer or no answer. */
export async function rpcCall<T>(rpcUrl: string, method: string, params: unknown[] = []): Promise<T> {
  let res: Response;
  try {
    res = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }),
    });
  } catch {
    throw new RpcCallError(method, undefined, `the node endpoint ${rpcUrl} does not answer`);
  }
  let body: { result?: T; error?: { code: number; message: string } };
  try {
    body = await res.json();
  } catch {
    throw new RpcCallError(method, undefined, `the node endpoint ${rpcUrl} answered HTTP ${res.status} without JSON`);
  }
  if (body.error) throw new RpcCallError(method, body.error.code, body.error.message);
  return body.result as T;
}

/** The network's endpoints: the index (any L2 answers the network-wide interop_* methods) and one per chain. */
export class Network {
  private readonly clients = new Map<number, PublicClient>();

  constructor(readonly config: ExplorerConfig) {}

  /** Every chain, the settlement layer first. */
  get allChains(): ChainConfig[] {
    return [this.config.settlement, ...this.config.chains];
  }

  chain(chainId: number): ChainConfig | undefined {
    return this.allChains.find((c) => c.chainId === chainId);
  }

  isL2(chainId: number): boolean {
    return this.config.chains.some((c) => c.chainId === chainId);
  }

  /** A network-wide interop_* call. */
  index<T>(method: string, params: unknown[] = []): Promise<T> {
    return rpcCall<T>(this.config.chains[0].rpcUrl, method, params);
  }

  /** A call on one chain's endpoint. */
  on<T>(chainId: number, method: string, params: unknown[] = []): Promise<T> {
    const chain = this.chain(chainId);
    if (!chain) return Promise.reject(new Error(`chain ${chainId} is not part of this network`));
    return rpcCall<T>(chain.rpcUrl, method, params);
  }

  /** A viem client of one chain, for the SDK's actions. */
  client(chainId: number): PublicClient {
    let client = this.clients.get(chainId);
    if (!client) {
      const chain = this.chain(chainId);
      if (!chain) throw new Error(`chain ${chainId} is not part of this network`);
      client = createPublicClient({ transport: http(chain.rpcUrl, { retryCount: 0, timeout: 15_000 }) });
      this.clients.set(chainId, client);
    }
    return client;
  }
}
