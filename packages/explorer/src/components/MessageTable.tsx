import { ago } from '../format.js';
import type { MessageSummary } from '../types.js';
import { HashText, Stage } from './bits.js';
import { type Column, ListTable } from './ListTable.js';

const MESSAGE_COLUMNS: Column<MessageSummary>[] = [
  { label: 'interop hash', cell: (m) => <HashText hash={m.interopHash} href={`/message/${m.interopHash}`} /> },
  { label: 'chain', cell: (m) => <a href={`/chain/${m.chainId}`}>{m.chainId}</a> },
  { label: 'sender', cell: (m) => <HashText hash={m.sender} href={`/address/${m.sender}`} /> },
  { label: 'batch', cell: (m) => <a href={`/batch/${m.chainId}/${m.l1BatchNumber}`}>#{m.l1BatchNumber}</a> },
  { label: 'stage', cell: (m) => <Stage stage={m.status} /> },
  { label: 'sent', cell: (m) => ago(m.timestamp) },
];

/** Messages as a table (a stacked list on narrow screens). */
export function MessageTable({ messages, empty }: { messages: MessageSummary[]; empty: string }) {
  if (messages.length === 0) return <p class="muted">{empty}</p>;
  return (
    <ListTable
      kind="messages"
      columns={MESSAGE_COLUMNS}
      rows={messages}
      rowKey={(m) => m.interopHash}
      rowAttributes={(m) => ({ 'data-interop-hash': m.interopHash })}
    />
  );
}
