import type { Hex } from 'viem';
import type { TxHashAliases } from './aliases.js';
import { EIP712_TX_TYPE } from './constants.js';

// Methods whose first param is a transaction hash the client may know by its ZKsync hash.
const HASH_FIRST_PARAM = new Set([
  'eth_getTransactionByHash',
  'eth_getTransactionReceipt',
  'eth_getRawTransactionByHash',
  'zks_getTransactionDetails',
  'zks_getL2ToL1LogProof',
  'debug_traceTransaction',
  'trace_transaction',
]);

// Methods taking a call request that may carry ZKsync-only fields an EVM node refuses.
const CALL_REQUEST_FIRST_PARAM = new Set(['eth_call', 'eth_estimateGas', 'zks_estimateFee', 'debug_traceCall']);

const TX_TYPE_HEX = `0x${EIP712_TX_TYPE.toString(16)}`;

/**
 * Rewrites a request's params before it goes upstream: a ZKsync tx hash becomes the node's hash, and ZKsync-only
 * fields (`type` 0x71, `eip712Meta`, `customData`) are dropped from call requests. Returns new params; never
 * mutates the input. Unrelated methods come back unchanged.
 */
export function rewriteRequestParams(method: string, params: unknown[], aliases: TxHashAliases): unknown[] {
  if (!Array.isArray(params) || params.length === 0) return params;
  if (HASH_FIRST_PARAM.has(method) && typeof params[0] === 'string') {
    const anvilHash = aliases.anvilHashOf(params[0] as Hex);
    return anvilHash ? [anvilHash, ...params.slice(1)] : params;
  }
  if (CALL_REQUEST_FIRST_PARAM.has(method)) return [stripZkSyncFields(params[0]), ...params.slice(1)];
  return params;
}

/** A call request without the fields only ZKsync nodes understand. */
export function stripZkSyncFields(request: unknown): unknown {
  if (!isObject(request)) return request;
  const { eip712Meta: _meta, customData: _custom, ...rest } = request;
  if (isEip712Type(rest.type)) delete rest.type;
  return rest;
}

function isEip712Type(type: unknown): boolean {
  return type === EIP712_TX_TYPE || (typeof type === 'string' && type.toLowerCase() === TX_TYPE_HEX);
}

/**
 * Rewrites a result on its way back: every node tx hash that has a ZKsync alias is replaced by it — in tx objects
 * (whose `type` becomes 0x71, as on ZKsync), receipts and their `logs`/`l2ToL1Logs`, logs, blocks (hashes or full
 * transactions), block receipts and `interop_getMessageStatus`'s `txHash`. Call it last, after the endpoint
 * added its own fields. Receipt logs also get ZKsync's `transactionLogIndex`, `l1BatchNumber` and `logType` when
 * missing. Never mutates the input.
 */
export function rewriteResponse(method: string, result: unknown, aliases: TxHashAliases): unknown {
  if (result === null || result === undefined) return result;
  switch (method) {
    case 'eth_getTransactionByHash':
    case 'eth_getTransactionByBlockHashAndIndex':
    case 'eth_getTransactionByBlockNumberAndIndex':
      return rewriteTransaction(result, aliases);
    case 'eth_getTransactionReceipt':
      return rewriteReceipt(result, aliases);
    case 'eth_getBlockReceipts':
      return Array.isArray(result) ? result.map((r) => rewriteReceipt(r, aliases)) : result;
    case 'eth_getLogs':
    case 'eth_getFilterLogs':
      return Array.isArray(result) ? result.map((l) => rewriteLog(l, aliases)) : result;
    case 'eth_getFilterChanges':
      // Block filters give block hashes, which have no alias; pending-tx filters give tx hashes.
      return Array.isArray(result)
        ? result.map((x) => (typeof x === 'string' ? (aliases.zkHashOf(x as Hex) ?? x) : rewriteLog(x, aliases)))
        : result;
    case 'eth_getBlockByNumber':
    case 'eth_getBlockByHash':
      return rewriteBlock(result, aliases);
    case 'interop_getMessageStatus':
      return rewriteField(result, 'txHash', aliases);
    default:
      return result;
  }
}

function rewriteTransaction(tx: unknown, aliases: TxHashAliases): unknown {
  if (!isObject(tx) || typeof tx.hash !== 'string') return tx;
  const zk = aliases.zkHashOf(tx.hash as Hex);
  return zk ? { ...tx, hash: zk, type: TX_TYPE_HEX } : tx;
}

function rewriteReceipt(receipt: unknown, aliases: TxHashAliases): unknown {
  if (!isObject(receipt) || typeof receipt.transactionHash !== 'string') return receipt;
  const zk = aliases.zkHashOf(receipt.transactionHash as Hex);
  const out: Record<string, unknown> = zk ? { ...receipt, transactionHash: zk, type: TX_TYPE_HEX } : { ...receipt };
  // ZKsync receipt logs also say where they sit in their transaction and batch; viem's zksync formatter
  // requires `transactionLogIndex`.
  if (Array.isArray(receipt.logs))
    out.logs = receipt.logs.map((log, i) => {
      if (!isObject(log)) return log;
      return {
        ...log,
        l1BatchNumber: log.l1BatchNumber ?? receipt.l1BatchNumber ?? null,
        transactionLogIndex: log.transactionLogIndex ?? `0x${i.toString(16)}`,
        logType: log.logType ?? null,
        ...(zk ? { transactionHash: zk } : {}),
      };
    });
  if (zk && Array.isArray(receipt.l2ToL1Logs)) out.l2ToL1Logs = receipt.l2ToL1Logs.map((l) => withTxHash(l, zk));
  return out;
}

function rewriteLog(log: unknown, aliases: TxHashAliases): unknown {
  return rewriteField(log, 'transactionHash', aliases);
}

function rewriteField(value: unknown, field: string, aliases: TxHashAliases): unknown {
  if (!isObject(value) || typeof value[field] !== 'string') return value;
  const zk = aliases.zkHashOf(value[field] as Hex);
  return zk ? { ...value, [field]: zk } : value;
}

function withTxHash(entry: unknown, zk: Hex): unknown {
  return isObject(entry) && 'transactionHash' in entry ? { ...entry, transactionHash: zk } : entry;
}

function rewriteBlock(block: unknown, aliases: TxHashAliases): unknown {
  if (!isObject(block) || !Array.isArray(block.transactions)) return block;
  let changed = false;
  const transactions = block.transactions.map((t) => {
    const next = typeof t === 'string' ? (aliases.zkHashOf(t as Hex) ?? t) : rewriteTransaction(t, aliases);
    if (next !== t) changed = true;
    return next;
  });
  return changed ? { ...block, transactions } : block;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
