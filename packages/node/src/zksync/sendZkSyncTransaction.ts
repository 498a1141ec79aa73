import { type Address, type Hex, numberToHex } from 'viem';
import type { TxHashAliases } from './aliases.js';
import { decodeEip712Transaction, type Eip712Transaction, isZkSyncTransaction } from './decodeEip712Transaction.js';
import { getEip712TransactionHash } from './eip712Hash.js';
import { TRANSACTION_REJECTED, ZkSyncCompatError } from './errors.js';
import type { Upstream } from './upstream.js';
import { verifyEip712Signature } from './verifyEip712Signature.js';

export type SendZkSyncTransactionParameters = {
  upstream: Upstream;
  /** The serialized type-0x71 transaction, as given to eth_sendRawTransaction. */
  raw: Hex;
  /** Chain id of the chain behind `upstream`; the transaction must be signed for it. */
  chainId: bigint;
  aliases: TxHashAliases;
};

/** The ZKsync transaction hash: what zksync-ethers expects back and uses in every later lookup. */
export type SendZkSyncTransactionReturnType = Hex;

// Impersonation is per account and the nonce check must see the previous send, so sends from one account on
// one chain go one at a time.
const queues = new Map<string, Promise<unknown>>();
// Sends per chain between "may be mined" and "alias recorded": anvil mines (automine) before eth_sendTransaction
// answers, so a batch sealed in that window would carry the anvil hash instead of the ZKsync one.
const unrecorded = new Map<bigint, number>();
// `${chainId}:${address}` of the signers impersonated right now: the endpoint refuses other sends as them meanwhile.
const impersonated = new Set<string>();

/** Whether `address` is impersonated on `chainId` right now to send one of its ZKsync transactions. */
export function isImpersonatedForZkSync(chainId: bigint, address: Address): boolean {
  return impersonated.has(`${chainId}:${address.toLowerCase()}`);
}

/**
 * Whether a ZKsync transaction on `chainId` may already be mined while its ZKsync hash is not yet recorded.
 * A sequencer that read its head block holds the seal while this is true, so every mined 0x71 transaction up to
 * that head is known by its ZKsync hash when the batch is sealed.
 */
export function hasUnrecordedZkSyncSends(chainId: bigint): boolean {
  return (unrecorded.get(chainId) ?? 0) > 0;
}

/**
 * Executes a ZKsync EIP-712 transaction on a plain EVM node as its signer: decode, check chain id and signature,
 * refuse what cannot be honoured (paymaster, factory deps, contract creation, nonce mismatch), then
 * `anvil_impersonateAccount(from)` → `eth_sendTransaction` with the same to/data/value/gas/nonce/fees →
 * `anvil_stopImpersonatingAccount(from)`, and record ZKsync hash ↔ node hash in `aliases`.
 */
export async function sendZkSyncTransaction(
  params: SendZkSyncTransactionParameters,
): Promise<SendZkSyncTransactionReturnType> {
  const { upstream, raw, chainId, aliases } = params;
  if (!isZkSyncTransaction(raw)) throw new ZkSyncCompatError('Not a ZKsync EIP-712 transaction');
  const tx = decodeEip712Transaction(raw);
  assertExecutable(tx, chainId);
  await verifyEip712Signature(tx);
  const zkHash = getEip712TransactionHash(tx);
  // A rebroadcast of a transaction already executed is answered like the first time, not executed twice.
  if (aliases.anvilHashOf(zkHash)) return zkHash;

  const key = `${chainId}:${tx.from.toLowerCase()}`;
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => execute(upstream, tx, chainId, zkHash, aliases));
  queues.set(key, run);
  try {
    return await run;
  } finally {
    if (queues.get(key) === run) queues.delete(key);
  }
}

function assertExecutable(tx: Eip712Transaction, chainId: bigint): void {
  if (tx.chainId !== chainId)
    throw new ZkSyncCompatError('Wrong chain id', {
      details: `transaction is signed for chain ${tx.chainId}, this chain is ${chainId}`,
    });
  if (tx.paymasterParams)
    throw new ZkSyncCompatError('Paymasters are not supported on this chain', {
      details: `paymaster ${tx.paymasterParams.paymaster} requested; send without paymasterParams (the sender pays)`,
    });
  if (tx.factoryDeps.length > 0)
    throw new ZkSyncCompatError('Factory dependencies are not supported on this chain', {
      details: `${tx.factoryDeps.length} factory dep(s) given; deploy EVM bytecode with an ordinary transaction`,
    });
  if (tx.to === null)
    throw new ZkSyncCompatError('ZKsync transaction without a recipient', {
      details: 'contract creation through a 0x71 transaction is not supported; use an ordinary transaction',
    });
}

async function execute(
  upstream: Upstream,
  tx: Eip712Transaction,
  chainId: bigint,
  zkHash: Hex,
  aliases: TxHashAliases,
): Promise<Hex> {
  const from: Address = tx.from;
  const expected = BigInt((await upstream('eth_getTransactionCount', [from, 'pending'])) as Hex);
  if (expected !== tx.nonce)
    throw new ZkSyncCompatError(`Nonce too ${tx.nonce < expected ? 'low' : 'high'}`, {
      code: TRANSACTION_REJECTED,
      details: `account ${from} has nonce ${expected}, the transaction has nonce ${tx.nonce}`,
    });
  const impersonation = `${chainId}:${from.toLowerCase()}`;
  impersonated.add(impersonation);
  try {
    await upstream('anvil_impersonateAccount', [from]);
  } catch (err) {
    impersonated.delete(impersonation);
    throw err;
  }
  let anvilHash: Hex;
  unrecorded.set(chainId, (unrecorded.get(chainId) ?? 0) + 1);
  try {
    anvilHash = (await upstream('eth_sendTransaction', [
      {
        from,
        to: tx.to,
        data: tx.data,
        value: numberToHex(tx.value),
        gas: numberToHex(tx.gasLimit),
        nonce: numberToHex(tx.nonce),
        maxFeePerGas: numberToHex(tx.maxFeePerGas),
        maxPriorityFeePerGas: numberToHex(tx.maxPriorityFeePerGas),
      },
    ])) as Hex;
    aliases.put(zkHash, anvilHash);
  } finally {
    unrecorded.set(chainId, (unrecorded.get(chainId) ?? 1) - 1);
    await upstream('anvil_stopImpersonatingAccount', [from]).catch(() => undefined);
    impersonated.delete(impersonation);
  }
  return zkHash;
}
