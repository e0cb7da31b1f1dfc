/**
 * The SDK retry strategy of every CloudWarden client: retry what is transient (a dropped connection, a
 * 5xx) a couple of times, and never retry throttling. Throttling is the pacer's business: the SDK's
 * standard strategy would spend its three attempts inside one call while other callers keep asking, and
 * then fail anyway (the issue saw 0 of 6 long scans complete); CloudWarden instead holds every caller of
 * the account and Region back and asks again (src/core/aws/scan.ts), or says "throttled" at once.
 */
import type { STSClientConfig } from '@aws-sdk/client-sts';

type RetryStrategy = Extract<NonNullable<STSClientConfig['retryStrategy']>, { acquireInitialRetryToken: unknown }>;
type RetryToken = Awaited<ReturnType<RetryStrategy['acquireInitialRetryToken']>>;

const MAX_ATTEMPTS = 3;
const BASE_DELAY_MS = 100;
const MAX_DELAY_MS = 2000;

function token(count: number, delayMs: number): RetryToken {
  return { getRetryCount: () => count, getRetryDelay: () => delayMs };
}

/** Retries transient and server errors with full jitter, up to three attempts; everything else fails at once. */
export function transientOnlyRetry(random: () => number = Math.random): RetryStrategy {
  return {
    acquireInitialRetryToken: () => Promise.resolve(token(0, 0)),
    refreshRetryTokenForRetry: (previous, info) => {
      const count = previous.getRetryCount() + 1;
      const retryable = info.errorType === 'TRANSIENT' || info.errorType === 'SERVER_ERROR';
      // Rejecting makes the SDK throw the call's own error (with $metadata.attempts), not this one.
      if (!retryable || count >= MAX_ATTEMPTS) return Promise.reject(info.error ?? new Error('not retried'));
      return Promise.resolve(token(count, Math.floor(random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** count))));
    },
    recordSuccess: () => undefined,
  };
}
