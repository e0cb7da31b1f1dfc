/**
 * Athena and CloudTrail Lake behind one shape: start a statement, ask its state, read a page of rows,
 * stop it. Everything goes through the gateway (time limits, problems); the SDK's command classes are
 * loaded on first use, like the clients.
 */
import type { AwsResult, WarehouseRow } from '../core';
import type { AwsGateway, CallOptions } from './gateway';

interface QueryStatus {
  readonly state: 'running' | 'succeeded' | 'failed' | 'cancelled';
  /** Why it failed, in the engine's words. */
  readonly reason?: string;
  readonly bytesScanned: number;
}

interface RowPage {
  readonly rows: readonly WarehouseRow[];
  readonly nextToken?: string;
}

export interface QueryEngine {
  readonly name: 'Athena' | 'CloudTrail Lake';
  start(sql: string, options: CallOptions): Promise<AwsResult<string>>;
  status(id: string, options: CallOptions): Promise<AwsResult<QueryStatus>>;
  page(id: string, token: string | undefined, options: CallOptions): Promise<AwsResult<RowPage>>;
  stop(id: string, options: CallOptions): Promise<AwsResult<unknown>>;
}

/** Where Athena runs the statement and writes its results. */
export interface AthenaPlace {
  readonly database: string;
  /** Absent: `primary`, Athena's default. */
  readonly workgroup?: string;
  /** An s3:// folder; absent: the workgroup's result location. */
  readonly outputLocation?: string;
}

/** Rows come 1,000 to a page at most, on both services. */
const PAGE = 1000;

const ATHENA_STATES: Readonly<Record<string, QueryStatus['state']>> = {
  QUEUED: 'running',
  RUNNING: 'running',
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  CANCELLED: 'cancelled',
};

export function athenaEngine(gateway: AwsGateway, place: AthenaPlace): QueryEngine {
  const sdk = () => import('@aws-sdk/client-athena');
  return {
    name: 'Athena',
    start: (sql, options) =>
      gateway.athena(
        'StartQueryExecution',
        async (client, abortSignal) => {
          const { StartQueryExecutionCommand } = await sdk();
          const input = {
            QueryString: sql,
            QueryExecutionContext: { Database: place.database },
            ...(place.workgroup !== undefined && { WorkGroup: place.workgroup }),
            ...(place.outputLocation !== undefined && {
              ResultConfiguration: { OutputLocation: place.outputLocation },
            }),
          };
          const out = await client.send(new StartQueryExecutionCommand(input), { abortSignal });
          return out.QueryExecutionId ?? '';
        },
        options,
      ),
    status: (id, options) =>
      gateway.athena(
        'GetQueryExecution',
        async (client, abortSignal) => {
          const { GetQueryExecutionCommand } = await sdk();
          const out = await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }), { abortSignal });
          const status = out.QueryExecution?.Status;
          const reason = status?.AthenaError?.ErrorMessage ?? status?.StateChangeReason;
          return {
            state: ATHENA_STATES[status?.State ?? ''] ?? 'running',
            ...(reason !== undefined && { reason }),
            bytesScanned: out.QueryExecution?.Statistics?.DataScannedInBytes ?? 0,
          };
        },
        options,
      ),
    page: (id, token, options) =>
      gateway.athena(
        'GetQueryResults',
        async (client, abortSignal) => {
          const { GetQueryResultsCommand } = await sdk();
          const input = { QueryExecutionId: id, MaxResults: PAGE, ...(token !== undefined && { NextToken: token }) };
          const out = await client.send(new GetQueryResultsCommand(input), { abortSignal });
          const names = (out.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((c) => c.Name ?? '');
          // A SELECT's first page starts with the header row.
          const rows = (out.ResultSet?.Rows ?? []).slice(token === undefined ? 1 : 0);
          return {
            rows: rows.map((row) =>
              rowOf(
                names,
                (row.Data ?? []).map((d) => d.VarCharValue),
              ),
            ),
            ...(out.NextToken !== undefined && { nextToken: out.NextToken }),
          };
        },
        options,
      ),
    stop: (id, options) =>
      gateway.athena(
        'StopQueryExecution',
        async (client, abortSignal) => {
          const { StopQueryExecutionCommand } = await sdk();
          return client.send(new StopQueryExecutionCommand({ QueryExecutionId: id }), { abortSignal });
        },
        options,
      ),
  };
}

const LAKE_STATES: Readonly<Record<string, QueryStatus['state']>> = {
  QUEUED: 'running',
  RUNNING: 'running',
  FINISHED: 'succeeded',
  FAILED: 'failed',
  TIMED_OUT: 'failed',
  CANCELLED: 'cancelled',
};

export function lakeEngine(gateway: AwsGateway): QueryEngine {
  const sdk = () => import('@aws-sdk/client-cloudtrail');
  return {
    name: 'CloudTrail Lake',
    start: (sql, options) =>
      gateway.lake(
        'StartQuery',
        async (client, abortSignal) => {
          const { StartQueryCommand } = await sdk();
          const out = await client.send(new StartQueryCommand({ QueryStatement: sql }), { abortSignal });
          return out.QueryId ?? '';
        },
        options,
      ),
    status: (id, options) =>
      gateway.lake(
        'DescribeQuery',
        async (client, abortSignal) => {
          const { DescribeQueryCommand } = await sdk();
          const out = await client.send(new DescribeQueryCommand({ QueryId: id }), { abortSignal });
          return {
            state: LAKE_STATES[out.QueryStatus ?? ''] ?? 'running',
            ...(out.ErrorMessage !== undefined && { reason: out.ErrorMessage }),
            ...(out.QueryStatus === 'TIMED_OUT' && { reason: 'the query timed out' }),
            bytesScanned: out.QueryStatistics?.BytesScanned ?? 0,
          };
        },
        options,
      ),
    page: (id, token, options) =>
      gateway.lake(
        'LakeGetQueryResults',
        async (client, abortSignal) => {
          const { GetQueryResultsCommand } = await sdk();
          const input = { QueryId: id, MaxQueryResults: PAGE, ...(token !== undefined && { NextToken: token }) };
          const out = await client.send(new GetQueryResultsCommand(input), { abortSignal });
          // Each row is a list of one-member maps, column by column; a NULL column is left out.
          const rows = (out.QueryResultRows ?? []).map((cells) => Object.assign({}, ...cells) as WarehouseRow);
          return {
            rows: rows.map(lowerCaseKeys),
            ...(out.NextToken !== undefined && { nextToken: out.NextToken }),
          };
        },
        options,
      ),
    stop: (id, options) =>
      gateway.lake(
        'CancelQuery',
        async (client, abortSignal) => {
          const { CancelQueryCommand } = await sdk();
          return client.send(new CancelQueryCommand({ QueryId: id }), { abortSignal });
        },
        options,
      ),
  };
}

function rowOf(names: readonly string[], values: readonly (string | undefined)[]): WarehouseRow {
  return Object.fromEntries(
    names.flatMap((name, i) => (values[i] === undefined ? [] : [[name.toLowerCase(), values[i]]])),
  );
}

/** Engines keep an alias's case or lower it; the rows are read by lower-case aliases. */
function lowerCaseKeys(row: WarehouseRow): WarehouseRow {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k.toLowerCase(), v]));
}
