/**
 * The three questions CloudWarden asks a warehouse, as SQL: the events of a query (newest first, at most
 * `limit`), their counts by day (the timeline), and the actions each principal used (unused
 * permissions). Each has the window's predicates (and on Athena, its partitions') whatever the query.
 * The SQL stays in the subset docs/athena.md describes, which Trino and DuckDB both accept.
 */
import type { ActivityQuery } from '../activity/query';
import { DENIED_ERROR_CODES } from '../activity/usage';
import { eventSelect } from './columns';
import { dialectOf, type Dialect } from './dialect';
import { queryConditions } from './predicates';
import { literalList, SqlValueError } from './sqlText';
import type { Warehouse, WarehouseScope } from './targets';

export type WarehouseQueryKind = 'events' | 'countsByDay' | 'principalActions';

export interface WarehouseSqlOptions {
  readonly kind: WarehouseQueryKind;
  /** The end of a window without `until`. */
  readonly now: number;
  /** Events queries: the most rows (default 1,000). */
  readonly limit?: number;
  readonly scope?: WarehouseScope;
  /**
   * principalActions: the principals (ARNs, matched case-insensitively) whose actions are listed; absent,
   * every principal's.
   */
  readonly principals?: readonly string[];
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
  principalActions: (d, _lake, options) => {
    const c = d.col;
    // A role's sessions count as the role, as the log index counts them (principalIdentity): unused
    // permissions are a role's, not a session's. Other types keep their own ARN (a federated user's too).
    const identity = `coalesce(CASE WHEN ${c.identityType} = 'AssumedRole' THEN ${c.issuerArn} END, ${c.identityArn}, ${c.invokedBy})`;
    const principal = wantedPrincipal(identity, options.principals);
    const outcome = `CASE WHEN ${c.errorCode} IN ${literalList(DENIED_ERROR_CODES)} THEN 'denied' ELSE 'allowed' END`;
    const category = `CASE WHEN ${c.eventCategory} = 'Data' THEN 'data' ELSE 'other' END`;
    const keys = [principal, c.eventSource, c.eventName, c.eventType, outcome, category];
    // No WHERE on the principal: everyone's calls say what the window holds (its oldest and newest
    // event, the services whose data events the trail logs), grouped under no principal.
    return [
      `SELECT ${principal} AS principal, ${c.eventSource} AS eventsource, ${c.eventName} AS eventname,`,
      `  ${c.eventType} AS eventtype, ${outcome} AS outcome, ${category} AS category,`,
      `  count(*) AS calls, min(${c.eventTime}) AS firstseen, max(${c.eventTime}) AS lastseen`,
      `FROM ${d.from}`,
      'WHERE {where}',
      `GROUP BY ${keys.join(', ')}`,
    ].join('\n');
  },
};

/** The identity where it is one of `principals` (all of them when absent), else NULL. */
function wantedPrincipal(identity: string, principals: readonly string[] | undefined): string {
  if (principals === undefined) return identity;
  if (principals.length === 0) return 'CAST(NULL AS VARCHAR)';
  const lower = [...new Set(principals.map((p) => p.toLowerCase()))];
  return `CASE WHEN lower(${identity}) IN ${literalList(lower)} THEN ${identity} END`;
}
