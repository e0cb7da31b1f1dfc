import type { ActivityPrincipal } from './event';
import { compact, objectOf, ownValue, textOf, type JsonObject } from './json';

/**
 * Who made the request, from the record's userIdentity (CloudTrail User Guide, "CloudTrail userIdentity
 * element"). The type is kept as recorded; only the display name is derived, by type.
 */

// Anonymous requests (S3 objects read without credentials, for one) are recorded as an AWSAccount whose
// principal or account is this marker, or as "anonymous".
const ANONYMOUS_MARKERS = new Set(['anonymous_principal', 'anonymous']);

const ANONYMOUS: ActivityPrincipal = { type: 'Anonymous', name: 'anonymous' };
/** An Insights event's principal: CloudTrail's own report. */
const CLOUDTRAIL: ActivityPrincipal = { type: 'AWSService', name: 'cloudtrail.amazonaws.com' };
/** The principals of events services emit themselves, by service (shared, as every principal read). */
const SERVICES = new Map<string, ActivityPrincipal>();

type Naming = (identity: JsonObject) => Partial<ActivityPrincipal>;

/** The display name (and, for sessions, the role and session), by userIdentity.type. */
const NAMING: Readonly<Record<string, Naming>> = {
  Root: () => ({ name: 'root' }),
  IAMUser: (id) => ({ name: textOf(id.userName) ?? lastSegment(id.arn) }),
  AssumedRole: roleSession,
  AWSService: (id) => ({ name: textOf(id.invokedBy) ?? textOf(id.principalId) }),
  AWSAccount: (id) => ({ name: textOf(id.accountId) ?? textOf(id.principalId) }),
  FederatedUser: (id) => ({ name: lastSegment(id.arn) ?? textOf(id.userName) }),
  IdentityCenterUser: (id) => ({ name: textOf(objectOf(id.onBehalfOf)?.userId) ?? textOf(id.userName) }),
};

/**
 * Who made the request of a record to `eventSource`. A record without userIdentity is an anonymous
 * request, unless no one made a request: an Insights event is CloudTrail's own report, and an event a
 * service emitted itself (eventType AwsServiceEvent) is that service's.
 */
export function principalOf(record: JsonObject, eventSource: string): ActivityPrincipal {
  if (record.eventType === 'AwsCloudTrailInsight') return CLOUDTRAIL;
  if (record.eventType === 'AwsServiceEvent' && objectOf(record.userIdentity) === undefined) {
    let service = SERVICES.get(eventSource);
    if (service === undefined) {
      if (SERVICES.size >= READ_LIMIT) SERVICES.clear();
      SERVICES.set(eventSource, (service = { type: 'AWSService', name: eventSource }));
    }
    return service;
  }
  return identityPrincipal(record.userIdentity);
}

/**
 * Principals read, each with the userIdentity it was read from, by that identity's principalId (else its
 * ARN, its service, its type); one caller's identities vary (a user's own calls and those a service made
 * for them), so a key holds a few. A log's records come from a few callers, and comparing the fields a
 * principal is made of costs a fraction of making it (the assumed-role ARN's pattern, the naming table,
 * the copies). Events share the principal: it is plain data no one changes, and one caller's events
 * holding one object lets the log index tell them by reference. Bounded, as PairMemo is.
 */
const READ = new Map<string, Read[]>();
const READ_LIMIT = 1024;
/** Identities kept per key: the newest replaces the oldest. */
const VARIANTS = 8;
interface Read {
  readonly identity: JsonObject;
  readonly principal: ActivityPrincipal;
}
/** The entry used last: a log's records come in runs of one caller, and comparing beats hashing. */
let last: Read | undefined;

