// `/batch/<chainId>/<n>`: a batch's blocks, roots, settlement transactions, imports and its logs (paged).
import { useState } from 'preact/hooks';
import { Card, Fields, HashText, More, Problem, Stage } from '../components/bits.js';
import { type Column, ListTable } from '../components/ListTable.js';
import { time } from '../format.js';
import type { Network } from '../rpc.js';
import type { BatchDetail, BatchLog } from '../types.js';
import { usePoll } from '../usePoll.js';

const LOG_COLUMNS: Column<BatchLog>[] = [
  { label: '#', cell: (l) => l.idx },
  {
    label: 'message',
    cell: (l) =>
      l.interopHash ? (
        <HashText hash={l.interopHash} href={`/message/${l.interopHash}`} />
      ) : (
        <span class="muted">
          not an interop message (key <HashText hash={l.key} />)
        </span>
      ),
  },
  { label: 'sender', cell: (l) => (l.sender ? <HashText hash={l.sender} href={`/address/${l.sender}`} /> : '—') },
  {
    label: 'tx',
    cell: (l) => (
      <>
        <HashText hash={l.txHash} href={`/tx/${l.txHash}`} /> <span class="muted">#{l.txNumber}</span>
      </>
    ),
  },
  { label: 'block', cell: (l) => l.blockNumber },
];

function Logs({ network, batch }: { network: Network; batch: BatchDetail }) {
  const [older, setOlder] = useState<{ logs: BatchLog[]; next: number | null } | undefined>();
  const [busy, setBusy] = useState(false);
  const logs = [...batch.logs, ...(older?.logs ?? [])];
  const next = older ? older.next : batch.nextLogCursor;
  const more = async () => {
    setBusy(true);
    try {
      const page = await network.index<BatchDetail>('interop_getBatch', [
        batch.chainId,
        batch.number,
        { cursor: next, limit: 100 },
      ]);
      setOlder({ logs: [...(older?.logs ?? []), ...page.logs], next: page.nextLogCursor });
    } finally {
      setBusy(false);
    }
  };
  if (logs.length === 0) return <p class="muted">This batch has no L2→L1 logs (its transactions sent no message).</p>;
  return (
    <>
      <ListTable kind="logs" columns={LOG_COLUMNS} rows={logs} rowKey={(l) => l.idx} />
      {next !== null && <More onMore={more} busy={busy} />}
    </>
  );
}

export function BatchPage({ network, chainId, number }: { network: Network; chainId: number; number: number }) {
  const known = network.isL2(chainId);
  const { data, error } = usePoll(
    () => (known ? network.index<BatchDetail | null>('interop_getBatch', [chainId, number]) : Promise.resolve(null)),
    [chainId, number],
    1500,
    (b) => b !== null && b.status === 'executed' && b.imports.length >= network.config.chains.length,
  );
  if (!known)
    return (
      <Problem title={`Chain ${chainId} is not part of this network`}>
        Chains with batches: {network.config.chains.map((c) => c.chainId).join(', ')}.
      </Problem>
    );
  if (data === undefined)
    return error ? <Problem title="The node does not answer">{error.message}</Problem> : <p class="muted">Loading…</p>;
  if (data === null)
    return (
      <Problem title={`Batch ${number} of chain ${chainId} is not sealed (yet)`}>
        <a href={`/chain/${chainId}`}>See the batches of chain {chainId}</a>. This page keeps looking.
      </Problem>
    );
  const b = data;
  return (
    <div class="batch" data-ready="batch">
      <h1>
        Batch #{b.number} of <a href={`/chain/${b.chainId}`}>chain {b.chainId}</a> <Stage stage={b.status} />
      </h1>
      <div class="columns">
        <Card title="Batch">
          <Fields
            rows={[
              ['blocks', `${b.firstBlock} – ${b.lastBlock}`],
              ['sealed', time(b.timestamp)],
              ['transactions', b.txCount],
              ['L2→L1 logs', b.logCount],
              ['ChainBatchRoot', <HashText hash={b.rootHash} full />],
              ['local logs root', <HashText hash={b.localRoot} full />],
            ]}
          />
        </Card>
        <Card title={`Settlement on chain ${b.settlementLayer.chainId}`}>
          <Fields
            rows={[
              ['commit tx', <HashText hash={b.commitTxHash} />],
              ['committed', time(b.committedAt)],
              ['execute tx', <HashText hash={b.executeTxHash} />],
              ['executed', time(b.executedAt)],
              ['settlement block', b.settlementLayer.blockNumber ?? '—'],
              ['settlement root', <HashText hash={b.settlementLayer.root} />],
              [
                'imported on',
                b.imports.length ? (
                  b.imports.map((i) => `chain ${i.chainId}`).join(', ')
                ) : (
                  <span class="muted">not yet</span>
                ),
              ],
            ]}
          />
        </Card>
      </div>
      <Card title={`Logs (${b.logCount})`}>
        <Logs network={network} batch={b} />
      </Card>
      <nav class="pager">
        {b.number > 1 && <a href={`/batch/${b.chainId}/${b.number - 1}`}>← batch {b.number - 1}</a>}
        <a href={`/batch/${b.chainId}/${b.number + 1}`}>batch {b.number + 1} →</a>
      </nav>
      {error && <Problem title="Live updates paused">{error.message}</Problem>}
    </div>
  );
}
