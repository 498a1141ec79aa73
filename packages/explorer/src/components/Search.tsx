import { useState } from 'preact/hooks';
import { navigate } from '../router.js';

/** The search box: goes to /search?q=…, whose page resolves the query (so a search is a deep link too). */
export function SearchBox({ initial = '' }: { initial?: string }) {
  const [query, setQuery] = useState(initial);
  return (
    <form
      class="search"
      onSubmit={(e) => {
        e.preventDefault();
        navigate(`/search?q=${encodeURIComponent(query.trim())}`);
      }}
    >
      <input
        name="q"
        type="search"
        value={query}
        onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
        placeholder="interop hash, tx hash, address, chain id, chainId/batch"
        aria-label="Search"
        spellcheck={false}
        autocomplete="off"
      />
      <button type="submit">Search</button>
    </form>
  );
}
