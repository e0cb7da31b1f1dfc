/**
 * CloudFormation and SAM templates: which resources hold policy documents, what each document is for,
 * and which principals (logical ids, names) an identity policy applies to.
 */
import type { PolicyDocument, PolicyKind } from '../policy/model';
import { readDocumentsAt, type DocumentPlace, type ReadContext } from './document';
import { ifBranches, intrinsicOf } from './intrinsics';
import { member, stringOf, type Node, type ObjectNode } from './tree';

const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/** A template: `AWSTemplateFormatVersion`, the SAM transform, or resources typed `AWS::...`. */
export function isTemplate(root: ObjectNode): boolean {
  if (member(root, 'AWSTemplateFormatVersion')) return true;
  const transform = member(root, 'Transform');
  if (stringOf(transform) === SAM_TRANSFORM) return true;
  if (transform?.kind === 'array' && transform.items.some((item) => stringOf(item) === SAM_TRANSFORM)) return true;
  const resources = member(root, 'Resources');
  if (resources?.kind !== 'object') return false;
  return resources.entries.some(({ value }) => {
    const type = stringOf(member(value, 'Type'));
    return type !== undefined && (type.startsWith('AWS::') || type.startsWith('Custom::'));
  });
}

/** One resource being read. */
interface Resource {
  readonly id: string;
  readonly properties: ObjectNode;
  /** `Resources.<id>.Properties` */
  readonly path: string;
  readonly context: ReadContext;
  /** Logical ids of the roles, users, groups and functions that attach a managed policy of the template. */
  readonly attachedBy: ReadonlyMap<string, readonly string[]>;
  /** Literal RoleName/UserName/GroupName of the template's principals → their logical ids. */
  readonly idsByName: ReadonlyMap<string, string>;
  readonly out: PolicyDocument[];
}

type Handler = (resource: Resource) => void;

const HANDLERS: ReadonlyMap<string, Handler> = new Map(
  Object.entries({
    'AWS::IAM::Policy': attachedPolicy,
    'AWS::IAM::ManagedPolicy': attachedPolicy,
    'AWS::IAM::Role': (r) => {
      document(r, 'AssumeRolePolicyDocument', { kind: 'trust' });
      inlinePolicies(r);
    },
    'AWS::IAM::User': inlinePolicies,
    'AWS::IAM::Group': inlinePolicies,
    'AWS::IAM::RolePolicy': (r) => document(r, 'PolicyDocument', { kind: 'identity', appliesTo: names(r, 'RoleName') }),
    'AWS::IAM::UserPolicy': (r) => document(r, 'PolicyDocument', { kind: 'identity', appliesTo: names(r, 'UserName') }),
    'AWS::IAM::GroupPolicy': (r) =>
      document(r, 'PolicyDocument', { kind: 'identity', appliesTo: names(r, 'GroupName') }),
    'AWS::SSO::PermissionSet': (r) => document(r, 'InlinePolicy', { kind: 'identity', appliesTo: [r.id] }),
    'AWS::Organizations::Policy': organizationsPolicy,
    'AWS::S3::BucketPolicy': resourcePolicy('PolicyDocument', 's3'),
    'AWS::S3::AccessPoint': resourcePolicy('Policy', 's3'),
    'AWS::KMS::Key': resourcePolicy('KeyPolicy', 'kms'),
    'AWS::KMS::ReplicaKey': resourcePolicy('KeyPolicy', 'kms'),
    'AWS::SQS::QueuePolicy': resourcePolicy('PolicyDocument', 'sqs'),
    'AWS::SQS::QueueInlinePolicy': resourcePolicy('PolicyDocument', 'sqs'),
    'AWS::SNS::TopicPolicy': resourcePolicy('PolicyDocument', 'sns'),
    'AWS::SNS::TopicInlinePolicy': resourcePolicy('PolicyDocument', 'sns'),
    'AWS::SecretsManager::ResourcePolicy': resourcePolicy('ResourcePolicy', 'secretsmanager'),
    'AWS::ECR::Repository': resourcePolicy('RepositoryPolicyText', 'ecr'),
    'AWS::ECR::RegistryPolicy': resourcePolicy('PolicyText', 'ecr'),
    'AWS::OpenSearchService::Domain': resourcePolicy('AccessPolicies', 'es'),
    'AWS::Elasticsearch::Domain': resourcePolicy('AccessPolicies', 'es'),
    'AWS::EFS::FileSystem': resourcePolicy('FileSystemPolicy', 'elasticfilesystem'),
    'AWS::Backup::BackupVault': resourcePolicy('AccessPolicy', 'backup'),
    'AWS::ApiGateway::RestApi': resourcePolicy('Policy', 'execute-api'),
    'AWS::CodeArtifact::Domain': resourcePolicy('PermissionsPolicyDocument', 'codeartifact'),
    'AWS::CodeArtifact::Repository': resourcePolicy('PermissionsPolicyDocument', 'codeartifact'),
    'AWS::Logs::ResourcePolicy': resourcePolicy('PolicyDocument', 'logs'),
    // A VPC endpoint policy governs every service reached through the endpoint.
    'AWS::EC2::VPCEndpoint': (r) => document(r, 'PolicyDocument', { kind: 'endpoint' }),
    'AWS::Serverless::Function': samPolicies,
    'AWS::Serverless::StateMachine': samPolicies,
  } satisfies Record<string, Handler>),
);

