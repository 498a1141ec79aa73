// A lone send, or the last one of a burst, should not wait out the batch timer before it is sealed: the sequencer
// also seals as soon as the sends through the chain's endpoint pause. Sends closer together than the pause are
// sealed on the batch timer as before, so a steady load still makes batches of `batchMs` and no more of them.

/** The methods after which a chain may hold new messages: sends and explicit mining. */
export const SEND_METHODS: ReadonlySet<string> = new Set([
  'eth_sendRawTransaction',
  'eth_sendRawTransactionSync',
  'eth_sendTransaction',
  'zks_sendRawTransactionWithDetailedOutput',
  'evm_mine',
  'anvil_mine',
  'anvil_mine_detailed',
]);

/** The pause after the last send that seals a batch, for a batch interval: a fifth of it, at least 10 ms. */
export function sealPauseMs(batchMs: number): number {
  return Math.max(10, Math.floor(batchMs / 5));
}

/**
 * Watches the sends through one chain's endpoint and calls `onPause` once after each run of sends, when none came
 * for `pauseMs`. One timer runs while sends come in (it looks again when the pause would end); none while idle.
 */
export class SendPauseWatch {
  private lastSendAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly pauseMs: number,
    private readonly onPause: () => void,
  ) {}

  /** A send went through. */
  noteSend(): void {
    if (this.stopped) return;
    this.lastSendAt = performance.now();
    if (this.timer === undefined) this.schedule(this.pauseMs);
  }

  /** Stops watching (the node stops): no call to `onPause` after this. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => this.check(), ms);
    this.timer.unref();
  }

  private check(): void {
    this.timer = undefined;
    if (this.stopped) return;
    const left = this.lastSendAt + this.pauseMs - performance.now();
    if (left > 0) this.schedule(left);
    else this.onPause();
  }
}
