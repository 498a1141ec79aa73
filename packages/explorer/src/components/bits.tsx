// Small shared pieces: hashes with links, stage badges, errors, key/value tables, "load more".
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { shortHash } from '../format.js';

/** A hash shown short (full on hover and for copying), linked when `href` is given. */
export function HashText({
  hash,
  href,
  full = false,
}: {
  hash: string | null | undefined;
  href?: string;
  full?: boolean;
}) {
  if (!hash) return <span class="muted">—</span>;
  const text = full ? hash : shortHash(hash);
  return href ? (
    <a class="hash" href={href} title={hash}>
      {text}
    </a>
  ) : (
    <span class="hash" title={hash}>
      {text}
    </span>
  );
}

const STAGE_LABELS: Record<string, string> = {
  sent: 'sent',
  sealed: 'sealed',
  committed: 'committed',
  executed: 'executed',
  imported: 'imported everywhere',
  verified: 'verified everywhere',
};

/** A colored stage badge. */
export function Stage({ stage }: { stage: string }) {
  return <span class={`stage stage-${stage}`}>{STAGE_LABELS[stage] ?? stage}</span>;
}

/** A plain, visible problem: never a blank page. */
export function Problem({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="problem" role="alert">
      <strong>{title}</strong>
      {children && <div>{children}</div>}
    </div>
  );
}

/** A definition table of label → value rows. */
export function Fields({ rows }: { rows: [string, ComponentChildren][] }) {
  return (
    <dl class="fields">
      {rows.map(([label, value]) => (
        <div class="field" key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A titled box. */
export function Card({ title, children, id }: { title: ComponentChildren; children: ComponentChildren; id?: string }) {
  return (
    <section class="card" id={id}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** A "Show more" button for a cursor-paged list. */
export function More({ onMore, busy }: { onMore: () => void; busy: boolean }) {
  return (
    <button type="button" class="more" onClick={onMore} disabled={busy}>
      {busy ? 'Loading…' : 'Show more'}
    </button>
  );
}

/** A list that loads pages on demand: the first page polls live, older pages are appended once. */
export function usePagedTail<T>(loadPage: (cursor: number) => Promise<{ items: T[]; nextCursor: number | null }>) {
  const [older, setOlder] = useState<T[]>([]);
  const [cursor, setCursor] = useState<number | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  return {
    older,
    reset: () => {
      setOlder([]);
      setCursor(undefined);
    },
    cursor,
    setFirstCursor: (c: number | null) => {
      if (cursor === undefined) setCursor(c);
    },
    error,
    busy,
    async more() {
      if (cursor === null || cursor === undefined) return;
      setBusy(true);
      try {
        const page = await loadPage(cursor);
        setOlder((o) => [...o, ...page.items]);
        setCursor(page.nextCursor);
        setError(undefined);
      } catch (err) {
        setError((err as Error).message);
      } finally {
        setBusy(false);
      }
    },
  };
}
