/**
 * The three questions CloudWarden asks a warehouse, as SQL: the events of a query (newest first, at most
 * `limit`), their counts by day (the timeline), and the actions each principal used (unused
 * permissions). Each has the window's predicates (and on Athena, its partitions') whatever the query.
 * The SQL stays in the subset docs/athena.md describes, which Trino and DuckDB both accept.
 */
import type { ActivityQuery } from '../activity/query';
import { eventSelect } from './columns';
import { dialectOf, type Dialect } from './dialect';
import { queryConditions } from './predicates';
import { SqlValueError } from './sqlText';
import type { Warehouse, WarehouseScope } from './targets';

export type WarehouseQueryKind = 'events' | 'countsByDay' | 'principalActions';

export interface WarehouseSqlOptions {
  readonly kind: WarehouseQueryKind;
  /** The end of a window without `until`. */
  readonly now: number;
  /** Events queries: the most rows (default 1,000). */
  readonly limit?: number;
  readonly scope?: WarehouseScope;
}

/** The SQL, or why the query cannot be written (a control character in a value, a malformed action...). */
export type WarehouseSql =
  { readonly ok: true; readonly sql: string } | { readonly ok: false; readonly reason: string };

const DEFAULT_EVENT_LIMIT = 1000;

export function warehouseSql(warehouse: Warehouse, query: ActivityQuery, options: WarehouseSqlOptions): WarehouseSql {
  try {
    const d = dialectOf(warehouse);
    const until = query.until ?? options.now;
    const where = [...d.window(query.since, until, options.scope ?? {}), ...queryConditions(query, d)];
    const body = BODIES[options.kind](d, warehouse.engine === 'lake', options);
    return { ok: true, sql: body.replace('{where}', where.join('\n  AND ')) };
  } catch (error) {
    if (error instanceof SqlValueError) return { ok: false, reason: error.message };
    throw error;
  }
}

type Body = (d: Dialect, lake: boolean, options: WarehouseSqlOptions) => string;

const BODIES: Readonly<Record<WarehouseQueryKind, Body>> = {
  events: (d, lake, options) => {
    const limit = options.limit ?? DEFAULT_EVENT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1) throw new SqlValueError(`the limit ${limit} is not a positive integer`);
    return [
      `SELECT ${eventSelect(d, lake)}`,
      `FROM ${d.from}`,
      'WHERE {where}',
      `ORDER BY ${d.col.eventTime} DESC, ${d.col.eventId}`,
      `LIMIT ${limit}`,
    ].join('\n');
  },
  countsByDay: (d) =>
    [
      `SELECT ${d.day} AS day, count(*) AS events,`,
      `  sum(CASE WHEN coalesce(${d.col.errorCode}, '') <> '' THEN 1 ELSE 0 END) AS errors`,
      `FROM ${d.from}`,
      'WHERE {where}',
      `GROUP BY ${d.day}`,
      'ORDER BY day',
    ].join('\n'),
  principalActions: (d) => {
    // A role's sessions count as the role: unused permissions are a role's, not a session's.
    const principal = `coalesce(${d.col.issuerArn}, ${d.col.identityArn}, ${d.col.invokedBy})`;
    return [
      `SELECT ${principal} AS principal, ${d.col.eventSource} AS eventsource, ${d.col.eventName} AS eventname,`,
      `  count(*) AS calls, max(${d.col.eventTime}) AS lastseen`,
      `FROM ${d.from}`,
      `WHERE {where}\n  AND ${principal} IS NOT NULL`,
      `GROUP BY ${principal}, ${d.col.eventSource}, ${d.col.eventName}`,
      'ORDER BY principal, eventsource, eventname',
    ].join('\n');
  },
};
