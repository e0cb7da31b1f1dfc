/**
 * What a person asks of CloudTrail (a resource, a principal, an access key, an event name, a window),
 * and how that becomes a LookupEvents call. LookupEvents takes one lookup attribute per call, so the
 * most selective one goes to AWS and the others filter what comes back.
 */
import type { ActivityEvent, ActivityResource } from './event';
import { describeArn } from './resourceTypes';

export interface ActivityQuery {
  /** One event (CloudTrail's eventID); a window around it finds the events near it. */
  readonly eventId?: string;
  /** An ARN or a name, as CloudTrail records it in an event's resources. */
  readonly resource?: string;
  /** An ARN (user, role, assumed-role session) or a name (user, role, session). */
  readonly principal?: string;
  readonly accessKeyId?: string;
  readonly eventName?: string;
  /** The IAM action that authorised the call (`s3:PutBucketPolicy`), as the event model maps it. */
  readonly action?: string;
  readonly sourceIp?: string;
  /** Only the calls that failed (an errorCode recorded). */
  readonly errorsOnly?: boolean;
  /** Epoch ms; the window's start (LookupEvents keeps 90 days; 0 for everything a source holds). */
  readonly since: number;
  /** Epoch ms; the window's end (now when absent). */
  readonly until?: number;
}

type LookupAttributeKey = 'EventId' | 'AccessKeyId' | 'ResourceName' | 'Username' | 'EventName';

export interface LookupAttribute {
  readonly key: LookupAttributeKey;
  readonly value: string;
}

/**
 * The one attribute sent to LookupEvents: the most selective the query has. An event id names one event,
 * so it goes first (whatever else the query asks only filters that event). An access key names one
 * credential; a resource, its events; an IAM user's ARN, that user's calls (LookupEvents' Username). A
 * role's ARN or a bare name is filtered here instead: CloudTrail records a role's calls under its
 * sessions' names, and a bare name may be a role's, so asking by Username would miss them.
 */
export function lookupAttributeOf(query: ActivityQuery): LookupAttribute | undefined {
  if (query.eventId) return { key: 'EventId', value: query.eventId };
  if (query.accessKeyId) return { key: 'AccessKeyId', value: query.accessKeyId };
  if (query.resource) return { key: 'ResourceName', value: query.resource };
  const user = query.principal ? userNameOf(query.principal) : undefined;
  if (user) return { key: 'Username', value: user };
  if (query.eventName) return { key: 'EventName', value: query.eventName };
  return undefined;
}

/**
 * A test of whether an event answers every part of the query (the attribute sent to AWS included:
 * sources that filter nothing, such as log files, use this alone).
 */
export function eventFilter(query: ActivityQuery): (event: ActivityEvent) => boolean {
  const resource = query.resource === undefined ? undefined : resourceMatcher(query.resource);
  return (event) => {
    if (event.time < query.since || (query.until !== undefined && event.time > query.until)) return false;
    if (query.eventId && event.eventId !== query.eventId) return false;
    if (query.accessKeyId && event.accessKeyId !== query.accessKeyId) return false;
    if (query.eventName && event.eventName !== query.eventName) return false;
    if (query.action && event.action?.toLowerCase() !== query.action.toLowerCase()) return false;
    if (query.sourceIp && event.sourceIp !== query.sourceIp) return false;
    if (query.errorsOnly && event.errorCode === undefined) return false;
    if (resource && !event.resources.some(resource)) return false;
    if (query.principal && !isPrincipal(event, query.principal)) return false;
    return true;
  };
}

/**
 * A resource given by ARN also matches where an event names it (a bucket in `requestParameters` has
 * no ARN): by the name its ARN shows, of the same type when the event says the type.
 */
function resourceMatcher(resource: string): (r: ActivityResource) => boolean {
  const { type, name } = resource.startsWith('arn:') ? describeArn(resource) : {};
  return (r) =>
    r.arn === resource ||
    r.name === resource ||
    (name !== undefined && r.arn === undefined && r.name === name && (r.type === undefined || r.type === type));
}

/**
 * A principal given as an ARN matches the identity, its issuing role or, for a role's ARN, every
 * session of the role; a name matches the user, the role or the session.
 */
function isPrincipal(event: ActivityEvent, principal: string): boolean {
  const p = event.principal;
  if (principal.startsWith('arn:')) {
    if (p.arn === principal || p.roleArn === principal) return true;
    // A session ARN written as the role (arn:aws:sts::1:assumed-role/Name) matches its sessions.
    return p.arn !== undefined && p.arn.startsWith(`${principal}/`);
  }
  const role = p.roleArn?.slice(p.roleArn.lastIndexOf('/') + 1);
  return p.name === principal || p.sessionName === principal || role === principal || lastSegment(p.arn) === principal;
}

/** The user name in an IAM user's ARN; undefined for anything else. */
function userNameOf(principal: string): string | undefined {
  const match = /^arn:[^:]+:iam::\d{12}:user\/(?:.*\/)?([^/]+)$/.exec(principal);
  return match?.[1];
}

function lastSegment(arn: string | undefined): string | undefined {
  return arn?.slice(arn.lastIndexOf('/') + 1);
}

const UNITS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A point in time from a command line or a setting: `24h`, `7d`, `90d`, `30m` before `now`, or an ISO
 * 8601 time. Undefined when it is neither.
 */
export function parseSince(text: string, now: number): number | undefined {
  const relative = /^(\d+)([mhd])$/.exec(text.trim());
  if (relative) return now - Number(relative[1]) * UNITS[relative[2]!]!;
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : time;
}
