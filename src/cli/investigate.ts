/**
 * `cloudwarden investigate principal|resource|key|ip|event <value> --logs <folder>[,...]`: the report an
 * investigation in the editor shows, from CloudTrail log files (indexed on disk as `trail --logs`), as
 * Markdown to paste into a ticket or as JSON. Exit 0 with a report; 2 on usage errors.
 */
import { existsSync } from 'node:fs';
import {
  buildInvestigation,
  REPORT_EVENT_LIMIT,
  investigationMarkdown,
  subjectQuery,
  type ActivityEvent,
  type DetectionFacts,
  type Subject,
} from '../core';
import { EXIT, type CliIo } from './io';
import { parseInvestigateArgs, type InvestigateArgs } from './investigateArgs';
import { indexedLogs } from './logFolders';

export const INVESTIGATE_HELP = `  investigate principal|resource|key|ip|event <value> --logs <folder or file>[,...]
         [--index DIR] [--since 24h|7d|90d|ISO] [--until ...] [--format markdown|json]
                               A report of one principal (ARN or name), resource (ARN or name),
                               access key id, source address or event id (with its principal's
                               events 30 minutes either side) over CloudTrail log files: the
                               detections that fired, what it did and from where, what is unusual,
                               the severity and why, response steps written out (never run), and
                               what to investigate next. Markdown (default) or JSON {report,
                               unreadable}. Exit 0: a report; 2: usage errors.
`;

const AROUND_MS = 30 * 60_000;

export async function investigateCommand(args: readonly string[], io: CliIo, now = Date.now()): Promise<number> {
  const parsed = parseInvestigateArgs(args, now);
  if ('help' in parsed) {
    io.stdout(`Usage: cloudwarden investigate <kind> <value> [options]\n\n${INVESTIGATE_HELP}`);
    return EXIT.ok;
  }
  if ('error' in parsed) {
    io.stderr(`cloudwarden investigate: ${parsed.error}\n`);
    return EXIT.usage;
  }
  const missing = parsed.logs.find((folder) => !existsSync(folder));
  if (missing !== undefined) {
    io.stderr(`cloudwarden investigate: --logs ${missing}: no such folder or file\n`);
    return EXIT.usage;
  }
  const { index, notes } = await indexedLogs(parsed.logs, parsed.indexDir, io);
  for (const note of notes) io.stderr(`cloudwarden investigate: ${note}\n`);
  const { events, window, partial, unreadable, facts } = read(index, parsed);
  const report = buildInvestigation({
    subject: parsed.subject as Subject,
    window,
    now,
    events,
    factsOf: (event) => facts.get(event.eventId),
    source: parsed.logs.length === 1 ? `the log files in ${parsed.logs[0]}` : `${parsed.logs.length} log folders`,
    partial,
    findingsNote: 'GuardDuty and Security Hub are not read from the command line.',
  });
  io.stdout(
    parsed.format === 'json'
      ? `${JSON.stringify({ report, unreadable }, null, 2)}\n`
      : `${investigationMarkdown(report)}\n`,
  );
  return EXIT.ok;
}

type Index = Awaited<ReturnType<typeof indexedLogs>>['index'];

function read(
  index: Index,
  args: InvestigateArgs,
): {
  events: ActivityEvent[];
  window: { since: number; until?: number };
  partial: string[];
  unreadable: { file: string; reason: string }[];
  facts: Map<string, DetectionFacts>;
} {
  let window = { since: args.since, ...(args.until !== undefined && { until: args.until }) };
  const partial: string[] = [];
  const unreadable = new Map<string, string>();
  const facts = new Map<string, DetectionFacts>();
  const ask = (query: ReturnType<typeof subjectQuery>) => {
    const answer = index.query(query, { limit: REPORT_EVENT_LIMIT, facts: true });
    for (const event of answer.events) {
      const found = answer.factsOf(event);
      if (found !== undefined) facts.set(event.eventId, found);
    }
    for (const u of answer.unreadable) unreadable.set(u.file, u.reason);
    if (answer.total > answer.events.length)
      partial.push(
        `The newest ${answer.events.length.toLocaleString('en-US')} of ${answer.total.toLocaleString('en-US')} matching events were read: narrow --since.`,
      );
    return answer.events;
  };
  let events: ActivityEvent[];
  if (args.subject.kind === 'event') {
    const focus = ask({ eventId: args.subject.value, since: 0 }).find((e) => e.eventId === args.subject.value);
    if (focus === undefined) {
      partial.push(`No event with the id ${args.subject.value} is in the log files.`);
      events = [];
    } else {
      window = { since: focus.time - AROUND_MS, until: focus.time + AROUND_MS };
      const around = ask({ principal: focus.principal.arn ?? focus.principal.name, ...window });
      events = around.some((e) => e.eventId === focus.eventId) ? around : [focus, ...around];
    }
  } else events = ask(subjectQuery(args.subject as Subject, window));
  if (unreadable.size > 0) partial.push(`${unreadable.size} log files could not be read in full.`);
  return {
    events,
    window,
    partial,
    unreadable: [...unreadable].map(([file, reason]) => ({ file, reason })),
    facts,
  };
}
