/**
 * A clock that moves only when a test says so: `run(promise)` fires the pending sleeps in time order
 * until the promise settles, so a 30-second scan is checked in milliseconds and its fake duration is exact.
 */
import type { Clock } from '../../../src/core';

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly resolve: () => void;
}

/** Lets every pending promise callback run (they all run before the next macrotask). */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class FakeClock implements Clock {
  private time = 0;
  private seq = 0;
  private timers: Timer[] = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason as Error);
      const timer: Timer = {
        at: this.time + Math.max(0, ms),
        seq: this.seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.timers = this.timers.filter((t) => t !== timer);
        reject(signal!.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
    });
  }

  /** Pending sleeps. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time on by `ms`, waking every sleep due by then, in order. */
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    await flush();
    for (let next = this.earliest(); next && next.at <= until; next = this.earliest()) {
      this.fire(next);
      await flush();
    }
    this.time = until;
  }

  /** Fires sleeps in time order until `promise` settles; fails if it waits on nothing this clock holds. */
  async run<T>(promise: Promise<T>): Promise<T> {
    let settled = false;
    promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    await flush();
    while (!settled) {
      const next = this.earliest();
      if (!next) throw new Error('FakeClock.run: the promise waits on something other than this clock');
      this.fire(next);
      await flush();
    }
    return promise;
  }

  private earliest(): Timer | undefined {
    return this.timers.reduce<Timer | undefined>(
      (best, t) => (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq) ? t : best),
      undefined,
    );
  }

  private fire(timer: Timer): void {
    this.timers = this.timers.filter((t) => t !== timer);
    this.time = Math.max(this.time, timer.at);
    timer.resolve();
  }
}
