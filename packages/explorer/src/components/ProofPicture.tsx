// The proof drawn level by level: each tree as a column of its sibling words (side, and whether the sibling
// is an empty subtree), joined by the roots that carry the message up to the settlement root.
import { HashText } from '../components/bits.js';
import type { Metadata, ProofModel, TreeStep } from '../proofModel.js';

function MetadataWord({ meta, title }: { meta: Metadata; title: string }) {
  return (
    <div class="proof-meta">
      <div class="proof-meta-title">{title}</div>
      <HashText hash={meta.word} full />
      <div class="proof-meta-fields">
        version {meta.version} · path {meta.pathLength} words · batch path {meta.batchPathLength} words ·{' '}
        {meta.final ? 'final' : 'not final (another level follows)'}
      </div>
    </div>
  );
}

function Node({ label, hash, kind }: { label: string; hash: string; kind: 'leaf' | 'root' | 'settle' }) {
  return (
    <div class={`proof-node proof-${kind}`}>
      <div class="proof-node-label">{label}</div>
      <HashText hash={hash} />
    </div>
  );
}

function Tree({ step }: { step: TreeStep }) {
  const defaults = step.siblings.filter((s) => s.isDefault).length;
  return (
    <div class="proof-tree">
      <div class="proof-tree-name">
        {step.name} — index {step.index.toString()}, {step.siblings.length} siblings, {defaults} of them empty subtrees
      </div>
      <Node label={step.leafLabel} hash={step.leaf} kind="leaf" />
      <ol class="proof-path">
        {step.siblings.map((s) => (
          <li key={s.level} class={s.isDefault ? 'sibling default' : 'sibling'} data-default={s.isDefault}>
            <span class="sibling-level">level {s.level}</span>
            <span class={`sibling-side side-${s.side}`}>{s.side === 'left' ? '◀ left' : 'right ▶'}</span>
            <HashText hash={s.word} />
            {s.isDefault && <span class="tag">empty subtree</span>}
          </li>
        ))}
      </ol>
      <div class="proof-arrow">↓</div>
      <Node label={step.rootLabel} hash={step.root} kind="root" />
    </div>
  );
}

/** The picture. `expectedRoot`: the settlement root the node says the proof ends in (checked here). */
export function ProofPicture({ model, expectedRoot }: { model: ProofModel; expectedRoot: string }) {
  const ok = model.root.toLowerCase() === expectedRoot.toLowerCase();
  return (
    <div class="proof" data-proof-levels={model.sharedTree ? 2 : 1}>
      <MetadataWord meta={model.metadata[0]} title="word 0 — metadata of the chain level" />
      <Tree step={model.logTree} />
      <div class="proof-join">
        <span>keccak(local logs root ‖ aggregated root</span> <HashText hash={model.aggregatedRoot} />
        <span>) =</span>
      </div>
      <Node
        label="ChainBatchRoot (committed by the operator, what the batch page shows)"
        hash={model.chainBatchRoot}
        kind="root"
      />
      {model.chainTree && (
        <>
          <div class="proof-arrow">↓ batch leaf = keccak(padding ‖ ChainBatchRoot ‖ batch number)</div>
          <Tree step={model.chainTree} />
        </>
      )}
      {model.settlement && (
        <div class="proof-meta">
          <div class="proof-meta-title">settlement words</div>
          <div class="proof-meta-fields">
            {model.settlement.packedWord} · settlement chain id {model.settlement.chainId.toString()}
          </div>
        </div>
      )}
      {model.sharedTree && model.metadata[1] && (
        <>
          <MetadataWord meta={model.metadata[1]} title="metadata of the settlement level" />
          <div class="proof-arrow">↓ chain id leaf = keccak(padding ‖ chain root ‖ chain id)</div>
          <Tree step={model.sharedTree} />
        </>
      )}
      <div class={ok ? 'proof-check ok' : 'proof-check bad'} data-proof-check={ok ? 'ok' : 'mismatch'}>
        {ok
          ? '✓ The path recomputed in this page ends in the settlement root the node reports.'
          : `✗ The path ends in ${model.root}, not in the settlement root ${expectedRoot}.`}
      </div>
    </div>
  );
}
