// JSON-RPC over fetch and polling, for tests that talk to a devnet's endpoints as any client would.

/** A JSON-RPC answer: its result, or its error. */
export type RpcAnswer<T> = { result?: T; error?: { code: number; message: string } };

/** Sends one request and returns the whole answer (for tests that look at the error). */
export async function rpcAnswer<T>(url: string, method: string, params: unknown[] = []): Promise<RpcAnswer<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  return (await res.json()) as RpcAnswer<T>;
}

/** Sends one request and returns its result; an error answer throws, naming the method. */
export async function rpc<T>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const answer = await rpcAnswer<T>(url, method, params);
  if (answer.error) throw new Error(`${method}: ${answer.error.message}`);
  return answer.result as T;
}

/** Calls `fn` every 50 ms until it returns something (not null, undefined or false), for up to `timeoutMs`. */
export async function poll<T>(
  what: string,
  fn: () => Promise<T | null | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
