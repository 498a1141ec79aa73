// `/chain/<chainId>`: where a chain is, its batches (newest first, paged) and the roots it imported.
import { useState } from 'preact/hooks';
import { Card, Fields, HashText, More, Problem, Stage } from '../components/bits.js';
import { type Column, ListTable } from '../components/ListTable.js';
import { MessageTable } from '../components/MessageTable.js';
import { ago } from '../format.js';
import type { Network } from '../rpc.js';
import type { BatchSummary, ImportedRoot, MessageSummary, NetworkAnswer, Page } from '../types.js';
import { usePoll } from '../usePoll.js';

/** A live first page plus older pages appended on demand. */
function useOlder<T>(load: (cursor: number) => Promise<{ items: T[]; next: number | null }>) {
  const [state, setState] = useState<{ items: T[]; next: number | null | undefined }>({ items: [], next: undefined });
  const [busy, setBusy] = useState(false);
  return {
    items: state.items,
    next: state.next,
    async more(from: number) {
      setBusy(true);
      try {
        const page = await load(from);
        setState((s) => ({ items: [...s.items, ...page.items], next: page.next }));
      } finally {
        setBusy(false);
      }
    },
    busy,
  };
}

const BATCH_COLUMNS: Column<BatchSummary>[] = [
  { label: 'batch', cell: (b) => <a href={`/batch/${b.chainId}/${b.number}`}>#{b.number}</a> },
  {
    label: 'blocks',
    cell: (b) => (
      <>
        {b.firstBlock}–{b.lastBlock}
      </>
    ),
  },
  { label: 'logs', cell: (b) => b.logCount },
  { label: 'root', cell: (b) => <HashText hash={b.rootHash} /> },
  { label: 'stage', cell: (b) => <Stage stage={b.status} /> },
  { label: 'sealed', cell: (b) => ago(b.timestamp) },
];

function Batches({
  network,
  chainId,
  first,
}: {
  network: Network;
  chainId: number;
  first: Page<'batches', BatchSummary>;
}) {
  const older = useOlder(async (cursor) => {
    const p = await network.index<Page<'batches', BatchSummary>>('interop_listBatches', [chainId, cursor, 25]);
    return { items: p.batches, next: p.nextCursor };
  });
  const rows = [...first.batches, ...older.items];
  const next = older.next === undefined ? first.nextCursor : older.next;
  return (
    <>
      <ListTable kind="batches" columns={BATCH_COLUMNS} rows={rows} rowKey={(b) => b.number} />
      {next !== null && next !== undefined && <More onMore={() => older.more(next)} busy={older.busy} />}
    </>
  );
}

const ROOT_COLUMNS: Column<ImportedRoot>[] = [
  {
    label: 'settlement block',
    cell: (r) => (
      <>
        {r.settlementBlockNumber} <span class="muted">of {r.settlementChainId}</span>
      </>
    ),
  },
  { label: 'root', cell: (r) => <HashText hash={r.root} /> },
  {
    label: 'import tx',
    cell: (r) => (r.txHash ? <HashText hash={r.txHash} /> : <span class="muted">already present</span>),
  },
  { label: 'imported', cell: (r) => ago(r.importedAt) },
];

function Roots({ network, chainId, first }: { network: Network; chainId: number; first: Page<'roots', ImportedRoot> }) {
  const older = useOlder(async (cursor) => {
    const p = await network.index<Page<'roots', ImportedRoot>>('interop_listImportedRoots', [chainId, cursor, 25]);
    return { items: p.roots, next: p.nextCursor };
  });
  const rows = [...first.roots, ...older.items];
  const next = older.next === undefined ? first.nextCursor : older.next;
  if (rows.length === 0) return <p class="muted">No root imported yet.</p>;
  return (
    <>
      <ListTable kind="roots" columns={ROOT_COLUMNS} rows={rows} rowKey={(r) => r.settlementBlockNumber} />
      {next !== null && next !== undefined && <More onMore={() => older.more(next)} busy={older.busy} />}
    </>
  );
}

export function ChainPage({ network, chainId }: { network: Network; chainId: number }) {
  const known = network.isL2(chainId);
  const { data, error } = usePoll(
    async () => {
      if (!known) return null;
      const [net, batches, roots, messages, head] = await Promise.all([
        network.index<NetworkAnswer>('interop_getNetwork'),
        network.index<Page<'batches', BatchSummary>>('interop_listBatches', [chainId, null, 25]),
        network.index<Page<'roots', ImportedRoot>>('interop_listImportedRoots', [chainId, null, 25]),
        network.index<Page<'messages', MessageSummary>>('interop_listMessages', [{ chainId, limit: 10 }]),
        network
          .on<string>(chainId, 'eth_blockNumber')
          .then(Number)
          .catch(() => null),
      ]);
      return { state: net.chains.find((c) => c.chainId === chainId)!, batches, roots, messages, head };
    },
    [chainId],
    2000,
  );
  if (!known) {
    const isSettlement = network.config.settlement.chainId === chainId;
    return (
      <Problem
        title={
          isSettlement ? `Chain ${chainId} is the settlement layer` : `Chain ${chainId} is not part of this network`
        }
      >
        {isSettlement ? (
          <a href="/">See it on the network page.</a>
        ) : (
          `Chains: ${network.config.chains.map((c) => c.chainId).join(', ')}.`
        )}
      </Problem>
    );
  }
  if (!data)
    return error ? <Problem title="The node does not answer">{error.message}</Problem> : <p class="muted">Loading…</p>;
  const s = data.state;
  return (
    <div class="chain" data-ready="chain">
      <h1>Chain {chainId}</h1>
      <Card title="State">
        <Fields
          rows={[
            [
              'settles on',
              s.settlementChainId === network.config.settlement.chainId ? (
                `chain ${s.settlementChainId} (settlement layer)`
              ) : (
                <a href={`/chain/${s.settlementChainId}`}>chain {s.settlementChainId}</a>
              ),
            ],
            ['head block', data.head ?? <span class="muted">unreachable</span>],
            ['last sealed block', s.lastSealedBlock],
            [
              'batches sealed / committed / executed',
              `${s.lastSealedBatch} / ${s.lastCommittedBatch} / ${s.lastExecutedBatch}`,
            ],
            ['messages', <a href="#messages">latest below</a>],
          ]}
        />
      </Card>
      <Card title="Batches">
        <Batches network={network} chainId={chainId} first={data.batches} />
      </Card>
      <Card title="Imported roots">
        <Roots network={network} chainId={chainId} first={data.roots} />
      </Card>
      <Card title="Latest messages" id="messages">
        <MessageTable messages={data.messages.messages} empty={`No message sent on chain ${chainId} yet.`} />
      </Card>
      {error && <Problem title="Live updates paused">{error.message}</Problem>}
    </div>
  );
}
