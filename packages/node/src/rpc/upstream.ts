import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { UpstreamError } from '../errors.js';

/** A JSON-RPC request object. */
export type JsonRpcRequest = { jsonrpc?: string; id?: unknown; method: string; params?: unknown };
/** A JSON-RPC response object. */
export type JsonRpcResponse = {
  jsonrpc: '2.0';
  id: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
};

/** A minimal JSON-RPC client for an upstream node: one call, or a raw body forwarded as is. */
export type Upstream = {
  readonly url: string;
  /** Calls `method`; rejects with {@link UpstreamError} on a network failure or a JSON-RPC error. */
  request<T = unknown>(method: string, params?: unknown[]): Promise<T>;
  /** Sends several calls in one HTTP request; results in the same order (errors as UpstreamError values). */
  batch(calls: { method: string; params?: unknown[] }[]): Promise<(unknown | UpstreamError)[]>;
  /** Forwards a raw JSON-RPC body (object or array) and returns the parsed response. */
  forward(body: unknown): Promise<unknown>;
};

/**
 * How an endpoint's upstream shares its connections: single calls made in the same event-loop turn go out as
 * one JSON-RPC batch of at most `maxBatch` calls, and at most `maxConcurrent` HTTP requests are in flight (the
 * rest queue in order). A client's batch of 1,000 pass-through calls is then ~10 upstream requests, 4 at a time,
 * and other clients' calls queue between them instead of behind a thousand sockets.
 */
export type UpstreamSharing = { maxBatch: number; maxConcurrent: number };

/** Creates an {@link Upstream} for `url` with a per-call timeout; `signal` aborts every call (used on stop). */
export function createUpstream(
  url: string,
  { timeoutMs = 10_000, signal, sharing }: { timeoutMs?: number; signal?: AbortSignal; sharing?: UpstreamSharing } = {},
): Upstream {
  let nextId = 1;
  const slots = sharing ? createSemaphore(sharing.maxConcurrent) : undefined;
  const postJson = createJsonPoster(url, timeoutMs, signal);
  const send = async (body: unknown): Promise<unknown> => {
    let res: { status: number; text: string };
    try {
      res = await postJson(JSON.stringify(body));
    } catch (err) {
      throw new UpstreamError(`upstream ${url} is unreachable`, { details: (err as Error).message, cause: err });
    }
    try {
      return JSON.parse(res.text);
    } catch {
      throw new UpstreamError(`upstream ${url} answered with HTTP ${res.status} and no JSON`, {
        details: res.text.slice(0, 200),
      });
    }
  };
  const post = slots ? (body: unknown) => slots.run(() => send(body)) : send;
  const forward = sharing ? createCoalescer(post, sharing.maxBatch) : post;
  const unwrap = (response: JsonRpcResponse | undefined, method: string): unknown => {
    if (!response || typeof response !== 'object')
      throw new UpstreamError(`upstream ${url} sent no response for ${method}`);
    if (response.error)
      throw new UpstreamError(`${method} failed: ${response.error.message}`, {
        code: response.error.code,
        data: response.error.data,
        details: JSON.stringify(response.error),
      });
    return response.result;
  };
  return {
    url,
    async request<T>(method: string, params: unknown[] = []): Promise<T> {
      const response = (await forward({ jsonrpc: '2.0', id: nextId++, method, params })) as JsonRpcResponse;
      return unwrap(response, method) as T;
    },
    async batch(calls) {
      if (calls.length === 0) return [];
      const first = nextId;
      nextId += calls.length;
      const body = calls.map((c, i) => ({ jsonrpc: '2.0', id: first + i, method: c.method, params: c.params ?? [] }));
      const responses = await post(body);
      if (!Array.isArray(responses)) {
        const err = (responses as JsonRpcResponse | undefined)?.error;
        throw new UpstreamError(`upstream ${url} refused a batch request`, {
          details: JSON.stringify(err ?? responses),
        });
      }
      const byId = new Map<unknown, JsonRpcResponse>();
      for (const r of responses as JsonRpcResponse[]) byId.set(r?.id, r);
      return calls.map((c, i) => {
        try {
          return unwrap(byId.get(first + i), c.method);
        } catch (err) {
          return err as UpstreamError;
        }
      });
    },
    forward,
  };
}