/** The principal of a userIdentity element; an absent one is an anonymous request. */
function identityPrincipal(userIdentity: unknown): ActivityPrincipal {
  const id = objectOf(userIdentity);
  if (id === undefined) return ANONYMOUS;
  if (last !== undefined && sameIdentity(id, last.identity)) return last.principal;
  const key = textOf(id.principalId) ?? textOf(id.arn) ?? textOf(id.invokedBy) ?? textOf(id.type) ?? '';
  let reads = READ.get(key);
  if (reads === undefined) {
    if (READ.size >= READ_LIMIT) READ.clear();
    READ.set(key, (reads = []));
  }
  let read = reads.find((r) => sameIdentity(id, r.identity));
  if (read === undefined) {
    if (reads.length >= VARIANTS) reads.shift();
    reads.push((read = { identity: id, principal: readIdentity(id) }));
  }
  last = read;
  return read.principal;
}

/**
 * Equal in every field a principal is read from (so their principals are equal). Values are compared as
 * they are: an object where a string belongs is never equal to another, and is read afresh.
 */
function sameIdentity(a: JsonObject, b: JsonObject): boolean {
  if (a.type !== b.type || a.arn !== b.arn || a.principalId !== b.principalId || a.accountId !== b.accountId)
    return false;
  if (a.userName !== b.userName || a.invokedBy !== b.invokedBy) return false;
  const issuerA = objectOf(objectOf(a.sessionContext)?.sessionIssuer);
  const issuerB = objectOf(objectOf(b.sessionContext)?.sessionIssuer);
  if (issuerA?.userName !== issuerB?.userName || issuerA?.arn !== issuerB?.arn) return false;
  return objectOf(a.onBehalfOf)?.userId === objectOf(b.onBehalfOf)?.userId;
}

function readIdentity(id: JsonObject): ActivityPrincipal {
  if (isAnonymous(id)) return ANONYMOUS;
  const invokedBy = textOf(id.invokedBy);
  // Events a service emits itself (eventType AwsServiceEvent) often record only the account and the
  // service: the service is the actor.
  const type = textOf(id.type) ?? (invokedBy === undefined ? 'Unknown' : 'AWSService');
  const naming: Naming = ownValue(NAMING, type) ?? (() => ({}));
  const named = naming(id);
  const name = named.name ?? textOf(id.userName) ?? lastSegment(id.arn) ?? textOf(id.principalId) ?? type;
  const account = textOf(id.accountId);
  return compact({ type, arn: textOf(id.arn), account, invokedBy, ...named, name });
}

function isAnonymous(id: JsonObject): boolean {
  if (id.type === 'Anonymous') return true;
  if (id.type !== 'AWSAccount') return false;
  return [id.principalId, id.accountId].some((v) => typeof v === 'string' && ANONYMOUS_MARKERS.has(v.toLowerCase()));
}

/**
 * An assumed role's session: `arn:aws:sts::123456789012:assumed-role/RoleName/session`, with the role's
 * own ARN in sessionContext.sessionIssuer (absent in some failed calls: then the names come from the ARN).
 */
function roleSession(id: JsonObject): Partial<ActivityPrincipal> {
  const issuer = objectOf(objectOf(id.sessionContext)?.sessionIssuer);
  const [roleFromArn, sessionFromArn] = assumedRoleParts(textOf(id.arn));
  const sessionName = sessionFromArn ?? afterColon(textOf(id.principalId));
  const roleName = textOf(issuer?.userName) ?? roleFromArn;
  const name = [roleName, sessionName].filter((part) => part !== undefined).join('/');
  return { name: name === '' ? undefined : name, roleArn: textOf(issuer?.arn), sessionName };
}

/** The role name and the session name of an assumed-role ARN. */
function assumedRoleParts(arn: string | undefined): [string | undefined, string | undefined] {
  const match = arn === undefined ? null : /:assumed-role\/([^/]+)\/(.+)$/.exec(arn);
  return match === null ? [undefined, undefined] : [match[1], match[2]];
}

/** The session part of an assumed role's principalId (`AROA...:session`). */
function afterColon(principalId: string | undefined): string | undefined {
  const colon = principalId?.indexOf(':') ?? -1;
  return colon < 0 ? undefined : textOf(principalId!.slice(colon + 1));
}

/** The part of an ARN after its last `/` (a user's or federated user's name). */
function lastSegment(arn: unknown): string | undefined {
  const text = textOf(arn);
  return text === undefined || !text.includes('/') ? undefined : textOf(text.slice(text.lastIndexOf('/') + 1));
}
