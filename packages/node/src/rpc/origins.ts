// Which web pages may call an endpoint from a browser (CORS), like anvil's --allow-origin. A request without an
// Origin header (curl, scripts, wallets' backends) is not a browser page and is always served; one from a page
// whose origin is not allowed is refused outright (403), not only hidden from the page: a cross-site form post
// could otherwise still make the node send a transaction.

/** `'*'` (any page) or a list of origins; an entry may end in `:*` for any port (`http://localhost:*`). */
export type AllowedOrigins = '*' | readonly string[];

/** Local pages on any port: what the explorer (http://127.0.0.1:5100 by default) and local dev servers need. */
export const DEFAULT_ALLOWED_ORIGINS: readonly string[] = [
  'http://127.0.0.1:*',
  'http://localhost:*',
  'http://[::1]:*',
];

/** Checks one origin entry: `scheme://host[:port]` or `scheme://host:*`. */
export function isOriginPattern(entry: string): boolean {
  return /^https?:\/\/(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+)(:([0-9]{1,5}|\*))?$/.test(entry);
}

/**
 * Returns what to answer in `access-control-allow-origin` for a request's Origin header: the origin itself when
 * allowed, `*` when every origin is, `null` when the page is refused; `undefined` for a request without Origin.
 */
export function createOriginPolicy(allowed: AllowedOrigins): (origin: string | undefined) => string | null | undefined {
  if (allowed === '*') return (origin) => (origin === undefined ? undefined : '*');
  const exact = new Set<string>();
  const anyPort: string[] = [];
  for (const entry of allowed) {
    const lower = entry.toLowerCase();
    if (lower.endsWith(':*')) anyPort.push(lower.slice(0, -1));
    else exact.add(lower);
  }
  return (origin) => {
    if (origin === undefined) return undefined;
    const lower = origin.toLowerCase();
    if (exact.has(lower)) return origin;
    // "http://localhost:*" matches "http://localhost:5100" and "http://localhost" (default port).
    for (const prefix of anyPort)
      if (
        lower === prefix.slice(0, -1) ||
        (lower.startsWith(prefix) && /^[0-9]{1,5}$/.test(lower.slice(prefix.length)))
      )
        return origin;
    return null;
  };
}
