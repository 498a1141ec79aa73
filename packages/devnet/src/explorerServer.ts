// The explorer's web server: the built app (packages/explorer/dist) with a single-page fallback, /config.json
// describing the network, and /rpc/<chainId> forwarding JSON-RPC to that chain's node endpoint. The page only
// ever talks to this server's origin, so the node's CORS policy never has to allow it.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { explorerDistDir, isExplorerBuilt } from '@interop/explorer';
import type { Address } from 'viem';
import { DevnetError, PortInUseError } from './errors.js';

/** A chain the explorer shows: its id, the node endpoint to forward to, and the chain it settles on. */
export type ExplorerChain = { chainId: bigint | number; rpcUrl: string; settlementChainId?: bigint | number };

/** Parameters of {@link startExplorerServer}. */
export type StartExplorerServerParameters = {
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** The settlement layer's node endpoint and its InteropSettlement contract (for "rebuild from the settlement layer"). */
  settlement: { chainId: bigint | number; rpcUrl: string; contract?: Address };
  /** The L2s' node endpoints (they answer the explorer's interop_* methods). */
  chains: ExplorerChain[];
  /** Where the built app is. Default: @interop/explorer's dist. */
  distDir?: string;
};

/** A running explorer server. */
export type ExplorerServer = { readonly url: string; readonly port: number; close(): Promise<void> };

/** The explorer is not built (`npm run build` writes packages/explorer/dist). */
export class ExplorerNotBuiltError extends DevnetError {
  override name = 'ExplorerNotBuiltError';
  constructor(distDir: string) {
    super(`the explorer is not built (no ${join(distDir, 'index.html')}): run npm run build`);
  }
}

const MAX_RPC_BODY_BYTES = 16 * 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};
// The app loads only its own files and talks only to this origin; the SDK's keccak may compile WebAssembly.
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; img-src 'self' data:; style-src 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_RPC_BODY_BYTES) {
        resolve(undefined);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve(undefined));
  });
}

/** POST /rpc/<chainId>: forwards the body to the chain's node endpoint and its answer back. */
async function forwardRpc(req: IncomingMessage, res: ServerResponse, target: string | undefined): Promise<void> {
  const rpcError = (status: number, code: number, message: string) =>
    sendJson(res, status, { jsonrpc: '2.0', id: null, error: { code, message } });
  if (!target) return rpcError(404, -32600, 'no such chain on this explorer');
  if (req.method !== 'POST') return rpcError(405, -32600, 'use HTTP POST');
  const body = await readBody(req);
  if (body === undefined) return rpcError(413, -32600, 'request body too large');
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    return rpcError(502, -32603, `the node endpoint ${target} does not answer (${(err as Error).message})`);
  }
  const answer = Buffer.from(await upstream.arrayBuffer());
  res.writeHead(upstream.status, {
    ...SECURITY_HEADERS,
    'content-type': upstream.headers.get('content-type') ?? 'application/json',
    'cache-control': 'no-store',
  });
  res.end(answer);
}

/** GET a file of the app; any other path gets index.html, so deep links work when opened directly. */
async function serveApp(req: IncomingMessage, res: ServerResponse, distDir: string, path: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...SECURITY_HEADERS, allow: 'GET, HEAD' });
    res.end();
    return;
  }
  const file = normalize(join(distDir, path));
  const inside = file.startsWith(distDir + sep);
  const found = inside ? await stat(file).catch(() => undefined) : undefined;
  if (found?.isFile()) {
    const immutable = path.startsWith('/assets/'); // content-hashed names
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': found.size,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
    return;
  }
  if (path.startsWith('/assets/') || extname(path) !== '') {
    res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
    res.end('not found\n');
    return;
  }
  const index = join(distDir, 'index.html');
  const size = (await stat(index)).size;
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': TYPES['.html'],
    'content-length': size,
    'cache-control': 'no-cache',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(index).pipe(res);
}

/** What GET /config.json answers: the chains, with endpoints on this server. */
function explorerConfig(params: StartExplorerServerParameters) {
  const settlementChainId = Number(params.settlement.chainId);
  return {
    settlement: {
      chainId: settlementChainId,
      rpcUrl: `/rpc/${settlementChainId}`,
      settlementChainId: null,
      contract: params.settlement.contract ?? null,
    },
    chains: params.chains.map((c) => ({
      chainId: Number(c.chainId),
      rpcUrl: `/rpc/${Number(c.chainId)}`,
      settlementChainId: Number(c.settlementChainId ?? settlementChainId),
    })),
  };
}

/**
 * Serves the explorer for a network. Resolves once listening.
 *
 * @throws {ExplorerNotBuiltError} when the app is not built.
 * @throws {PortInUseError} when the port is taken.
 *
 * @example
 * const explorer = await startExplorerServer({ port: 5100, settlement: { chainId: 9, rpcUrl, contract },
 *   chains: [{ chainId: 271, rpcUrl: 'http://127.0.0.1:3050' }] });
 */
export async function startExplorerServer(params: StartExplorerServerParameters): Promise<ExplorerServer> {
  const host = params.host ?? '127.0.0.1';
  const distDir = normalize(params.distDir ?? explorerDistDir);
  if (params.distDir === undefined ? !isExplorerBuilt() : !(await stat(join(distDir, 'index.html')).catch(() => false)))
    throw new ExplorerNotBuiltError(distDir);
  const targets = new Map<string, string>();
  targets.set(String(Number(params.settlement.chainId)), params.settlement.rpcUrl);
  for (const c of params.chains) targets.set(String(Number(c.chainId)), c.rpcUrl);
  const config = JSON.stringify(explorerConfig(params));

  const server: Server = createServer(async (req, res) => {
    try {
      const path = new URL(req.url ?? '/', 'http://explorer').pathname;
      const rpc = /^\/rpc\/([0-9]+)\/?$/.exec(path);
      if (rpc) await forwardRpc(req, res, targets.get(String(Number(rpc[1]))));
      else if (path === '/config.json') sendJson(res, 200, JSON.parse(config));
      else await serveApp(req, res, distDir, path);
    } catch (err) {
      if (!res.headersSent) sendJson(res, 500, { error: (err as Error).message });
      else res.destroy();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new PortInUseError(params.port) : err),
    );
    server.listen(params.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : params.port;
  return {
    port,
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
