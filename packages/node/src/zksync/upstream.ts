/**
 * How the compatibility hooks reach the EVM node behind the endpoint. It rejects with the node's own
 * JSON-RPC error, which the hooks pass on untouched.
 */
export type Upstream = (method: string, params: unknown[]) => Promise<unknown>;
