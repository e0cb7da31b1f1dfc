import { objectOf, textOf, type JsonObject } from '../activity/json';

/**
 * What a resource-policy or ACL change grants to everyone, read from the request: `Principal "*"` when
 * an Allow statement names every principal with no condition that narrows who (an organisation, an
 * account, a source ARN, VPC or address), `AllUsers` / `AuthenticatedUsers` for an S3 ACL grant.
 * Undefined when nothing is granted to everyone, or the request does not say (CloudTrail omits the
 * parameters of large requests).
 */
export function publicGrant(eventName: string, request: JsonObject): string | undefined {
  if (eventName === 'PutBucketAcl') return aclGrant(request);
  if (eventName === 'AddPermission') return permissionGrant(request);
  return policyIsPublic(policyOf(eventName, request)) ? 'Principal "*"' : undefined;
}

/** Where each call carries its policy document (an object, or JSON in a string). */
function policyOf(eventName: string, request: JsonObject): unknown {
  switch (eventName) {
    case 'PutBucketPolicy':
      return request.bucketPolicy;
    case 'SetRepositoryPolicy':
      return request.policyText;
    case 'CreateElasticsearchDomain':
    case 'UpdateElasticsearchDomainConfig':
    case 'CreateDomain':
    case 'UpdateDomainConfig':
      return request.accessPolicies;
    case 'PutResourcePolicy':
      return request.resourcePolicy ?? request.policy;
    case 'SetTopicAttributes':
      return request.attributeName === 'Policy' ? request.attributeValue : undefined;
    case 'SetQueueAttributes':
      return objectOf(request.attributes)?.Policy;
    case 'SetVaultAccessPolicy':
      return objectOf(request.policy)?.policy;
    case 'UpdateAssumeRolePolicy':
      return request.policyDocument;
    default:
      return request.policy;
  }
}

/** A policy (object or JSON text) with a statement that allows everyone, unconditionally. */
function policyIsPublic(policy: unknown): boolean {
  const document = objectOf(typeof policy === 'string' ? parsed(policy) : policy);
  const statements = document?.Statement;
  const list: unknown[] = Array.isArray(statements) ? statements : [statements];
  return list.some((statement) => {
    const s = objectOf(statement);
    return s !== undefined && s.Effect === 'Allow' && namesEveryone(s.Principal) && !narrowed(s.Condition);
  });
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `"*"`, `{"AWS": "*"}` or `{"AWS": ["*", ...]}`. */
function namesEveryone(principal: unknown): boolean {
  if (principal === '*') return true;
  const aws = objectOf(principal)?.AWS;
  return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
}

/**
 * Condition keys that limit who can use a grant; a condition on anything else (aws:SecureTransport, a
 * tag) leaves the grant open to everyone.
 */
const NARROWING_KEYS = new Set(
  [
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:SourceArn',
    'aws:SourceAccount',
    'aws:SourceOrgID',
    'aws:SourceOwner',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:SourceIp',
    'aws:userid',
    'aws:username',
    'kms:CallerAccount',
    'kms:ViaService',
  ].map((key) => key.toLowerCase()),
);

function narrowed(condition: unknown): boolean {
  const operators = objectOf(condition);
  if (operators === undefined) return false;
  return Object.values(operators).some((block) =>
    Object.keys(objectOf(block) ?? {}).some((key) => NARROWING_KEYS.has(key.toLowerCase())),
  );
}

const PUBLIC_GROUPS = ['AllUsers', 'AuthenticatedUsers'];
const PUBLIC_CANNED = new Set(['public-read', 'public-read-write', 'authenticated-read']);

/** An S3 ACL that grants the AllUsers or AuthenticatedUsers group, or a public canned ACL. */
function aclGrant(request: JsonObject): string | undefined {
  const canned = request['x-amz-acl'];
  const cannedValue = Array.isArray(canned) ? textOf(canned[0]) : textOf(canned);
  if (cannedValue !== undefined && PUBLIC_CANNED.has(cannedValue)) return cannedValue;
  const list = objectOf(objectOf(request.AccessControlPolicy)?.AccessControlList)?.Grant;
  const grants: unknown[] = Array.isArray(list) ? list : [list];
  for (const grant of grants) {
    const uri = textOf(objectOf(objectOf(grant)?.Grantee)?.URI);
    const group = PUBLIC_GROUPS.find((name) => uri?.endsWith(`/global/${name}`));
    if (group !== undefined) return group;
  }
  return undefined;
}

/** A Lambda permission for principal `*` with nothing (source ARN, account, organisation) to narrow it. */
function permissionGrant(request: JsonObject): string | undefined {
  if (request.principal !== '*') return undefined;
  const narrowedBy = [request.sourceArn, request.sourceAccount, request.principalOrgID];
  return narrowedBy.some((value) => textOf(value) !== undefined) ? undefined : 'Principal "*"';
}
