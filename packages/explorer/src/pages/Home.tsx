// `/`: the network as a tree of chains (settlement layer → the chains settling on it → …), each with its head
// block and batch progress, a live feed of the latest messages, and the last minute's throughput and latency.
import type { ComponentChildren } from 'preact';
import { Card, Fields, HashText, Problem } from '../components/bits.js';
import { MessageTable } from '../components/MessageTable.js';
import { ago } from '../format.js';
import type { Network } from '../rpc.js';
import type { ChainState, MessageSummary, NetworkAnswer, Page, SettlementLayerState } from '../types.js';
import { usePoll } from '../usePoll.js';

// Latencies come from block timestamps (whole seconds): 0 means within the same second.
const seconds = (s: number | null) => (s === null ? '—' : s === 0 ? '< 1 s' : `${s} s`);

type Overview = { net: NetworkAnswer; heads: Map<number, number | null>; feed: MessageSummary[] };

async function loadOverview(network: Network): Promise<Overview> {
  const [net, feed, ...heads] = await Promise.all([
    network.index<NetworkAnswer>('interop_getNetwork'),
    network.index<Page<'messages', MessageSummary>>('interop_listMessages', [{ limit: 20 }]),
    ...network.allChains.map((c) =>
      network
        .on<string>(c.chainId, 'eth_blockNumber')
        .then((h) => Number(h))
        .catch(() => null),
    ),
  ]);
  return { net, feed: feed.messages, heads: new Map(network.allChains.map((c, i) => [c.chainId, heads[i]])) };
}

/** What the node knows of a settlement layer: how far it applied it, and the layer's last root. */
function layerRows(layer: SettlementLayerState): [string, ComponentChildren][] {
  return [
    ['applied by the node', layer.lastAppliedBlock ?? '—'],
    [
      'last root',
      layer.lastRoot ? (
        <span>
          <HashText hash={layer.lastRoot.root} /> at block {layer.lastRoot.block}, {ago(layer.lastRoot.timestamp)}
        </span>
      ) : (
        <span class="muted">none yet</span>
      ),
    ],
  ];
}

function ChainNode({ overview, chain, children }: { overview: Overview; chain: ChainState; children: ChainState[] }) {
  const head = overview.heads.get(chain.chainId);
  const imp = chain.lastImport;
  // A Gateway is a chain and a settlement layer: it shows both.
  const layer = children.length > 0 ? overview.net.layers.find((l) => l.chainId === chain.chainId) : undefined;
  return (
    <li class="chain-node" data-chain={chain.chainId}>
      <div class={layer ? 'chain-box gateway' : 'chain-box'}>
        <h3>
          <a href={`/chain/${chain.chainId}`}>
            {layer ? 'Gateway' : 'chain'} {chain.chainId}
          </a>
          <span class="muted"> settles on {chain.settlementChainId}</span>
        </h3>
        <Fields
          rows={[
            ['head block', head ?? <span class="muted">unreachable</span>],
            [
              'last sealed batch',
              <a href={`/batch/${chain.chainId}/${chain.lastSealedBatch}`}>#{chain.lastSealedBatch}</a>,
            ],
            ['last committed', `#${chain.lastCommittedBatch}`],
            ['last executed', `#${chain.lastExecutedBatch}`],
            [
              'last imported root',
              imp ? (
                <span>
                  <HashText hash={imp.root} /> from block {imp.settlementBlockNumber} of {imp.settlementChainId},{' '}
                  {ago(imp.importedAt)}
                </span>
              ) : (
                <span class="muted">none yet</span>
              ),
            ],
            ...(layer ? layerRows(layer) : []),
          ]}
        />
      </div>
      {children.length > 0 && <ChainTree overview={overview} parent={chain.chainId} />}
    </li>
  );
}

/** The chains settling on `parent`, each with the chains settling on it (a Gateway shows as a middle tier). */
function ChainTree({ overview, parent }: { overview: Overview; parent: number }) {
  const chains = overview.net.chains.filter((c) => c.settlementChainId === parent);
  return (
    <ul class="chain-tree">
      {chains.map((c) => (
        <ChainNode
          key={c.chainId}
          overview={overview}
          chain={c}
          children={overview.net.chains.filter((x) => x.settlementChainId === c.chainId)}
        />
      ))}
    </ul>
  );
}

export function HomePage({ network }: { network: Network }) {
  const { data, error } = usePoll(() => loadOverview(network), [], 1000);
  if (!data)
    return error ? <Problem title="The node does not answer">{error.message}</Problem> : <p class="muted">Loading…</p>;
  const { net } = data;
  const sl = net.settlementLayer;
  const minute = net.lastMinute;
  return (
    <div class="home" data-ready="home">
      {error && <Problem title="Live updates paused">{error.message}</Problem>}
      <div class="stats">
        <div class="stat">
          <span class="stat-value" data-stat="messages">
            {net.messageCount.toLocaleString()}
          </span>
          <span class="stat-label">messages</span>
        </div>
        <div class="stat">
          <span class="stat-value">{minute.messages}</span>
          <span class="stat-label">
            sent in the last {minute.seconds} s ({(minute.messages / minute.seconds).toFixed(1)}/s)
          </span>
        </div>
        <div class="stat">
          <span class="stat-value">{seconds(minute.latencyP50)}</span>
          <span class="stat-label">p50 send → executed in the last minute (max {seconds(minute.latencyMax)})</span>
        </div>
      </div>
      <Card title="Network">
        <div class="chain-box settlement">
          <h3>settlement layer {sl.chainId}</h3>
          <Fields
            rows={[
              ['head block', data.heads.get(sl.chainId) ?? <span class="muted">unreachable</span>],
              ...layerRows(sl),
            ]}
          />
        </div>
        <ChainTree overview={data} parent={sl.chainId} />
      </Card>
      <Card title="Latest messages" id="feed">
        <MessageTable messages={data.feed} empty="No message yet. Send one: interop send --chain 271 --data 0x1234" />
      </Card>
    </div>
  );
}
