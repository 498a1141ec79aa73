// Internal helpers shared by the actions: error mapping for unreachable endpoints, loose number parsing of node
// answers, and chain-id checks. Not exported from the package.
import {
  BaseError,
  type Client,
  type EIP1193RequestFn,
  type Hex,
  HttpRequestError,
  InvalidParamsRpcError,
  TimeoutError,
  WebSocketRequestError,
} from 'viem';
import { getChainId } from 'viem/actions';
import { InvalidInputError, isHash } from '../core/index.js';
import { InvalidNodeResponseError, RpcUnreachableError } from './errors.js';

export { isHash };

/** The URL behind a client's transport, when it has one (http and websocket transports do). */
export function clientUrl(client: Client): string | undefined {
  const t = client.transport as { url?: string };
  return typeof t.url === 'string' ? t.url : undefined;
}

/** True when `err` (or one of its causes) says the endpoint did not answer at all. */
export function isUnreachable(err: unknown): boolean {
  if (!(err instanceof BaseError)) return false;
  return (
    err.walk(
      (e) =>
        (e instanceof HttpRequestError && e.status === undefined) ||
        e instanceof TimeoutError ||
        e instanceof WebSocketRequestError,
    ) !== null
  );
}

/** Runs `fn`, turning "endpoint did not answer" failures into {@link RpcUnreachableError}. */
export async function withRpc<T>(client: Client, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isUnreachable(err)) throw new RpcUnreachableError({ url: clientUrl(client), cause: err });
    throw err;
  }
}

/** Sends a JSON-RPC request the client's schema does not know (the node's `interop_*` / `zks_*` methods). */
export function rawRequest(client: Client, method: string, params: unknown[]): Promise<unknown> {
  const request = client.request as unknown as EIP1193RequestFn<
    [{ Method: string; Parameters: unknown[]; ReturnType: unknown }]
  >;
  return withRpc(client, () => request({ method, params }));
}

/** The chain id of the endpoint: the client's chain when set, otherwise asked once with eth_chainId. */
export async function chainIdOf(client: Client): Promise<bigint> {
  if (client.chain) return BigInt(client.chain.id);
  return BigInt(await withRpc(client, () => getChainId(client)));
}

/** Reads a uint from a node answer that may be a hex quantity, a decimal string, a number or a bigint. */
export function toBigInt(value: unknown, field: string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^(0x[0-9a-fA-F]+|[0-9]+)$/.test(value)) return BigInt(value);
  throw new InvalidNodeResponseError({ field, value });
}

/** Like {@link toBigInt} but keeps null/undefined as undefined. */
export function toOptionalBigInt(value: unknown, field: string): bigint | undefined {
  return value === null || value === undefined ? undefined : toBigInt(value, field);
}

/** Throws {@link InvalidInputError} unless `value` is a 32-byte hex hash; `name` is the parameter's name. */
export function assertHash(value: unknown, name: string): asserts value is Hex {
  if (!isHash(value))
    throw new InvalidInputError(`${name} must be a 0x-prefixed 32-byte hex string`, {
      details: `got ${String(value)}`,
    });
}

/** True for anvil's "block height is N but requested was N+1" (-32602), passed through by a node or not. */
export function isBlockOutOfRange(err: unknown): boolean {
  return (
    err instanceof BaseError &&
    err.walk(
      (e) =>
        e instanceof InvalidParamsRpcError && /BlockOutOfRange|block height is/i.test(String((e as Error).message)),
    ) !== null
  );
}

/**
 * Runs an eth_getLogs-based read, retrying a few times when the node says the requested block is past its head:
 * anvil answers that way for a moment while it mines a block, even for a block number it just reported.
 */
export async function retryBlockOutOfRange<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (!isBlockOutOfRange(err) || i >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 20 * i));
    }
  }
}
