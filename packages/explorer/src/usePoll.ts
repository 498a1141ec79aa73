// Live pages: poll a loader at an interval (only while the tab is visible), keeping the last good answer.
import { useEffect, useRef, useState } from 'preact/hooks';

/** The state of a polled value. `error` is the last failure (cleared by the next success). */
export type Polled<T> = { data: T | undefined; error: Error | undefined; loading: boolean; refresh: () => void };

/**
 * Calls `load` now and every `intervalMs` while `keys` stay the same (new keys start over). `intervalMs` 0 loads
 * once. `stop(data)` true ends the polling (e.g. a message that reached its last stage).
 */
export function usePoll<T>(
  load: () => Promise<T>,
  keys: unknown[],
  intervalMs: number,
  stop?: (data: T) => boolean,
): Polled<T> {
  const [state, setState] = useState<{ data: T | undefined; error: Error | undefined; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const tick = useRef<() => void>(() => {});
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    setState({ data: undefined, error: undefined, loading: true });
    const run = async () => {
      clearTimeout(timer);
      try {
        const data = await load();
        if (!alive) return;
        done = stop?.(data) ?? false;
        setState({ data, error: undefined, loading: false });
      } catch (err) {
        if (!alive) return;
        setState((s) => ({ ...s, error: err instanceof Error ? err : new Error(String(err)), loading: false }));
      }
      if (alive && intervalMs > 0 && !done) timer = setTimeout(schedule, intervalMs);
    };
    const schedule = () => {
      if (document.visibilityState === 'hidden') timer = setTimeout(schedule, intervalMs);
      else void run();
    };
    tick.current = () => void run();
    void run();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, keys);
  return { ...state, refresh: () => tick.current() };
}
