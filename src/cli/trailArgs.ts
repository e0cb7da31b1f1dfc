/**
 * `cloudwarden trail`'s command line: the filters every source shares, and which source answers (LookupEvents
 * by default, or log files, Athena, CloudTrail Lake). Pure: parsed into data, every mistake a sentence.
 */
import type { WarehouseChoice } from '../aws';
import { parseSince, type ActivityQuery } from '../core';

type Format = 'text' | 'json' | 'csv';

export type TrailSource =
  | { readonly kind: 'lookupEvents'; readonly maxPages: number }
  | { readonly kind: 'logs'; readonly paths: readonly string[]; readonly indexDir?: string }
  | WarehouseChoice;

export interface TrailArgs {
  readonly query: ActivityQuery;
  readonly source: TrailSource;
  readonly regions: readonly string[];
  readonly profile?: string;
  readonly format: Format;
  /** The most events printed, newest first (log files, Athena and Lake; LookupEvents has --max-pages). */
  readonly limit: number;
}

/** 20 pages of 50: 1,000 events a Region, ten seconds at CloudTrail's pace. */
const DEFAULT_MAX_PAGES = 20;
const DEFAULT_LIMIT = 1000;
/** LookupEvents, Athena and Lake: the last week unless asked (Athena and Lake bill by the bytes scanned). */
const DEFAULT_SINCE = '7d';
/** LookupEvents keeps 90 days. */
const LOOKUP_DAYS = 90;
/** Athena's table when --athena names only the workgroup: the names AWS's documentation uses. */
const DEFAULT_ATHENA_TABLE = { database: 'default', table: 'cloudtrail_logs' };

const VALUE_OPTIONS = new Set([
  '--region',
  '--profile',
  '--resource',
  '--principal',
  '--access-key',
  '--event-name',
  '--event-id',
  '--action',
  '--source-ip',
  '--since',
  '--until',
  '--format',
  '--max-pages',
  '--limit',
  '--index',
  '--athena',
  '--athena-output',
  '--lake',
]);
const FLAG_OPTIONS = new Set(['--errors-only']);
/** Options that take every value up to the next option: `--logs a/ b.json.gz`. */
const LIST_OPTIONS = new Set(['--logs']);

interface Raw {
  readonly values: Map<string, string>;
  readonly flags: Set<string>;
  readonly lists: Map<string, string[]>;
}

export function parseTrailArgs(args: readonly string[], now: number): TrailArgs | { error: string } {
  const raw = readOptions(args);
  if ('error' in raw) return raw;
  const { values, flags } = raw;
  const source = sourceOf(raw);
  if ('error' in source) return source;
  const format = values.get('--format') ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'csv')
    return { error: `--format is text, json or csv, not '${format}'` };
  const sinceText = values.get('--since');
  // Log files are a history: everything they hold unless asked.
  const since = sinceText === undefined && source.kind === 'logs' ? 0 : parseSince(sinceText ?? DEFAULT_SINCE, now);
  if (since === undefined) return { error: `--since is a duration (24h, 7d, 90d) or an ISO time` };
  const untilText = values.get('--until');
  const until = untilText === undefined ? undefined : parseSince(untilText, now);
  if (untilText !== undefined && until === undefined) return { error: `--until is a duration or an ISO time` };
  if (until !== undefined && until < since) return { error: '--until is before --since' };
  const limit = Number(values.get('--limit') ?? DEFAULT_LIMIT);
  if (!Number.isInteger(limit) || limit < 1) return { error: '--limit is a whole number above 0' };
  if (values.has('--limit') && source.kind === 'lookupEvents')
    return { error: '--limit is for --logs, --athena and --lake; LookupEvents is bounded by --max-pages' };
  const regions = (values.get('--region') ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
  const bad = regions.find((r) => !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(r));
  if (bad !== undefined) return { error: `'${bad}' is not a Region name (e.g. us-east-1)` };
  const query: ActivityQuery = {
    // Older than LookupEvents keeps: ask for what it has.
    since: source.kind === 'lookupEvents' ? Math.max(since, now - LOOKUP_DAYS * 86_400_000) : since,
    ...(until !== undefined && { until }),
    ...optional('resource', values.get('--resource')),
    ...optional('principal', values.get('--principal')),
    ...optional('accessKeyId', values.get('--access-key')),
    ...optional('eventName', values.get('--event-name')),
    ...optional('eventId', values.get('--event-id')),
    ...optional('action', values.get('--action')),
    ...optional('sourceIp', values.get('--source-ip')),
    ...(flags.has('--errors-only') && { errorsOnly: true }),
  };
  const profile = values.get('--profile');
  return { query, source, regions, format, limit, ...(profile !== undefined && { profile }) };
}

