// `/search?q=…`: resolves the query and replaces itself with the page it names, or says plainly what failed.
import { useEffect, useState } from 'preact/hooks';
import { Problem } from '../components/bits.js';
import { navigate } from '../router.js';
import type { Network } from '../rpc.js';
import { resolveSearch } from '../search.js';

export function SearchPage({ network, query }: { network: Network; query: string }) {
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    let alive = true;
    setProblem(undefined);
    resolveSearch(network, query)
      .then((r) => {
        if (!alive) return;
        if ('path' in r) navigate(r.path, { replace: true });
        else setProblem(r.problem);
      })
      .catch((err: Error) => alive && setProblem(`The search could not ask the node: ${err.message}`));
    return () => {
      alive = false;
    };
  }, [query]);
  if (!problem) return <p class="muted">Searching for “{query}”…</p>;
  return (
    <div data-ready="search">
      <Problem title="Not found">
        <span data-search-problem>{problem}</span>
      </Problem>
    </div>
  );
}
