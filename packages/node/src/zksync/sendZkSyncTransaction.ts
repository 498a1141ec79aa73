import { type Address, type Hex, keccak256, numberToHex } from 'viem';
import { UpstreamError } from '../errors.js';
import { crashPoint } from '../testHooks.js';
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
// `${chainId}:${from}:${nonce}` of the sends between "may be mined" and "alias recorded": anvil mines (automine)
// before eth_sendTransaction answers, so a batch sealed in that window would carry the anvil hash instead of the
// ZKsync one. Only a block holding such a transaction waits (see isUnrecordedZkSyncSend).
const inFlight = new Set<string>();
const sendKey = (chainId: bigint | number, from: Address, nonce: bigint | number) =>
  `${chainId}:${from.toLowerCase()}:${nonce}`;

/**
 * Whether some ZKsync transaction on `chainId` may be mined without its public hash recorded: a send in flight, or
 * an intent written and not settled (a crash cut the send short). Only then does the sequencer need each mined
 * transaction's sender, nonce, recipient and calldata ({@link isUnrecordedZkSyncSend}).
 */
export function hasUnrecordedZkSyncSends(chainId: bigint, aliases: TxHashAliases): boolean {
  const prefix = `${chainId}:`;
  for (const key of inFlight) if (key.startsWith(prefix)) return true;
  return aliases.hasIntents?.(Number(chainId)) ?? false;
}

/** A mined transaction as the sequencer reads it. */
export type MinedTransaction = { hash: Hex; from: Address; nonce: Hex; to: Address | null; input: Hex };

/**
 * Whether `tx`, mined on `chainId`, is a ZKsync transaction whose ZKsync hash is not recorded yet because its
 * send is still in flight (the sequencer then seals only the blocks before it). A transaction whose send was cut
 * short by a crash (an intent written, no alias) is recognised by its sender, nonce, recipient and calldata, and
 * its alias is recorded here.
 */
export function isUnrecordedZkSyncSend(chainId: bigint, tx: MinedTransaction, aliases: TxHashAliases): boolean {
  const nonce = Number(BigInt(tx.nonce));
  if (inFlight.has(sendKey(chainId, tx.from, nonce))) return true;
  const intent = aliases.intentOf?.(Number(chainId), tx.from, nonce);
  if (intent) {
    if (intent.to.toLowerCase() === tx.to?.toLowerCase() && intent.dataHash === keccak256(tx.input))
      aliases.put(intent.zkHash, tx.hash);
    else aliases.dropIntent?.(intent.zkHash); // that nonce went to another transaction: the 0x71 one never ran
  }
  return false;
}

// `${chainId}:${address}` of the signers impersonated right now: the endpoint refuses other sends as them meanwhile.
const impersonated = new Set<string>();

/** Whether `address` is impersonated on `chainId` right now to send one of its ZKsync transactions. */
export function isImpersonatedForZkSync(chainId: bigint, address: Address): boolean {
  return impersonated.has(`${chainId}:${address.toLowerCase()}`);
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
  const key = sendKey(chainId, from, tx.nonce);
  inFlight.add(key);
  // Written down first: if the process dies after anvil mined the transaction and before the alias below, the
  // sequencer recognises the transaction by its sender and nonce and records the alias then.
  aliases.putIntent?.({
    zkHash,
    chainId: Number(chainId),
    from,
    nonce: Number(tx.nonce),
    to: tx.to as Address,
    dataHash: keccak256(tx.data),
  });
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
    crashPoint('zk-after-send-before-alias');
    aliases.put(zkHash, anvilHash);
  } catch (err) {
    // Refused by the chain (a JSON-RPC error): nothing was mined. Otherwise (no answer) it may have been.
    if (err instanceof UpstreamError && err.code !== undefined) aliases.dropIntent?.(zkHash);
    throw err;
  } finally {
    inFlight.delete(key);
    await upstream('anvil_stopImpersonatingAccount', [from]).catch(() => undefined);
    impersonated.delete(impersonation);
  }
  return zkHash;
}
