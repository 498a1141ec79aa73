// What the explorer server tells the page (GET /config.json): the chains and where to reach their node
// endpoints. Endpoints are usually the server's own /rpc/<chainId> proxy, so the page never needs CORS.

/** One chain: its id, its JSON-RPC endpoint and the chain it settles on (none for the settlement layer). */
export type ChainConfig = { chainId: number; rpcUrl: string; settlementChainId: number | null };

/** The network as the explorer sees it. */
export type ExplorerConfig = {
  /** The settlement layer (the root of the tree of chains). */
  settlement: ChainConfig & { contract: `0x${string}` | null };
  /** The L2s (and gateways): every chain the node serves. */
  chains: ChainConfig[];
};

function isChain(value: unknown): value is ChainConfig {
  const c = value as ChainConfig;
  return typeof c?.chainId === 'number' && typeof c.rpcUrl === 'string';
}

/** Loads and checks /config.json; throws an Error with a sentence a user can act on. */
export async function loadConfig(): Promise<ExplorerConfig> {
  let res: Response;
  try {
    res = await fetch('/config.json', { cache: 'no-store' });
  } catch {
    throw new Error('The explorer server does not answer (is `interop devnet` or `interop explorer` running?).');
  }
  if (!res.ok) throw new Error(`The explorer server answered /config.json with HTTP ${res.status}.`);
  const body = (await res.json()) as ExplorerConfig;
  if (!isChain(body?.settlement) || !Array.isArray(body.chains) || !body.chains.every(isChain) || !body.chains.length)
    throw new Error('The explorer server sent a /config.json without chains.');
  const abs = (c: ChainConfig) => ({ ...c, rpcUrl: new URL(c.rpcUrl, location.origin).toString() });
  return {
    settlement: { ...abs(body.settlement), contract: body.settlement.contract ?? null },
    chains: body.chains.map(abs),
  };
}
