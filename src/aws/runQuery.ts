/**
 * One SQL statement through its life on Athena or Lake: start, poll with back-off (200 ms doubling to
 * 2 s) until it ends, read every page of rows, and stop it on AWS when the caller's signal fires (the
 * user moved on: the query would go on costing money). Throttled calls are waited out and retried a few
 * times; everything else comes back as an explained problem, never thrown.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { queryFailure, type AwsProblem, type AwsResult, type WarehouseRow } from '../core';
import type { CallOptions } from './gateway';
import type { QueryEngine } from './queryEngines';

export interface PollTiming {
  /** The first wait, doubled after each poll up to `maxMs`. */
  readonly firstMs: number;
  readonly maxMs: number;
}

const DEFAULT_POLL: PollTiming = { firstMs: 200, maxMs: 2000 };

/** How often a throttled call is tried again, and the first wait (doubled each time). */
const THROTTLE_RETRIES = 4;
const THROTTLE_WAIT_MS = 250;

export interface QueryRun {
  readonly rows: readonly WarehouseRow[];
  readonly problems: readonly AwsProblem[];
  readonly bytesScanned: number;
  readonly queryId?: string;
}

export interface RunOptions {
  readonly region?: string;
  readonly signal?: AbortSignal;
  readonly poll?: PollTiming;
}

export async function runQuery(engine: QueryEngine, sql: string, options: RunOptions): Promise<QueryRun> {
  const call: CallOptions = {
    ...(options.region && { region: options.region }),
    ...(options.signal && { signal: options.signal }),
  };
  const started = await retried(() => engine.start(sql, call), options.signal);
  if (!started.ok) return failed(started.problem);
  const queryId = started.value;
  const ended = await untilEnded(engine, queryId, call, options);
  if (!ended.ok) {
    // Cancelled (or the polling failed): stop the query on AWS without the caller's spent signal.
    await engine.stop(queryId, { ...(options.region && { region: options.region }) });
    return failed(ended.problem, queryId);
  }
  const { state, reason, bytesScanned } = ended.value;
  if (state !== 'succeeded') {
    const why = reason ?? (state === 'cancelled' ? 'the query was cancelled' : 'no reason given');
    return { rows: [], problems: [queryFailure(engine.name, why, options.region)], bytesScanned, queryId };
  }
  const rows: WarehouseRow[] = [];
  let token: string | undefined;
  do {
    const page = await retried(() => engine.page(queryId, token, call), options.signal);
    if (!page.ok) return { rows, problems: [page.problem], bytesScanned, queryId };
    rows.push(...page.value.rows);
    token = page.value.nextToken;
  } while (token !== undefined);
  return { rows, problems: [], bytesScanned, queryId };
}

async function untilEnded(
  engine: QueryEngine,
  id: string,
  call: CallOptions,
  options: RunOptions,
): Promise<AwsResult<{ state: string; reason?: string; bytesScanned: number }>> {
  const timing = options.poll ?? DEFAULT_POLL;
  for (let wait = timing.firstMs; ; wait = Math.min(wait * 2, timing.maxMs)) {
    const status = await retried(() => engine.status(id, call), options.signal);
    if (!status.ok || status.value.state !== 'running') return status;
    const slept = await pause(wait, options.signal);
    if (!slept.ok) return slept;
  }
}

/** The call again while AWS throttles it, waiting longer each time. */
async function retried<T>(call: () => Promise<AwsResult<T>>, signal: AbortSignal | undefined): Promise<AwsResult<T>> {
  let result = await call();
  for (let attempt = 0; attempt < THROTTLE_RETRIES && !result.ok && result.problem.kind === 'throttled'; attempt++) {
    const slept = await pause(THROTTLE_WAIT_MS * 2 ** attempt, signal);
    if (!slept.ok) return slept;
    result = await call();
  }
  return result;
}

const CANCELLED: AwsProblem = { kind: 'cancelled', sentence: 'The query was cancelled before it finished.' };

async function pause(ms: number, signal: AbortSignal | undefined): Promise<AwsResult<undefined>> {
  try {
    await sleep(ms, undefined, signal ? { signal } : {});
    return { ok: true, value: undefined };
  } catch {
    return { ok: false, problem: CANCELLED };
  }
}

function failed(problem: AwsProblem, queryId?: string): QueryRun {
  return { rows: [], problems: [problem], bytesScanned: 0, ...(queryId !== undefined && { queryId }) };
}
