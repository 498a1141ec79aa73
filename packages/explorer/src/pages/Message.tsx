// `/message/<interopHash>`: the decoded message, its lifecycle, its proof drawn as a picture, and the checks a
// reader can run from the page (verify on each chain, rebuild the proof from the settlement layer alone).
import { getInteropProof, type InteropMessageProof } from '@interop/sdk';
import { getAddress, type Hex } from 'viem';
import { Card, Fields, HashText, Problem, Stage } from '../components/bits.js';
import { ProofPicture } from '../components/ProofPicture.js';
import { Timeline } from '../components/Timeline.js';
import { useVerifications, VerifyPanel } from '../components/VerifyPanel.js';
import { printable } from '../format.js';
import { buildProofModel } from '../proofModel.js';
import type { Network } from '../rpc.js';
import type { MessageDetail, MessageStatusAnswer } from '../types.js';
import { usePoll } from '../usePoll.js';

type Loaded =
  | { kind: 'sealed'; message: MessageDetail; proof: InteropMessageProof | null }
  | { kind: 'sent'; status: MessageStatusAnswer }
  | { kind: 'unknown' };

async function loadMessage(network: Network, interopHash: Hex): Promise<Loaded> {
  const message = await network.index<MessageDetail | null>('interop_getMessage', [interopHash]);
  if (message) {
    const provable = message.status === 'executed' || message.status === 'imported';
    const proof = provable
      ? await getInteropProof(network.client(message.chainId), { interopHash }).catch(() => null)
      : null;
    return { kind: 'sealed', message, proof };
  }
  // Not sealed yet: the source chain's node finds it in its unsealed blocks.
  for (const c of network.config.chains) {
    const status = await network
      .on<MessageStatusAnswer | null>(c.chainId, 'interop_getMessageStatus', [interopHash])
      .catch(() => null);
    if (status) return { kind: 'sent', status };
  }
  return { kind: 'unknown' };
}

function Decoded({ m }: { m: MessageDetail }) {
  const text = printable(m.data);
  return (
    <Fields
      rows={[
        ['interop hash', <HashText hash={m.interopHash} full />],
        ['source chain', <a href={`/chain/${m.chainId}`}>{m.chainId}</a>],
        ['sender', <HashText hash={getAddress(m.sender)} href={`/address/${m.sender}`} full />],
        ['messageNum', m.messageNum],
        [
          `data (${m.dataSize} bytes)`,
          <div>
            <code class="data">{m.data}</code>
            {text !== undefined && (
              <div class="data-text">
                as text: <q>{text}</q>
              </div>
            )}
          </div>,
        ],
        ['transaction', <HashText hash={m.txHash} href={`/tx/${m.txHash}`} full />],
        [
          'batch',
          <a href={`/batch/${m.chainId}/${m.l1BatchNumber}`}>
            #{m.l1BatchNumber} of chain {m.chainId}
          </a>,
        ],
        ['position', `log #${m.l2MessageIndex} of the batch, transaction #${m.txNumberInBatch}`],
      ]}
    />
  );
}

function Proof({ m, proof }: { m: MessageDetail; proof: InteropMessageProof }) {
  let model: ReturnType<typeof buildProofModel>;
  try {
    model = buildProofModel({
      interopHash: m.interopHash,
      chainId: proof.chainId,
      batchNumber: proof.l1BatchNumber,
      logIndex: proof.l2MessageIndex,
      txNumberInBatch: proof.txNumberInBatch,
      proof: proof.proof,
    });
  } catch (err) {
    return <Problem title="The node served a proof this page cannot read">{(err as Error).message}</Problem>;
  }
  return <ProofPicture model={model} expectedRoot={proof.root} />;
}

export function MessagePage({ network, interopHash }: { network: Network; interopHash: Hex }) {
  const { data, error } = usePoll(
    () => loadMessage(network, interopHash),
    [interopHash],
    1000,
    (d) => d.kind === 'sealed' && d.message.status === 'imported' && d.proof !== null,
  );
  const message = data?.kind === 'sealed' ? data.message : undefined;
  const proof = data?.kind === 'sealed' ? data.proof : null;
  const verifications = useVerifications(network, interopHash, proof);
  if (!data)
    return error ? <Problem title="The node does not answer">{error.message}</Problem> : <p class="muted">Loading…</p>;
  if (data.kind === 'unknown')
    return (
      <Problem title="Unknown message">
        No chain of this network knows a message with interop hash <code>{interopHash}</code> (chains{' '}
        {network.config.chains.map((c) => c.chainId).join(', ')}). The page keeps looking, in case it was just sent.
      </Problem>
    );
  if (data.kind === 'sent')
    return (
      <div class="message" data-ready="message">
        <h1>
          Message <HashText hash={interopHash} /> <Stage stage="sent" />
        </h1>
        <p>
          Sent on chain {Number(data.status.chainId)} in block {Number(data.status.blockNumber)} (transaction{' '}
          <HashText hash={data.status.txHash} />
          ), waiting for its batch to be sealed.
        </p>
      </div>
    );
  const m = message!;
  const everywhere = verifications.everywhere;
  return (
    <div class="message" data-ready="message" data-stage={everywhere ? 'verified' : m.status}>
      <h1>
        Message <HashText hash={m.interopHash} /> <Stage stage={everywhere ? 'verified' : m.status} />
      </h1>
      {error && <Problem title="Live updates paused">{error.message}</Problem>}
      <div class="columns">
        <Card title="Message">
          <Decoded m={m} />
        </Card>
        <Card title="Lifecycle">
          <Timeline network={network} m={m} verifications={verifications.results} />
        </Card>
      </div>
      <Card title="Checks" id="checks">
        <VerifyPanel network={network} m={m} proof={proof} verifications={verifications} />
      </Card>
      <Card title="Proof" id="proof">
        {proof ? (
          <Proof m={m} proof={proof} />
        ) : (
          <p class="muted">The proof exists once the batch is executed on the settlement layer ({m.status} now).</p>
        )}
      </Card>
    </div>
  );
}
