import { DevnetError } from './errors.js';

/** Chain id of ZKsync's local Gateway, the devnet's middle settlement layer. */
export const GATEWAY_CHAIN_ID = 506n;

/** Which chain settles on which: L1 (chain 9) at the top, at most one Gateway, every L2 on one of the two. */
export type DevnetTopology = {
  /** The Gateway's chain id, when the network has one (it settles on L1). */
  gateway?: bigint;
  /** Every L2, in order, with the chain it settles on (L1's id or the Gateway's). */
  chains: { chainId: bigint; settlesOn: bigint }[];
};

/** A topology file or option that does not describe a network the devnet can start. */
export class InvalidTopologyError extends DevnetError {
  override name = 'InvalidTopologyError';
}

/**
 * The devnet's networks: two tiers (every L2 on L1) or, with `gateway`, three (every L2 on the Gateway, which
 * settles on L1).
 */
export function defaultTopology(l2ChainIds: bigint[], l1ChainId: bigint, gateway: boolean): DevnetTopology {
  const settlesOn = gateway ? GATEWAY_CHAIN_ID : l1ChainId;
  return {
    gateway: gateway ? GATEWAY_CHAIN_ID : undefined,
    chains: l2ChainIds.map((chainId) => ({ chainId, settlesOn })),
  };
}

function chainId(value: unknown, where: string): bigint {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return BigInt(value);
  if (typeof value === 'string' && /^[1-9][0-9]*$/.test(value)) return BigInt(value);
  throw new InvalidTopologyError(`topology: ${where} must be a positive chain id`);
}

/**
 * Reads a topology file's JSON:
 * `{ "gateway": 506, "chains": [{ "chainId": 271, "settlesOn": 506 }, { "chainId": 273, "settlesOn": 9 }] }`.
 * `gateway` is optional (omit it for a two-tier network); `settlesOn` is L1's chain id or the Gateway's.
 */
export function parseTopology(input: unknown, l1ChainId: bigint): DevnetTopology {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new InvalidTopologyError('topology: expected a JSON object with "chains"');
  const t = input as Record<string, unknown>;
  for (const key of Object.keys(t))
    if (key !== 'gateway' && key !== 'chains') throw new InvalidTopologyError(`topology: unknown field "${key}"`);
  const gateway = t.gateway === undefined ? undefined : chainId(t.gateway, 'gateway');
  if (!Array.isArray(t.chains) || t.chains.length === 0)
    throw new InvalidTopologyError('topology: "chains" must be a non-empty array');
  const seen = new Set<bigint>([l1ChainId, ...(gateway ? [gateway] : [])]);
  if (gateway === l1ChainId) throw new InvalidTopologyError(`topology: the gateway cannot be L1 (chain ${l1ChainId})`);
  const chains = t.chains.map((raw: unknown, i: number) => {
    if (typeof raw !== 'object' || raw === null)
      throw new InvalidTopologyError(`topology: chains[${i}] must be an object`);
    const c = raw as Record<string, unknown>;
    const id = chainId(c.chainId, `chains[${i}].chainId`);
    if (seen.has(id)) throw new InvalidTopologyError(`topology: chain ${id} appears twice (or is L1 or the gateway)`);
    seen.add(id);
    const settlesOn = c.settlesOn === undefined ? l1ChainId : chainId(c.settlesOn, `chains[${i}].settlesOn`);
    if (settlesOn !== l1ChainId && settlesOn !== gateway)
      throw new InvalidTopologyError(
        `topology: chains[${i}] settles on ${settlesOn}, which is neither L1 (${l1ChainId}) nor the gateway${gateway ? ` (${gateway})` : ''}`,
      );
    return { chainId: id, settlesOn };
  });
  return { gateway, chains };
}
