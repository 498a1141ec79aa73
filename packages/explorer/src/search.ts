// The search box: an interop hash, a transaction hash (also a ZKsync 0x71 hash), an address, a chain id or
// "chainId/batch". Resolves to a page path, or to a sentence saying plainly what was not found.
import type { Network } from './rpc.js';
import type { MessageDetail, MessageStatusAnswer, TransactionMessages } from './types.js';

export type SearchResult = { path: string } | { problem: string };

/** What a query looks like, before asking the node. */
export type QueryKind =
  | { kind: 'hash'; hash: `0x${string}` }
  | { kind: 'address'; address: `0x${string}` }
  | { kind: 'chain'; chainId: number }
  | { kind: 'batch'; chainId: number; number: number }
  | { kind: 'unknown' };

/** Classifies a query by its form alone. */
export function classifyQuery(raw: string): QueryKind {
  const q = raw.trim();
  if (/^0x[0-9a-fA-F]{64}$/.test(q)) return { kind: 'hash', hash: q.toLowerCase() as `0x${string}` };
  if (/^0x[0-9a-fA-F]{40}$/.test(q)) return { kind: 'address', address: q.toLowerCase() as `0x${string}` };
  if (/^[0-9]{1,15}$/.test(q)) return { kind: 'chain', chainId: Number(q) };
  const batch = /^([0-9]{1,15})\s*\/\s*([0-9]{1,15})$/.exec(q);
  if (batch) return { kind: 'batch', chainId: Number(batch[1]), number: Number(batch[2]) };
  return { kind: 'unknown' };
}

/** Finds what a 32-byte hash is: a message (sealed or just sent), or a transaction that sent messages. */
async function resolveHash(network: Network, hash: `0x${string}`): Promise<SearchResult> {
  const [message, tx] = await Promise.all([
    network.index<MessageDetail | null>('interop_getMessage', [hash]),
    network.index<TransactionMessages | null>('interop_getTransactionMessages', [hash]),
  ]);
  if (message) return { path: `/message/${hash}` };
  if (tx)
    return tx.messages.length === 1 ? { path: `/message/${tx.messages[0].interopHash}` } : { path: `/tx/${hash}` };
  // Not sealed yet: each chain's node also looks at its unsealed blocks.
  const pending = await Promise.all(
    network.config.chains.map((c) =>
      network.on<MessageStatusAnswer | null>(c.chainId, 'interop_getMessageStatus', [hash]).catch(() => null),
    ),
  );
  if (pending.some(Boolean)) return { path: `/message/${hash}` };
  return {
    problem: `Nothing known as ${hash}: no message has this interop hash and no transaction of a sealed batch has this hash (on chains ${network.config.chains.map((c) => c.chainId).join(', ')}).`,
  };
}

/** Resolves a search query to a page, asking the node where the form alone does not say. */
export async function resolveSearch(network: Network, raw: string): Promise<SearchResult> {
  const q = raw.trim();
  if (q === '')
    return { problem: 'Type an interop hash, a transaction hash, an address, a chain id or chainId/batch.' };
  const kind = classifyQuery(q);
  const known = network.allChains.map((c) => c.chainId).join(', ');
  switch (kind.kind) {
    case 'hash':
      return resolveHash(network, kind.hash);
    case 'address':
      return { path: `/address/${kind.address}` };
    case 'chain':
      if (!network.chain(kind.chainId))
        return { problem: `Chain ${kind.chainId} is not part of this network (chains: ${known}).` };
      return { path: network.isL2(kind.chainId) ? `/chain/${kind.chainId}` : '/' };
    case 'batch':
      if (!network.isL2(kind.chainId))
        return {
          problem: `Chain ${kind.chainId} has no batches here (chains with batches: ${network.config.chains.map((c) => c.chainId).join(', ')}).`,
        };
      return { path: `/batch/${kind.chainId}/${kind.number}` };
    default:
      return {
        problem: `“${q.length > 80 ? `${q.slice(0, 80)}…` : q}” is not an interop hash, a transaction hash, an address, a chain id or chainId/batch.`,
      };
  }
}
