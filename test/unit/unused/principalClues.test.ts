/**
 * The evidence of each identity policy's deployed principal that its file gives, read with the real
 * parsers: literal names (CloudFormation/SAM in YAML and JSON, CDK, Terraform) with the line they are on,
 * the stacks a template is deployed as, and cdk.out's stack and logical id of a CDK construct. A name
 * built from parameters, tokens or interpolation is no evidence.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import {
  filePrincipals,
  principalClues,
  readCloudAssembly,
  readIfPresent,
  readPolicySource,
  type PrincipalClue,
  type SourceFormat,
} from '../../../src/core';
import type { StackRef } from '../../../src/core/unused/deployed/types';
import { repoRoot } from '../../harness/paths';
import { loadGrammars } from '../helpers/grammars';

const ASSEMBLY_APP = path.join(repoRoot, 'test', 'fixtures', 'cdk-assembly');

/** The clues of each identity policy of a text, by the policy's path, in a compact form. */
function cluesOf(
  text: string,
  format: SourceFormat,
  extra: { stacks?: StackRef[]; assembly?: boolean } = {},
): Record<string, string[]> {
  const source = readPolicySource(text, format);
  const assembly = extra.assembly ? readCloudAssembly(path.join(ASSEMBLY_APP, 'cdk.out'), readIfPresent) : undefined;
  const sources = {
    file: 'f',
    principals: filePrincipals(text, source),
    stacks: extra.stacks ?? [],
    ...(assembly && { assembly }),
  };
  const out: Record<string, string[]> = {};
  for (const document of source.documents)
    if (document.kind === 'identity') out[document.path] = principalClues(document, sources).map(show);
  return out;
}

function show(clue: PrincipalClue): string {
  if (clue.kind === 'arn') return `arn ${clue.arn} (${clue.where})`;
  if (clue.kind === 'name') return `${clue.type} ${clue.iamPath}${clue.name} (${clue.where})`;
  const name = clue.name === undefined ? '' : ` named ${clue.name}`;
  const where = [clue.account, clue.region].filter(Boolean).join(' ');
  return `stack ${clue.stack}${where ? ` [${where}]` : ''} ${clue.logicalId}${name} (${clue.source}: ${clue.from})`;
}

const SAMCONFIG: StackRef = { stack: 'orders-service-dev', source: 'samconfig', from: 'samconfig.toml:4' };

