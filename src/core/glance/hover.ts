/**
 * The hover of a referenced resource's CloudTrail activity, in Markdown: counts over 24 hours, 7 days and
 * 90 days, the last five events, links to the timeline and to an investigation; "loading…" until a first
 * answer is in, and the problem that stopped the last attempt, in CloudWarden's sentence.
 */
import type { ActivityEvent } from '../activity/event';
import { countText, windowCounts } from './counts';
import { codeSpan, literal, sentence } from './markdown';
import { showActivityArgument } from './query';
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
  const parts: string[] = [];
  if (answer.events.length === 0) {
    parts.push(
      answer.truncated.length > 0
        ? 'No matching events among the newest events read (the scan stopped at its page limit).'
        : 'No CloudTrail events in the last 90 days.',
    );
  } else {
    const counts = windowCounts(answer, now).map((c) => `**${countText(c)}** in ${c.label}`);
    parts.push(`Events: ${counts.join(' · ')}`);
    parts.push(
      answer.events
        .slice(0, LAST_EVENTS)
        .map((e) => `- ${eventLine(e, now)}`)
        .join('\n'),
    );
  }
  const unread = answer.unreadable?.length ?? 0;
  // Said once per answer, never dropped: the timeline lists each one and why.
  if (unread > 0)
    parts.push(
      `_${unread} event${unread === 1 ? '' : 's'} of CloudTrail's answer could not be read (the timeline says why)._`,
    );
  const age = now - answer.fetchedAt;
  if (age >= SAY_AGE_AFTER_MS || loading)
    parts.push(`_Fetched ${timeAgo(answer.fetchedAt, now)}${loading ? ', refreshing…' : ''}_`);
  return parts;
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
  const argument = encodeURIComponent(JSON.stringify([showActivityArgument(reference, query)])).replace(
    /[()'!*~]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `[Open timeline](command:cloudwarden.showActivity?${argument}) · [Investigate](command:cloudwarden.investigate?${argument})`;
}
