// The checks a reader runs from the message page: verifyInteropMessage as an eth_call on each chain (run by
// themselves until every chain says yes, and on demand), and the proof rebuilt from settlement-layer data alone.
import { buildInteropProofFromSettlementLayer, type InteropMessageProof, verifyInteropMessage } from '@interop/sdk';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Hex } from 'viem';
import type { Network } from '../rpc.js';
import type { MessageDetail } from '../types.js';

/** The result of one on-chain check. */
export type Verification = { state: 'checking' | 'verified' | 'refused' | 'error'; at: number; detail?: string };

/** Runs the on-chain checks on every L2 once a proof exists, retrying the ones that say no, until all say yes. */
export function useVerifications(network: Network, interopHash: Hex, proof: InteropMessageProof | null) {
  const [results, setResults] = useState<Record<number, Verification>>({});
  const latest = useRef(results);
  latest.current = results;
  const verify = async (chainId: number) => {
    if (!proof) return;
    setResults((r) => ({ ...r, [chainId]: { state: 'checking', at: Date.now() } }));
    let next: Verification;
    try {
      // On the settlement layer the same function lives on its InteropSettlement contract.
      const settlement = network.config.settlement;
      const address = chainId === settlement.chainId ? (settlement.contract ?? undefined) : undefined;
      const ok = await verifyInteropMessage(network.client(chainId), { interopHash, proof, address });
      next = { state: ok ? 'verified' : 'refused', at: Date.now() };
    } catch (err) {
      next = { state: 'error', at: Date.now(), detail: (err as { shortMessage?: string }).shortMessage ?? String(err) };
    }
    setResults((r) => ({ ...r, [chainId]: next }));
  };
  useEffect(() => {
    setResults({});
    if (!proof) return;
    let alive = true;
    let timer: ReturnType<typeof setTimeout>;
    const round = async () => {
      const pending = network.config.chains.filter((c) => latest.current[c.chainId]?.state !== 'verified');
      await Promise.all(pending.map((c) => verify(c.chainId)));
      if (alive && network.config.chains.some((c) => latest.current[c.chainId]?.state !== 'verified'))
        timer = setTimeout(round, 1000);
    };
    void round();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [interopHash, proof?.root, proof?.proof.length]);
  const everywhere = network.config.chains.every((c) => results[c.chainId]?.state === 'verified');
  return { results, verify, everywhere };
}

type Rebuild =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'match'; words: number; block: bigint }
  | { state: 'mismatch'; detail: string }
  | { state: 'error'; detail: string };

function compare(node: InteropMessageProof, rebuilt: InteropMessageProof): Rebuild {
  const diffs: string[] = [];
  if (node.l1BatchNumber !== rebuilt.l1BatchNumber)
    diffs.push(`batch ${rebuilt.l1BatchNumber} vs ${node.l1BatchNumber}`);
  if (node.l2MessageIndex !== rebuilt.l2MessageIndex)
    diffs.push(`log index ${rebuilt.l2MessageIndex} vs ${node.l2MessageIndex}`);
  if (node.root !== rebuilt.root) diffs.push(`root ${rebuilt.root} vs ${node.root}`);
  const differing = rebuilt.proof.filter((w, i) => w.toLowerCase() !== node.proof[i]?.toLowerCase()).length;
  if (rebuilt.proof.length !== node.proof.length) diffs.push(`${rebuilt.proof.length} words vs ${node.proof.length}`);
  else if (differing > 0) diffs.push(`${differing} of ${node.proof.length} words differ`);
  return diffs.length === 0
    ? { state: 'match', words: node.proof.length, block: rebuilt.settlementLayer.blockNumber }
    : { state: 'mismatch', detail: diffs.join('; ') };
}

function VerificationText({ v }: { v: Verification | undefined }) {
  if (!v) return <span class="muted">not checked yet</span>;
  if (v.state === 'checking') return <span class="muted">checking…</span>;
  if (v.state === 'verified') return <span class="ok">✓ verified (eth_call returned true)</span>;
  if (v.state === 'refused') return <span class="bad">✗ not verified (false: root not imported there yet?)</span>;
  return <span class="bad">error: {v.detail}</span>;
}

export function VerifyPanel({
  network,
  m,
  proof,
  verifications,
}: {
  network: Network;
  m: MessageDetail;
  proof: InteropMessageProof | null;
  verifications: ReturnType<typeof useVerifications>;
}) {
  const [rebuild, setRebuild] = useState<Rebuild>({ state: 'idle' });
  const contract = network.config.settlement.contract;
  const runRebuild = async () => {
    if (!proof || !contract) return;
    setRebuild({ state: 'running' });
    try {
      const rebuilt = await buildInteropProofFromSettlementLayer({
        settlementClient: network.client(network.config.settlement.chainId),
        settlement: contract,
        sourceChainId: BigInt(m.chainId),
        interopHash: m.interopHash,
      });
      setRebuild(compare(proof, rebuilt));
    } catch (err) {
      setRebuild({ state: 'error', detail: (err as { shortMessage?: string }).shortMessage ?? String(err) });
    }
  };
  if (!proof) return <p class="muted">Checks run once the batch is executed on the settlement layer.</p>;
  return (
    <div class="checks">
      <ul class="verify-list">
        {[...network.config.chains, ...(contract ? [network.config.settlement] : [])].map((c) => (
          <li
            key={c.chainId}
            data-verify-chain={c.chainId}
            data-state={verifications.results[c.chainId]?.state ?? 'none'}
          >
            <button type="button" onClick={() => verifications.verify(c.chainId)}>
              Verify on {c.chainId === network.config.settlement.chainId ? 'settlement layer' : 'chain'} {c.chainId}
            </button>
            <VerificationText v={verifications.results[c.chainId]} />
          </li>
        ))}
      </ul>
      <div class="rebuild" data-rebuild={rebuild.state}>
        <button type="button" onClick={runRebuild} disabled={!contract || rebuild.state === 'running'}>
          Rebuild from the settlement layer
        </button>
        {!contract && <span class="muted"> (the server did not say where the settlement contract is)</span>}
        {rebuild.state === 'running' && (
          <span class="muted"> reading commits and events of chain {network.config.settlement.chainId}…</span>
        )}
        {rebuild.state === 'match' && (
          <span class="ok">
            {' '}
            ✓ matches: the proof rebuilt from settlement data alone is the node's, word for word ({rebuild.words} words,
            settlement block {rebuild.block.toString()})
          </span>
        )}
        {rebuild.state === 'mismatch' && <span class="bad"> ✗ differs: {rebuild.detail}</span>}
        {rebuild.state === 'error' && <span class="bad"> error: {rebuild.detail}</span>}
      </div>
    </div>
  );
}
