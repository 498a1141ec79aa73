import type { TxHashAliases } from './aliases.js';
import { isZkSyncTransaction } from './decodeEip712Transaction.js';
import { zksEstimateFee, zksGasPerPubdata } from './fees.js';
import { sendZkSyncTransaction } from './sendZkSyncTransaction.js';
import type { Upstream } from './upstream.js';

export type HandleZkSyncMethodContext = { upstream: Upstream; chainId: bigint; aliases: TxHashAliases };

export type HandleZkSyncMethodReturnType = { handled: true; result: unknown } | { handled: false };

/**
 * Answers the methods the ZKsync layer owns — `eth_sendRawTransaction` of a 0x71 transaction, `zks_estimateFee`,
 * `zks_gasPerPubdata` — and says `handled: false` for everything else (the endpoint passes those on).
 * Params should already have gone through `rewriteRequestParams`.
 */
export async function handleZkSyncMethod(
  method: string,
  params: unknown[],
  ctx: HandleZkSyncMethodContext,
): Promise<HandleZkSyncMethodReturnType> {
  switch (method) {
    case 'eth_sendRawTransaction':
      if (!Array.isArray(params) || !isZkSyncTransaction(params[0])) return { handled: false };
      return { handled: true, result: await sendZkSyncTransaction({ ...ctx, raw: params[0] }) };
    case 'zks_estimateFee':
      return { handled: true, result: await zksEstimateFee(params, ctx.upstream) };
    case 'zks_gasPerPubdata':
      return { handled: true, result: zksGasPerPubdata() };
    default:
      return { handled: false };
  }
}
