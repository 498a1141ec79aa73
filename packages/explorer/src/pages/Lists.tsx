// `/address/<address>` (the messages an address sent) and `/tx/<hash>` (the messages a transaction sent).
import { useState } from 'preact/hooks';
import type { Hex } from 'viem';
import { Card, HashText, More, Problem } from '../components/bits.js';
import { MessageTable } from '../components/MessageTable.js';
import type { Network } from '../rpc.js';
import type { MessageSummary, Page, TransactionMessages } from '../types.js';
import { usePoll } from '../usePoll.js';

export function AddressPage({ network, address }: { network: Network; address: Hex }) {
  const { data, error } = usePoll(
    () => network.index<Page<'messages', MessageSummary>>('interop_listMessages', [{ sender: address }]),
    [address],
    2000,
  );
  const [older, setOlder] = useState<{ items: MessageSummary[]; next: number | null } | undefined>();
  const [busy, setBusy] = useState(false);
  if (!data)
    return error ? <Problem title="The node does not answer">{error.message}</Problem> : <p class="muted">Loading…</p>;
  const next = older ? older.next : data.nextCursor;
  const more = async () => {
    setBusy(true);
    try {
      const p = await network.index<Page<'messages', MessageSummary>>('interop_listMessages', [
        { sender: address, cursor: next },
      ]);
      setOlder({ items: [...(older?.items ?? []), ...p.messages], next: p.nextCursor });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="address" data-ready="address">
      <h1>
        Address <HashText hash={address} full />
      </h1>
      <Card title="Messages it sent">
        <MessageTable
          messages={[...data.messages, ...(older?.items ?? [])]}
          empty="This address sent no interop message (in a sealed batch)."
        />
        {next !== null && <More onMore={more} busy={busy} />}
      </Card>
    </div>
  );
}

export function TxPage({ network, txHash }: { network: Network; txHash: Hex }) {
  const { data, error } = usePoll(
    () => network.index<TransactionMessages | null>('interop_getTransactionMessages', [txHash]),
    [txHash],
    2000,
    (d) => d !== null,
  );
  if (data === undefined)
    return error ? <Problem title="The node does not answer">{error.message}</Problem> : <p class="muted">Loading…</p>;
  if (data === null)
    return (
      <Problem title="Unknown transaction">
        No sealed batch of this network holds a transaction <code>{txHash}</code>. The page keeps looking, in case it
        was just sent.
      </Problem>
    );
  return (
    <div class="tx" data-ready="tx">
      <h1>
        Transaction <HashText hash={data.txHash} full />
      </h1>
      <p>
        Chain <a href={`/chain/${data.chainId}`}>{data.chainId}</a>, block {data.blockNumber},{' '}
        <a href={`/batch/${data.chainId}/${data.l1BatchNumber}`}>batch #{data.l1BatchNumber}</a> (transaction #
        {data.txNumberInBatch} of the batch).
      </p>
      <Card title="Messages it sent">
        <MessageTable messages={data.messages} empty="This transaction sent no interop message." />
      </Card>
    </div>
  );
}
