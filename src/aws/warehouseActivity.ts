/**
 * CloudTrail activity from Athena (a table over the trail's bucket) or CloudTrail Lake: the query becomes
 * SQL (src/core/warehouse), runs on AWS's engine, and only the answer rows come back, read into the same
 * events as every other source. Three questions: the events, their counts by day, the actions of each
 * principal; each answer says the bytes the query scanned (what Athena and Lake bill), its query id, and
 * the requests and time it took.
 */
import {
  DEFAULT_PARTITIONS,
  dayCountsOfRows,
  detectionFactsOf,
  eventsOfRows,
  principalActionsOfRows,
  warehouseSql,
  type ActivityEvent,
  type ActivityQuery,
  type AthenaTable,
  type AwsProblem,
  type DayCount,
  type DetectionFacts,
  type PrincipalActionsAnswer,
  type UnreadableRow,
  type WarehouseQueryKind,
  type WarehouseScope,
} from '../core';
import type { AwsGateway } from './gateway';
import { athenaEngine, lakeEngine, type QueryEngine } from './queryEngines';
import type { PollTiming } from './patience';
import { runQuery, type QueryRun } from './runQuery';

/** Athena: the table, and where the query runs and writes its results. */
export interface AthenaSource {
  readonly engine: 'athena';
  readonly table: AthenaTable;
  readonly workgroup?: string;
  readonly outputLocation?: string;
}

/** CloudTrail Lake: the event data store's id or ARN. */
export interface LakeSource {
  readonly engine: 'lake';
  readonly eventDataStore: string;
}

export type WarehouseSource = AthenaSource | LakeSource;

/** Athena or Lake as a person names them (the settings, the command line). */
export type WarehouseChoice =
  | {
      readonly kind: 'athena';
      readonly workgroup: string;
      readonly database: string;
      readonly table: string;
      readonly outputLocation?: string;
    }
  | { readonly kind: 'lake'; readonly eventDataStore: string };

/** The source a choice names: an Athena table is AWS's documented one, partitioned by `timestamp`. */
export function warehouseSourceOf(choice: WarehouseChoice): WarehouseSource {
  if (choice.kind === 'lake') return { engine: 'lake', eventDataStore: choice.eventDataStore };
  return {
    engine: 'athena',
    table: { engine: 'athena', database: choice.database, table: choice.table, partitions: DEFAULT_PARTITIONS },
    workgroup: choice.workgroup,
    ...(choice.outputLocation !== undefined && { outputLocation: choice.outputLocation }),
  };
}

export interface WarehouseOptions {
  /** The Region of the service (absent: the profile's). */
  readonly region?: string;
  readonly scope?: WarehouseScope;
  /** Events: the most returned (default 1,000); `truncated` says when the limit was reached. */
  readonly limit?: number;
  readonly signal?: AbortSignal;
  readonly poll?: PollTiming;
  /** The end of a window without `until` (default: now). */
  readonly now?: number;
}

/** What every answer says besides its rows. */
interface Ran {
  readonly problems: readonly AwsProblem[];
  readonly bytesScanned: number;
  readonly queryId?: string;
  /** The requests the query took (start, polls, pages) and how long it ran, ms: what the answer cost. */
  readonly calls: number;
  readonly ms: number;
}

interface WarehouseAnswer extends Ran {
  /** Newest first. */
  readonly events: readonly ActivityEvent[];
  readonly unreadable: readonly UnreadableRow[];
  /** The limit stopped the answer: older events in the window were left out. */
  readonly truncated: boolean;
  /**
   * The detection facts of the events that have any, by event id, read from the rows' request, response
   * and additionalEventData. On Lake those are maps of strings, so a boolean at their top level reads as
   * its text (`"false"`): a fact written as a boolean there may read otherwise than from a log file.
   */
  readonly facts: Readonly<Record<string, DetectionFacts>>;
}

interface WarehouseDayCounts extends Ran {
  readonly days: readonly DayCount[];
}

type WarehousePrincipalActions = Ran & PrincipalActionsAnswer;

export interface PrincipalActionsOptions extends WarehouseOptions {
  /** The principals (ARNs) whose actions are listed; absent, every principal's. */
  readonly principals?: readonly string[];
}

export async function warehouseActivity(
  gateway: AwsGateway,
  source: WarehouseSource,
  query: ActivityQuery,
  options: WarehouseOptions = {},
): Promise<WarehouseAnswer> {
  const limit = options.limit ?? 1000;
  const run = await ask(gateway, source, query, 'events', { ...options, limit });
  const facts: [string, DetectionFacts][] = [];
  const { events, unreadable } = eventsOfRows(run.rows, (event, record) => {
    const found = detectionFactsOf(record);
    if (found) facts.push([event.eventId, found]);
  });
  const truncated = run.rows.length >= limit;
  return { ...ran(run), events, unreadable, truncated, facts: Object.fromEntries(facts) };
}

export async function warehouseDayCounts(
  gateway: AwsGateway,
  source: WarehouseSource,
  query: ActivityQuery,
  options: WarehouseOptions = {},
): Promise<WarehouseDayCounts> {
  const run = await ask(gateway, source, query, 'countsByDay', options);
  return { ...ran(run), days: dayCountsOfRows(run.rows) };
}

/**
 * The actions each principal (of `principals`, else every one) used and was refused in the query's
 * window, in the log index's shape: one query, whatever the number of principals.
 */
export async function warehousePrincipalActions(
  gateway: AwsGateway,
  source: WarehouseSource,
  query: ActivityQuery,
  options: PrincipalActionsOptions = {},
): Promise<WarehousePrincipalActions> {
  const run = await ask(gateway, source, query, 'principalActions', options);
  return { ...ran(run), ...principalActionsOfRows(run.rows) };
}

async function ask(
  gateway: AwsGateway,
  source: WarehouseSource,
  query: ActivityQuery,
  kind: WarehouseQueryKind,
  options: PrincipalActionsOptions,
): Promise<QueryRun> {
  const warehouse =
    source.engine === 'athena' ? source.table : { engine: 'lake' as const, eventDataStore: source.eventDataStore };
  const sql = warehouseSql(warehouse, query, {
    kind,
    now: options.now ?? Date.now(),
    ...(options.limit !== undefined && { limit: options.limit }),
    ...(options.scope && { scope: options.scope }),
    ...(options.principals && { principals: options.principals }),
  });
  if (!sql.ok)
    return {
      rows: [],
      problems: [{ kind: 'invalidRequest', sentence: `CloudWarden cannot ask this in SQL: ${sql.reason}.` }],
      bytesScanned: 0,
      calls: 0,
      ms: 0,
    };
  return runQuery(engineOf(gateway, source), sql.sql, {
    ...(options.region && { region: options.region }),
    ...(options.signal && { signal: options.signal }),
    ...(options.poll && { poll: options.poll }),
  });
}

function engineOf(gateway: AwsGateway, source: WarehouseSource): QueryEngine {
  if (source.engine === 'lake') return lakeEngine(gateway);
  return athenaEngine(gateway, {
    database: source.table.database,
    ...(source.workgroup !== undefined && { workgroup: source.workgroup }),
    ...(source.outputLocation !== undefined && { outputLocation: source.outputLocation }),
  });
}

function ran(run: QueryRun): Ran {
  return {
    problems: run.problems,
    bytesScanned: run.bytesScanned,
    calls: run.calls,
    ms: run.ms,
    ...(run.queryId !== undefined && { queryId: run.queryId }),
  };
}
