// A tiny history-API router: every page has a real path, so deep links work when opened directly or reloaded
// (the server answers unknown paths with index.html).
import { useEffect, useState } from 'preact/hooks';

/** The pages of the explorer, parsed from a path. `invalid` carries what was wrong with the path. */
export type Route =
  | { page: 'home' }
  | { page: 'message'; interopHash: `0x${string}` }
  | { page: 'batch'; chainId: number; number: number }
  | { page: 'chain'; chainId: number }
  | { page: 'address'; address: `0x${string}` }
  | { page: 'tx'; txHash: `0x${string}` }
  | { page: 'search'; query: string }
  | { page: 'invalid'; problem: string }
  | { page: 'not-found'; path: string };

const HASH = /^0x[0-9a-fA-F]{64}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const NUMBER = /^[0-9]{1,15}$/;

/** Parses a location path (and its query, for /search) into a route. Never throws. */
export function parseRoute(pathname: string, search = ''): Route {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return { page: 'invalid', problem: 'The address bar holds a malformed path.' };
  }
  const parts = path.split('/').filter(Boolean);
  const [head, a, b] = parts;
  if (parts.length === 0) return { page: 'home' };
  if (head === 'message' && parts.length === 2)
    return HASH.test(a)
      ? { page: 'message', interopHash: a.toLowerCase() as `0x${string}` }
      : { page: 'invalid', problem: `“${a}” is not an interop hash (0x followed by 64 hex digits).` };
  if (head === 'batch' && parts.length === 3) {
    if (!NUMBER.test(a)) return { page: 'invalid', problem: `“${a}” is not a chain id (a decimal number).` };
    if (!NUMBER.test(b)) return { page: 'invalid', problem: `“${b}” is not a batch number (a decimal number).` };
    return { page: 'batch', chainId: Number(a), number: Number(b) };
  }
  if (head === 'chain' && parts.length === 2)
    return NUMBER.test(a)
      ? { page: 'chain', chainId: Number(a) }
      : { page: 'invalid', problem: `“${a}” is not a chain id (a decimal number).` };
  if (head === 'address' && parts.length === 2)
    return ADDRESS.test(a)
      ? { page: 'address', address: a.toLowerCase() as `0x${string}` }
      : { page: 'invalid', problem: `“${a}” is not an address (0x followed by 40 hex digits).` };
  if (head === 'tx' && parts.length === 2)
    return HASH.test(a)
      ? { page: 'tx', txHash: a.toLowerCase() as `0x${string}` }
      : { page: 'invalid', problem: `“${a}” is not a transaction hash (0x followed by 64 hex digits).` };
  if (head === 'search' && parts.length === 1)
    return { page: 'search', query: new URLSearchParams(search).get('q') ?? '' };
  return { page: 'not-found', path };
}

const listeners = new Set<() => void>();

/** Goes to `path` without reloading (pushes a history entry). */
export function navigate(path: string, { replace = false } = {}): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.scrollTo(0, 0);
  for (const l of listeners) l();
}

/** The current route; re-renders on navigation and on back/forward. */
export function useRoute(): Route {
  const read = () => parseRoute(location.pathname, location.search);
  const [route, setRoute] = useState<Route>(read);
  useEffect(() => {
    const update = () => setRoute(read());
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return route;
}

/** Turns clicks on same-origin <a href="/…"> links into history navigation (modifier clicks open tabs as usual). */
export function interceptLinks(root: HTMLElement): void {
  root.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    const a = (event.target as Element).closest?.('a');
    if (!a || a.target || a.origin !== location.origin || a.hasAttribute('download')) return;
    event.preventDefault();
    navigate(a.pathname + a.search);
  });
}
