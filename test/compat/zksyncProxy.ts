// A minimal JSON-RPC front for one anvil that uses the ZKsync hooks exactly as the node's endpoint is meant to
// (rewrite params → ZKsync methods or pass-through → rewrite result). It lets the hooks be tested against a real
// anvil with zksync-ethers independently of the node.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  handleZkSyncMethod,
  MemoryTxHashAliases,
  rewriteRequestParams,
  rewriteResponse,
  type Upstream,
  ZkSyncCompatError,
} from '@interop/node/zksync';

/** A JSON-RPC error returned by the upstream node, kept intact so the proxy can answer with it. */
export class UpstreamRpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

/** An {@link Upstream} over HTTP. */
export function httpUpstream(rpcUrl: string): Upstream {
  let id = 0;
  return async (method, params) => {
    const res = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }),
    });
    const body = (await res.json()) as { result?: unknown; error?: { code: number; message: string; data?: unknown } };
    if (body.error) throw new UpstreamRpcError(body.error.code, body.error.message, body.error.data);
    return body.result;
  };
}

export type ZkSyncProxy = { url: string; aliases: MemoryTxHashAliases; upstream: Upstream; stop(): Promise<void> };

/** Starts the proxy on a free port of 127.0.0.1 in front of `rpcUrl`. */
export async function startZkSyncProxy(rpcUrl: string, chainId: bigint): Promise<ZkSyncProxy> {
  const aliases = new MemoryTxHashAliases();
  const upstream = httpUpstream(rpcUrl);

  const answer = async (req: { id?: unknown; method: string; params?: unknown[] }) => {
    try {
      const params = rewriteRequestParams(req.method, req.params ?? [], aliases);
      const z = await handleZkSyncMethod(req.method, params, { upstream, chainId, aliases });
      const result = z.handled ? z.result : await upstream(req.method, params);
      return { jsonrpc: '2.0', id: req.id, result: rewriteResponse(req.method, result, aliases) ?? null };
    } catch (err) {
      if (err instanceof ZkSyncCompatError)
        return { jsonrpc: '2.0', id: req.id, error: { code: err.code, message: err.shortMessage, data: err.details } };
      if (err instanceof UpstreamRpcError)
        return { jsonrpc: '2.0', id: req.id, error: { code: err.code, message: err.message, data: err.data } };
      return { jsonrpc: '2.0', id: req.id, error: { code: -32603, message: String(err) } };
    }
  };

  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      void (async () => {
        const parsed = JSON.parse(body) as Parameters<typeof answer>[0] | Parameters<typeof answer>[0][];
        const out = Array.isArray(parsed) ? await Promise.all(parsed.map(answer)) : await answer(parsed);
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify(out));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    aliases,
    upstream,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
