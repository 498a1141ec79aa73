import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { NodePortInUseError, RpcError, UpstreamError } from '../errors.js';
import { EncodedJson } from './encodedJson.js';
import { type AllowedOrigins, createOriginPolicy, DEFAULT_ALLOWED_ORIGINS } from './origins.js';
import type { JsonRpcRequest, JsonRpcResponse } from './upstream.js';

/** Answers one JSON-RPC request (never rejects: errors become error responses). */
export type RpcHandler = (request: JsonRpcRequest) => Promise<JsonRpcResponse>;

/** A listening JSON-RPC endpoint. */
export type RpcServer = { readonly port: number; readonly url: string; close(): Promise<void> };

/** Largest request body (HTTP 413 past it): far above any transaction a chain accepts. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** Most requests in one JSON-RPC batch (a longer batch gets one -32600 error). */
export const MAX_BATCH_LENGTH = 1000;

/** Turns anything thrown by a handler into a JSON-RPC error object. */
export function toRpcError(err: unknown): { code: number; message: string; data?: unknown } {
  if (err instanceof RpcError)
    return err.data === undefined
      ? { code: err.code, message: err.message }
      : { code: err.code, message: err.message, data: err.data };
  if (err instanceof UpstreamError) {
    if (err.code !== undefined) {
      const message = err.shortMessage.replace(/^[a-zA-Z0-9_]+ failed: /, '');
      return err.data === undefined ? { code: err.code, message } : { code: err.code, message, data: err.data };
    }
    return { code: -32603, message: err.shortMessage };
  }
  // Errors from the compat hooks carry their JSON-RPC code and a short message.
  const e = err as { code?: unknown; shortMessage?: unknown; details?: unknown; message?: unknown };
  if (typeof e?.code === 'number' && typeof e.shortMessage === 'string')
    return e.details === undefined
      ? { code: e.code, message: e.shortMessage }
      : { code: e.code, message: e.shortMessage, data: e.details };
  return {
    code: -32603,
    message: `internal error: ${typeof e?.message === 'string' ? e.message.split('\n')[0] : String(err)}`,
  };
}

function errorResponse(id: unknown, code: number, message: string): JsonRpcResponse {
  return { jsonrpc: '2.0', id: id ?? null, error: { code, message } };
}

function isRequest(value: unknown): value is JsonRpcRequest {
  return typeof value === 'object' && value !== null && typeof (value as JsonRpcRequest).method === 'string';
}

async function answer(body: string, handle: RpcHandler): Promise<unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return errorResponse(null, -32700, 'parse error: the body is not valid JSON');
  }
  const one = async (item: unknown): Promise<JsonRpcResponse> => {
    if (!isRequest(item))
      return errorResponse(
        (item as { id?: unknown } | null)?.id,
        -32600,
        'invalid request: expected an object with a string "method"',
      );
    if (item.params !== undefined && !Array.isArray(item.params))
      return errorResponse(item.id, -32602, 'invalid params: "params" must be an array');
    try {
      return await handle(item);
    } catch (err) {
      return { jsonrpc: '2.0', id: item.id ?? null, error: toRpcError(err) };
    }
  };
  if (Array.isArray(parsed)) {
    if (parsed.length === 0) return errorResponse(null, -32600, 'invalid request: empty batch');
    if (parsed.length > MAX_BATCH_LENGTH)
      return errorResponse(
        null,
        -32600,
        `invalid request: a batch of ${parsed.length} requests is more than ${MAX_BATCH_LENGTH}; split it`,
      );
    return Promise.all(parsed.map(one));
  }
  return one(parsed);
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = Number(req.headers['content-length'] ?? 0);
    // Refused before reading when the client announces the size; otherwise as soon as it goes past the limit
    // (the caller answers 413 and closes the connection, so the rest is never read).
    if (size > MAX_BODY_BYTES) return resolve(undefined);
    size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(undefined));
  });
}