/** The policy documents of a template, in the order of its resources. */
export function readTemplate(root: ObjectNode, base: Omit<ReadContext, 'listParameters'>): PolicyDocument[] {
  const out: PolicyDocument[] = [];
  const resources = member(root, 'Resources');
  if (resources?.kind !== 'object') return out;
  const context: ReadContext = { ...base, listParameters: listParameters(member(root, 'Parameters')) };
  const attachedBy = managedPolicyAttachments(resources);
  const idsByName = principalIdsByName(resources);
  for (const { key, value } of resources.entries) {
    const type = stringOf(member(value, 'Type'));
    const handler = type === undefined ? undefined : HANDLERS.get(type);
    const properties = member(value, 'Properties');
    if (!handler || properties?.kind !== 'object') continue;
    const resource: Resource = {
      id: key.text,
      properties,
      path: `Resources.${key.text}.Properties`,
      context,
      attachedBy,
      idsByName,
      out,
    };
    try {
      handler(resource);
    } catch (error) {
      // One odd resource must not cost the others.
      context.problems.push({
        message: `Reading the policies of ${key.text} failed: ${String(error)}`,
        span: key.span,
      });
    }
  }
  return out;
}

/** Parameters whose value is a list: `!Ref` to one, as a whole Action or Resource, is an unknown list. */
function listParameters(parameters: Node | undefined): Set<string> {
  const names = new Set<string>();
  if (parameters?.kind !== 'object') return names;
  for (const { key, value } of parameters.entries)
    if (stringOf(member(value, 'Type'))?.includes('List')) names.add(key.text);
  return names;
}

/** Managed policy logical id → the principals whose `ManagedPolicyArns` (or SAM `Policies`) `!Ref` it. */
function managedPolicyAttachments(resources: ObjectNode): Map<string, string[]> {
  const attachedBy = new Map<string, string[]>();
  for (const { key, value } of resources.entries) {
    const type = stringOf(member(value, 'Type'));
    const properties = member(value, 'Properties');
    const list =
      type === 'AWS::IAM::Role' || type === 'AWS::IAM::User' || type === 'AWS::IAM::Group'
        ? member(properties, 'ManagedPolicyArns')
        : type === 'AWS::Serverless::Function' || type === 'AWS::Serverless::StateMachine'
          ? member(properties, 'Policies')
          : undefined;
    if (list?.kind !== 'array') continue;
    for (const item of list.items) {
      const target = refTarget(item);
      if (target !== undefined) attachedBy.set(target, [...(attachedBy.get(target) ?? []), key.text]);
    }
  }
  return attachedBy;
}

/**
 * A role, user or group of the template that is also named literally (`RoleName: app-role`): a policy
 * naming it `app-role` applies to the same logical id as one writing `!Ref AppRole`.
 */
function principalIdsByName(resources: ObjectNode): Map<string, string> {
  const ids = new Map<string, string>();
  const nameKeys = new Map([
    ['AWS::IAM::Role', 'RoleName'],
    ['AWS::IAM::User', 'UserName'],
    ['AWS::IAM::Group', 'GroupName'],
  ]);
  for (const { key, value } of resources.entries) {
    const nameKey = nameKeys.get(stringOf(member(value, 'Type')) ?? '');
    const name = nameKey && stringOf(member(member(value, 'Properties'), nameKey));
    if (name) ids.set(name, key.text);
  }
  return ids;
}

