import type { ActivityPrincipal } from './event';

/**
 * What a source counts of its events, whatever the source (the log index, Athena, CloudTrail Lake): the
 * events of each day (the timeline's bars) and the actions each principal used (what unused-permission
 * analysis compares with the policies). One shape, so the features above never ask which source answered.
 */

/** One day's events. */
export interface DayCount {
  /** YYYY-MM-DD (UTC). */
  readonly day: string;
  readonly count: number;
  /** The failed calls among them, when the source counts them (Athena and Lake do, in the same query). */
  readonly errors?: number;
}

/** One action a principal used. */
export interface ActionUse {
  /** The IAM action (`s3:GetObject`); the event source and name when no IAM action authorises the event. */
  readonly action: string;
  readonly count: number;
  /** Epoch ms of the latest call. */
  readonly last: number;
}

/** The actions one identity used in a window. */
export interface PrincipalActions {
  /** The identity whose policies authorised the calls: a role's ARN for its sessions, else the ARN, else the name. */
  readonly principal: string;
  /** Calls that were allowed (those that failed for another reason than access included: IAM let them through). */
  readonly actions: readonly ActionUse[];
  /** Calls refused for want of permission (AccessDenied and its kin), when the source tells them apart. */
  readonly denied?: readonly ActionUse[];
}

/**
 * What a source answers about the actions of every principal in a window (the log index, Athena, Lake,
 * LookupEvents): per identity, which services' data events the window holds, and what it covers.
 */
export interface PrincipalActionsAnswer {
  readonly principals: PrincipalActions[];
  /** IAM prefixes with at least one data event in the window (from anyone): the trail logs those. */
  readonly dataEventServices: string[];
  /** The oldest and newest events in the window, epoch ms (what the evidence covers); undefined when none. */
  readonly oldest?: number;
  readonly newest?: number;
}

/** Calls of one action as a source counted them. */
interface Tally {
  readonly count: number;
  readonly last: number;
}

/**
 * A source's per-identity tallies as its answer (the log index, Athena and Lake rows, events in hand all
 * count their own way, then answer alike): identities and actions in code-unit order, the window's data
 * event services sorted, and its oldest and newest event when it held any (±Infinity: none).
 */
export function usageAnswer(
  byPrincipal: ReadonlyMap<
    string,
    { readonly used: ReadonlyMap<string, Tally>; readonly denied: ReadonlyMap<string, Tally> }
  >,
  dataServices: Iterable<string>,
  oldest: number,
  newest: number,
): PrincipalActionsAnswer {
  const principals = [...byPrincipal]
    .sort(([a], [b]) => compare(a, b))
    .map(([principal, { used, denied }]) => ({
      principal,
      actions: listed(used),
      ...(denied.size > 0 && { denied: listed(denied) }),
    }));
  return {
    principals,
    dataEventServices: [...dataServices].sort(),
    ...(Number.isFinite(oldest) && { oldest, newest }),
  };
}

function listed(tallies: ReadonlyMap<string, Tally>): ActionUse[] {
  return [...tallies].sort(([a], [b]) => compare(a, b)).map(([action, { count, last }]) => ({ action, count, last }));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The identity a call's permissions came from: the role for a role's sessions, else the identity's
 * ARN, else its name (a service, an anonymous caller).
 */
export function principalIdentity(p: ActivityPrincipal): string {
  return p.roleArn ?? p.arn ?? p.name;
}

/**
 * Error codes that mean the caller lacked permission (CloudTrail writes the service's own code):
 * IAM/STS/S3 `AccessDenied`, the JSON services' `AccessDeniedException`, EC2's `UnauthorizedOperation`
 * (and its `Client.` form in older records). Listed for the SQL that counts refusals as these do.
 */
export const DENIED_ERROR_CODES: readonly string[] = [
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'Client.UnauthorizedOperation',
  'UnauthorizedAccess',
];

const DENIED_CODES: ReadonlySet<string> = new Set(DENIED_ERROR_CODES);

export function isDeniedCode(errorCode: string | undefined): boolean {
  return errorCode !== undefined && DENIED_CODES.has(errorCode);
}
