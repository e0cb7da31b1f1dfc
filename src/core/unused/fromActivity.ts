import type { PrincipalActions } from '../activity/usage';
import type { CloudTrailEvidence, EvidenceCost } from './evidence';

/** What an activity source answered about every principal, and what it covers. */
export interface ActivityUsage {
  readonly principals: readonly PrincipalActions[];
  readonly dataEventServices: readonly string[];
  /** The oldest and newest events read, epoch ms: the evidence covers no more than from one to the other. */
  readonly oldest?: number;
  readonly newest?: number;
}

export interface ActivityCoverage {
  /** `CloudTrail log files`, `CloudTrail LookupEvents`. */
  readonly label: string;
  readonly window: { readonly since: number; readonly until: number };
  readonly fetchedAt: number;
  /** Whether the source holds data events at all (log files, Athena and Lake may; LookupEvents never). */
  readonly dataEvents: boolean;
  readonly regions?: readonly string[];
  readonly cost?: EvidenceCost;
  /** Why the source was not read to the window's start. */
  readonly cut?: string;
}

/**
 * One principal's CloudTrail evidence from an activity source's answer. The principal is matched by its
 * ARN as CloudTrail names the identity (a role's, for its sessions), case-insensitively as IAM names are.
 * The window is narrowed to the events read: nothing before the oldest or after the newest was seen (a
 * log folder copied last year says nothing of this year).
 */
export function cloudTrailEvidence(
  principal: string,
  usage: ActivityUsage,
  coverage: ActivityCoverage,
): CloudTrailEvidence {
  const wanted = principal.toLowerCase();
  const found = usage.principals.find((p) => p.principal.toLowerCase() === wanted);
  const since = Math.max(coverage.window.since, usage.oldest ?? coverage.window.until);
  const until = Math.min(coverage.window.until, usage.newest ?? coverage.window.until);
  return {
    kind: 'cloudtrail',
    label: coverage.label,
    window: { since, until: Math.max(since, until) },
    fetchedAt: coverage.fetchedAt,
    ...(coverage.regions !== undefined && { regions: coverage.regions }),
    ...(coverage.cost !== undefined && { cost: coverage.cost }),
    ...(coverage.cut !== undefined && { cut: coverage.cut }),
    dataEvents: coverage.dataEvents,
    dataEventServices: usage.dataEventServices,
    used: (found?.actions ?? []).map((a) => ({ action: a.action, last: a.last, count: a.count })),
    denied: (found?.denied ?? []).map((a) => ({ action: a.action, last: a.last, count: a.count })),
  };
}