function document(
  r: Resource,
  property: string,
  place: { kind: PolicyKind; appliesTo?: readonly string[]; resourceService?: string },
): void {
  const node = member(r.properties, property);
  if (!node) return;
  // An empty list would read as "applies to nobody"; it only means the source names nobody we can read.
  const appliesTo = place.appliesTo && place.appliesTo.length > 0 ? place.appliesTo : undefined;
  readDocumentsAt(
    node,
    { kind: place.kind, path: `${r.path}.${property}`, appliesTo, resourceService: place.resourceService },
    r.context,
    r.out,
  );
}

/** `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy`: the principals listed, and those attaching it. */
function attachedPolicy(r: Resource): void {
  const appliesTo = new Set([
    ...names(r, 'Roles'),
    ...names(r, 'Users'),
    ...names(r, 'Groups'),
    ...(r.attachedBy.get(r.id) ?? []),
  ]);
  document(r, 'PolicyDocument', { kind: 'identity', appliesTo: [...appliesTo] });
}

/** `Policies: [{PolicyName, PolicyDocument}]` of a role, user or group. */
function inlinePolicies(r: Resource): void {
  forEachItem(member(r.properties, 'Policies'), `${r.path}.Policies`, false, (item, path, conditional) => {
    const node = member(item, 'PolicyDocument');
    const place: DocumentPlace = {
      kind: 'identity',
      path: `${path}.PolicyDocument`,
      ...(!conditional && { appliesTo: [r.id] }),
    };
    if (node) readDocumentsAt(node, place, r.context, r.out);
  });
}

function resourcePolicy(property: string, service: string | undefined): Handler {
  return (r) => document(r, property, service ? { kind: 'resource', resourceService: service } : { kind: 'resource' });
}

function organizationsPolicy(r: Resource): void {
  const type = stringOf(member(r.properties, 'Type'));
  const kind = type === 'SERVICE_CONTROL_POLICY' ? 'scp' : type === 'RESOURCE_CONTROL_POLICY' ? 'rcp' : undefined;
  // Tag, backup and AI opt-out policies are not IAM policies.
  if (kind) document(r, 'Content', { kind });
}

/**
 * SAM `Policies`: a managed policy name or ARN, a SAM policy template (`{S3ReadPolicy: {...}}`), an
 * inline document, or a list of these. Only the inline documents are read; the rest is skipped.
 */
function samPolicies(r: Resource): void {
  document(r, 'AssumeRolePolicyDocument', { kind: 'trust' });
  const policies = member(r.properties, 'Policies');
  const inline = (item: Node, path: string, conditional: boolean): void => {
    if (item.kind !== 'object' || intrinsicOf(item) || !member(item, 'Statement')) return;
    readDocumentsAt(item, { kind: 'identity', path, ...(!conditional && { appliesTo: [r.id] }) }, r.context, r.out);
  };
  if (policies?.kind === 'object' && !intrinsicOf(policies)) inline(policies, `${r.path}.Policies`, false);
  else forEachItem(policies, `${r.path}.Policies`, false, inline);
}

/**
 * Each item of a list, with `Fn::If` expanded (at the list's level or an item's): `conditional` when
 * the item is one of two branches that never exist together.
 */
export function forEachItem(
  list: Node | undefined,
  path: string,
  conditional: boolean,
  visit: (item: Node, path: string, conditional: boolean) => void,
): void {
  const choice = ifBranches(list);
  if (choice) {
    for (const branch of choice.branches)
      forEachItem(branch.node, `${path}.Fn::If[${branch.index}]`, conditional || choice.exclusive, visit);
    return;
  }
  if (list?.kind !== 'array') return;
  list.items.forEach((item, i) => {
    const itemChoice = ifBranches(item);
    if (!itemChoice) {
      visit(item, `${path}[${i}]`, conditional);
      return;
    }
    for (const branch of itemChoice.branches)
      visit(branch.node, `${path}[${i}].Fn::If[${branch.index}]`, conditional || itemChoice.exclusive);
  });
}

/**
 * The principals a property names: `!Ref X` → `X`; a literal name → the logical id of the template's
 * principal of that name, else the name as written; anything else is skipped.
 */
function names(r: Resource, property: string): string[] {
  const node = member(r.properties, property);
  const items = node?.kind === 'array' ? node.items : node ? [node] : [];
  const out: string[] = [];
  for (const item of items) {
    const literal = stringOf(item);
    const name = literal !== undefined ? (r.idsByName.get(literal) ?? literal) : refTarget(item);
    if (name !== undefined && name !== '') out.push(name);
  }
  return out;
}

function refTarget(node: Node): string | undefined {
  const intrinsic = intrinsicOf(node);
  return intrinsic?.name === 'Ref' ? stringOf(intrinsic.arg) : undefined;
}
