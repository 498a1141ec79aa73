import { type Address, type Hex, numberToHex } from 'viem';
import { type PrivateKeyAccount, privateKeyToAccount } from 'viem/accounts';
import { NodeError, UpstreamError } from './errors.js';
import type { Upstream } from './rpc/upstream.js';
import { signEip1559Transaction } from './signEip1559Transaction.js';

/** Who signs: a local key, or an address the upstream (anvil) impersonates for each transaction. */
export type TxSender = { kind: 'key'; account: PrivateKeyAccount } | { kind: 'impersonate'; address: Address };

/** A transaction that was mined but reverted. */
export class TransactionRevertedError extends NodeError {
  override name = 'TransactionRevertedError';
}

/** Makes a {@link TxSender} from a private key. */
export function keySender(privateKey: Hex): TxSender {
  return { kind: 'key', account: privateKeyToAccount(privateKey) };
}

/** The address transactions of `sender` come from. */
export function senderAddress(sender: TxSender): Address {
  return sender.kind === 'key' ? sender.account.address : sender.address;
}

type Receipt = { status: Hex; blockNumber: Hex; transactionHash: Hex };

/**
 * Sends a transaction through `upstream` and waits for its receipt (polling every `pollMs`).
 * Gas is estimated first, so a call that would revert fails here, before anything is sent.
 * Rejects with {@link TransactionRevertedError} if the mined transaction reverted.
 */
export async function sendTransaction(params: {
  upstream: Upstream;
  chainId: bigint;
  sender: TxSender;
  to: Address;
  data: Hex;
  pollMs?: number;
  timeoutMs?: number;
  /** Called once the transaction is sent, before its receipt is awaited. */
  afterSend?: () => void;
}): Promise<{ hash: Hex; blockNumber: bigint }> {
  const { upstream, sender, to, data } = params;
  const from = senderAddress(sender);
  const [gas, gasPrice, nonce] = (await upstream.batch([
    { method: 'eth_estimateGas', params: [{ from, to, data }] },
    { method: 'eth_gasPrice' },
    { method: 'eth_getTransactionCount', params: [from, 'pending'] },
  ])) as (Hex | UpstreamError)[];
  for (const r of [gas, gasPrice, nonce]) if (r instanceof UpstreamError) throw r;
  const gasLimit = (BigInt(gas as Hex) * 6n) / 5n + 20_000n;
  const maxFeePerGas = BigInt(gasPrice as Hex) * 2n + 1_000_000_000n;
  let hash: Hex;
  if (sender.kind === 'key') {
    const raw = await signEip1559Transaction({
      account: sender.account,
      chainId: params.chainId,
      nonce: BigInt(nonce as Hex),
      to,
      data,
      gas: gasLimit,
      maxFeePerGas,
      maxPriorityFeePerGas: 1_000_000_000n,
    });
    hash = await upstream.request<Hex>('eth_sendRawTransaction', [raw]);
  } else {
    // Impersonated for this one transaction only, so the account is never left open on the chain.
    await upstream.request('anvil_impersonateAccount', [from]);
    try {
      hash = await upstream.request<Hex>('eth_sendTransaction', [
        {
          from,
          to,
          data,
          gas: numberToHex(gasLimit),
          maxFeePerGas: numberToHex(maxFeePerGas),
          maxPriorityFeePerGas: '0x3b9aca00',
        },
      ]);
    } finally {
      await upstream.request('anvil_stopImpersonatingAccount', [from]).catch(() => undefined);
    }
  }
  params.afterSend?.();
  const deadline = Date.now() + (params.timeoutMs ?? 60_000);
  for (;;) {
    const receipt = await upstream.request<Receipt | null>('eth_getTransactionReceipt', [hash]);
    if (receipt) {
      if (receipt.status !== '0x1')
        throw new TransactionRevertedError(`transaction ${hash} reverted`, { details: `to ${to}` });
      return { hash, blockNumber: BigInt(receipt.blockNumber) };
    }
    if (Date.now() > deadline) throw new NodeError(`transaction ${hash} was not mined in time`);
    await new Promise((r) => setTimeout(r, params.pollMs ?? 20));
  }
}
