import type { Address, Hex } from 'viem';
import { RpcError } from '../errors.js';
import type { Store } from '../store/store.js';
import {
  handleZkSyncMethod,
  rewriteRequestParams,
  rewriteResponse,
  type TxHashAliases,
  type ZkSendIntent,
} from '../zksync/index.js';
import { type L2MethodContext, l2Methods } from './l2Methods.js';
import { type RpcFastHandler, type RpcHandler, toRpcError } from './server.js';
import type { JsonRpcResponse } from './upstream.js';

/** ZKsync hash aliases kept in memory and written through to the store (so they survive a restart). */
export class StoreTxHashAliases implements TxHashAliases {
  private readonly toAnvil = new Map<string, Hex>();
  private readonly toZk = new Map<string, Hex>();
  constructor(private readonly store: Store) {
    this.reload();
  }
  /** Reads the aliases from the store again (after the store was reverted). */
  reload(): void {
    this.toAnvil.clear();
    this.toZk.clear();
    for (const { zkHash, anvilHash } of this.store.getTxAliases()) {
      this.toAnvil.set(zkHash, anvilHash);
      this.toZk.set(anvilHash, zkHash);
    }
  }
  put(zkHash: Hex, anvilHash: Hex): void {
    const zk = zkHash.toLowerCase() as Hex;
    const anvil = anvilHash.toLowerCase() as Hex;
    this.store.putTxAlias(zk, anvil);
    this.store.zkSendIntents.drop(zk);
    this.toAnvil.set(zk, anvil);
    this.toZk.set(anvil, zk);
  }
  putIntent(intent: ZkSendIntent): void {
    this.store.zkSendIntents.put(intent);
  }
  dropIntent(zkHash: Hex): void {
    this.store.zkSendIntents.drop(zkHash);
  }
  intentOf(chainId: number, from: Address, nonce: number): ZkSendIntent | undefined {
    return this.store.zkSendIntents.of(chainId, from, nonce);
  }
  hasIntents(chainId: number): boolean {
    return this.store.zkSendIntents.any(chainId);
  }
  anvilHashOf(zkHash: Hex): Hex | undefined {
    return this.toAnvil.get(zkHash.toLowerCase());
  }
  zkHashOf(anvilHash: Hex): Hex | undefined {
    return this.toZk.get(anvilHash.toLowerCase());
  }
}

/**
 * The request handler of an L2 endpoint: ZKsync hash aliasing and 0x71 transactions (compat hooks), the node's
 * own methods, and everything else forwarded to the upstream as is.
 */
export function createL2Handler(ctx: L2MethodContext & { aliases: TxHashAliases }): RpcHandler {
  const upstreamCall = (method: string, params: unknown[]) => ctx.upstream.request(method, params);
  return async (request) => {
    const id = request.id ?? null;
    const method = request.method;
    const params = rewriteRequestParams(method, (request.params as unknown[] | undefined) ?? [], ctx.aliases);
    let result: unknown;
    const z = await handleZkSyncMethod(method, params, {
      upstream: upstreamCall,
      chainId: ctx.chainId,
      aliases: ctx.aliases,
    });
    if (z.handled) result = z.result;
    else {
      const own = l2Methods[method];
      if (own) result = await own(ctx, params);
      else if (method.startsWith('zks_') || method.startsWith('interop_'))
        throw new RpcError(-32601, `the method ${method} does not exist/is not available`);
      else {
        const response = (await ctx.upstream.forward({ jsonrpc: '2.0', id, method, params })) as JsonRpcResponse;
        if (!response || typeof response !== 'object' || 'error' in response)
          return { ...response, id } as JsonRpcResponse;
        result = response.result;
      }
    }
    return { jsonrpc: '2.0', id, result: rewriteResponse(method, result, ctx.aliases) };
  };
}

/**
 * The requests of an L2 endpoint answered without a promise: `interop_getMessageProof`, served from the proof
 * cache or the store (SQLite reads are synchronous). The answer is the handler's: the method is the node's own
 * (no hash aliasing, no ZKsync rewriting, and the access wrapper lets it through for everyone), so it is only the
 * network gate the caller must still respect (run it in `Gate.runNow`).
 */
export function createL2FastHandler(ctx: L2MethodContext): RpcFastHandler {
  const messageProof = l2Methods.interop_getMessageProof;
  return (request) => {
    if (request.method !== 'interop_getMessageProof') return undefined;
    const id = request.id ?? null;
    try {
      return { jsonrpc: '2.0', id, result: messageProof(ctx, (request.params as unknown[] | undefined) ?? []) };
    } catch (err) {
      return { jsonrpc: '2.0', id, error: toRpcError(err) };
    }
  };
}

/** The settlement layer endpoint: a plain pass-through. */
export function createPassThroughHandler(upstream: { forward(body: unknown): Promise<unknown> }): RpcHandler {
  return async (request) => {
    const response = (await upstream.forward({
      jsonrpc: '2.0',
      id: request.id ?? null,
      method: request.method,
      params: request.params ?? [],
    })) as JsonRpcResponse;
    return { ...response, id: request.id ?? null };
  };
}
