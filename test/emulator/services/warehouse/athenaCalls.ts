/**
 * Athena's StartQueryExecution, GetQueryExecution, GetQueryResults and StopQueryExecution, with AWS's
 * shapes and errors: InvalidRequestException for an unknown workgroup or query id, or when neither the
 * call nor the workgroup gives a result location; a query the engine refuses ends FAILED with Athena's
 * error name before the engine's message (TABLE_NOT_FOUND, SCHEMA_NOT_FOUND, SYNTAX_ERROR).
 */
import { AwsError } from '../../errors';
import type { JsonObject, OperationContext } from '../types';
import { ATHENA_DATABASE } from './engine';
import { Members } from './input';
import type { QueryRun } from './runs';
import { pageToken, readPageToken } from './runs';
import { athenaBytesScanned } from './scanned';

/** The workgroups, with their result location (none for `primary`, as in a new account). */
const WORKGROUPS: Readonly<Record<string, string | undefined>> = {
  primary: undefined,
  cloudwarden: 's3://cloudwarden-emulator-athena-results/',
};

/** Athena pages results by 1,000 rows at most (the header row counts on the first page). */
const MAX_RESULTS = 1000;

function invalid(message: string): AwsError {
  return new AwsError('InvalidRequestException', 400, message);
}

function members(input: JsonObject): Members {
  return new Members(input, 'InvalidRequestException');
}

function startQueryExecution(input: JsonObject, ctx: OperationContext): JsonObject {
  const m = members(input);
  const sql = m.required('QueryString');
  const workgroup = m.string('WorkGroup') ?? 'primary';
  if (!Object.hasOwn(WORKGROUPS, workgroup)) throw invalid(`WorkGroup ${workgroup} is not found.`);
  const output = m.object('ResultConfiguration').string('OutputLocation') ?? WORKGROUPS[workgroup];
  if (output === undefined)
    throw invalid(
      'No output location provided. An output location is required either through the Workgroup result configuration setting or as an API input.',
    );
  const database = m.object('QueryExecutionContext').string('Database') ?? 'default';
  const runs = ctx.data.warehouse.athena;
  const run = runs.start(sql, false, athenaBytesScanned(sql, runs.rows), { workgroup, output, database });
  return { QueryExecutionId: run.id };
}

function findRun(input: JsonObject, ctx: OperationContext): QueryRun {
  const id = members(input).required('QueryExecutionId');
  const run = ctx.data.warehouse.athena.find(id);
  if (run === undefined) throw invalid(`QueryExecution ${id} was not found`);
  return run;
}

async function getQueryExecution(input: JsonObject, ctx: OperationContext): Promise<JsonObject> {
  const run = findRun(input, ctx);
  const state = await ctx.data.warehouse.athena.poll(run);
  const reason =
    state === 'FAILED' ? failureReason(run) : state === 'CANCELLED' ? 'Query cancelled by user' : undefined;
  const ended = run.completedAt !== undefined && ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(state);
  return {
    QueryExecution: {
      QueryExecutionId: run.id,
      Query: run.sql,
      StatementType: 'DML',
      ResultConfiguration: { OutputLocation: `${run.details['output']!.replace(/\/?$/, '/')}${run.id}.csv` },
      QueryExecutionContext: { Database: run.details['database'], Catalog: 'AwsDataCatalog' },
      Status: {
        State: state,
        SubmissionDateTime: run.submittedAt / 1000,
        ...(ended && { CompletionDateTime: run.completedAt! / 1000 }),
        ...(reason !== undefined && { StateChangeReason: reason }),
        ...(state === 'FAILED' && {
          AthenaError: { ErrorCategory: 2, ErrorType: 1100, Retryable: false, ErrorMessage: reason },
        }),
      },
      Statistics: {
        DataScannedInBytes: state === 'SUCCEEDED' ? run.bytesScanned : 0,
        ...(ended && { EngineExecutionTimeInMillis: run.completedAt! - run.submittedAt }),
      },
      WorkGroup: run.details['workgroup'],
      EngineVersion: { SelectedEngineVersion: 'AUTO', EffectiveEngineVersion: 'Athena engine version 3' },
    },
  };
}

/** Athena's reason for a FAILED query: its error name, then the engine's message. */
function failureReason(run: QueryRun): string {
  const failure = run.failure!;
  if (failure.kind === 'syntax') return `SYNTAX_ERROR: line 1:1: ${failure.message}`;
  if (failure.kind === 'catalog') {
    const table = /with name "?([^"\s!]+)"? does not exist/.exec(failure.message)?.[1] ?? 'unknown';
    const qualified = table.includes('.') ? table : `${run.details['database'] ?? ATHENA_DATABASE}.${table}`;
    return `TABLE_NOT_FOUND: line 1:1: Table 'awsdatacatalog.${qualified}' does not exist`;
  }
  return `GENERIC_USER_ERROR: ${failure.message}`;
}

function getQueryResults(input: JsonObject, ctx: OperationContext): JsonObject {
  const run = findRun(input, ctx);
  if (run.state !== 'SUCCEEDED') {
    if (run.state === 'FAILED') throw invalid(failureReason(run));
    throw invalid(`Query has not yet finished. Current state: ${run.state}`);
  }
  const m = members(input);
  const max = m.integer('MaxResults', 1, MAX_RESULTS) ?? MAX_RESULTS;
  const token = m.string('NextToken');
  const offset = token === undefined ? 0 : readPageToken(run, token);
  if (offset === undefined) throw invalid('The NextToken is not valid for this query.');
  const result = run.result!;
  // The header row is row 0 of the result, as Athena returns a SELECT's CSV.
  const all = [result.columns.map((c) => c.name), ...result.rows];
  const page = all.slice(offset, offset + max);
  const next = offset + page.length;
  return {
    UpdateCount: 0,
    ResultSet: {
      Rows: page.map((row) => ({ Data: row.map((v) => (v === null ? {} : { VarCharValue: v })) })),
      ResultSetMetadata: {
        ColumnInfo: result.columns.map((c) => ({
          CatalogName: 'hive',
          SchemaName: '',
          TableName: '',
          Name: c.name,
          Label: c.name,
          Type: athenaType(c.type),
          Precision: 0,
          Scale: 0,
          Nullable: 'UNKNOWN',
          CaseSensitive: c.type === 'VARCHAR',
        })),
      },
    },
    ...(next < all.length && { NextToken: pageToken(run, next) }),
  };
}

function athenaType(duckdb: string): string {
  if (duckdb === 'BIGINT' || duckdb === 'HUGEINT') return 'bigint';
  if (duckdb === 'BOOLEAN') return 'boolean';
  if (duckdb === 'DOUBLE') return 'double';
  return 'varchar';
}

function stopQueryExecution(input: JsonObject, ctx: OperationContext): JsonObject {
  ctx.data.warehouse.athena.cancel(findRun(input, ctx));
  return {};
}

export const athenaOperations = {
  StartQueryExecution: startQueryExecution,
  GetQueryExecution: getQueryExecution,
  GetQueryResults: getQueryResults,
  StopQueryExecution: stopQueryExecution,
};
