import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_LOOKS_AGAIN, SendPauseWatch, sealPauseMs } from '../../packages/node/src/sequencer/sendPauses.js';

/** One send, answered at once. */
const send = (watch: SendPauseWatch, succeeded = true) => {
  watch.sendStarted();
  watch.sendDone(succeeded);
};

// The watch's clock: the fake timers' clock plus the time the event loop was "blocked" ({@link blockEventLoop}).
let blocked = 0;
const clock = () => performance.now() + blocked;

/** Lets `ms` pass without running timers, as a long synchronous seal blocks the event loop: the next one is late. */
const blockEventLoop = (ms: number) => {
  blocked += ms;
};

describe('SendPauseWatch', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    blocked = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('calls onPause once, pauseMs after the last of a run of sends', () => {
    const onPause = vi.fn();
    const watch = new SendPauseWatch(50, onPause);
    // Sends every 20 ms for 200 ms: never a pause of 50 ms.
    for (let i = 0; i < 10; i++) {
      send(watch);
      vi.advanceTimersByTime(20);
    }
    expect(onPause).not.toHaveBeenCalled();
    vi.advanceTimersByTime(29);
    expect(onPause).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onPause).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(onPause).toHaveBeenCalledTimes(1);
  });

  it('calls onPause again after the next run of sends, and never while idle', () => {
    const onPause = vi.fn();
    const watch = new SendPauseWatch(50, onPause);
    vi.advanceTimersByTime(500);
    expect(onPause).not.toHaveBeenCalled();
    send(watch);
    vi.advanceTimersByTime(50);
    send(watch);
    send(watch);
    vi.advanceTimersByTime(50);
    expect(onPause).toHaveBeenCalledTimes(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('is no pause while a send is still in flight', () => {
    const onPause = vi.fn();
    const watch = new SendPauseWatch(50, onPause);
    send(watch);
    watch.sendStarted();
    vi.advanceTimersByTime(300);
    expect(onPause).not.toHaveBeenCalled();
    watch.sendDone(true);
    vi.advanceTimersByTime(50);
    expect(onPause).toHaveBeenCalledTimes(1);
  });

  it('counts no refused send, and takes a late timer (a busy event loop) for no pause', () => {
    const onPause = vi.fn();
    const watch = new SendPauseWatch(50, onPause, clock);
    send(watch, false);
    expect(vi.getTimerCount()).toBe(0);
    send(watch);
    vi.advanceTimersByTime(10);
    blockEventLoop(200);
    vi.advanceTimersByTime(40);
    expect(onPause).not.toHaveBeenCalled();
    vi.advanceTimersByTime(49);
    expect(onPause).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onPause).toHaveBeenCalledTimes(1);
  });

  it('looks again a pause later when asked, at most MAX_LOOKS_AGAIN times after one run of sends', () => {
    const watch: SendPauseWatch = new SendPauseWatch(50, () => {
      if (watch.lookAgain()) looked++;
    });
    let looked = 0;
    send(watch);
    vi.advanceTimersByTime(50);
    expect(looked).toBe(1);
    vi.advanceTimersByTime(50 * 100);
    expect(looked).toBe(MAX_LOOKS_AGAIN);
    expect(vi.getTimerCount()).toBe(0);
    // A new send starts a new run: it may look again as many times.
    send(watch);
    vi.advanceTimersByTime(50 * 100);
    expect(looked).toBe(2 * MAX_LOOKS_AGAIN);
  });

  it('calls nothing after stop, and keeps no timer', () => {
    const onPause = vi.fn();
    const watch = new SendPauseWatch(50, onPause);
    send(watch);
    watch.stop();
    expect(vi.getTimerCount()).toBe(0);
    send(watch);
    vi.advanceTimersByTime(200);
    expect(onPause).not.toHaveBeenCalled();
  });

  it('pauses a fifth of the batch interval, at least 10 ms', () => {
    expect(sealPauseMs(250)).toBe(50);
    expect(sealPauseMs(10)).toBe(10);
    expect(sealPauseMs(10_000)).toBe(2000);
  });
});
