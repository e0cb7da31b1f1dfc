import type { ActivityEvent } from '../activity/event';
import { principalPivot, resourceNames } from './eventLine';
import { Counter, type Tally } from './tally';

/** How many values each list of a profile keeps. */
const TOP = 10;

/** What a set of events shows at a glance: counts, the most frequent values, first and last seen. */
export interface Profile {
  readonly events: number;
  readonly firstSeen?: string;
  readonly lastSeen?: string;
  /** Calls that change something (readOnly false) and those that only read. */
  readonly changes: number;
  readonly reads: number;
  readonly errors: number;
  readonly accessDenied: number;
  readonly actions: readonly Tally[];
  readonly resources: readonly Tally[];
  /** Principals as pivots (a role session as its role). */
  readonly principals: readonly Tally[];
  readonly accessKeys: readonly Tally[];
  readonly sourceIps: readonly Tally[];
  readonly userAgents: readonly Tally[];
  readonly regions: readonly Tally[];
  readonly errorCodes: readonly Tally[];
}

const DENIED = /AccessDenied|UnauthorizedOperation|Unauthorized|Forbidden/;

/** A denial: what a principal probing its permissions leaves behind. */
function isDenied(event: ActivityEvent): boolean {
  return event.errorCode !== undefined && DENIED.test(event.errorCode);
}

// Calls that change who may do what: IAM's policies, users' credentials and group membership, resource
// policies and ACLs, grants, public access blocks and security group rules. Names as CloudTrail records them.
const PERMISSION_CHANGE =
  /Policy|Permission|Acl|Grant|PublicAccessBlock|SecurityGroup(Ingress|Egress)|AccessKey|LoginProfile|UserToGroup|UserFromGroup|PolicyVersion/;
const READ_NAME = /^(Get|List|Describe|Lookup|Head|Search|Batch(Get|Describe))/;

/** A call that changed a policy or a permission (read-only calls excluded, whatever their names). */
export function isPermissionChange(event: ActivityEvent): boolean {
  if (event.readOnly === true || READ_NAME.test(event.eventName)) return false;
  return PERMISSION_CHANGE.test(event.eventName);
}

/** The profile of `events` (any order). */
export function profileOf(events: readonly ActivityEvent[]): Profile {
  const counters = {
    actions: new Counter(),
    resources: new Counter(),
    principals: new Counter(),
    accessKeys: new Counter(),
    sourceIps: new Counter(),
    userAgents: new Counter(),
    regions: new Counter(),
    errorCodes: new Counter(),
  };
  let first: ActivityEvent | undefined;
  let last: ActivityEvent | undefined;
  let changes = 0;
  let reads = 0;
  let denied = 0;
  let errors = 0;
  for (const event of events) {
    if (first === undefined || event.time < first.time) first = event;
    if (last === undefined || event.time > last.time) last = event;
    if (event.readOnly === true) reads++;
    else if (event.readOnly === false) changes++;
    if (event.errorCode !== undefined) errors++;
    if (isDenied(event)) denied++;
    counters.actions.add(event.action ?? `${event.eventSource}:${event.eventName}`);
    for (const name of resourceNames(event)) counters.resources.add(name);
    counters.principals.add(principalPivot(event) ?? event.principal.name);
    counters.accessKeys.add(event.accessKeyId);
    counters.sourceIps.add(event.sourceIp);
    counters.userAgents.add(event.userAgent);
    counters.regions.add(event.region);
    counters.errorCodes.add(event.errorCode);
  }
  return {
    events: events.length,
    ...(first && { firstSeen: first.eventTime }),
    ...(last && { lastSeen: last.eventTime }),
    changes,
    reads,
    errors,
    accessDenied: denied,
    actions: counters.actions.top(TOP),
    resources: counters.resources.top(TOP),
    principals: counters.principals.top(TOP),
    accessKeys: counters.accessKeys.top(TOP),
    sourceIps: counters.sourceIps.top(TOP),
    userAgents: counters.userAgents.top(TOP),
    regions: counters.regions.top(TOP),
    errorCodes: counters.errorCodes.top(TOP),
  };
}
