// Cases of the least-privilege grant rules: privilege-escalation, permissions-management,
// unconstrained-write, credentials-exposure, data-exfiltration, and how they divide a "*" with the
// older rules (admin-access, wildcard-action, resource-star).
import { allow, stmt, type Case } from '../case';

/** A YAML template with one role whose inline policies hold these statement lists (YAML flow). */
const role = (...policies: string[]): string =>
  [
    'Resources:',
    '  AppRole:',
    '    Type: AWS::IAM::Role',
    '    Properties:',
    '      AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}',
    '      Policies:',
    ...policies.flatMap((statements, i) => [
      `        - PolicyName: p${i}`,
      `          PolicyDocument: {Version: "2012-10-17", Statement: ${statements}}`,
    ]),
  ].join('\n');

const LAMBDA_ESCALATION = '"iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"';

export const leastPrivilegeCases: Case[] = [
  // privilege-escalation
  {
    name: 'PassRole + CreateFunction + InvokeFunction on *: depends on the roles there are, a warning',
    rule: 'privilege-escalation',
    text: allow(`"Action": [${LAMBDA_ESCALATION}], "Resource": "*"`),
    at: ['iam:PassRole'],
    severities: ['warning'],
  },
  {
    name: 'attaching any policy to a user reaches administrator: an error',
    rule: 'privilege-escalation',
    text: allow('"Action": "iam:AttachUserPolicy", "Resource": "*"'),
    at: ['iam:AttachUserPolicy'],
    severities: ['error'],
  },
  {
    name: 'a new default policy version reaches administrator',
    rule: 'privilege-escalation',
    text: allow('"Action": "iam:CreatePolicyVersion", "Resource": "arn:aws:iam::111122223333:policy/*"'),
    at: ['iam:CreatePolicyVersion'],
    severities: ['error'],
  },
  {
    name: 'a role policy and the means to assume the role reach administrator',
    rule: 'privilege-escalation',
    text: stmt(
      '{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}, {"Effect": "Allow", "Action": "iam:PutRolePolicy", "Resource": "*"}',
    ),
    at: ['iam:PutRolePolicy'],
    severities: ['error'],
  },
  {
    name: 'keys of other users depend on who they are: a warning beside an error',
    rule: 'privilege-escalation',
    text: allow('"Action": ["iam:CreateAccessKey", "iam:AttachUserPolicy"], "Resource": "*"'),
    at: ['iam:CreateAccessKey', 'iam:AttachUserPolicy'],
    severities: ['warning', 'error'],
  },
  {
    name: 'a console password for another user depends on who it is: a warning',
    rule: 'privilege-escalation',
    text: allow('"Action": "iam:CreateLoginProfile", "Resource": "*"'),
    at: ['iam:CreateLoginProfile'],
    severities: ['warning'],
  },
  {
    name: 'a combination split over two inline policies of one role',
    rule: 'privilege-escalation',
    format: 'yaml',
    text: role(
      '[{Effect: Allow, Action: [iam:PassRole], Resource: "*"}]',
      '[{Effect: Allow, Action: [lambda:CreateFunction, lambda:InvokeFunction], Resource: "*"}]',
    ),
    at: ['iam:PassRole'],
  },
  {
    name: 'the halves on two different roles are no combination',
    rule: 'privilege-escalation',
    format: 'yaml',
    text: [
      'Resources:',
      '  A:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      Policies: [{PolicyName: a, PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: iam:PassRole, Resource: "*"}]}}]',
      '  B:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      Policies: [{PolicyName: b, PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: ["lambda:CreateFunction", "lambda:InvokeFunction"], Resource: "*"}]}}]',
    ].join('\n'),
    at: [],
  },
  {
    name: 'PassRole on one named role is scoped',
    rule: 'privilege-escalation',
    text: stmt(
      `{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/fn"}, {"Effect": "Allow", "Action": ["lambda:CreateFunction", "lambda:InvokeFunction"], "Resource": "*"}`,
    ),
    at: [],
  },
  {
    name: 'PassRole on every role counts',
    rule: 'privilege-escalation',
    text: stmt(
      `{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/*"}, {"Effect": "Allow", "Action": ["lambda:CreateFunction", "lambda:InvokeFunction"], "Resource": "*"}`,
    ),
    at: ['iam:PassRole'],
  },
  {
    name: 'iam:PassedToService ruling out Lambda',
    rule: 'privilege-escalation',
    text: allow(
      `"Action": [${LAMBDA_ESCALATION}], "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}`,
    ),
    at: [],
  },
  {
    name: 'iam:PassedToService naming Lambda does not help',
    rule: 'privilege-escalation',
    text: allow(
      `"Action": [${LAMBDA_ESCALATION}], "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}`,
    ),
    at: ['iam:PassRole'],
  },
  {
    name: 'an unconditional Deny on * removes an action',
    rule: 'privilege-escalation',
    text: stmt(
      `{"Effect": "Allow", "Action": ["iam:CreateAccessKey", "s3:GetObject"], "Resource": "*"}, {"Effect": "Deny", "Action": "iam:CreateAccessKey", "Resource": "*"}`,
    ),
    at: [],
  },
  {
    name: 'a conditional Deny removes nothing',
    rule: 'privilege-escalation',
    text: stmt(
      `{"Effect": "Allow", "Action": "iam:CreateAccessKey", "Resource": "*"}, {"Effect": "Deny", "Action": "iam:*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}}`,
    ),
    at: ['iam:CreateAccessKey'],
  },
  {
    name: 'access keys for the caller only',
    rule: 'privilege-escalation',
    text: allow('"Action": "iam:CreateAccessKey", "Resource": "arn:aws:iam::*:user/${aws:username}"'),
    at: [],
  },
  {
    name: 'a role ARN pattern does not grant user actions',
    rule: 'privilege-escalation',
    text: allow('"Action": "iam:CreateAccessKey", "Resource": "arn:aws:iam::*:role/*"'),
    at: [],
  },
  {
    name: "administrator access is admin-access's",
    rule: 'privilege-escalation',
    text: allow('"Action": "*", "Resource": "*"'),
    at: [],
  },
  {
    name: 'an action only reachable through an unknown part is not counted',
    rule: 'privilege-escalation',
    format: 'yaml',
    text: role(
      '[{Effect: Allow, Action: [iam:PassRole, !Sub "lambda:${Verb}Function", lambda:InvokeFunction], Resource: "*"}]',
    ),
    at: [],
  },
  {
    name: 'every role of an unknown account is every role',
    rule: 'privilege-escalation',
    format: 'yaml',
    text: role(
      '[{Effect: Allow, Action: iam:PassRole, Resource: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*"}, {Effect: Allow, Action: [cloudformation:CreateStack], Resource: "*"}]',
    ),
    at: ['iam:PassRole'],
  },
  // permissions-management
  {
    name: 'attach policies to any role',
    rule: 'permissions-management',
    text: allow('"Action": ["iam:AttachRolePolicy", "dynamodb:PutItem"], "Resource": "*"'),
    at: ['*'],
  },
  {
    name: 'attach policies with a permissions-boundary condition',
    rule: 'permissions-management',
    text: allow(
      '"Action": "iam:AttachRolePolicy", "Resource": "*", "Condition": {"StringEquals": {"iam:PermissionsBoundary": "arn:aws:iam::111122223333:policy/b"}}',
    ),
    at: [],
  },
  {
    name: 'permissions management on named roles',
    rule: 'permissions-management',
    text: allow('"Action": "iam:PutRolePolicy", "Resource": "arn:aws:iam::111122223333:role/app-*"'),
    at: [],
  },
  {
    name: 'permissions management through an unknown action is not guessed',
    rule: 'permissions-management',
    format: 'yaml',
    text: 'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action: !Sub "iam:${Verb}RolePolicy"\n    Resource: "*"\n',
    at: [],
  },
  // unconstrained-write
  {
    name: 'delete any table',
    rule: 'unconstrained-write',
    text: allow('"Action": ["dynamodb:DeleteTable", "dynamodb:GetItem"], "Resource": "*"'),
    at: ['*'],
  },
  {
    name: 'write actions that need * are not counted',
    rule: 'unconstrained-write',
    text: allow('"Action": ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], "Resource": "*"'),
    at: [],
  },
  {
    name: "write with permissions management is permissions-management's",
    rule: 'unconstrained-write',
    text: allow('"Action": ["dynamodb:DeleteTable", "iam:PutRolePolicy"], "Resource": "*"'),
    at: [],
  },
  {
    name: 'write on a named table',
    rule: 'unconstrained-write',
    text: allow('"Action": "dynamodb:PutItem", "Resource": "arn:aws:dynamodb:eu-west-1:111122223333:table/t"'),
    at: [],
  },
  // how the rules divide a "*"
  {
    name: "write on * is unconstrained-write's, not resource-star's",
    rule: 'resource-star',
    text: allow('"Action": "dynamodb:PutItem", "Resource": "*"'),
    at: [],
  },
  {
    name: "write on * under a condition on the caller is resource-star's",
    rule: 'resource-star',
    text: allow(
      '"Action": "dynamodb:PutItem", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}',
    ),
    at: ['*'],
    severities: ['warning'],
  },
  // resource-star: conditions that scope the request, List and Read actions
  {
    name: 'write on * scoped by a resource tag',
    rule: 'resource-star',
    text: allow(
      '"Action": "dynamodb:PutItem", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "a"}}',
    ),
    at: [],
  },
  {
    name: 'a service-linked role scoped by iam:AWSServiceName',
    rule: 'resource-star',
    text: allow(
      '"Action": "iam:CreateServiceLinkedRole", "Resource": "*", "Condition": {"StringEquals": {"iam:AWSServiceName": "autoscaling.amazonaws.com"}}',
    ),
    at: [],
  },
  {
    name: 'a key used only through one service (kms:ViaService) limits how, not which keys: information',
    rule: 'resource-star',
    text: allow(
      '"Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Resource": "*", "Condition": {"StringEquals": {"kms:ViaService": "s3.eu-west-1.amazonaws.com"}}',
    ),
    at: ['*'],
    severities: ['info'],
  },
  {
    name: 'scoped to the resources of the account',
    rule: 'resource-star',
    text: allow(
      '"Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceAccount": "111122223333"}}',
    ),
    at: [],
  },
  {
    name: 'a region key limits the region, not the resources: information',
    rule: 'resource-star',
    text: allow(
      '"Action": "ec2:StartInstances", "Resource": "*", "Condition": {"StringEquals": {"ec2:Region": "eu-west-1"}}',
    ),
    at: ['*'],
    severities: ['info'],
  },
  {
    name: 'a tag condition tested IfExists does not scope',
    rule: 'resource-star',
    text: allow(
      '"Action": "dynamodb:PutItem", "Resource": "*", "Condition": {"StringEqualsIfExists": {"aws:ResourceTag/team": "a"}, "Bool": {"aws:MultiFactorAuthPresent": "true"}}',
    ),
    at: ['*'],
    severities: ['warning'],
  },
  {
    name: 'a negated tag condition does not scope',
    rule: 'resource-star',
    text: allow(
      '"Action": "dynamodb:PutItem", "Resource": "*", "Condition": {"StringNotEquals": {"aws:ResourceTag/team": "a"}}',
    ),
    at: ['*'],
  },
  {
    name: 'a transport key restricts nothing that matters: Write on every bucket',
    rule: 'unconstrained-write',
    text: allow(
      '"Action": "s3:PutObject", "Resource": "*", "Condition": {"StringEquals": {"s3:signatureversion": "AWS4-HMAC-SHA256"}}',
    ),
    at: ['*'],
    severities: ['warning'],
  },
  {
    name: 'ec2:Describe* on * is how listing works',
    rule: 'resource-star',
    text: allow('"Action": ["ec2:Describe*", "s3:ListBucket"], "Resource": "*"'),
    at: [],
  },
  {
    name: 'List and Read together: information, naming the Read action',
    rule: 'resource-star',
    text: allow('"Action": ["s3:ListBucket", "s3:GetObject"], "Resource": "*"'),
    at: ['*'],
    severities: ['info'],
  },
  {
    name: 'a tag condition with no values does not scope',
    rule: 'resource-star',
    text: allow(
      '"Action": "dynamodb:GetItem", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": []}}',
    ),
    at: ['*'],
    severities: ['info'],
  },
  {
    name: 'only resources that carry a tag ("Null": "false", as the EKS controllers\' policies do)',
    rule: 'resource-star',
    text: allow(
      '"Action": ["ec2:AuthorizeSecurityGroupIngress", "ec2:DeleteSecurityGroup"], "Resource": "*", "Condition": {"Null": {"aws:ResourceTag/elbv2.k8s.aws/cluster": "false"}}',
    ),
    at: [],
  },
  {
    name: 'a tag that must be absent does not scope',
    rule: 'resource-star',
    text: allow(
      '"Action": ["ec2:AuthorizeSecurityGroupIngress", "ec2:DeleteSecurityGroup"], "Resource": "*", "Condition": {"Null": {"aws:ResourceTag/elbv2.k8s.aws/cluster": "true"}}',
    ),
    at: ['*'],
  },
  {
    name: "a service's own tag key scopes (autoscaling:ResourceTag/...)",
    rule: 'resource-star',
    text: allow(
      '"Action": ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"], "Resource": "*", "Condition": {"StringEquals": {"autoscaling:ResourceTag/kubernetes.io/cluster/prod": "owned"}}',
    ),
    at: [],
  },
  {
    name: 'only through an AWS service (aws:ViaAWSService): information',
    rule: 'resource-star',
    text: allow(
      '"Action": ["ec2:CreateSecurityGroup", "ec2:CreateTags"], "Resource": "*", "Condition": {"Bool": {"aws:ViaAWSService": "true"}}',
    ),
    at: ['*'],
    severities: ['info'],
  },
  {
    name: 'tagging any resource stays a warning',
    rule: 'resource-star',
    text: allow('"Action": "dynamodb:TagResource", "Resource": "*"'),
    at: ['*'],
    severities: ['warning'],
  },
  {
    name: "administrator access is admin-access's alone",
    rule: 'wildcard-action',
    text: allow('"Action": "*", "Resource": "*"'),
    at: [],
  },
  {
    name: 'administrator access is not also resource-star',
    rule: 'resource-star',
    text: allow('"Action": "*", "Resource": "*"'),
    at: [],
  },
  {
    name: 'administrator access is not also permissions-management',
    rule: 'permissions-management',
    text: allow('"Action": "*", "Resource": "*"'),
    at: [],
  },
  // credentials-exposure
  {
    name: 'assume any role',
    rule: 'credentials-exposure',
    text: allow('"Action": ["sts:AssumeRole", "s3:ListAllMyBuckets"], "Resource": "*"'),
    at: ['sts:AssumeRole'],
  },
  {
    name: 'an identity pool role may call the public GetCredentialsForIdentity',
    rule: 'credentials-exposure',
    text: allow('"Action": "cognito-identity:GetCredentialsForIdentity", "Resource": "*"'),
    at: [],
  },
  {
    name: 'assume one role',
    rule: 'credentials-exposure',
    text: allow('"Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111122223333:role/reporting"'),
    at: [],
  },
  {
    name: 'database passwords through a wildcard',
    rule: 'credentials-exposure',
    text: allow('"Action": "redshift:GetClusterCredential*", "Resource": "*"'),
    at: ['redshift:GetClusterCredential*'],
  },
  {
    name: 'the ECR token every image pull needs',
    rule: 'credentials-exposure',
    text: allow('"Action": ["ecr:GetAuthorizationToken", "sts:GetSessionToken"], "Resource": "*"'),
    at: [],
  },
  {
    name: 'assume roles of an unknown name',
    rule: 'credentials-exposure',
    format: 'yaml',
    text: 'Version: "2012-10-17"\nStatement:\n  - {Effect: Allow, Action: sts:AssumeRole, Resource: !Sub "arn:aws:iam::${AWS::AccountId}:role/${Name}"}\n',
    at: [],
  },
  // data-exfiltration
  {
    name: 'read any secret',
    rule: 'data-exfiltration',
    text: allow('"Action": ["secretsmanager:GetSecretValue", "secretsmanager:ListSecrets"], "Resource": "*"'),
    at: ['secretsmanager:GetSecretValue'],
  },
  {
    name: 'read any object through s3:Get*',
    rule: 'data-exfiltration',
    text: allow('"Action": ["s3:Get*", "ssm:GetParameters"], "Resource": "*"'),
    at: ['s3:Get*', 'ssm:GetParameters'],
  },
  {
    name: 'every object of every bucket',
    rule: 'data-exfiltration',
    text: allow('"Action": "s3:GetObject", "Resource": "arn:aws:s3:::*/*"'),
    at: ['s3:GetObject'],
  },
  {
    name: 'objects of one bucket',
    rule: 'data-exfiltration',
    text: allow('"Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"'),
    at: [],
  },
  {
    name: 'reading any object with a condition',
    rule: 'data-exfiltration',
    text: allow(
      '"Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceAccount": "111122223333"}}',
    ),
    at: [],
  },
  {
    name: 'kms:Decrypt is not on the list',
    rule: 'data-exfiltration',
    text: allow('"Action": "kms:Decrypt", "Resource": "*"'),
    at: [],
  },
  {
    name: 'a bucket policy is not an identity policy',
    rule: 'data-exfiltration',
    text: stmt(
      '{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "*"}',
    ),
    at: [],
  },

  // A Condition that restricts nothing exempts nothing (analysis/conditions.ts), and no spelling of
  // "everything" escapes admin-access.
  {
    name: 'an empty Condition restricts nothing',
    rule: 'admin-access',
    text: allow('"Action": "*", "Resource": "*", "Condition": {}'),
    at: ['*'],
  },
  {
    name: 'an operator with no keys restricts nothing',
    rule: 'admin-access',
    text: allow('"Action": "*", "Resource": "*", "Condition": {"StringEquals": {}, "Bool": {}}'),
    at: ['*'],
  },
  {
    name: 'a key with no values restricts nothing',
    rule: 'admin-access',
    text: allow('"Action": "*", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": []}}'),
    at: ['*'],
  },
  {
    name: 'StringLike "*" restricts nothing',
    rule: 'admin-access',
    text: allow('"Action": "*", "Resource": "*", "Condition": {"StringLike": {"aws:SourceVpce": "*"}}'),
    at: ['*'],
  },
  {
    name: 'IfExists on a key most requests lack restricts nothing',
    rule: 'admin-access',
    text: allow(
      '"Action": "*", "Resource": "*", "Condition": {"StringEqualsIfExists": {"aws:SourceVpce": "vpce-1a2b3c4d"}}',
    ),
    at: ['*'],
  },
  {
    name: 'an unknown key under a negated operator restricts nothing',
    rule: 'admin-access',
    text: allow('"Action": "*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:PrincipalOrgIDs": "o-abc"}}'),
    at: ['*'],
  },
  {
    name: 'Null with a value that is no boolean restricts nothing',
    rule: 'admin-access',
    text: allow('"Action": "*", "Resource": "*", "Condition": {"Null": {"aws:MultiFactorAuthAge": "no"}}'),
    at: ['*'],
  },
  {
    name: 'a Condition chosen by !If may restrict',
    rule: 'admin-access',
    format: 'yaml',
    text: 'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action: "*"\n    Resource: "*"\n    Condition: !If [IsProd, {Bool: {aws:MultiFactorAuthPresent: "true"}}, !Ref AWS::NoValue]\n',
    at: [],
  },
  {
    name: 'an IfExists on a key every request carries restricts',
    rule: 'admin-access',
    text: allow(
      '"Action": "*", "Resource": "*", "Condition": {"ArnEqualsIfExists": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/break-glass"}}',
    ),
    at: [],
  },
  { name: '*:* is every action', rule: 'admin-access', text: allow('"Action": "*:*", "Resource": "*"'), at: ['*:*'] },
  {
    name: 'an ARN of wildcards is every resource',
    rule: 'admin-access',
    text: allow('"Action": "*", "Resource": "arn:aws:*:*:*:*"'),
    at: ['*'],
  },
  {
    name: 'NotAction excluding a misspelt action excludes nothing',
    rule: 'admin-access',
    text: allow('"NotAction": "iam:DeleteUsr", "Resource": "*"'),
    at: ['NotAction'],
  },
  {
    name: 'NotAction with an empty list excludes nothing',
    rule: 'admin-access',
    text: allow('"NotAction": [], "Resource": "*"'),
    at: ['NotAction'],
  },
  {
    name: "NotAction excluding IAM is allow-not-action's",
    rule: 'admin-access',
    text: allow('"NotAction": "iam:*", "Resource": "*"'),
    at: [],
  },
  {
    name: 'NotResource sparing one bucket leaves everything else',
    rule: 'admin-access',
    text: allow('"Action": "*", "NotResource": "arn:aws:s3:::audit-logs/*"'),
    at: ['*'],
  },
  {
    name: "NotResource that may cover IAM is allow-not-resource's",
    rule: 'admin-access',
    text: allow('"Action": "*", "NotResource": ["arn:aws:s3:::audit-logs/*", "arn:aws:iam::*:role/*"]'),
    at: [],
  },
  {
    name: "NotAction excluding nothing is admin-access's, not also allow-not-action's",
    rule: 'allow-not-action',
    text: allow('"NotAction": "iam:DeleteUsr", "Resource": "*"'),
    at: [],
  },
  {
    name: "NotResource leaving IAM with Action * is admin-access's, not also allow-not-resource's",
    rule: 'allow-not-resource',
    text: allow('"Action": "*", "NotResource": "arn:aws:s3:::audit-logs/*"'),
    at: [],
  },
  {
    name: "administrator access with an empty Condition is admin-access's alone",
    rule: 'wildcard-action',
    text: allow('"Action": "*", "Resource": "*", "Condition": {}'),
    at: [],
  },
  {
    name: '*:* on one bucket is every action',
    rule: 'wildcard-action',
    text: allow('"Action": "*:*", "Resource": "arn:aws:s3:::b"'),
    at: ['*:*'],
  },
  {
    name: 'permissions management under an empty operator',
    rule: 'permissions-management',
    text: allow('"Action": "iam:AttachRolePolicy", "Resource": "*", "Condition": {"StringEquals": {}}'),
    at: ['*'],
  },
  {
    name: 'permissions management under a tag condition matching any value',
    rule: 'permissions-management',
    text: allow(
      '"Action": "iam:AttachRolePolicy", "Resource": "*", "Condition": {"StringLike": {"aws:ResourceTag/team": "*"}}',
    ),
    at: ['*'],
  },
  {
    name: 'write under an empty Condition',
    rule: 'unconstrained-write',
    text: allow('"Action": "dynamodb:DeleteTable", "Resource": "*", "Condition": {}'),
    at: ['*'],
  },
  {
    name: 'write under a tag condition with no values',
    rule: 'unconstrained-write',
    text: allow(
      '"Action": "dynamodb:DeleteTable", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": []}}',
    ),
    at: ['*'],
  },
  {
    name: 'assume any role under an empty Condition',
    rule: 'credentials-exposure',
    text: allow('"Action": "sts:AssumeRole", "Resource": "*", "Condition": {}'),
    at: ['sts:AssumeRole'],
  },
  {
    name: 'assume any role under IfExists on a tag',
    rule: 'credentials-exposure',
    text: allow(
      '"Action": "sts:AssumeRole", "Resource": "*", "Condition": {"StringEqualsIfExists": {"aws:ResourceTag/team": "a"}}',
    ),
    at: ['sts:AssumeRole'],
  },
  {
    name: 'read any secret under an account condition matching any value',
    rule: 'data-exfiltration',
    text: allow(
      '"Action": "secretsmanager:GetSecretValue", "Resource": "*", "Condition": {"StringLike": {"aws:ResourceAccount": "*"}}',
    ),
    at: ['secretsmanager:GetSecretValue'],
  },
  {
    name: 'iam:PassedToService with no values forbids no service',
    rule: 'privilege-escalation',
    text: allow(
      `"Action": [${LAMBDA_ESCALATION}], "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": []}}`,
    ),
    at: ['iam:PassRole'],
  },
  {
    name: 'iam:PassedToService tested IfExists forbids no service',
    rule: 'privilege-escalation',
    text: allow(
      `"Action": [${LAMBDA_ESCALATION}], "Resource": "*", "Condition": {"StringEqualsIfExists": {"iam:PassedToService": "ec2.amazonaws.com"}}`,
    ),
    at: ['iam:PassRole'],
  },
  {
    name: 'a Deny under IfExists spares the requests that carry the key',
    rule: 'privilege-escalation',
    text: stmt(
      `{"Effect": "Allow", "Action": "iam:CreateAccessKey", "Resource": "*"}, {"Effect": "Deny", "Action": "iam:CreateAccessKey", "Resource": "*", "Condition": {"StringNotEqualsIfExists": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}`,
    ),
    at: ['iam:CreateAccessKey'],
  },
  {
    name: 'a Deny under an empty Condition removes the action',
    rule: 'privilege-escalation',
    text: stmt(
      `{"Effect": "Allow", "Action": ["iam:CreateAccessKey", "s3:GetObject"], "Resource": "*"}, {"Effect": "Deny", "Action": "iam:CreateAccessKey", "Resource": "*", "Condition": {}}`,
    ),
    at: [],
  },
  {
    name: "a NotAction that excludes nothing is admin-access's",
    rule: 'privilege-escalation',
    text: allow('"NotAction": "iam:DeleteUsr", "Resource": "*"'),
    at: [],
  },
  {
    name: 'PassRole on * under iam:PassedToService "*"',
    rule: 'passrole-star-resource',
    text: allow('"Action": "iam:PassRole", "Resource": "*", "Condition": {"StringLike": {"iam:PassedToService": "*"}}'),
    at: ['iam:PassRole'],
  },
  {
    name: 'PassRole on * under iam:PassedToService with no values',
    rule: 'passrole-star-resource',
    text: allow(
      '"Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": []}}',
    ),
    at: ['iam:PassRole'],
  },
  {
    name: 'PassRole on one role under iam:PassedToService "*"',
    rule: 'passrole-without-service',
    text: allow(
      '"Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/app", "Condition": {"StringLike": {"iam:PassedToService": "*"}}',
    ),
    at: ['iam:PassRole'],
  },

  // From the review of the condition logic: what a condition names, not only that it restricts.
  {
    name: 'a request attribute (s3:x-amz-acl) limits the request, not the buckets',
    rule: 'resource-star',
    text: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"*","Condition":{"StringEquals":{"s3:x-amz-acl":"public-read"}}}]}',
    at: ['*'],
  },
  {
    name: 'iam:PassedToService limits where a role goes, not which roles',
    rule: 'resource-star',
    text: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com"}}}]}',
    at: ['*'],
  },
  {
    name: 'ForAllValues on a tag lets untagged resources through: no scope',
    rule: 'unconstrained-write',
    text: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:TerminateInstances","Resource":"*","Condition":{"ForAllValues:StringEquals":{"ec2:ResourceTag/env":"dev"}}}]}',
    at: ['*'],
  },
  {
    name: 'aws:SecureTransport concerns transport only: reading every secret over TLS is still reported',
    rule: 'data-exfiltration',
    text: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}',
    at: ['secretsmanager:GetSecretValue'],
  },
  {
    name: 'IfExists on a service tag key (absent from untagged secrets) restricts nothing',
    rule: 'data-exfiltration',
    text: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*","Condition":{"StringEqualsIfExists":{"secretsmanager:ResourceTag/team":"a"}}}]}',
    at: ['secretsmanager:GetSecretValue'],
  },
  {
    name: 'administrator access over TLS is administrator access',
    rule: 'admin-access',
    text: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}',
    at: ['*'],
  },
  {
    name: 'ArnEquals "*" matches every principal, as ArnLike does',
    rule: 'admin-access',
    text: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"ArnEquals":{"aws:PrincipalArn":"*"}}}]}',
    at: ['*'],
  },
  {
    name: 'Null iam:PassedToService names no service',
    rule: 'passrole-without-service',
    text: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/admin","Condition":{"Null":{"iam:PassedToService":"false"}}}]}',
    at: ['iam:PassRole'],
  },
  {
    name: 'Null iam:PassedToService does not rule out passing to Lambda',
    rule: 'privilege-escalation',
    text: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:PassRole","lambda:CreateFunction","lambda:InvokeFunction"],"Resource":"*","Condition":{"Null":{"iam:PassedToService":"false"}}}]}',
    at: ['iam:PassRole'],
  },
  {
    name: 'a negated external id admits every other value',
    rule: 'cross-account-trust',
    text: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"sts:AssumeRole","Condition":{"StringNotEquals":{"sts:ExternalId":"nope"}}}]}',
    at: ['arn:aws:iam::999988887777:root'],
  },
  {
    name: 'a negated subject pins nothing',
    rule: 'oidc-trust-unpinned',
    text: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringNotEquals":{"token.actions.githubusercontent.com:sub":"repo:evil/x:ref:refs/heads/main"}}}]}',
    at: ['arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com'],
  },
  {
    name: 'a negated source account names no source',
    rule: 'service-principal-without-source',
    text: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringNotEquals":{"aws:SourceAccount":"000000000000"}}}]}',
    at: ['cloudtrail.amazonaws.com'],
  },
];
