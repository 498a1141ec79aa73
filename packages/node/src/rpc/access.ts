// What the public may do through an endpoint: which methods go upstream (an allowlist, so `interop node` in front
// of chains it does not control does not expose their admin and cheat methods), and who may send. Nobody may send
// as the node's own senders (system callers, operators, the deployer) through it: not as an unsigned transaction
// for an unlocked or impersonated account, not by an impersonation request, and not as a ZKsync 0x71 transaction
// naming one of them (the node sends those by impersonating the named account). A transaction signed with one of
// their keys is not checked: the keys are secret (the devnet draws them at random per network), so such a
// transaction can only come from their holder — recovering the signer of every raw transaction cost more than
// half of the node's CPU under load.

import type { Address, Hex } from 'viem';
import { RpcError } from '../errors.js';
import { decodeEip712Transaction, isZkSyncTransaction } from '../zksync/index.js';
import { ANVIL_METHODS } from './anvilMethods.js';
import type { RpcHandler } from './server.js';

/** `'*'` (everything) or a list of method names; an entry ending in `_*` allows a prefix (`eth_*`). */
export type MethodAllowlist = '*' | readonly string[];

/** JSON-RPC error code of a method outside the endpoint's allowlist. */
export const METHOD_NOT_AVAILABLE = -32601;
/** JSON-RPC error code of a refused transaction (EIP-1474 "transaction rejected"). */
export const SENDER_REFUSED = -32003;

/**
 * The standard read and send methods (`eth_`, `net_`, `web3_`) `interop node` passes upstream by default: no
 * node-signed sends (`eth_sendTransaction`, `eth_sign…`), no admin, debug or cheat methods.
 */
export const DEFAULT_PASS_THROUGH_METHODS: readonly string[] = [
  'eth_accounts',
  'eth_blobBaseFee',
  'eth_blockNumber',
  'eth_call',
  'eth_chainId',
  'eth_createAccessList',
  'eth_estimateGas',
  'eth_feeHistory',
  'eth_gasPrice',
  'eth_getBalance',
  'eth_getBlockByHash',
  'eth_getBlockByNumber',
  'eth_getBlockReceipts',
  'eth_getBlockTransactionCountByHash',
  'eth_getBlockTransactionCountByNumber',
  'eth_getCode',
  'eth_getFilterChanges',
  'eth_getFilterLogs',
  'eth_getLogs',
  'eth_getProof',
  'eth_getStorageAt',
  'eth_getTransactionByBlockHashAndIndex',
  'eth_getTransactionByBlockNumberAndIndex',
  'eth_getTransactionByHash',
  'eth_getTransactionCount',
  'eth_getTransactionReceipt',
  'eth_getUncleCountByBlockHash',
  'eth_getUncleCountByBlockNumber',
  'eth_maxPriorityFeePerGas',
  'eth_newBlockFilter',
  'eth_newFilter',
  'eth_sendRawTransaction',
  'eth_syncing',
  'eth_uninstallFilter',
  'net_listening',
  'net_peerCount',
  'net_version',
  'web3_clientVersion',
  'web3_sha3',
];

/** Checks one allowlist entry: a method name, a `prefix_*`, or `*`. */
export function isMethodPattern(entry: string): boolean {
  return /^([A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]*\*?|\*)$/.test(entry);
}

function createMethodPolicy(allowed: MethodAllowlist): (method: string) => boolean {
  if (allowed === '*' || allowed.includes('*')) return () => true;
  const exact = new Set(allowed.filter((m) => !m.endsWith('*')));
  const prefixes = allowed.filter((m) => m.endsWith('*')).map((m) => m.slice(0, -1));
  return (method) => exact.has(method) || prefixes.some((p) => method.startsWith(p));
}

/** Parameters of {@link createAccessHandler}. */
export type AccessHandlerParameters = {
  /** Methods forwarded upstream; the node's own methods are always answered. */
  passThroughMethods: MethodAllowlist;
  /** Whether the endpoint answers `method` itself (it is then not subject to the allowlist). */
  isOwnMethod: (method: string) => boolean;
  /** The node's own senders: nobody else may send as them through this endpoint. */
  protectedSenders: readonly Address[];
  /** Addresses impersonated for a moment by the node itself (a 0x71 transaction's signer while it is sent). */
  isBusySender?: (address: Address) => boolean;
};

const UNSIGNED_SENDS = new Set(['eth_sendTransaction', 'eth_sendUnsignedTransaction', 'eth_signTransaction']);
const IMPERSONATIONS = new Set(['anvil_impersonateAccount', 'hardhat_impersonateAccount']);

/** Wraps an endpoint's handler with the method allowlist and the sender checks (see the file comment). */
export function createAccessHandler(inner: RpcHandler, p: AccessHandlerParameters): RpcHandler {
  const allowed = createMethodPolicy(p.passThroughMethods);
  const protectedSet = new Set(p.protectedSenders.map((a) => a.toLowerCase()));
  // `signed`: the request carries the account's own signature, so the node's impersonation of it for a 0x71 send
  // gives the caller nothing (and the ZKsync layer queues the account's 0x71 sends itself).
  const refuseSender = (address: unknown, how: string, signed = false) => {
    if (typeof address !== 'string') return;
    const lower = address.toLowerCase();
    if (protectedSet.has(lower))
      throw new RpcError(
        SENDER_REFUSED,
        `${how} ${address} is refused: it is one of the node's own senders (system caller, operator or deployer)`,
      );
    if (!signed && p.isBusySender?.(lower as Address))
      throw new RpcError(
        SENDER_REFUSED,
        `${how} ${address} is refused for now: the node is sending a ZKsync transaction of this account; retry`,
      );
  };
  return async (request) => {
    const method = request.method;
    const params = (request.params as unknown[] | undefined) ?? [];
    const own = p.isOwnMethod(method) && !Object.hasOwn(ANVIL_METHODS, method);
    if (!own && !allowed(method))
      throw new RpcError(METHOD_NOT_AVAILABLE, `the method ${method} is not available on this endpoint`);
    if (UNSIGNED_SENDS.has(method)) refuseSender((params[0] as { from?: unknown } | undefined)?.from, 'sending as');
    else if (IMPERSONATIONS.has(method)) refuseSender(params[0], 'impersonating');
    else if (method === 'anvil_impersonateSignature') refuseSender(params[1], 'impersonating');
    else if (method === 'eth_sendRawTransaction' && isZkSyncTransaction(params[0]))
      refuseSender(zkSyncSenderOf(params[0]), 'sending as', true);
    return inner(request);
  };
}

// The sender a ZKsync 0x71 transaction names, or undefined when it cannot be decoded (the ZKsync layer refuses it).
function zkSyncSenderOf(raw: Hex): Address | undefined {
  try {
    return decodeEip712Transaction(raw).from;
  } catch {
    return undefined;
  }
}
