/**
 * The hover of a referenced resource's CloudTrail activity, in Markdown: counts over 24 hours, 7 days and
 * 90 days, the last five events, links to the timeline and to an investigation; "loading…" until a first
 * answer is in, and the problem that stopped the last attempt, in CloudWarden's sentence.
 */
import type { ActivityEvent } from '../activity/event';
import { bytesText } from '../text/bytes';
import { countText, windowCounts } from './counts';
import { codeSpan, literal, sentence } from './markdown';
import { DAY, explorerReveal, showActivityArgument } from './query';
import { timeAgo } from './time';
import type { ActivitySnapshot, Glance, ProblemNote } from './types';

const LAST_EVENTS = 5;
/** An answer older than this says when it was fetched. */
const SAY_AGE_AFTER_MS = 60_000;

export function activityHoverMarkdown(glance: Glance, now: number): string {
  const { reference, answer, problems, loading } = glance;
  const title = headline(glance);
  if (!answer && problems.length === 0) return `${title}: loading…`;
  const parts = [reference.arn && reference.arn !== nameOf(glance) ? `${title}  \n${codeSpan(reference.arn)}` : title];
  if (answer) parts.push(...answerParts(answer, loading, now));
  parts.push(...problems.map(problemText));
  parts.push(links(glance));
  return parts.join('\n\n');
}

function nameOf({ reference }: Glance): string {
  return reference.name ?? reference.text;
}

/** **CloudTrail activity** for `name` (AWS::S3::Bucket): the type is CloudWarden's, the name the file's. */
function headline(glance: Glance): string {
  const type = glance.reference.resourceType ? ` (${glance.reference.resourceType})` : '';
  return `**CloudTrail activity** for ${codeSpan(nameOf(glance))}${type}`;
}

function answerParts(answer: ActivitySnapshot, loading: boolean, now: number): string[] {
  if (answer.source === 'logFiles') return logFileParts(answer, loading, now);
  const parts: string[] = [];
  if (answer.events.length === 0) {
    parts.push(
      answer.truncated.length > 0
        ? 'No matching events among the newest events read (the scan stopped at its page limit).'
        : 'No CloudTrail events in the last 90 days.',
    );
  } else {
    parts.push(`Events: ${windowsText(answer, now)}`, lastEvents(answer, now));
  }
  const unread = answer.unreadable?.length ?? 0;
  // Said once per answer, never dropped: the timeline lists each one and why.
  if (unread > 0)
    parts.push(
      `_${unread} event${unread === 1 ? '' : 's'} of CloudTrail's answer could not be read (the timeline says why)._`,
    );
  const age = now - answer.fetchedAt;
  const scanned =
    answer.bytesScanned === undefined ? '' : ` · ${scannedBy(answer)} scanned ${bytesText(answer.bytesScanned)}`;
  if (age >= SAY_AGE_AFTER_MS || loading)
    parts.push(`_Fetched ${timeAgo(answer.fetchedAt, now)}${loading ? ', refreshing…' : ''}${scanned}_`);
  else if (scanned !== '') parts.push(`_${scanned.slice(3)}_`);
  return parts;
}

/**
 * The log files are a history, not the last 90 days: how many events they hold for the resource and
 * over which days, the recent windows only when some events are recent, and that an indexing run is
 * still reading (the answer grows).
 */
function logFileParts(answer: ActivitySnapshot, indexing: boolean, now: number): string[] {
  const parts: string[] = [];
  const total = answer.total ?? answer.events.length;
  const newest = answer.events[0];
  if (!newest) {
    parts.push('No events in the log files.');
  } else {
    const oldest = answer.events[answer.events.length - 1]!;
    const days = [oldest, newest].map((e) => e.eventTime.slice(0, 10));
    const span = days[0] === days[1] ? `on ${days[0]}` : `from ${days[0]} to ${days[1]}`;
    const shown = answer.events.length < total ? ` (the newest ${answer.events.length} read)` : '';
    parts.push(`Events: **${total.toLocaleString('en-US')}** in the log files, ${span}${shown}`);
    if (now - newest.time < 90 * DAY) parts.push(`Recent: ${windowsText(answer, now)}`);
    parts.push(lastEvents(answer, now));
  }
  const unread = answer.unreadable?.length ?? 0;
  if (unread > 0)
    parts.push(`_${unread} log file${unread === 1 ? '' : 's'} could not be read in full (the timeline lists why)._`);
  if (indexing) parts.push('_Indexing the log files: the answer grows as they are read…_');
  return parts;
}

/** **14** in 24 h · **20** in 7 days · **31** in 90 days */
function windowsText(answer: ActivitySnapshot, now: number): string {
  return windowCounts(answer, now)
    .map((c) => `**${countText(c)}** in ${c.label}`)
    .join(' · ');
}

/** The newest events, one list item each. */
function lastEvents(answer: ActivitySnapshot, now: number): string {
  return answer.events
    .slice(0, LAST_EVENTS)
    .map((e) => `- ${eventLine(e, now)}`)
    .join('\n');
}

function scannedBy(answer: ActivitySnapshot): string {
  return answer.source === 'lake' ? 'CloudTrail Lake' : 'Athena';
}

/** 2 h ago · **PutBucketPolicy** (write) by `deploy-role` from `203.0.113.5` · error `AccessDenied` */
function eventLine(event: ActivityEvent, now: number): string {
  const access = event.readOnly === undefined ? '' : event.readOnly ? ' (read)' : ' (write)';
  const from = event.sourceIp ? ` from ${codeSpan(event.sourceIp)}` : '';
  const error = event.errorCode ? ` · error ${codeSpan(event.errorCode)}` : '';
  return `${timeAgo(event.time, now)} · **${literal(event.eventName)}**${access} by ${codeSpan(event.principal.name)}${from}${error}`;
}

function problemText(problem: ProblemNote): string {
  const command =
    problem.command && !problem.sentence.includes(problem.command) ? ` Run ${codeSpan(problem.command)}.` : '';
  return `⚠️ ${sentence(problem.sentence)}${command}`;
}

/**
 * Command links: the argument is one JSON object, URI-encoded as VS Code's command links want it, with
 * the characters encodeURIComponent leaves that Markdown reads in a link (a `)` would end it) encoded too.
 */
function links({ reference, query }: Glance): string {
  const argument = commandArgument(showActivityArgument(reference, query));
  const reveal = commandArgument(explorerReveal(reference));
  return `[Open timeline](command:cloudwarden.showActivity?${argument}) · [Investigate](command:cloudwarden.investigate?${argument}) · [Reveal in explorer](command:cloudwarden.revealInExplorer?${reveal})`;
}

function commandArgument(value: unknown): string {
  return encodeURIComponent(JSON.stringify([value])).replace(
    /[()'!*~]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
