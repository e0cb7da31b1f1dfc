/**
 * An IAM user's CloudTrail calls from LookupEvents, counted as the log index counts them. LookupEvents
 * can ask for one user's events (the Username attribute) but not for a role's (its events carry each
 * session's name), so only users are asked; a page budget bounds the scan (2 pages a second per Region),
 * and the answer says where the budget cut it: the window it covers is what was read.
 */
import { usageOfEvents, type AwsProblem, type PrincipalActionsAnswer } from '../core';
import type { AwsGateway } from './gateway';
import { lookupActivity } from './lookupActivity';

export interface LookupUsageOptions {
  /** Regions to scan; empty: the profile's. */
  readonly regions: readonly string[];
  /** Pages of 50 events per Region at most. */
  readonly maxPages: number;
  readonly signal?: AbortSignal;
}

export interface LookupUsage {
  /**
   * The user's actions; `oldest` is where the reading starts (the window's start, or where the budget
   * cut the scan) and `newest` the window's end: LookupEvents is read live, not from a copy.
   */
  readonly usage: PrincipalActionsAnswer;
  /** The Regions that answered. */
  readonly regions: readonly string[];
  /** The Regions where the page budget stopped the scan before the window's start. */
  readonly cut: readonly string[];
  /** The Regions that failed, each with why. */
  readonly problems: readonly AwsProblem[];
  /** The requests sent. */
  readonly calls: number;
}

export async function lookupUsage(
  gateway: AwsGateway,
  userArn: string,
  window: { readonly since: number; readonly until: number },
  options: LookupUsageOptions,
): Promise<LookupUsage> {
  let calls = 0;
  const signal = options.signal && { signal: options.signal };
  let regions = [...new Set(options.regions)];
  if (regions.length === 0) {
    const region = await gateway.defaultRegion(signal ?? {});
    if (!region.ok) return { usage: usageOfEvents([]), regions: [], cut: [], problems: [region.problem], calls };
    regions = [region.value];
  }
  const answer = await lookupActivity(
    gateway,
    { since: window.since, until: window.until, principal: userArn },
    {
      regions,
      maxPages: options.maxPages,
      ...signal,
      onRequest: () => {
        calls++;
      },
    },
  );
  const failed = new Set(answer.problems.map((p) => p.region));
  // A cut Region was read back to its oldest event only: the window starts there for every Region.
  const starts = answer.truncated.map((region) =>
    Math.min(...answer.events.filter((e) => e.region === region).map((e) => e.time), window.until),
  );
  const usage = usageOfEvents(answer.events);
  return {
    usage: { ...usage, oldest: Math.max(window.since, ...starts), newest: window.until },
    regions: regions.filter((r) => !failed.has(r)),
    cut: answer.truncated,
    problems: answer.problems,
    calls,
  };
}
