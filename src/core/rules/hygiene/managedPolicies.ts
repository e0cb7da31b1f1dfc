/**
 * AWS managed policies attached in a template: administrator access, policies that amount to it (full
 * IAM, organisation or IAM Identity Center control, creating and passing roles), and full access to a
 * service.
 */
import type { ManagedPolicyAttachment, PolicySource } from '../../policy/model';
import type { Rule, SourceContext } from '../types';

const ADMIN = 'AdministratorAccess';

/** AWS managed policies one step from administrator, and why. */
const PRIVILEGED: ReadonlyMap<string, string> = new Map([
  ['IAMFullAccess', 'every IAM action: it can create a user or role and attach AdministratorAccess to it'],
  ['PowerUserAccess', 'every action of every service except IAM and Organizations, on every resource'],
  [
    'AWSOrganizationsFullAccess',
    'control of the organisation: accounts, service control policies, delegated administrators',
  ],
  ['AdministratorAccess-Amplify', 'it creates roles, attaches policies to them and passes them'],
  ['AdministratorAccess-AWSElasticBeanstalk', 'it passes any role and creates Elastic Beanstalk roles'],
  [
    'AWSSSOMasterAccountAdministrator',
    'every IAM Identity Center action: it can give anyone any permission set in any account',
  ],
  ['AWSSSOMemberAccountAdministrator', 'every IAM Identity Center action: it can give anyone any permission set'],
]);

function attached(
  source: PolicySource,
  ctx: SourceContext,
  pick: (name: string) => boolean,
  message: (a: ManagedPolicyAttachment, name: string) => string,
): void {
  for (const attachment of source.template?.managedPolicies ?? []) {
    const name = attachment.awsManagedName;
    if (name !== undefined && pick(name))
      ctx.report({ span: attachment.value.span, message: message(attachment, name) });
  }
}

function who(a: ManagedPolicyAttachment): string {
  // `AWS::SSO::PermissionSet` → `permission set`.
  const kind = a.principalType.split('::').pop() ?? 'principal';
  return `${kind.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()} ${a.principal}`;
}

export const awsManagedAdminPolicy: Rule = {
  meta: {
    id: 'aws-managed-admin-policy',
    name: 'AdministratorAccess attached',
    family: 'least-privilege',
    defaultSeverity: 'error',
    equivalents: { checkov: ['CKV_AWS_274'], cdkNag: ['IAM4'] },
    docs: {
      what: 'A role, user, group, IAM Identity Center permission set or SAM function or state machine of a template attaches the AWS managed policy `AdministratorAccess` (`ManagedPolicyArns`, `ManagedPolicies`, SAM `Policies`), by ARN (any partition, also through `!Sub arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess` or `Fn::Join`) or, in SAM, by name.',
      why: "It allows every action on every resource: whoever can use the principal (the function's code, anyone who can assume the role, a leaked key) owns the account.",
      example:
        '"DeployRole": { "Type": "AWS::IAM::Role", "Properties": { "ManagedPolicyArns": ["arn:aws:iam::aws:policy/AdministratorAccess"] } }',
      fix: 'Attach a policy with the actions and resources the principal needs (IAM Access Analyzer can generate one from its CloudTrail activity). A break-glass role that must stay administrator: suppress the finding there, with the reason.',
    },
  },
  checkSource(source, ctx) {
    attached(
      source,
      ctx,
      (name) => name === ADMIN,
      (a) => `The ${who(a)} gets AdministratorAccess: every action on every resource of the account.`,
    );
  },
};

export const awsManagedPrivilegedPolicy: Rule = {
  meta: {
    id: 'aws-managed-privileged-policy',
    name: 'Near-administrator managed policy attached',
    family: 'least-privilege',
    defaultSeverity: 'warning',
    equivalents: { checkov: ['CKV2_AWS_56'], cdkNag: ['IAM4'] },
    docs: {
      what: `A principal of a template attaches an AWS managed policy that is one step from administrator: ${[...PRIVILEGED.keys()].map((n) => `\`${n}\``).join(', ')}.`,
      why: 'Each lets its holder grant itself more (create a role with AdministratorAccess, assign any permission set, pass any role) or reach nearly every resource: in effect administrator.',
      example: '"Fn": { "Type": "AWS::Serverless::Function", "Properties": { "Policies": ["IAMFullAccess"] } }',
      fix: 'Write a policy with the actions the principal needs, on its own resources (e.g. `iam:PassRole` on one role, with `iam:PassedToService`); for delegated IAM administration, add a permissions boundary condition.',
    },
  },
  checkSource(source, ctx) {
    attached(
      source,
      ctx,
      (name) => PRIVILEGED.has(name),
      (a, name) => `The ${who(a)} gets ${name}: ${PRIVILEGED.get(name)}.`,
    );
  },
};

/**
 * Every other AWS managed policy (cdk-nag IAM4 in full) would flag `AWSLambdaBasicExecutionRole` in every
 * function: noise by default. The `...FullAccess` ones are the broad ones: every action of a service on
 * every resource, as `s3:*` on `*` written inline would be.
 */
export const awsManagedFullAccessPolicy: Rule = {
  meta: {
    id: 'aws-managed-full-access-policy',
    name: 'Full-access managed policy attached',
    family: 'least-privilege',
    defaultSeverity: 'warning',
    equivalents: { cdkNag: ['IAM4'] },
    docs: {
      what: 'A principal of a template attaches an AWS managed `...FullAccess` policy (`AmazonS3FullAccess`, `AmazonDynamoDBFullAccess`, `AmazonSQSFullAccess`...) other than those `aws-managed-privileged-policy` reports.',
      why: 'Such a policy allows every action of the service on every resource of the account (`AmazonS3FullAccess` is every bucket, including deleting them and changing their policies), and AWS adds actions to it over time without your review.',
      example:
        '"Fn": { "Type": "AWS::Serverless::Function", "Properties": { "Policies": ["AmazonDynamoDBFullAccess"] } }',
      fix: "Replace it with a policy scoped to the workload's resources and actions (for SAM, a policy template such as `DynamoDBCrudPolicy: {TableName: !Ref Table}`).",
    },
  },
  checkSource(source, ctx) {
    attached(
      source,
      ctx,
      (name) => name.endsWith('FullAccess') && !PRIVILEGED.has(name),
      (a, name) => `The ${who(a)} gets ${name}: full access to the service on every resource of the account.`,
    );
  },
};