function stringify(response: unknown): string {
  try {
    return JSON.stringify(response);
  } catch {
    // Only when a result holds a bigint (a replacer on every response would slow the proof path).
    return JSON.stringify(response, (_k, v) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v));
  }
}

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from('}');
const CLOSE_ARRAY = Buffer.from(']');

/** Appends one response; a result already encoded (EncodedJson) is copied in as bytes, not serialized again. */
function pushResponse(parts: Buffer[], response: unknown): void {
  const result = (response as { result?: unknown } | null)?.result;
  if (!(result instanceof EncodedJson)) {
    parts.push(Buffer.from(stringify(response)));
    return;
  }
  const id = JSON.stringify((response as { id?: unknown }).id ?? null);
  parts.push(Buffer.from(`{"jsonrpc":"2.0","id":${id},"result":`), result.bytes, CLOSE);
}

/** The response body: a single response or a batch, as one buffer (or text when nothing was pre-encoded). */
function encodeBody(payload: unknown): Buffer | string {
  const items = Array.isArray(payload) ? payload : [payload];
  if (!items.some((r) => (r as { result?: unknown } | null)?.result instanceof EncodedJson)) return stringify(payload);
  const parts: Buffer[] = Array.isArray(payload) ? [OPEN] : [];
  items.forEach((r, i) => {
    if (i > 0) parts.push(COMMA);
    pushResponse(parts, r);
  });
  if (Array.isArray(payload)) parts.push(CLOSE_ARRAY);
  return Buffer.concat(parts);
}

function send(res: ServerResponse, status: number, payload: unknown, allowOrigin?: string): void {
  if (res.destroyed) return;
  const text = encodeBody(payload);
  res.writeHead(status, {
    'content-type': 'application/json',
    ...corsHeaders(allowOrigin),
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function corsHeaders(allowOrigin: string | undefined): Record<string, string> {
  if (allowOrigin === undefined) return {};
  return allowOrigin === '*'
    ? { 'access-control-allow-origin': '*' }
    : { 'access-control-allow-origin': allowOrigin, vary: 'origin' };
}

/**
 * Starts a JSON-RPC endpoint over HTTP on `host:port` (port 0 picks a free one). Single requests and batches,
 * -32700 for malformed JSON; a handler that throws becomes an error response, never a crash.
 */
export async function startRpcServer({
  host,
  port,
  handle,
  allowedOrigins = DEFAULT_ALLOWED_ORIGINS,
}: {
  host: string;
  port: number;
  handle: RpcHandler;
  /** Browser pages allowed to call this endpoint (see {@link AllowedOrigins}); local pages by default. */
  allowedOrigins?: AllowedOrigins;
}): Promise<RpcServer> {
  const originPolicy = createOriginPolicy(allowedOrigins);
  const server: Server = createServer(async (req, res) => {
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
    const allowOrigin = originPolicy(origin);
    try {
      if (allowOrigin === null) {
        req.resume();
        send(
          res,
          403,
          errorResponse(null, -32600, `invalid request: origin ${origin} is not allowed on this endpoint`),
        );
        return;
      }
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          ...corsHeaders(allowOrigin),
          'access-control-allow-methods': 'POST, OPTIONS',
          'access-control-allow-headers': 'content-type',
        });
        res.end();
        return;
      }
      if (req.method !== 'POST') {
        send(res, 405, errorResponse(null, -32600, 'invalid request: use HTTP POST'), allowOrigin);
        return;
      }
      const body = await readBody(req);
      if (body === undefined) {
        res.setHeader('connection', 'close');
        res.once('finish', () => req.destroy());
        send(
          res,
          413,
          errorResponse(null, -32600, `invalid request: body larger than ${MAX_BODY_BYTES} bytes`),
          allowOrigin,
        );
        return;
      }
      send(res, 200, await answer(body, handle), allowOrigin);
    } catch (err) {
      send(
        res,
        500,
        errorResponse(null, -32603, `internal error: ${(err as Error).message}`),
        allowOrigin ?? undefined,
      );
    }
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE' ? new NodePortInUseError(port, host) : err);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.removeListener('error', onError);
      resolve();
    });
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    port: actualPort,
    url: `http://${host}:${actualPort}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
