import { type Address, type Hex, numberToHex } from 'viem';
import { type PrivateKeyAccount, privateKeyToAccount } from 'viem/accounts';
import { NodeError, UpstreamError } from './errors.js';
import { mineStuckTransactions } from './mineStuckTransactions.js';
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

/** Parameters of {@link sendTransaction}. */
export type SendTransactionParameters = {
  upstream: Upstream;
  chainId: bigint;
  sender: TxSender;
  to: Address;
  data: Hex;
  /**
   * An upper bound of the transaction's gas that the caller knows (see {@link calldataFloorGas}): sent as the gas
   * limit, without an estimate.
   */
  gas?: bigint;
  pollMs?: number;
  timeoutMs?: number;
  /** Called once the transaction is sent, before its receipt is awaited. */
  afterSend?: () => void;
};

/** The upstream refused to take a transaction (its `eth_sendRawTransaction` / `eth_sendTransaction` failed). */
class SendRefusedError extends NodeError {
  override name = 'SendRefusedError';
}

/**
 * Sends a transaction through `upstream` and waits for its receipt (polling every `pollMs`; after 500 ms without
 * one it mines a block if an automining anvil left the transaction in its pool, see mineStuckTransactions.ts).
 * Gas is estimated first, so a call that would revert fails here, before anything is sent, unless the caller
 * gives `gas`: anvil's estimate executes the call several times (a binary search), and a batch commit's calldata
 * is large, so a known bound saves most of the settlement layer's work. Should the upstream refuse that limit or
 * the transaction revert with it, the call is estimated and sent again, so a call that fails still rejects with
 * its revert reason.
 * Rejects with {@link TransactionRevertedError} if the mined transaction reverted.
 */
export async function sendTransaction(params: SendTransactionParameters): Promise<{ hash: Hex; blockNumber: bigint }> {
  if (params.gas === undefined) return sendOnce(params, undefined);
  try {
    return await sendOnce(params, params.gas);
  } catch (err) {
    if (!(err instanceof SendRefusedError || err instanceof TransactionRevertedError)) throw err;
    return sendOnce(params, undefined);
  }
}

/**
 * The least gas limit of a transaction with calldata `data` (EIP-7623, Prague): 21,000 plus 10 per calldata
 * token, a token being a zero byte or a quarter of a non-zero one. Below it the transaction is invalid, whatever
 * its execution costs.
 */
export function calldataFloorGas(data: Hex): bigint {
  let tokens = 0;
  for (let i = 2; i < data.length; i += 2) tokens += data[i] === '0' && data[i + 1] === '0' ? 1 : 4;
  return 21_000n + 10n * BigInt(tokens);
}

/**
 * A gas limit to send a call with instead of an estimate: `bound` (an upper bound of its execution the caller
 * knows) or the calldata's floor, whichever is higher, with a quarter on top; a transaction pays only what it uses.
 */
export function gasLimitFromBound(bound: number, data: Hex): bigint {
  const execution = BigInt(bound);
  const floor = calldataFloorGas(data);
  return ((execution > floor ? execution : floor) * 5n) / 4n;
}

async function sendOnce(params: SendTransactionParameters, knownGas: bigint | undefined) {
  const { upstream, sender, to, data } = params;
  const from = senderAddress(sender);
  const [gasPrice, nonce, gas] = (await upstream.batch([
    { method: 'eth_gasPrice' },
    { method: 'eth_getTransactionCount', params: [from, 'pending'] },
    ...(knownGas === undefined ? [{ method: 'eth_estimateGas', params: [{ from, to, data }] }] : []),
  ])) as (Hex | UpstreamError)[];
  for (const r of [gasPrice, nonce, gas]) if (r instanceof UpstreamError) throw r;
  const gasLimit = knownGas ?? (BigInt(gas as Hex) * 6n) / 5n + 20_000n;
  const maxFeePerGas = BigInt(gasPrice as Hex) * 2n + 1_000_000_000n;
  let hash: Hex;
  try {
    hash = await submit(params, from, { nonce: BigInt(nonce as Hex), gasLimit, maxFeePerGas });
  } catch (err) {
    if (!(err instanceof UpstreamError)) throw err;
    throw new SendRefusedError(err.shortMessage, { details: err.details, cause: err });
  }
  params.afterSend?.();
  return waitForReceipt(params, hash);
}

async function submit(
  params: SendTransactionParameters,
  from: Address,
  fees: { nonce: bigint; gasLimit: bigint; maxFeePerGas: bigint },
): Promise<Hex> {
  const { upstream, sender, to, data } = params;
  if (sender.kind === 'key') {
    const raw = await signEip1559Transaction({
      account: sender.account,
      chainId: params.chainId,
      nonce: fees.nonce,
      to,
      data,
      gas: fees.gasLimit,
      maxFeePerGas: fees.maxFeePerGas,
      maxPriorityFeePerGas: 1_000_000_000n,
    });
    return upstream.request<Hex>('eth_sendRawTransaction', [raw]);
  }
  // Impersonated for this one transaction only, so the account is never left open on the chain.
  await upstream.request('anvil_impersonateAccount', [from]);
  try {
    return await upstream.request<Hex>('eth_sendTransaction', [
      {
        from,
        to,
        data,
        gas: numberToHex(fees.gasLimit),
        maxFeePerGas: numberToHex(fees.maxFeePerGas),
        maxPriorityFeePerGas: '0x3b9aca00',
      },
    ]);
  } finally {
    await upstream.request('anvil_stopImpersonatingAccount', [from]).catch(() => undefined);
  }
}

/** How long a transaction may wait for its receipt before the node looks for anvil's stuck automine. */
const STUCK_AFTER_MS = 500;

async function waitForReceipt(params: SendTransactionParameters, hash: Hex) {
  const deadline = Date.now() + (params.timeoutMs ?? 60_000);
  let lookForStuckAt = Date.now() + STUCK_AFTER_MS;
  for (;;) {
    const receipt = await params.upstream.request<Receipt | null>('eth_getTransactionReceipt', [hash]);
    if (receipt) {
      if (receipt.status !== '0x1')
        throw new TransactionRevertedError(`transaction ${hash} reverted`, { details: `to ${params.to}` });
      return { hash, blockNumber: BigInt(receipt.blockNumber) };
    }
    if (Date.now() > deadline) throw new NodeError(`transaction ${hash} was not mined in time`);
    // An automining anvil mines at once; a transaction still waiting may be one its automine left in the pool.
    if (Date.now() >= lookForStuckAt) {
      lookForStuckAt = Date.now() + STUCK_AFTER_MS;
      await mineStuckTransactions(params.upstream).catch(() => 0); // the receipt poll reports a down upstream
    }
    await new Promise((r) => setTimeout(r, params.pollMs ?? 20));
  }
}
