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

/** How many times {@link SendPauseWatch.lookAgain} may call `onPause` again after one run of sends. */
export const MAX_LOOKS_AGAIN = 20;

/** The pause after the last send that seals a batch, for a batch interval: a fifth of it, at least 10 ms. */
export function sealPauseMs(batchMs: number): number {
  return Math.max(10, Math.floor(batchMs / 5));
}

/**
 * Watches the sends through one chain's endpoint and calls `onPause` once after each run of sends, when none was in
 * flight or answered for `pauseMs`. One timer runs while sends come in (it looks again when the pause would end);
 * none while idle.
 *
 * A timer that fires late means the event loop was busy (sealing a large batch, say): sends may be waiting unread
 * on its sockets, so that is not a pause; the watch looks again `pauseMs` later. Without this, every long seal in
 * a steady load would look like a pause and cut an extra, smaller batch.
 */
export class SendPauseWatch {
  private lastSendAt = 0;
  private inFlight = 0;
  private looks = 0;
  private timer: NodeJS.Timeout | undefined;
  private dueAt = 0;
  private stopped = false;

  constructor(
    private readonly pauseMs: number,
    private readonly onPause: () => void,
    /** The clock, in ms (a test moves it to show a timer firing late). */
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A send arrived; call {@link sendDone} when it is answered. */
  sendStarted(): void {
    this.inFlight++;
  }

  /** A send was answered (`succeeded`: the chain took it, so it counts towards a pause). */
  sendDone(succeeded: boolean): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (this.stopped || !succeeded) return;
    this.lastSendAt = this.now();
    this.looks = 0;
    if (this.timer === undefined) this.schedule(this.pauseMs);
  }

  /**
   * Calls `onPause` again a pause from now, unless a send comes first (the sends of the last run are not mined yet,
   * say). False, and nothing scheduled, after {@link MAX_LOOKS_AGAIN} looks since the last send: the batch timer
   * takes over then.
   */
  lookAgain(): boolean {
    if (this.stopped || this.looks >= MAX_LOOKS_AGAIN) return false;
    this.looks++;
    if (this.timer === undefined) this.schedule(this.pauseMs);
    return true;
  }

  /** Stops watching (the node stops): no call to `onPause` after this. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(ms: number): void {
    this.dueAt = this.now() + ms;
    this.timer = setTimeout(() => this.check(), ms);
    this.timer.unref();
  }

  private check(): void {
    this.timer = undefined;
    if (this.stopped) return;
    const now = this.now();
    const late = now - this.dueAt > Math.max(10, this.pauseMs / 2);
    const left = this.lastSendAt + this.pauseMs - now;
    if (this.inFlight > 0 || late) this.schedule(this.pauseMs);
    else if (left > 0) this.schedule(left);
    else this.onPause();
  }
}
