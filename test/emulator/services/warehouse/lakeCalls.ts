/**
 * CloudTrail Lake's StartQuery, DescribeQuery, GetQueryResults and CancelQuery on the emulator's one
 * event data store (engine.ts), over the same history as LookupEvents and Athena. Lake checks a
 * statement when it starts: an unknown event data store is EventDataStoreNotFoundException, a statement
 * the engine cannot parse InvalidQueryStatementException; other engine errors end the query FAILED.
 */
import type { JsonObject, OperationContext } from '../types';
import { EVENT_DATA_STORE } from './engine';
import { Members } from './input';
import { pageToken, readPageToken, type QueryRun, type RunState } from './runs';
import { lakeBytesScanned } from './scanned';

/** Lake pages results by 1,000 rows at most. */
const MAX_RESULTS = 1000;

const STATUS: Readonly<Record<RunState, string>> = {
  QUEUED: 'QUEUED',
  RUNNING: 'RUNNING',
  SUCCEEDED: 'FINISHED',
  FAILED: 'FAILED',
  CANCELLED: 'CANCELLED',
};

function members(input: JsonObject): Members {
  return new Members(input, 'InvalidParameterException');
}

async function startQuery(input: JsonObject, ctx: OperationContext): Promise<JsonObject> {
  const m = members(input);
  const sql = m.required('QueryStatement');
  // Lake names the event data store after FROM, unquoted: an id (letters, digits, hyphens).
  for (const match of sql.matchAll(/\bFROM\s+([A-Za-z0-9-]+)/gi)) {
    if (match[1]!.includes('-') && match[1] !== EVENT_DATA_STORE)
      throw m.error(`Event data store ${match[1]} is not found.`, 'EventDataStoreNotFoundException');
  }
  const runs = ctx.data.warehouse.lake;
  const run = runs.start(sql, true, lakeBytesScanned(sql, runs.rows), {});
  await run.done;
  if (run.failure?.kind === 'syntax') {
    runs.cancel(run);
    throw m.error(`Query statement is invalid: ${run.failure.message}`, 'InvalidQueryStatementException');
  }
  return { QueryId: run.id };
}

function findRun(input: JsonObject, ctx: OperationContext): QueryRun {
  const m = members(input);
  const id = m.required('QueryId');
  const run = ctx.data.warehouse.lake.find(id);
  if (run === undefined) throw m.error(`Query ${id} was not found.`, 'QueryIdNotFoundException');
  return run;
}

function statistics(run: QueryRun, state: RunState): JsonObject {
  const rows = state === 'SUCCEEDED' ? (run.result?.rows.length ?? 0) : 0;
  return {
    EventsMatched: rows,
    BytesScanned: state === 'SUCCEEDED' ? run.bytesScanned : 0,
    ...(run.completedAt !== undefined && { ExecutionTimeInMillis: run.completedAt - run.submittedAt }),
    CreationTime: run.submittedAt / 1000,
  };
}

async function describeQuery(input: JsonObject, ctx: OperationContext): Promise<JsonObject> {
  const run = findRun(input, ctx);
  const state = await ctx.data.warehouse.lake.poll(run);
  return {
    QueryId: run.id,
    QueryString: run.sql,
    QueryStatus: STATUS[state],
    QueryStatistics: statistics(run, state),
    ...(state === 'FAILED' && { ErrorMessage: run.failure!.message }),
  };
}

function getQueryResults(input: JsonObject, ctx: OperationContext): JsonObject {
  const run = findRun(input, ctx);
  const m = members(input);
  if (run.state !== 'SUCCEEDED')
    return { QueryStatus: STATUS[run.state], ...(run.state === 'FAILED' && { ErrorMessage: run.failure!.message }) };
  const max = m.integer('MaxQueryResults', 1, MAX_RESULTS) ?? MAX_RESULTS;
  const token = m.string('NextToken');
  const offset = token === undefined ? 0 : readPageToken(run, token);
  if (offset === undefined) throw m.error('The NextToken is not valid.', 'InvalidNextTokenException');
  const { columns, rows } = run.result!;
  const page = rows.slice(offset, offset + max);
  const next = offset + page.length;
  return {
    QueryStatus: 'FINISHED',
    QueryStatistics: { ResultsCount: page.length, TotalResultsCount: rows.length, BytesScanned: run.bytesScanned },
    // Lake's rows are lists of one-member maps, column by column, every value text; NULLs are left out.
    QueryResultRows: page.map((row) =>
      row.flatMap((value, i) => (value === null ? [] : [{ [columns[i]!.name]: value }])),
    ),
    ...(next < rows.length && { NextToken: pageToken(run, next) }),
  };
}

function cancelQuery(input: JsonObject, ctx: OperationContext): JsonObject {
  const run = findRun(input, ctx);
  if (!ctx.data.warehouse.lake.cancel(run))
    throw members(input).error(`Query ${run.id} is not running.`, 'InactiveQueryException');
  return { QueryId: run.id, QueryStatus: 'CANCELLED' };
}

export const lakeOperations = {
  StartQuery: startQuery,
  DescribeQuery: describeQuery,
  GetQueryResults: getQueryResults,
  CancelQuery: cancelQuery,
};
