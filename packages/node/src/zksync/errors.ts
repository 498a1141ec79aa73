import { InteropError } from '@interop/sdk/core';

/** JSON-RPC error code for params that are malformed or ask for something this node cannot do. */
export const INVALID_PARAMS = -32602;
/** JSON-RPC error code geth-style nodes use for a transaction the pool refuses (e.g. a nonce mismatch). */
export const TRANSACTION_REJECTED = -32000;

/**
 * Every error the ZKsync compatibility layer raises on purpose. The endpoint maps it to a JSON-RPC error
 * `{ code, message: shortMessage, data: details }`.
 */
export class ZkSyncCompatError extends InteropError {
  override name = 'ZkSyncCompatError';
  /** JSON-RPC error code to answer with. */
  readonly code: number;

  constructor(shortMessage: string, options: { code?: number; details?: string; cause?: unknown } = {}) {
    super(shortMessage, options);
    this.code = options.code ?? INVALID_PARAMS;
  }
}
