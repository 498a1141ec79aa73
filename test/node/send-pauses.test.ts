import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SendPauseWatch, sealPauseMs } from '../../packages/node/src/sequencer/sendPauses.js';

describe('SendPauseWatch', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('calls onPause once, pauseMs after the last of a run of sends', () => {
    const onPause = vi.fn();
    const watch = new SendPauseWatch(50, onPause);
    // Sends every 20 ms for 200 ms: never a pause of 50 ms.
    for (let i = 0; i < 10; i++) {
      watch.noteSend();
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
    watch.noteSend();
    vi.advanceTimersByTime(50);
    watch.noteSend();
    watch.noteSend();
    vi.advanceTimersByTime(50);
    expect(onPause).toHaveBeenCalledTimes(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('calls nothing after stop, and keeps no timer', () => {
    const onPause = vi.fn();
    const watch = new SendPauseWatch(50, onPause);
    watch.noteSend();
    watch.stop();
    expect(vi.getTimerCount()).toBe(0);
    watch.noteSend();
    vi.advanceTimersByTime(200);
    expect(onPause).not.toHaveBeenCalled();
  });

  it('pauses a fifth of the batch interval, at least 10 ms', () => {
    expect(sealPauseMs(250)).toBe(50);
    expect(sealPauseMs(10)).toBe(10);
    expect(sealPauseMs(10_000)).toBe(2000);
  });
});
