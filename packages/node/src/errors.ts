import { InteropError } from '@interop/sdk/core';

/** Base class of the node's errors: a short message plus `details` for logs. */
export class NodeError extends InteropError {
  override name = 'NodeError';
}

/** The node's configuration is missing a field or has a wrong value. */
export class NodeConfigError extends NodeError {
  override name = 'NodeConfigError';
}

/** A port the node should listen on is taken. */
export class NodePortInUseError extends NodeError {
  override name = 'NodePortInUseError';
  readonly port: number;
  constructor(port: number, host: string) {
    super(`port ${port} is already in use`, { details: `${host}:${port}` });
    this.port = port;
  }
}

/** An upstream JSON-RPC call failed (network down or a JSON-RPC error). */
export class UpstreamError extends NodeError {
  override name = 'UpstreamError';
  readonly code: number | undefined;
  readonly data: unknown;
  constructor(
    shortMessage: string,
    options: { details?: string; cause?: unknown; code?: number; data?: unknown } = {},
  ) {
    super(shortMessage, options);
    this.code = options.code;
    this.data = options.data;
  }
}

/** A JSON-RPC error meant for the caller of the node's endpoint (code + message). */
export class RpcError extends Error {
  override name = 'RpcError';
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

/** Bad params: JSON-RPC error -32602 with a message that says which param is wrong. */
export class InvalidParamsError extends RpcError {
  override name = 'InvalidParamsError';
  constructor(message: string) {
    super(-32602, message);
  }
}
