/**
 * The emulator's SQL engine: DuckDB in memory, loaded on the first query with the CloudTrail history
 * (one row per record, schema.ts), seen as Athena's table `"cloudtrail"."cloudtrail_logs"` and as a
 * CloudTrail Lake event data store. Trino functions DuckDB lacks are macros here: `json_format` (text
 * of a JSON value), the only one CloudWarden's SQL uses (docs/athena.md lists the subset).
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { CloudTrailHistory } from '../cloudtrail/history';
import { tableRow, type TableRow } from './rows';
import { LAKE_VIEW_SELECT, rowsStructure } from './schema';

/** The Athena database and table the emulator serves. */
export const ATHENA_DATABASE = 'cloudtrail';
const ATHENA_TABLE = 'cloudtrail_logs';
/** The event data store the emulator serves (an id in the form Lake gives them). */
export const EVENT_DATA_STORE = 'e1a2b3c4-5d6e-4f70-8a9b-0c1d2e3f4a5b';
/** DuckDB's name for Lake's view: the SQL's `FROM <event data store id>` is read as this. */
const LAKE_VIEW = '"lake"."events"';

/** A query's answer: column names and types, and each row's values as text (SQL NULL: null). */
export interface ResultTable {
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  readonly rows: readonly (readonly (string | null)[])[];
}

/** Why DuckDB refused a query: its own message, and which of its error classes it was. */
export class EngineError extends Error {
  constructor(
    readonly kind: 'syntax' | 'catalog' | 'other',
    message: string,
  ) {
    super(message);
  }
}

export class WarehouseEngine {
  /** The history's rows, with their partitions and bytes (for bytes scanned). */
  readonly rows: readonly TableRow[];
  private database: Promise<DuckDBInstance> | undefined;

  constructor(history: CloudTrailHistory) {
    this.rows = history.events.map((e) => tableRow(JSON.parse(e.event.CloudTrailEvent) as TableRow, e.bytes));
  }

  /** Runs one read-only statement; `lake` reads the event data store id as Lake's view. */
  async run(sql: string, lake: boolean): Promise<ResultTable> {
    const connection = await (await this.open()).connect();
    try {
      const reader = await connection.runAndReadAll(lake ? sql.replaceAll(EVENT_DATA_STORE, LAKE_VIEW) : sql);
      const types = reader.columnTypes().map(String);
      return {
        columns: reader.columnNames().map((name, i) => ({ name, type: types[i] ?? 'VARCHAR' })),
        rows: reader.getRowsJson().map((row) => row.map(text)),
      };
    } catch (error) {
      throw engineError(error);
    } finally {
      connection.closeSync();
    }
  }

  private open(): Promise<DuckDBInstance> {
    this.database ??= this.load();
    return this.database;
  }

  private async load(): Promise<DuckDBInstance> {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    const connection = await instance.connect();
    try {
      await setUp(connection, this.rows);
    } finally {
      connection.closeSync();
    }
    return instance;
  }
}

async function setUp(connection: DuckDBConnection, rows: readonly TableRow[]): Promise<void> {
  await connection.run('CREATE MACRO json_format(j) AS CAST(j AS VARCHAR)');
  await connection.run(
    `CREATE TABLE main.trail_rows AS SELECT r.* FROM (SELECT unnest(json_transform($1::JSON, ${quote(rowsStructure())})) AS r)`,
    [JSON.stringify(rows)],
  );
  await connection.run(`CREATE SCHEMA "${ATHENA_DATABASE}"`);
  await connection.run(
    `CREATE VIEW "${ATHENA_DATABASE}"."${ATHENA_TABLE}" AS SELECT * EXCLUDE (bytes, managementevent, lake_request, lake_response, lake_additional) FROM main.trail_rows`,
  );
  await connection.run('CREATE SCHEMA "lake"');
  await connection.run(`CREATE VIEW ${LAKE_VIEW} AS ${LAKE_VIEW_SELECT}`);
}

function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A value as Athena and Lake send every value: text. */
function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function engineError(error: unknown): EngineError {
  const message = error instanceof Error ? error.message : String(error);
  if (message.startsWith('Parser Error')) return new EngineError('syntax', message);
  if (message.startsWith('Catalog Error')) return new EngineError('catalog', message);
  return new EngineError('other', message);
}