function readOptions(args: readonly string[]): Raw | { error: string } {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const lists = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (FLAG_OPTIONS.has(arg)) {
      flags.add(arg);
    } else if (LIST_OPTIONS.has(name)) {
      const list = lists.get(name) ?? [];
      if (eq > 0) list.push(arg.slice(eq + 1));
      else while (i + 1 < args.length && !args[i + 1]!.startsWith('--')) list.push(args[++i]!);
      if (list.length === 0 || list.includes('')) return { error: `${name} needs a folder or file` };
      lists.set(name, list);
    } else if (VALUE_OPTIONS.has(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined || value === '') return { error: `${name} needs a value` };
      values.set(name, value);
    } else {
      return { error: `unknown option '${arg}'` };
    }
  }
  return { values, flags, lists };
}

function sourceOf({ values, lists }: Raw): TrailSource | { error: string } {
  const logs = lists.get('--logs');
  const chosen = [logs && '--logs', values.has('--athena') && '--athena', values.has('--lake') && '--lake'].filter(
    (s): s is string => typeof s === 'string',
  );
  if (chosen.length > 1) return { error: `${chosen.join(' and ')} are two sources: choose one` };
  if (values.has('--index') && !logs) return { error: '--index goes with --logs' };
  if (values.has('--athena-output') && !values.has('--athena')) return { error: '--athena-output goes with --athena' };
  if (values.has('--max-pages') && chosen.length > 0)
    return { error: `--max-pages is for LookupEvents; ${chosen[0]} takes --limit` };
  if (logs) {
    const indexDir = values.get('--index');
    return { kind: 'logs', paths: logs, ...(indexDir !== undefined && { indexDir }) };
  }
  const athena = values.get('--athena');
  if (athena !== undefined) return athenaSource(athena, values.get('--athena-output'));
  const lake = values.get('--lake');
  if (lake !== undefined) return { kind: 'lake', eventDataStore: lake };
  const maxPages = Number(values.get('--max-pages') ?? DEFAULT_MAX_PAGES);
  if (!Number.isInteger(maxPages) || maxPages < 1) return { error: '--max-pages is a whole number above 0' };
  return { kind: 'lookupEvents', maxPages };
}

/** `--athena <workgroup>[:<database>.<table>]` */
function athenaSource(text: string, outputLocation: string | undefined): TrailSource | { error: string } {
  const match = /^([\w.-]+)(?::([\w-]+)\.([\w-]+))?$/.exec(text);
  if (!match) return { error: `--athena is <workgroup>[:<database>.<table>], not '${text}'` };
  if (outputLocation !== undefined && !outputLocation.startsWith('s3://'))
    return { error: `--athena-output is an s3:// location, not '${outputLocation}'` };
  return {
    kind: 'athena',
    workgroup: match[1]!,
    database: match[2] ?? DEFAULT_ATHENA_TABLE.database,
    table: match[3] ?? DEFAULT_ATHENA_TABLE.table,
    ...(outputLocation !== undefined && { outputLocation }),
  };
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