describe('the principal clues of a policy', () => {
  before(loadGrammars);

  const cases: [string, string, SourceFormat, Record<string, string[]>, { stacks?: StackRef[] }?][] = [
    [
      'CloudFormation YAML: the RoleName and Path of the role a policy is inline in, and the stack',
      `Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: app-role
      Path: /service/
      AssumeRolePolicyDocument: { Statement: [] }
      Policies:
        - PolicyName: app
          PolicyDocument: { Statement: [{ Effect: Allow, Action: s3:ListAllMyBuckets, Resource: '*' }] }
`,
      'yaml',
      {
        'Resources.AppRole.Properties.Policies[0].PolicyDocument': [
          'role /service/app-role (RoleName at f:5)',
          'stack orders-service-dev AppRole (samconfig: samconfig.toml:4)',
        ],
      },
      { stacks: [SAMCONFIG] },
    ],
    [
      'a name or a path built by an intrinsic is no evidence; the logical id still finds the stack',
      `Parameters: { Stage: { Type: String } }
Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Sub app-\${Stage}
      AssumeRolePolicyDocument: { Statement: [] }
      Policies:
        - PolicyName: app
          PolicyDocument: { Statement: [{ Effect: Allow, Action: s3:ListAllMyBuckets, Resource: '*' }] }
  OtherRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: other
      Path: !Ref RolePath
      AssumeRolePolicyDocument: { Statement: [] }
      Policies:
        - PolicyName: app
          PolicyDocument: { Statement: [{ Effect: Allow, Action: s3:ListAllMyBuckets, Resource: '*' }] }
`,
      'yaml',
      {
        'Resources.AppRole.Properties.Policies[0].PolicyDocument': [
          'stack orders-service-dev AppRole (samconfig: samconfig.toml:4)',
        ],
        // Its path is not known: the stack look-up will say so (choosePrincipal) rather than guess `/`.
        'Resources.OtherRole.Properties.Policies[0].PolicyDocument': [
          'stack orders-service-dev OtherRole (samconfig: samconfig.toml:4)',
        ],
      },
      { stacks: [SAMCONFIG] },
    ],
    [
      "a policy attached with Roles: [!Ref X] takes X's name; a literal existing role's name is evidence itself",
      `Resources:
  WorkerRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: worker
      AssumeRolePolicyDocument: { Statement: [] }
  WorkerPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: w
      Roles: [!Ref WorkerRole]
      PolicyDocument: { Statement: [{ Effect: Allow, Action: sqs:ReceiveMessage, Resource: '*' }] }
  LegacyPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Users:
        - legacy-ci
      PolicyDocument: { Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: '*' }] }
`,
      'yaml',
      {
        'Resources.WorkerPolicy.Properties.PolicyDocument': ['role /worker (RoleName at f:5)'],
        'Resources.LegacyPolicy.Properties.PolicyDocument': ['user /legacy-ci (Users at f:17)'],
      },
    ],
    [
      "SAM: a function's policies belong to the role SAM generates, `<Function>Role` in the stack",
      `Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Policies:
        - Statement: [{ Effect: Allow, Action: dynamodb:GetItem, Resource: '*' }]
`,
      'yaml',
      {
        'Resources.OrdersFunction.Properties.Policies[0]': [
          'stack orders-service-dev OrdersFunctionRole (samconfig: samconfig.toml:4)',
        ],
      },
      { stacks: [SAMCONFIG] },
    ],
    [
      'CloudFormation JSON: UserName of the user an AWS::IAM::UserPolicy names',
      `{
  "Resources": {
    "Ci": { "Type": "AWS::IAM::User", "Properties": { "UserName": "ci-bot" } },
    "CiPolicy": {
      "Type": "AWS::IAM::UserPolicy",
      "Properties": {
        "UserName": { "Ref": "Ci" },
        "PolicyName": "ci",
        "PolicyDocument": { "Statement": [{ "Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*" }] }
      }
    }
  }
}
`,
      'json',
      { 'Resources.CiPolicy.Properties.PolicyDocument': ['user /ci-bot (UserName at f:3)'] },
    ],
    [
      'CDK: roleName of the Role construct, an imported role by name or ARN; a token is no evidence',
      `import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

const NAME = 'reporting';
export class S extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    const reports = new iam.Role(this, 'Reports', { roleName: NAME, assumedBy: new iam.AccountRootPrincipal() });
    reports.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    const dynamic = new iam.Role(this, 'Dynamic', { roleName: \`r-\${id}\`, assumedBy: new iam.AccountRootPrincipal() });
    dynamic.addToPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['*'] }));
    const legacy = iam.Role.fromRoleName(this, 'Legacy', 'legacy-app');
    legacy.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['*'] }));
    const ci = iam.User.fromUserArn(this, 'Ci', 'arn:aws:iam::111122223333:user/ci');
    ci.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }));
  }
}
`,
      'typescript',
      {
        'reports.addToPolicy (line 9)': ['role /reporting (roleName at f:4)'],
        'dynamic.addToPolicy (line 11)': [],
        'legacy.addToPrincipalPolicy (line 13)': ['role /legacy-app (fromRoleName at f:12)'],
        'ci.addToPrincipalPolicy (line 15)': ['arn arn:aws:iam::111122223333:user/ci (fromUserArn at f:14)'],
      },
    ],
    [
      'Terraform: name and path of the aws_iam_role a role policy names; a literal role name; interpolation is none',
      `resource "aws_iam_role" "app" {
  name               = "app-role"
  path               = "/svc/"
  assume_role_policy = "{}"
}

resource "aws_iam_role_policy" "app" {
  role   = aws_iam_role.app.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}

resource "aws_iam_role_policy" "existing" {
  role   = "existing-role"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }] })
}

resource "aws_iam_role" "env" {
  name               = "app-\${var.env}"
  assume_role_policy = "{}"
}

resource "aws_iam_role_policy" "env" {
  role   = aws_iam_role.env.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sns:Publish", Resource = "*" }] })
}
`,
      'terraform',
      {
        'aws_iam_role_policy.app.policy': ['role /svc/app-role (name at f:2)'],
        'aws_iam_role_policy.existing.policy': ['role /existing-role (role at f:13)'],
        'aws_iam_role_policy.env.policy': [],
      },
    ],
  ];
  for (const [what, text, format, expected, extra] of cases) {
    test(what, () => assert.deepEqual(cluesOf(text, format, extra), expected));
  }

  test("CDK with cdk.out: a construct's stack and logical id (template metadata or manifest), the name its template writes", () => {
    const text = readFileSync(path.join(ASSEMBLY_APP, 'lib', 'orders-api.ts'), 'utf8');
    assert.deepEqual(cluesOf(text, 'typescript', { assembly: true }), {
      'role.addToPolicy (line 10)': [
        'stack orders-service-dev [123837392027 us-east-1] FunctionRole (cdk.out: cdk.out, OrdersApi/FunctionRole/Resource)',
      ],
      'audit.addToPolicy (line 16)': [
        'role /audit/orders-audit (roleName at f:12)',
        'stack orders-service-dev [123837392027 us-east-1] AuditRole4C1F2A3B named orders-audit (cdk.out: cdk.out, OrdersApi/AuditRole/Resource)',
      ],
      'handler.addToRolePolicy (line 22)': [
        'stack orders-service-dev [123837392027 us-east-1] HandlerServiceRoleFCDC14AE (cdk.out: cdk.out, OrdersApi/Handler/ServiceRole/Resource)',
      ],
    });
  });

  test('a policy attached to two principals gets the clues of both (choosePrincipal then names neither)', () => {
    const text = `Resources:
  A: { Type: AWS::IAM::Role, Properties: { RoleName: a, AssumeRolePolicyDocument: {} } }
  B: { Type: AWS::IAM::Role, Properties: { RoleName: b, AssumeRolePolicyDocument: {} } }
  P:
    Type: AWS::IAM::Policy
    Properties:
      Roles: [!Ref A, !Ref B]
      PolicyDocument: { Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: '*' }] }
`;
    assert.deepEqual(cluesOf(text, 'yaml'), {
      'Resources.P.Properties.PolicyDocument': ['role /a (RoleName at f:2)', 'role /b (RoleName at f:3)'],
    });
  });
});
