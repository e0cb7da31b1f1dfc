/**
 * What a timeline is asked for, when the command has no argument: the reference under the cursor (the
 * server finds it), or what the person types: an ARN, a resource name or an access key id. Pure.
 */
import type { ReferenceAtRequest } from '../shared/protocol';
import type { ActivityTarget } from '../shared/timelineMessages';

/** A week back, as `cloudwarden trail` does by default (hourly bars; LookupEvents keeps 90 days). */
const DEFAULT_WINDOW_MS = 7 * 24 * 3_600_000;

/** AWS's access key ids: AKIA for long-term keys, ASIA for temporary ones, 20 characters. */
const ACCESS_KEY = /^(?:AKIA|ASIA)[A-Z0-9]{16}$/;
/** Identities whose calls are asked for (a user, a role and its sessions, the account's root). */
const PRINCIPAL_ARN = /^arn:aws[a-z-]*:(?:iam::\d{12}:(?:user|role)\/|iam::\d{12}:root$|sts::\d{12}:assumed-role\/)/;

/** Why the typed text cannot be asked for, or undefined when it can (the input box's validation). */
export function inputProblem(text: string): string | undefined {
  const value = text.trim();
  if (value === '') return 'An ARN, a resource name or an access key id (AKIA…, ASIA…)';
  if (/\s/.test(value)) return 'One ARN, name or access key id, without spaces';
  if (value.length > 2048) return 'Longer than any ARN AWS issues (2,048 characters)';
  if (value.startsWith('arn:') && value.split(':').length < 6)
    return 'An ARN has six parts: arn:partition:service:region:account:resource';
  return undefined;
}

/**
 * Where a timeline starts: a week back, or, over log files (a history, read in milliseconds), at the
 * first event they hold.
 */
function startOf(now: number, history: boolean): number {
  return history ? 0 : now - DEFAULT_WINDOW_MS;
}

/** The timeline for typed text: an access key's calls, an identity's calls, or a resource's events. */
export function targetFromInput(text: string, now: number, history = false): ActivityTarget | undefined {
  const value = text.trim();
  if (inputProblem(value) !== undefined) return undefined;
  const since = startOf(now, history);
  if (ACCESS_KEY.test(value)) return { query: { accessKeyId: value, since }, title: `CloudTrail: access key ${value}` };
  if (PRINCIPAL_ARN.test(value))
    return { query: { principal: value, since }, title: `CloudTrail: ${shortName(value)}` };
  return { query: { resource: value, since }, title: `CloudTrail: ${shortName(value)}` };
}

/** The timeline for the reference the server found under the cursor. */
export function targetFromReference(
  reference: Omit<NonNullable<ReferenceAtRequest.Result>, 'reveal'>,
  now: number,
  history = false,
): ActivityTarget {
  const { resource, principal } = reference.query;
  const query = {
    ...(resource !== undefined && { resource }),
    ...(principal !== undefined && { principal }),
    since: startOf(now, history),
  };
  return { query, title: `CloudTrail: ${reference.name ?? shortName(reference.arn ?? reference.text)}` };
}

/** An ARN's resource part (`role/deploy`, `my-bucket`); anything else as is. */
function shortName(value: string): string {
  return value.startsWith('arn:') ? value.split(':').slice(5).join(':') || value : value;
}

/**
 * Which open timeline a target is: the same subject over a window of the same length (links made a few
 * minutes apart differ in their start by those minutes, and are the same question).
 */
export function timelineKey(target: ActivityTarget, now: number): string {
  const q = target.query;
  const hours = Math.round(((q.until ?? now) - q.since) / 3_600_000);
  const end = q.until === undefined ? 'now' : Math.round(q.until / 60_000);
  return JSON.stringify([
    q.resource ?? null,
    q.principal ?? null,
    q.accessKeyId ?? null,
    q.eventName ?? null,
    q.action ?? null,
    q.sourceIp ?? null,
    q.errorsOnly ?? false,
    hours,
    end,
  ]);
}
