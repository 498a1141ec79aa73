import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { NodePortInUseError, RpcError, UpstreamError } from '../errors.js';
import { EncodedJson } from './encodedJson.js';
import { type AllowedOrigins, createOriginPolicy, DEFAULT_ALLOWED_ORIGINS } from './origins.js';
import type { JsonRpcRequest, JsonRpcResponse } from './upstream.js';

/** Answers one JSON-RPC request (never rejects: errors become error responses). */
export type RpcHandler = (request: JsonRpcRequest) => Promise<JsonRpcResponse>;

/**
 * Answers at once, without a promise, the requests it can (a cached proof), and returns undefined for the others,
 * which go to the {@link RpcHandler}. It must give the answer the handler would give, and never throw.
 */
export type RpcFastHandler = (request: JsonRpcRequest) => JsonRpcResponse | undefined;

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

async function handleSafely(request: JsonRpcRequest, handle: RpcHandler): Promise<JsonRpcResponse> {
  try {
    return await handle(request);
  } catch (err) {
    return { jsonrpc: '2.0', id: request.id ?? null, error: toRpcError(err) };
  }
}

// One request's response: at once when it is malformed or `fast` answers it, else a promise of the handler's.
function answerOne(
  item: unknown,
  handle: RpcHandler,
  fast: RpcFastHandler | undefined,
): JsonRpcResponse | Promise<JsonRpcResponse> {
  if (!isRequest(item))
    return errorResponse(
      (item as { id?: unknown } | null)?.id,
      -32600,
      'invalid request: expected an object with a string "method"',
    );
  if (item.params !== undefined && !Array.isArray(item.params))
    return errorResponse(item.id, -32602, 'invalid params: "params" must be an array');
  return fast?.(item) ?? handleSafely(item, handle);
}

// The response payload; a promise only when some request went to the (asynchronous) handler.
function answer(body: string, handle: RpcHandler, fast: RpcFastHandler | undefined): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return errorResponse(null, -32700, 'parse error: the body is not valid JSON');
  }
  if (!Array.isArray(parsed)) return answerOne(parsed, handle, fast);
  if (parsed.length === 0) return errorResponse(null, -32600, 'invalid request: empty batch');
  if (parsed.length > MAX_BATCH_LENGTH)
    return errorResponse(
      null,
      -32600,
      `invalid request: a batch of ${parsed.length} requests is more than ${MAX_BATCH_LENGTH}; split it`,
    );
  const responses = parsed.map((item) => answerOne(item, handle, fast));
  return responses.some((r) => r instanceof Promise) ? Promise.all(responses) : responses;
}

// Calls `done` with the body as text, or undefined when it is larger than MAX_BODY_BYTES or the request failed.
function readBody(req: IncomingMessage, done: (body: string | undefined) => void): void {
  let finished = false;
  const finish = (body: string | undefined) => {
    if (finished) return;
    finished = true;
    done(body);
  };
  // Refused before reading when the client announces the size; otherwise as soon as it goes past the limit
  // (the caller answers 413 and closes the connection, so the rest is never read).
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
    finish(undefined);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      req.pause();
      finish(undefined);
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => finish((chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8')));
  req.on('error', () => finish(undefined));
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

function hasEncodedResult(response: unknown): boolean {
  return (response as { result?: unknown } | null)?.result instanceof EncodedJson;
}

/** Appends one response; a result already encoded (EncodedJson) is copied in as bytes, not serialized again. */
function pushResponse(parts: Buffer[], response: unknown): void {
  if (!hasEncodedResult(response)) {
    parts.push(Buffer.from(stringify(response)));
    return;
  }
  const { id, result } = response as { id?: unknown; result: EncodedJson };
  parts.push(Buffer.from(`{"jsonrpc":"2.0","id":${JSON.stringify(id ?? null)},"result":`), result.bytes, CLOSE);
}

/** The response body: a single response or a batch, as one buffer (or text when nothing was pre-encoded). */
function encodeBody(payload: unknown): Buffer | string {
  if (!Array.isArray(payload)) {
    if (!hasEncodedResult(payload)) return stringify(payload);
    const parts: Buffer[] = [];
    pushResponse(parts, payload);
    return Buffer.concat(parts);
  }
  if (!payload.some(hasEncodedResult)) return stringify(payload);
  const parts: Buffer[] = [OPEN];
  for (let i = 0; i < payload.length; i++) {
    if (i > 0) parts.push(COMMA);
    pushResponse(parts, payload[i]);
  }
  parts.push(CLOSE_ARRAY);
  return Buffer.concat(parts);
}

function send(res: ServerResponse, status: number, payload: unknown, allowOrigin?: string): void {
  if (res.destroyed) return;
  const body = encodeBody(payload);
  // A flat list of names and values: writeHead takes it without building and checking a header object.
  const headers = ['content-type', 'application/json', 'content-length', String(Buffer.byteLength(body))];
  if (allowOrigin === '*') headers.push('access-control-allow-origin', '*');
  else if (allowOrigin !== undefined) headers.push('access-control-allow-origin', allowOrigin, 'vary', 'origin');
  res.writeHead(status, headers);
  res.end(body);
}

function corsHeaders(allowOrigin: string | undefined): Record<string, string> {
  if (allowOrigin === undefined) return {};
  return allowOrigin === '*'
    ? { 'access-control-allow-origin': '*' }
    : { 'access-control-allow-origin': allowOrigin, vary: 'origin' };
}

function sendInternalError(res: ServerResponse, err: unknown, allowOrigin: string | undefined): void {
  send(res, 500, errorResponse(null, -32603, `internal error: ${(err as Error).message}`), allowOrigin);
}

// Answers a POST: its body, JSON-RPC answers, one response; without a promise when every answer was immediate.
function servePost(
  req: IncomingMessage,
  res: ServerResponse,
  allowOrigin: string | undefined,
  handle: RpcHandler,
  fast: RpcFastHandler | undefined,
): void {
  readBody(req, (body) => {
    try {
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
      const payload = answer(body, handle, fast);
      if (payload instanceof Promise)
        payload.then(
          (p) => send(res, 200, p, allowOrigin),
          (err) => sendInternalError(res, err, allowOrigin),
        );
      else send(res, 200, payload, allowOrigin);
    } catch (err) {
      sendInternalError(res, err, allowOrigin);
    }
  });
}

/**
 * Starts a JSON-RPC endpoint over HTTP on `host:port` (port 0 picks a free one). Single requests and batches,
 * -32700 for malformed JSON; a handler that throws becomes an error response, never a crash.
 */
export async function startRpcServer({
  host,
  port,
  handle,
  fastHandle,
  allowedOrigins = DEFAULT_ALLOWED_ORIGINS,
}: {
  host: string;
  port: number;
  handle: RpcHandler;
  /** Tried first for each request (single or in a batch); what it leaves goes to `handle`. */
  fastHandle?: RpcFastHandler;
  /** Browser pages allowed to call this endpoint (see {@link AllowedOrigins}); local pages by default. */
  allowedOrigins?: AllowedOrigins;
}): Promise<RpcServer> {
  const originPolicy = createOriginPolicy(allowedOrigins);
  const server: Server = createServer((req, res) => {
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
      servePost(req, res, allowOrigin, handle, fastHandle);
    } catch (err) {
      sendInternalError(res, err, allowOrigin ?? undefined);
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
