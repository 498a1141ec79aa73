// A background loop with a wake-up signal and exponential backoff on errors: the sequencer, submitter,
// watcher and importer all run on it. An error never ends the loop; it is logged once per streak.

/** Lets one part of the node wake a loop early (e.g. the sequencer tells the submitter a batch is sealed). */
export class Signal {
  private waiter: (() => void) | undefined;
  private pending = false;

  /** Wakes the current (or the next) wait. */
  notify(): void {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w();
    } else this.pending = true;
  }

  /** Resolves after `ms` or on notify(), whichever comes first. */
  wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve();
      }, ms);
      this.waiter = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/**
 * Lets the node's loops and endpoint requests run side by side ({@link Gate.run}) while a network-wide operation
 * (snapshot, revert) waits until every one of them has finished and then runs alone ({@link Gate.exclusive}).
 * A waiting exclusive operation holds back new runs, so it cannot be starved.
 */
export class Gate {
  private active = 0;
  private drained: (() => void) | undefined;
  /** Set while an exclusive operation waits or runs; resolves when it is done. */
  private closed: Promise<void> | undefined;
  private queue: Promise<void> = Promise.resolve();

  /** Runs `fn` once no exclusive operation is waiting or running. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    while (this.closed) await this.closed;
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      if (this.active === 0) this.drained?.();
    }
  }

  /**
   * Runs the synchronous `fn(arg)` at once, unless an exclusive operation is waiting or running: then returns undefined
   * without running it (the caller goes through {@link Gate.run}). A synchronous run cannot overlap an exclusive
   * operation's, so it needs no count.
   */
  runNow<A, T>(fn: (arg: A) => T, arg: A): T | undefined {
    return this.closed ? undefined : fn(arg);
  }

  /** Waits for every run in progress to finish, then runs `fn` with no run and no other exclusive operation. */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.queue;
    let release!: () => void;
    this.queue = new Promise((resolve) => {
      release = resolve;
    });
    await previous;
    let open!: () => void;
    this.closed = new Promise((resolve) => {
      open = resolve;
    });
    try {
      if (this.active > 0)
        await new Promise<void>((resolve) => {
          this.drained = resolve;
        });
      this.drained = undefined;
      return await fn();
    } finally {
      this.closed = undefined;
      open();
      release();
    }
  }
}

/** A loop's current streak of failed steps: since when (ms since epoch), how many, the last error's first line. */
export type LoopFailure = { since: number; attempts: number; message: string };

/** A running loop. */
export type Loop = {
  readonly name: string;
  readonly signal: Signal;
  /** The current streak of failures, undefined while its steps succeed. */
  failure(): LoopFailure | undefined;
  stop(): Promise<void>;
};

/**
 * Runs `step` until stopped. `step` resolves to the delay before the next run (0 = at once); when it throws,
 * the next run waits 100 ms, doubling up to `maxBackoffMs`, and the error is reported via `onError`.
 */
export function startLoop(params: {
  name: string;
  step: () => Promise<number>;
  onError: (message: string) => void;
  maxBackoffMs?: number;
  /** Each step runs inside this gate, so a network snapshot never sees half a step. */
  gate?: Gate;
}): Loop {
  const signal = new Signal();
  let running = true;
  let backoff = 0;
  let failures = 0;
  let failure: LoopFailure | undefined;
  const maxBackoff = params.maxBackoffMs ?? 2000;
  const done = (async () => {
    while (running) {
      let delay: number;
      try {
        delay = await (params.gate ? params.gate.run(params.step) : params.step());
        if (failures > 0) params.onError(`${params.name}: recovered after ${failures} failed attempt(s)`);
        failures = 0;
        failure = undefined;
        backoff = 0;
      } catch (err) {
        if (!running) break; // stopping aborted the step
        failures++;
        backoff = Math.min(backoff === 0 ? 100 : backoff * 2, maxBackoff);
        delay = backoff;
        const message = (
          err instanceof Error ? ((err as { shortMessage?: string }).shortMessage ?? err.message) : String(err)
        ).split('\n')[0];
        failure = { since: failure?.since ?? Date.now(), attempts: failures, message };
        // One line per streak (and every 20th failure) keeps an outage from flooding the log.
        if (failures === 1 || failures % 20 === 0)
          params.onError(`${params.name}: ${message} (retrying, attempt ${failures})`);
      }
      if (!running) break;
      if (delay > 0) await signal.wait(delay);
    }
  })();
  return {
    name: params.name,
    signal,
    failure: () => failure,
    async stop() {
      running = false;
      signal.notify();
      await done;
    },
  };
}

/** Runs async sections one at a time (e.g. a chain's submitter and the rewind of its batches). */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(section: () => Promise<T>): Promise<T> {
    const result = this.tail.then(section);
    this.tail = result.catch(() => {});
    return result;
  }
}
