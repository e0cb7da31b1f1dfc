/**
 * Investigations: the subject's events from whichever activity source the settings choose (through the
 * activity service, so its cache, pacing and problems apply), the related findings the security explorer
 * already reads, and the report built in the core. An event id is first found (over everything the
 * source keeps), then read with its principal's events around it.
 */
import {
  buildInvestigation,
  REPORT_EVENT_LIMIT,
  investigationMarkdown,
  subjectQuery,
  systemClock,
  type ActivityEvent,
  type ActivityQuery,
  type Clock,
  type DetectionFacts,
  type Hit,
  type FindingRow,
  type Subject,
} from '../core';
import type { ActivityRequest, InvestigateRequest } from '../shared/protocol';
import type { ActivityService } from './activityService';
import type { ActivitySource } from './activitySource';
import { problemInfo, type AwsService } from './awsService';
import type { ExplorerService } from './explorerService';
import type { LogActivity } from './logActivity';

export interface InvestigationContext {
  readonly activity: Pick<ActivityService, 'requestWithFacts'>;
  /** Log folders: a subject's events straight from the index (more than a timeline reads), and every
   * detection over a whole window. */
  readonly logs: Pick<LogActivity, 'answer' | 'detect'>;
  readonly explorer: Pick<ExplorerService, 'findings'>;
  readonly aws: Pick<AwsService, 'configuration' | 'regions'>;
  readonly source: () => Promise<ActivitySource>;
  readonly clock?: Pick<Clock, 'now'>;
}

/** Pages of 50 per Region: 5,000 events of a Region, under a minute at LookupEvents' pace. */
const MAX_PAGES = 100;
/** The events read around an event under investigation, each side. */
const AROUND_MS = 30 * 60_000;
/** LookupEvents keeps 90 days: an event id is looked for over all of them. */
const LOOKUP_DAYS_MS = 90 * 24 * 60 * 60_000;

const SOURCE_NAMES: Readonly<Record<string, string>> = {
  logFiles: 'the CloudTrail log files',
  athena: 'Athena',
  lake: 'CloudTrail Lake',
  lookupEvents: 'LookupEvents',
};

export async function investigate(
  params: InvestigateRequest.Params,
  context: InvestigationContext,
  signal?: AbortSignal,
): Promise<InvestigateRequest.Result> {
  const subject = subjectOf(params?.subject);
  if (subject === undefined || typeof params.since !== 'number' || !Number.isFinite(params.since))
    return {
      problem:
        'The investigation needs a subject (principal, resource, accessKey, ip, event or window) and a start time.',
    };
  const now = (context.clock ?? systemClock).now();
  const source = await context.source();
  const facts = new Map<string, DetectionFacts>();
  const ask = async (query: ActivityQuery): Promise<ActivityRequest.Result> => {
    if (source.kind === 'logFiles') {
      const read = await context.logs.answer(source.roots, query, REPORT_EVENT_LIMIT, {
        complete: true,
        facts: true,
        ...(signal && { signal }),
      });
      for (const [id, f] of Object.entries(read.facts ?? {})) facts.set(id, f);
      return {
        events: [...read.events],
        unreadable: [...read.unreadable],
        problems: read.problems.map(problemInfo),
        truncated: [],
        fetchedAt: read.fetchedAt,
        stale: false,
        total: read.total,
      };
    }
    const answer = await context.activity.requestWithFacts(
      { query, maxPages: MAX_PAGES, fresh: params.fresh === true },
      signal,
    );
    for (const [id, f] of Object.entries(answer.facts)) facts.set(id, f);
    return answer.result;
  };
  let window = { since: params.since, ...(params.until !== undefined && { until: params.until }) };
  let answers: ActivityRequest.Result[];
  const partial: string[] = [];
  if (subject.kind === 'event') {
    const found = await ask({
      eventId: subject.value,
      since: source.kind === 'lookupEvents' ? now - LOOKUP_DAYS_MS : 0,
    });
    const focus = found.events.find((e) => e.eventId === subject.value);
    answers = [found];
    if (focus === undefined)
      partial.push(`No event with the id ${subject.value} was found in ${SOURCE_NAMES[source.kind]}.`);
    else {
      window = { since: focus.time - AROUND_MS, until: focus.time + AROUND_MS };
      const principal = focus.principal.arn ?? focus.principal.name;
      answers.push(await ask({ principal, ...window }));
    }
  } else answers = [await ask(subjectQuery(subject, window))];
  let events = distinct(answers.flatMap((a) => a.events));
  let hits: Hit[] | undefined;
  if (subject.kind === 'window' && source.kind === 'logFiles') {
    // The index runs the detections over every event of the window; the profile reads the newest.
    const detected = await context.logs.detect(source.roots, window, signal);
    hits = detected.hits;
    events = distinct([...events, ...detected.hitEvents]);
    if (detected.events > answers[0]!.events.length)
      partial.push(
        `The detections read all ${detected.events.toLocaleString('en-US')} events of the window; the profile and its counts read the newest ${answers[0]!.events.length.toLocaleString('en-US')} and the events detections fired on.`,
      );
    partial.push(...answers.flatMap((a) => partialReasons({ ...a, total: undefined })));
  } else partial.push(...answers.flatMap(partialReasons));
  const { partial: findingsPartial, ...findings } = await relatedFindings(context, signal);
  partial.push(...findingsPartial);
  const report = buildInvestigation({
    subject,
    window,
    now,
    events,
    factsOf: (event) => facts.get(event.eventId),
    ...(hits !== undefined && { hits }),
    source: sourceLabel(source, answers[0]!),
    partial: [...new Set(partial)],
    ...findings,
  });
  return { report, markdown: investigationMarkdown(report) };
}

