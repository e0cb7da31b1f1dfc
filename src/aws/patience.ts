/**
 * Waiting on AWS the same way in every adapter: a throttled call is asked again after a pause that
 * doubles (the SDK's own retry leaves throttling alone, retry.ts), a job (a query, an IAM report, a
 * recommendation) is polled with back-off until it ends or a bound passes, and every wait ends at once
 * when the caller's signal fires.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { AwsProblem, AwsResult } from '../core';

export interface PollTiming {
  /** The first wait, doubled after each poll up to `maxMs`. */
  readonly firstMs: number;
  readonly maxMs: number;
}

/** How often a throttled call is tried again, and the first wait (doubled each time). */
const THROTTLE_RETRIES = 4;
const THROTTLE_WAIT_MS = 250;

/** The call again while AWS throttles it, waiting longer each time; `cancelled` when the signal fires meanwhile. */
export async function whileThrottled<T>(
  call: () => Promise<AwsResult<T>>,
  signal: AbortSignal | undefined,
  cancelled: AwsProblem,
): Promise<AwsResult<T>> {
  let result = await call();
  for (let attempt = 0; attempt < THROTTLE_RETRIES && !result.ok && result.problem.kind === 'throttled'; attempt++) {
    const slept = await pause(THROTTLE_WAIT_MS * 2 ** attempt, signal, cancelled);
    if (!slept.ok) return slept;
    result = await call();
  }
  return result;
}

/** Waits `ms`, or answers `cancelled` as soon as the signal fires. */
async function pause(
  ms: number,
  signal: AbortSignal | undefined,
  cancelled: AwsProblem,
): Promise<AwsResult<undefined>> {
  try {
    await sleep(ms, undefined, signal ? { signal } : {});
    return { ok: true, value: undefined };
  } catch {
    return { ok: false, problem: cancelled };
  }
}

export interface PollOptions {
  readonly timing: PollTiming;
  readonly signal?: AbortSignal;
  /** What a cancel answers. */
  readonly cancelled: AwsProblem;
  /** The longest to keep polling, and what passing it answers; unbounded when absent. */
  readonly limit?: { readonly ms: number; readonly problem: AwsProblem };
}

/**
 * Polls (throttling waited out) until `ended` says the answer is final, waiting `firstMs`, then twice as
 * long each time up to `maxMs`. The first poll is immediate: a job AWS finishes at once costs one call.
 */
export async function pollUntil<T>(
  poll: () => Promise<AwsResult<T>>,
  ended: (value: T) => boolean,
  options: PollOptions,
): Promise<AwsResult<T>> {
  const { timing, signal, cancelled, limit } = options;
  const deadline = limit === undefined ? Infinity : Date.now() + limit.ms;
  for (let wait = timing.firstMs; ; wait = Math.min(wait * 2, timing.maxMs)) {
    const status = await whileThrottled(poll, signal, cancelled);
    if (!status.ok || ended(status.value)) return status;
    if (limit !== undefined && Date.now() + wait > deadline) return { ok: false, problem: limit.problem };
    const slept = await pause(wait, signal, cancelled);
    if (!slept.ok) return slept;
  }
}
