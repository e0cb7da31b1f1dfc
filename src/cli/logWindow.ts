/**
 * `--since` and `--until` of the commands that read log files (`detect`, `investigate`): a history, so
 * everything the files hold unless `--since` says. Pure; every mistake a sentence.
 */
import { parseSince } from '../core';

export function logWindow(
  sinceText: string | undefined,
  untilText: string | undefined,
  now: number,
): { since: number; until?: number } | { error: string } {
  const since = sinceText === undefined ? 0 : parseSince(sinceText, now);
  if (since === undefined) return { error: '--since is a duration (24h, 7d, 90d) or an ISO time' };
  const until = untilText === undefined ? undefined : parseSince(untilText, now);
  if (untilText !== undefined && until === undefined) return { error: '--until is a duration or an ISO time' };
  if (until !== undefined && until < since) return { error: '--until is before --since' };
  return { since, ...(until !== undefined && { until }) };
}
