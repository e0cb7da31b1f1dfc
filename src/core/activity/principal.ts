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
  if (record.eventType === 'AwsCloudTrailInsight') return { type: 'AWSService', name: 'cloudtrail.amazonaws.com' };
  if (record.eventType === 'AwsServiceEvent' && objectOf(record.userIdentity) === undefined) {
    return { type: 'AWSService', name: eventSource };
  }
  return identityPrincipal(record.userIdentity);
}

/**
 * The last userIdentity read and its principal. A log's records come in runs of one caller, and comparing
 * the fields a principal is made of costs a fraction of making it (the assumed-role ARN's pattern, the
 * naming table, the copies). Events share the principal: it is plain data no one changes.
 */
let lastIdentity: JsonObject | undefined;
let lastPrincipal: ActivityPrincipal = ANONYMOUS;

/** The principal of a userIdentity element; an absent one is an anonymous request. */
function identityPrincipal(userIdentity: unknown): ActivityPrincipal {
  const id = objectOf(userIdentity);
  if (id === undefined) return ANONYMOUS;
  if (lastIdentity !== undefined && sameIdentity(id, lastIdentity)) return lastPrincipal;
  const principal = readIdentity(id);
  lastIdentity = id;
  lastPrincipal = principal;
  return principal;
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
