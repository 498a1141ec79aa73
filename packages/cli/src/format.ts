// How the CLI writes a chain id in its human output: decimal, as the chain tables and flags (--on 272) take it.

/** A chain id in decimal ("271"), whatever form it came in (bigint, number, or a node's hex quantity). */
export function formatChainId(chainId: bigint | number | string): string {
  return BigInt(chainId).toString();
}

/** "chain 271": how a line names a chain. */
export function chainLabel(chainId: bigint | number | string): string {
  return `chain ${formatChainId(chainId)}`;
}
