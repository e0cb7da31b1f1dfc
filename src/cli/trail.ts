/**
 * `cloudwarden trail`: CloudTrail activity from the command line, from whichever source is asked: LookupEvents
 * through the same gateway as the editor (the default), log files through an on-disk index, or a query on
 * Athena or CloudTrail Lake. The same filters and the same output whatever the source.
 */
import {
  AwsGateway,
  lookupActivity,
  warehouseActivity,
  warehouseSourceOf,
  type WarehouseChoice,
  type WarehouseSource,
} from '../aws';
import type { ActivityEvent, ActivityQuery } from '../core';
import { trailCsv, trailJson, type UnreadableRow } from '../shared/trailRows';
import { EXIT, type CliIo } from './io';
import { indexedLogs } from './logFolders';
import { parseTrailArgs, type TrailArgs, type TrailSource } from './trailArgs';
import { trailText } from './trailReport';

/** What a source answered, ready to print: the events, what was not read, and what to say on stderr. */
interface Answer {
  readonly events: readonly ActivityEvent[];
  readonly unreadable: readonly UnreadableRow[];
  /** Lines for stderr that do not fail the run (a limit reached, what a query scanned). */
  readonly notes: readonly string[];
  /** Problems that fail the run (exit 2), one sentence each. */
  readonly problems: readonly string[];
}

export async function trailCommand(args: readonly string[], io: CliIo, now = Date.now()): Promise<number> {
  const parsed = parseTrailArgs(args, now);
  if ('error' in parsed) {
    io.stderr(`cloudwarden trail: ${parsed.error}\n`);
    return EXIT.usage;
  }
  const answer = parsed.source.kind === 'logs' ? await fromLogs(parsed, parsed.source, io) : await fromAws(parsed);
  const { events, unreadable } = answer;
  io.stdout(
    parsed.format === 'json'
      ? trailJson(events, unreadable)
      : parsed.format === 'csv'
        ? trailCsv(events)
        : trailText(events, unreadable),
  );
  if (parsed.format === 'csv')
    for (const u of unreadable) io.stderr(`cloudwarden trail: not read: ${whereOf(u)}: ${u.reason}\n`);
  for (const note of answer.notes) io.stderr(`cloudwarden trail: ${note}\n`);
  for (const problem of answer.problems) io.stderr(`cloudwarden trail: ${problem}\n`);
  return answer.problems.length > 0 ? EXIT.usage : EXIT.ok;
}

/** Log files: indexed first (only new and changed files are read), then asked in milliseconds. */
async function fromLogs(args: TrailArgs, source: Extract<TrailSource, { kind: 'logs' }>, io: CliIo): Promise<Answer> {
  const { index, notes } = await indexedLogs(source.paths, source.indexDir, io);
  const { events, total, unreadable } = index.query(args.query, { limit: args.limit });
  if (total > events.length)
    notes.push(
      `showing the newest ${events.length.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} matching events; raise --limit or narrow the query`,
    );
  return { events, unreadable, notes, problems: [] };
}

/** LookupEvents, Athena or Lake, through the AWS SDK's credential chain and endpoint overrides. */
async function fromAws(args: TrailArgs): Promise<Answer> {
  const gateway = new AwsGateway(args.profile !== undefined ? { profile: args.profile } : {});
  try {
    const { source, query } = args;
    if (source.kind === 'lookupEvents') {
      const answer = await lookupActivity(gateway, query, { regions: args.regions, maxPages: source.maxPages });
      return {
        events: answer.events,
        unreadable: answer.unreadable,
        notes: answer.truncated.map(
          (region) =>
            `${region}: stopped after ${source.maxPages} pages (${source.maxPages * 50} events); ` +
            'narrow the query (--since, --resource, --event-name) or raise --max-pages',
        ),
        problems: answer.problems.map((p) => p.sentence),
      };
    }
    return await fromWarehouse(gateway, warehouseSourceOf(source as WarehouseChoice), query, args);
  } finally {
    gateway.dispose();
  }
}

async function fromWarehouse(
  gateway: AwsGateway,
  source: WarehouseSource,
  query: ActivityQuery,
  args: TrailArgs,
): Promise<Answer> {
  const region = args.regions[0];
  const answer = await warehouseActivity(gateway, source, query, {
    ...(region !== undefined && { region }),
    limit: args.limit,
  });
  const engine = source.engine === 'athena' ? 'Athena' : 'CloudTrail Lake';
  const notes = [
    `${engine} scanned ${answer.bytesScanned.toLocaleString('en-US')} bytes${answer.queryId ? ` (query ${answer.queryId})` : ''}`,
  ];
  if (answer.truncated)
    notes.push(
      `stopped at --limit ${args.limit}: older events in the window are not shown; raise --limit or narrow the query`,
    );
  return {
    events: answer.events,
    unreadable: answer.unreadable,
    notes,
    problems: answer.problems.map((p) => p.sentence),
  };
}

function whereOf(u: UnreadableRow): string {
  return u.file ?? `${u.region ?? ''}${u.eventId ? ` ${u.eventId}` : ''}`;
}
