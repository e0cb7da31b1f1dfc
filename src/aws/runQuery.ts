/**
 * One SQL statement through its life on Athena or Lake: start, poll with back-off (200 ms doubling to
 * 2 s) until it ends, read every page of rows, and stop it on AWS when the caller's signal fires (the
 * user moved on: the query would go on costing money). Throttled calls are waited out and retried a few
 * times; everything else comes back as an explained problem, never thrown.
 */
import { queryFailure, type AwsProblem, type AwsResult, type WarehouseRow } from '../core';
import type { CallOptions } from './gateway';
import { pollUntil, whileThrottled, type PollTiming } from './patience';
import type { QueryEngine } from './queryEngines';

const DEFAULT_POLL: PollTiming = { firstMs: 200, maxMs: 2000 };

export interface QueryRun {
  readonly rows: readonly WarehouseRow[];
  readonly problems: readonly AwsProblem[];
  readonly bytesScanned: number;
  readonly queryId?: string;
  /** The requests sent (start, polls, pages, a stop) and the time from the start to the last page, ms. */
  readonly calls: number;
  readonly ms: number;
}

export interface RunOptions {
  readonly region?: string;
  readonly signal?: AbortSignal;
  readonly poll?: PollTiming;
}

export async function runQuery(engine: QueryEngine, sql: string, options: RunOptions): Promise<QueryRun> {
  const startedAt = Date.now();
  let calls = 0;
  const onRequest = (): void => {
    calls++;
  };
  const call: CallOptions = {
    ...(options.region && { region: options.region }),
    ...(options.signal && { signal: options.signal }),
    onRequest,
  };
  const cost = (): Pick<QueryRun, 'calls' | 'ms'> => ({ calls, ms: Date.now() - startedAt });
  const started = await whileThrottled(() => engine.start(sql, call), options.signal, CANCELLED);
  if (!started.ok) return failed(started.problem, cost());
  const queryId = started.value;
  const ended = await untilEnded(engine, queryId, call, options);
  if (!ended.ok) {
    // Cancelled (or the polling failed): stop the query on AWS without the caller's spent signal.
    await engine.stop(queryId, { ...(options.region && { region: options.region }), onRequest });
    return failed(ended.problem, cost(), queryId);
  }
  const { state, reason, bytesScanned } = ended.value;
  if (state !== 'succeeded') {
    const why = reason ?? (state === 'cancelled' ? 'the query was cancelled' : 'no reason given');
    return { rows: [], problems: [queryFailure(engine.name, why, options.region)], bytesScanned, queryId, ...cost() };
  }
  const rows: WarehouseRow[] = [];
  let token: string | undefined;
  do {
    const page = await whileThrottled(() => engine.page(queryId, token, call), options.signal, CANCELLED);
    if (!page.ok) return { rows, problems: [page.problem], bytesScanned, queryId, ...cost() };
    rows.push(...page.value.rows);
    token = page.value.nextToken;
  } while (token !== undefined);
  return { rows, problems: [], bytesScanned, queryId, ...cost() };
}

function untilEnded(
  engine: QueryEngine,
  id: string,
  call: CallOptions,
  options: RunOptions,
): Promise<AwsResult<{ state: string; reason?: string; bytesScanned: number }>> {
  return pollUntil(
    () => engine.status(id, call),
    (status) => status.state !== 'running',
    { timing: options.poll ?? DEFAULT_POLL, cancelled: CANCELLED, ...(options.signal && { signal: options.signal }) },
  );
}

const CANCELLED: AwsProblem = { kind: 'cancelled', sentence: 'The query was cancelled before it finished.' };

function failed(problem: AwsProblem, cost: Pick<QueryRun, 'calls' | 'ms'>, queryId?: string): QueryRun {
  return { rows: [], problems: [problem], bytesScanned: 0, ...cost, ...(queryId !== undefined && { queryId }) };
}
