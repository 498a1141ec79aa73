// The server's immediate answers (RpcFastHandler), the gate they respect and the proof cache behind them, on their
// own: the node's endpoints serve interop_getMessageProof this way (node.test.ts checks the answers end to end).
import { afterAll, describe, expect, it } from 'vitest';
import { Gate } from '../../packages/node/src/loop.js';
import { RecentCache } from '../../packages/node/src/proofs/recentCache.js';
import { EncodedJson } from '../../packages/node/src/rpc/encodedJson.js';
import { type RpcServer, startRpcServer } from '../../packages/node/src/rpc/server.js';

describe('RPC fast path', () => {
  const handled: string[] = [];
  let server: RpcServer;
  afterAll(() => server?.close());

  const post = async (body: unknown) => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    return JSON.parse(text);
  };

  it('answers what the fast handler takes at once, the rest through the handler, in order', async () => {
    server = await startRpcServer({
      host: '127.0.0.1',
      port: 0,
      fastHandle: (request) =>
        request.method === 'cached'
          ? { jsonrpc: '2.0', id: request.id ?? null, result: new EncodedJson('{"a":[1,"x"]}') }
          : undefined,
      handle: async (request) => {
        handled.push(request.method);
        return { jsonrpc: '2.0', id: request.id ?? null, result: request.method };
      },
    });
    expect(await post({ jsonrpc: '2.0', id: 7, method: 'cached', params: [] })).toEqual({
      jsonrpc: '2.0',
      id: 7,
      result: { a: [1, 'x'] },
    });
    expect(handled).toEqual([]);
    expect(
      await post([
        { jsonrpc: '2.0', id: 'a', method: 'cached' },
        { jsonrpc: '2.0', id: 2, method: 'other', params: [] },
        { jsonrpc: '2.0', id: 3, method: 'cached', params: {} },
        { jsonrpc: '2.0', id: 4, method: 'cached' },
      ]),
    ).toEqual([
      { jsonrpc: '2.0', id: 'a', result: { a: [1, 'x'] } },
      { jsonrpc: '2.0', id: 2, result: 'other' },
      { jsonrpc: '2.0', id: 3, error: { code: -32602, message: 'invalid params: "params" must be an array' } },
      { jsonrpc: '2.0', id: 4, result: { a: [1, 'x'] } },
    ]);
    expect(handled).toEqual(['other']);
  });

  it('the gate runs a synchronous step at once, but not while a snapshot or revert waits or runs', async () => {
    const gate = new Gate();
    expect(gate.runNow((x: number) => x + 1, 1)).toBe(2);
    let finishRun!: () => void;
    const running = gate.run(() => new Promise<void>((resolve) => (finishRun = resolve)));
    let exclusiveRan = false;
    const exclusive = gate.exclusive(async () => {
      exclusiveRan = true;
    });
    await new Promise((resolve) => setImmediate(resolve)); // the exclusive operation is now waiting
    expect(gate.runNow((x: number) => x + 1, 1)).toBeUndefined();
    finishRun();
    await running;
    await exclusive;
    expect(exclusiveRan).toBe(true);
    expect(gate.runNow((x: number) => x + 1, 2)).toBe(3);
  });

  it('the proof cache keeps recent entries, at most two generations', () => {
    const cache = new RecentCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3); // a and b are now the old generation
    expect(cache.get('a')).toBe(1); // back to the young one
    cache.set('d', 4); // the old generation (b) is dropped
    expect(cache.get('b')).toBeUndefined();
    expect([cache.get('a'), cache.get('c'), cache.get('d')]).toEqual([1, 3, 4]);
    expect(cache.count).toBeLessThanOrEqual(4);
    cache.clear();
    expect(cache.get('d')).toBeUndefined();
  });
});
