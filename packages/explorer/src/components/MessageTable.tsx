import { ago } from '../format.js';
import type { MessageSummary } from '../types.js';
import { HashText, Stage } from './bits.js';

/** Messages as a table (a stacked list on narrow screens). */
export function MessageTable({ messages, empty }: { messages: MessageSummary[]; empty: string }) {
  if (messages.length === 0) return <p class="muted">{empty}</p>;
  return (
    <table class="list messages">
      <thead>
        <tr>
          <th>interop hash</th>
          <th>chain</th>
          <th>sender</th>
          <th>batch</th>
          <th>stage</th>
          <th>sent</th>
        </tr>
      </thead>
      <tbody>
        {messages.map((m) => (
          <tr key={m.interopHash} data-interop-hash={m.interopHash}>
            <td data-label="interop hash">
              <HashText hash={m.interopHash} href={`/message/${m.interopHash}`} />
            </td>
            <td data-label="chain">
              <a href={`/chain/${m.chainId}`}>{m.chainId}</a>
            </td>
            <td data-label="sender">
              <HashText hash={m.sender} href={`/address/${m.sender}`} />
            </td>
            <td data-label="batch">
              <a href={`/batch/${m.chainId}/${m.l1BatchNumber}`}>#{m.l1BatchNumber}</a>
            </td>
            <td data-label="stage">
              <Stage stage={m.status} />
            </td>
            <td data-label="sent">{ago(m.timestamp)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