/**
 * POSTs a JSON body to `url` over kept-alive connections and resolves to the answer's status and text; rejects on a
 * network error, after `timeoutMs`, or when `signal` aborts. node:http rather than fetch: fetch (undici, web
 * streams) cost 4–6× more CPU per request, ~20% of the node's CPU under the drain load.
 */
function createJsonPoster(url: string, timeoutMs: number, signal: AbortSignal | undefined) {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  // Idle kept-alive sockets do not hold the process open (the agent unrefs them).
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const request = secure ? httpsRequest : httpRequest;
  return (body: string): Promise<{ status: number; text: string }> =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new Error('stopped'));
      const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
      const req = request(target, { method: 'POST', agent, headers, signal }, (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', fail);
        res.on('close', () => {
          if (!res.complete) fail(new Error('the connection closed before the whole answer came'));
        });
      });
      const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      timer.unref();
      function fail(err: Error) {
        clearTimeout(timer);
        reject(err);
      }
      req.on('error', fail);
      req.end(body);
    });
}

/** Runs at most `limit` tasks at once; the others wait in order. */
function createSemaphore(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
      else active++;
      try {
        return await task();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else active--;
      }
    },
  };
}

type Queued = { body: JsonRpcRequest; resolve(value: unknown): void; reject(err: unknown): void };

/**
 * Collects the single calls made in one event-loop turn and posts them as JSON-RPC batches of at most
 * `maxBatch`, each call answered with its own response (its id restored). A body that is not a single call is
 * posted as is.
 */
function createCoalescer(post: (body: unknown) => Promise<unknown>, maxBatch: number) {
  let queue: Queued[] = [];
  const postChunk = async (chunk: Queued[]) => {
    if (chunk.length === 1) {
      const [only] = chunk;
      return post(only.body).then(only.resolve, only.reject);
    }
    try {
      const responses = await post(chunk.map((q, i) => ({ ...q.body, jsonrpc: '2.0', id: i })));
      const byId = new Map<unknown, JsonRpcResponse>();
      if (Array.isArray(responses)) for (const r of responses as JsonRpcResponse[]) byId.set(r?.id, r);
      chunk.forEach((q, i) => {
        const r = byId.get(i);
        const id = q.body.id ?? null;
        q.resolve(
          r
            ? { ...r, id }
            : { jsonrpc: '2.0', id, error: { code: -32603, message: 'the upstream sent no response for this call' } },
        );
      });
    } catch (err) {
      for (const q of chunk) q.reject(err);
    }
  };
  const flush = () => {
    const items = queue;
    queue = [];
    for (let i = 0; i < items.length; i += maxBatch) void postChunk(items.slice(i, i + maxBatch));
  };
  return (body: unknown): Promise<unknown> => {
    if (Array.isArray(body) || typeof body !== 'object' || body === null) return post(body);
    return new Promise((resolve, reject) => {
      if (queue.length === 0) setImmediate(flush);
      queue.push({ body: body as JsonRpcRequest, resolve, reject });
    });
  };
}

/** The upstream's current hash of each block, lower-case, in one request (undefined past its head). */
export async function getBlockHashes(upstream: Upstream, numbers: number[]): Promise<(string | undefined)[]> {
  const results = await upstream.batch(
    numbers.map((n) => ({ method: 'eth_getBlockByNumber', params: [`0x${n.toString(16)}`, false] })),
  );
  return results.map((r) => {
    if (r instanceof UpstreamError) throw r;
    return (r as { hash: string } | null)?.hash.toLowerCase();
  });
}
