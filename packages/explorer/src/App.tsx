import { useEffect, useState } from 'preact/hooks';
import { Problem } from './components/bits.js';
import { SearchBox } from './components/Search.js';
import { loadConfig } from './config.js';
import { BatchPage } from './pages/Batch.js';
import { ChainPage } from './pages/Chain.js';
import { HomePage } from './pages/Home.js';
import { AddressPage, TxPage } from './pages/Lists.js';
import { MessagePage } from './pages/Message.js';
import { SearchPage } from './pages/Search.js';
import { type Route, useRoute } from './router.js';
import { Network } from './rpc.js';

function Page({ network, route }: { network: Network; route: Route }) {
  switch (route.page) {
    case 'home':
      return <HomePage network={network} />;
    case 'message':
      return <MessagePage network={network} interopHash={route.interopHash} />;
    case 'batch':
      return <BatchPage network={network} chainId={route.chainId} number={route.number} />;
    case 'chain':
      return <ChainPage network={network} chainId={route.chainId} />;
    case 'address':
      return <AddressPage network={network} address={route.address} />;
    case 'tx':
      return <TxPage network={network} txHash={route.txHash} />;
    case 'search':
      return <SearchPage network={network} query={route.query} />;
    case 'invalid':
      return (
        <div data-ready="invalid">
          <Problem title="This address does not name a page">
            {route.problem} <a href="/">Go to the network page</a> or use the search box.
          </Problem>
        </div>
      );
    default:
      return (
        <div data-ready="not-found">
          <Problem title="No such page">
            The explorer has no page at <code>{route.path}</code>. Pages: /, /message/&lt;interop hash&gt;,
            /batch/&lt;chain id&gt;/&lt;n&gt;, /chain/&lt;chain id&gt;, /address/&lt;address&gt;, /tx/&lt;hash&gt;.
          </Problem>
        </div>
      );
  }
}

export function App() {
  const route = useRoute();
  const [network, setNetwork] = useState<Network | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    loadConfig()
      .then((config) => setNetwork(new Network(config)))
      .catch((err: Error) => setError(err.message));
  }, []);
  return (
    <>
      <header class="top">
        <a class="brand" href="/">
          interop<span>explorer</span>
        </a>
        <SearchBox initial={route.page === 'search' ? route.query : ''} />
      </header>
      <main>
        {error ? (
          <Problem title="The explorer cannot reach its server">{error}</Problem>
        ) : network ? (
          <Page network={network} route={route} />
        ) : (
          <p class="muted">Connecting…</p>
        )}
      </main>
    </>
  );
}
