// The message's lifecycle: sent → sealed → committed → executed → imported on each chain → verified on each.
import type { ComponentChildren } from 'preact';
import { time } from '../format.js';
import type { Network } from '../rpc.js';
import type { MessageDetail } from '../types.js';
import { HashText } from './bits.js';
import type { Verification } from './VerifyPanel.js';

type Step = { name: string; done: boolean; when?: number | null; what: ComponentChildren };

export function Timeline({
  network,
  m,
  verifications,
}: {
  network: Network;
  m: MessageDetail;
  verifications: Record<number, Verification>;
}) {
  const sl = m.settlementLayer;
  const b = m.batch;
  const steps: Step[] = [
    {
      name: 'sent',
      done: true,
      when: m.timestamp,
      what: (
        <>
          block {m.blockNumber} of chain {m.chainId}, tx <HashText hash={m.txHash} href={`/tx/${m.txHash}`} />
        </>
      ),
    },
    {
      name: 'sealed',
      done: true,
      when: b.timestamp,
      what: (
        <>
          in <a href={`/batch/${m.chainId}/${m.l1BatchNumber}`}>batch #{m.l1BatchNumber}</a>, root{' '}
          <HashText hash={b.rootHash} />
        </>
      ),
    },
    {
      name: 'committed',
      done: b.commitTxHash !== null,
      when: b.committedAt,
      what: b.commitTxHash ? (
        <>
          on chain {sl.chainId}, tx <HashText hash={b.commitTxHash} />
        </>
      ) : (
        'waiting for the operator'
      ),
    },
    {
      name: 'executed',
      done: b.executeTxHash !== null,
      when: b.executedAt,
      what: b.executeTxHash ? (
        <>
          in block {sl.blockNumber} of chain {sl.chainId}, tx <HashText hash={b.executeTxHash} />; settlement root{' '}
          <HashText hash={sl.root} />
        </>
      ) : (
        'waiting'
      ),
    },
  ];
  for (const c of network.config.chains) {
    const imp = m.imports.find((i) => i.chainId === c.chainId);
    steps.push({
      name: `imported on ${c.chainId}`,
      done: imp !== undefined,
      when: imp?.importedAt,
      what: imp ? (
        imp.txHash ? (
          <>
            tx <HashText hash={imp.txHash} />
          </>
        ) : (
          'root was already there'
        )
      ) : (
        'waiting for the settlement root'
      ),
    });
  }
  for (const c of network.config.chains) {
    const v = verifications[c.chainId];
    steps.push({
      name: `verified on ${c.chainId}`,
      done: v?.state === 'verified',
      when: v && v.state !== 'checking' ? Math.floor(v.at / 1000) : null,
      what:
        v?.state === 'verified'
          ? 'InteropCenter.verifyInteropMessage → true'
          : v?.state === 'refused'
            ? 'not yet (false)'
            : 'waiting',
    });
  }
  return (
    <ol class="timeline">
      {steps.map((s) => (
        <li key={s.name} class={s.done ? 'done' : 'todo'} data-step={s.name} data-done={s.done}>
          <span class="dot">{s.done ? '●' : '○'}</span>
          <span class="step-name">{s.name}</span>
          <span class="step-what">{s.what}</span>
          <span class="step-when">{s.done && s.when ? time(s.when) : ''}</span>
        </li>
      ))}
    </ol>
  );
}
