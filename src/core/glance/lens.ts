/**
 * The CodeLens line of a referenced resource's CloudTrail activity: "14 events in 7 days · last:
 * PutBucketPolicy by deploy-role, 2 h ago". Plain text (a CodeLens title is not Markdown), kept short.
 */
import { countText, windowCounts } from './counts';
import { timeAgo } from './time';
import type { Glance } from './types';

/** A lens is one line above code: AWS's strings in it are cut to this. */
const MAX_PART = 60;

const PROBLEM_WORDS: Readonly<Record<string, string>> = {
  noCredentials: 'no usable AWS credentials',
  ssoExpired: 'the SSO session has expired',
  expiredToken: 'the AWS session has expired',
  accessDenied: 'access denied',
  throttled: 'throttled by AWS',
  regionNotEnabled: 'Region not enabled',
  network: 'AWS unreachable',
  timeout: 'no answer in time',
  serverError: 'AWS failed to answer',
  invalidRequest: 'request refused',
};

export function activityLensTitle(glance: Glance, now: number): string {
  const { answer, problems } = glance;
  if (!answer) {
    const problem = problems[0];
    return problem ? `CloudTrail: ${PROBLEM_WORDS[problem.kind] ?? 'failed'} (hover for why)` : 'CloudTrail: loading…';
  }
  const last = answer.events[0];
  if (answer.source === 'logFiles') {
    if (!last) return 'CloudTrail: no events in the log files';
    const total = answer.total ?? answer.events.length;
    return `${total} event${total === 1 ? '' : 's'} in the log files · last: ${short(last.eventName)} by ${short(last.principal.name)}, ${timeAgo(last.time, now)}`;
  }
  if (!last)
    return answer.truncated.length > 0 ? 'CloudTrail: no matching events read' : 'CloudTrail: no events in 90 days';
  const week = windowCounts(answer, now)[1]!;
  const count =
    week.count === 0
      ? 'No events in 7 days'
      : `${countText(week)} event${week.count === 1 && !week.atLeast ? '' : 's'} in 7 days`;
  return `${count} · last: ${short(last.eventName)} by ${short(last.principal.name)}, ${timeAgo(last.time, now)}`;
}

function short(text: string): string {
  const flat = text.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return flat.length > MAX_PART ? `${flat.slice(0, MAX_PART - 1)}…` : flat;
}
