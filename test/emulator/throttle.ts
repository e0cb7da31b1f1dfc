/**
 * Request-rate limits as AWS applies them: a token bucket per account, region and operation. AWS
 * documents only the rate for most APIs (CloudTrail `LookupEvents`: "two per second, per account,
 * per Region"); the bucket holds as many tokens as the rate, so two calls may go back to back and
 * a client that paces itself at the documented rate is never refused. A refused call takes no token.
 */

/** The documented rate of one operation. */
export interface RateLimit {
  /** Calls per second, refilled continuously. */
  readonly perSecond: number;
  /** Calls that may arrive at once after a quiet spell (the bucket's size). */
  readonly burst: number;
}

/** One bucket; the clock is passed in so tests can step it instead of waiting. */
export class TokenBucket {
  #tokens: number;
  #at: number;

  constructor(
    private readonly limit: RateLimit,
    nowMs: number,
  ) {
    this.#tokens = limit.burst;
    this.#at = nowMs;
  }

  /** Takes a token if one is left at `nowMs`; false means the call is throttled. */
  take(nowMs: number): boolean {
    // A clock that steps back (NTP) must not mint tokens.
    const elapsed = Math.max(0, nowMs - this.#at);
    this.#at = Math.max(this.#at, nowMs);
    this.#tokens = Math.min(this.limit.burst, this.#tokens + (elapsed * this.limit.perSecond) / 1000);
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

/** The buckets of a running emulator, one per key (service, operation, account, region). */
export class RateLimiter {
  readonly #buckets = new Map<string, TokenBucket>();

  /** `now` returns milliseconds; `Date.now` unless a test steps its own clock. */
  constructor(private readonly now: () => number = Date.now) {}

  /** Whether a call under `key` may proceed now. */
  take(key: string, limit: RateLimit): boolean {
    const now = this.now();
    let bucket = this.#buckets.get(key);
    if (bucket === undefined) {
      bucket = new TokenBucket(limit, now);
      this.#buckets.set(key, bucket);
    }
    return bucket.take(now);
  }
}
