/**
 * Pacing: a token bucket per key (an account and a Region), served first come, first served. AWS limits
 * CloudTrail LookupEvents to 2 requests a second per account and Region and that quota cannot be raised;
 * a caller that goes faster is throttled, and the SDK's own retry then fails long scans. So CloudWarden
 * never asks faster than the quota: every call takes a token first.
 */
import { abortReason, type Clock } from './clock';

export interface PacerOptions {
  /** Tokens added per second, per key. */
  readonly ratePerSecond: number;
  /** Most tokens a key saves up while idle. 1 (the default) spaces calls evenly, never in bursts. */
  readonly burst?: number;
  readonly clock: Clock;
}

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (reason: Error) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date. */
  refilledAt: number;
  /** No token is handed out before this time (AWS asked us to slow down). */
  heldUntil: number;
  readonly queue: Waiter[];
  pumping: boolean;
}

/** Token buckets per key; `take` waits for a token in FIFO order and can be cancelled. */
export class Pacer {
  private readonly buckets = new Map<string, Bucket>();
  private readonly burst: number;
  private readonly intervalMs: number;

  constructor(private readonly options: PacerOptions) {
    this.burst = Math.max(1, options.burst ?? 1);
    this.intervalMs = 1000 / options.ratePerSecond;
  }

  /**
   * Resolves when the caller may make one call on `key`. Callers are served in the order they asked. A
   * caller whose signal aborts leaves the queue at once, rejected with the signal's reason, and uses no
   * token: the next caller moves up.
   */
  take(key: string, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const bucket = this.bucket(key);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const at = bucket.queue.indexOf(waiter);
          if (at >= 0) bucket.queue.splice(at, 1);
          reject(abortReason(signal!));
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      bucket.queue.push(waiter);
      if (!bucket.pumping) void this.pump(bucket);
    });
  }

  /**
   * Hands out no token on `key` for `ms` (AWS answered "throttled": someone else, the console or a script,
   * shares the quota). Every caller on the key waits, not only the one that was throttled, since the
   * quota is the account's; the first token after the hold is ready when it ends.
   */
  hold(key: string, ms: number): void {
    const bucket = this.bucket(key);
    const until = this.options.clock.now() + ms;
    if (until <= bucket.heldUntil) return;
    bucket.heldUntil = until;
    bucket.tokens = 0;
    bucket.refilledAt = until - this.intervalMs;
  }

  /** How many callers wait on `key`. */
  waiting(key: string): number {
    return this.buckets.get(key)?.queue.length ?? 0;
  }

  private bucket(key: string): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      const now = this.options.clock.now();
      bucket = { tokens: this.burst, refilledAt: now, heldUntil: now, queue: [], pumping: false };
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  /** Serves the queue in order, sleeping until the next token; ends when the queue is empty. */
  private async pump(bucket: Bucket): Promise<void> {
    bucket.pumping = true;
    try {
      while (bucket.queue.length > 0) {
        const wait = this.msUntilToken(bucket);
        if (wait > 0) {
          await this.options.clock.sleep(wait);
          continue; // a hold may have moved the time on, or the queue emptied by cancellations
        }
        bucket.tokens -= 1;
        const waiter = bucket.queue.shift()!;
        waiter.signal?.removeEventListener('abort', waiter.onAbort);
        waiter.resolve();
      }
    } finally {
      bucket.pumping = false;
    }
  }

  private msUntilToken(bucket: Bucket): number {
    const now = this.options.clock.now();
    if (now < bucket.heldUntil) return bucket.heldUntil - now;
    const elapsed = Math.max(0, now - bucket.refilledAt);
    bucket.tokens = Math.min(this.burst, bucket.tokens + elapsed / this.intervalMs);
    bucket.refilledAt = now;
    return bucket.tokens >= 1 ? 0 : Math.ceil((1 - bucket.tokens) * this.intervalMs);
  }
}