function subjectOf(raw: unknown): Subject | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { kind, value } = raw as { kind?: unknown; value?: unknown };
  if (kind === 'window') return { kind };
  const kinds = ['principal', 'resource', 'accessKey', 'ip', 'event'] as const;
  const known = kinds.find((k) => k === kind);
  return known !== undefined && typeof value === 'string' && value.trim() !== '' && value.length <= 2048
    ? { kind: known, value: value.trim() }
    : undefined;
}

function distinct(events: readonly ActivityEvent[]): ActivityEvent[] {
  const seen = new Map<string, ActivityEvent>();
  for (const event of events) if (!seen.has(event.eventId)) seen.set(event.eventId, event);
  return [...seen.values()];
}

/** Why an answer may miss events, in sentences the report shows. */
function partialReasons(answer: ActivityRequest.Result): string[] {
  const reasons = answer.problems.map((p) => p.sentence);
  if (answer.truncated.length > 0)
    reasons.push(
      `Only the newest ${(MAX_PAGES * 50).toLocaleString('en-US')} events of each Region were read (${answer.truncated.join(', ')}): narrow the window for the rest.`,
    );
  if (answer.total !== undefined && answer.total > answer.events.length)
    reasons.push(
      `The newest ${answer.events.length.toLocaleString('en-US')} of ${answer.total.toLocaleString('en-US')} matching events were read: narrow the window for the rest.`,
    );
  const unread = answer.unreadable.length;
  if (unread > 0)
    reasons.push(`${unread} ${unread === 1 ? 'log file or event' : 'log files or events'} could not be read in full.`);
  return reasons;
}

function sourceLabel(source: ActivitySource, answer: ActivityRequest.Result): string {
  if (source.kind === 'lookupEvents') return 'LookupEvents';
  if (source.kind === 'logFiles')
    return `${source.roots.length === 1 ? 'the log folder' : `${source.roots.length} log folders`}`;
  const scanned = answer.bytesScanned === undefined ? '' : `, ${answer.bytesScanned} bytes scanned`;
  return `${SOURCE_NAMES[source.kind]}${scanned}`;
}

/** The findings of every configured Region (cached by the explorer), or why there are none. */
async function relatedFindings(
  context: InvestigationContext,
  signal?: AbortSignal,
): Promise<{ findings: FindingRow[]; partial: string[] } | { findingsNote: string; partial: string[] }> {
  const configuration = await context.aws.configuration();
  if (!configuration.configured)
    return { findingsNote: `GuardDuty and Security Hub were not read: ${configuration.reason}`, partial: [] };
  const regions = await context.aws.regions();
  const answers = await Promise.all(regions.map((region) => context.explorer.findings({ region }, signal)));
  const failed = answers.filter((a) => a.problem !== undefined);
  if (failed.length === answers.length && failed.length > 0)
    return {
      findingsNote: `GuardDuty and Security Hub could not be read: ${failed[0]!.problem!.sentence}`,
      partial: [],
    };
  // One Region failing leaves the others' findings: the report says which are missing.
  const partial = failed.map((a) => `The findings of ${a.region} could not be read: ${a.problem!.sentence}`);
  return { findings: answers.flatMap((a) => a.rows), partial };
}
