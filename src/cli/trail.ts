/**
 * `cloudwarden trail`: CloudTrail activity from the command line, through the same gateway as the editor
 * (the SDK's credential chain and endpoint overrides, LookupEvents paced at AWS's 2 calls a second).
 */
import { parseSince, type ActivityQuery } from '../core';
import { AwsGateway, lookupActivity } from '../aws';
import { EXIT, type CliIo } from './io';
import { trailCsv, trailJson } from '../shared/trailRows';
import { trailText } from './trailReport';

type Format = 'text' | 'json' | 'csv';

interface TrailArgs {
  readonly query: ActivityQuery;
  readonly regions: readonly string[];
  readonly profile?: string;
  readonly format: Format;
  readonly maxPages: number;
}

/** 20 pages of 50: 1,000 events a Region, ten seconds at CloudTrail's pace. */
const DEFAULT_MAX_PAGES = 20;
const DEFAULT_SINCE = '7d';
/** LookupEvents keeps 90 days. */
const LOOKUP_DAYS = 90;

const VALUE_OPTIONS = new Set([
  '--region',
  '--profile',
  '--resource',
  '--principal',
  '--access-key',
  '--event-name',
  '--since',
  '--until',
  '--format',
  '--max-pages',
]);

export async function trailCommand(args: readonly string[], io: CliIo, now = Date.now()): Promise<number> {
  const parsed = parseTrailArgs(args, now);
  if ('error' in parsed) {
    io.stderr(`cloudwarden trail: ${parsed.error}\n`);
    return EXIT.usage;
  }
  const gateway = new AwsGateway(parsed.profile !== undefined ? { profile: parsed.profile } : {});
  try {
    const answer = await lookupActivity(gateway, parsed.query, { regions: parsed.regions, maxPages: parsed.maxPages });
    const { events, unreadable } = answer;
    io.stdout(
      parsed.format === 'json'
        ? trailJson(events, unreadable)
        : parsed.format === 'csv'
          ? trailCsv(events)
          : trailText(events, unreadable),
    );
    if (parsed.format === 'csv')
      for (const u of unreadable)
        io.stderr(`cloudwarden trail: not read: ${u.region} ${u.eventId ?? ''}: ${u.reason}\n`);
    for (const region of answer.truncated)
      io.stderr(
        `cloudwarden trail: ${region}: stopped after ${parsed.maxPages} pages (${parsed.maxPages * 50} events); ` +
          'narrow the query (--since, --resource, --event-name) or raise --max-pages\n',
      );
    for (const problem of answer.problems) io.stderr(`cloudwarden trail: ${problem.sentence}\n`);
    return answer.problems.length > 0 ? EXIT.usage : EXIT.ok;
  } finally {
    gateway.dispose();
  }
}

function parseTrailArgs(args: readonly string[], now: number): TrailArgs | { error: string } {
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!VALUE_OPTIONS.has(name)) return { error: `unknown option '${arg}'` };
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === '') return { error: `${name} needs a value` };
    values.set(name, value);
  }
  const format = values.get('--format') ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'csv')
    return { error: `--format is text, json or csv, not '${format}'` };
  const since = parseSince(values.get('--since') ?? DEFAULT_SINCE, now);
  if (since === undefined) return { error: `--since is a duration (24h, 7d, 90d) or an ISO time` };
  const untilText = values.get('--until');
  const until = untilText === undefined ? undefined : parseSince(untilText, now);
  if (untilText !== undefined && until === undefined) return { error: `--until is a duration or an ISO time` };
  if (until !== undefined && until < since) return { error: '--until is before --since' };
  const maxPages = Number(values.get('--max-pages') ?? DEFAULT_MAX_PAGES);
  if (!Number.isInteger(maxPages) || maxPages < 1) return { error: '--max-pages is a whole number above 0' };
  const regions = (values.get('--region') ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
  const bad = regions.find((r) => !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(r));
  if (bad !== undefined) return { error: `'${bad}' is not a Region name (e.g. us-east-1)` };
  const query: ActivityQuery = {
    // Older than LookupEvents keeps: ask for what it has.
    since: Math.max(since, now - LOOKUP_DAYS * 86_400_000),
    ...(until !== undefined && { until }),
    ...optional('resource', values.get('--resource')),
    ...optional('principal', values.get('--principal')),
    ...optional('accessKeyId', values.get('--access-key')),
    ...optional('eventName', values.get('--event-name')),
  };
  const profile = values.get('--profile');
  return { query, regions, format, maxPages, ...(profile !== undefined && { profile }) };
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
