import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PolicyDocument, PolicySource, Span } from '../../../src/core/policy/model';
import { read } from './invariants';

const at = (text: string, span: Span): string => text.slice(span.start, span.end);
const byPath = (source: PolicySource, path: string): PolicyDocument => {
  const found = source.documents.find((d) => d.path === path);
  assert.ok(found, `a document at ${path}; found ${source.documents.map((d) => d.path).join(', ')}`);
  return found;
};
const summary = (source: PolicySource): [string, string, string | undefined, string[] | undefined][] =>
  source.documents.map((d) => [d.path, d.kind, d.resourceService, d.appliesTo && [...d.appliesTo].sort()]);

const TEMPLATE_YAML = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
    Default: prod
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: !Sub lambda.\${AWS::URLSuffix}
            Action: sts:AssumeRole
      PermissionsBoundary: !Sub arn:\${AWS::Partition}:iam::\${AWS::AccountId}:policy/boundary
      ManagedPolicyArns:
        - !Ref SharedPolicy
        - arn:aws:iam::aws:policy/ReadOnlyAccess
      Policies:
        - PolicyName: inline
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: [s3:GetObject]
                Resource: !Sub 'arn:\${AWS::Partition}:s3:::\${Bucket}/*'
              - !If
                - IsProd
                - Effect: Allow
                  Action: s3:PutObject
                  Resource: '*'
                - !Ref AWS::NoValue
        - !If
          - IsProd
          - PolicyName: prod-only
            PolicyDocument:
              Statement:
                - Effect: Allow
                  Action: sqs:SendMessage
                  Resource: !GetAtt Queue.Arn
          - !Ref AWS::NoValue
        - !If
          - IsProd
          - PolicyName: prod
            PolicyDocument: {Statement: [{Effect: Allow, Action: 'ec2:*', Resource: '*'}]}
          - PolicyName: dev
            PolicyDocument: {Statement: [{Effect: Allow, Action: 'ec2:Describe*', Resource: '*'}]}
  SharedPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Roles: [!Ref OtherRole, literal-role]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: logs:PutLogEvents
            Resource: !Sub arn:aws:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/app/*
            Condition:
              StringEquals:
                aws:SourceAccount: !Ref AWS::AccountId
                aws:PrincipalTag/env: !If [IsProd, prod, dev]
                aws:RequestedRegion: [!Ref AWS::Region, us-east-1]
  UserPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: users
      Users: [alice]
      Groups: [!Ref Devs]
      PolicyDocument:
        Statement:
          Effect: Allow
          Action: s3:ListAllMyBuckets
          Resource: '*'
  Devs:
    Type: AWS::IAM::Group
    Properties:
      Policies:
        - PolicyName: devs
          PolicyDocument:
            Statement: [{Effect: Allow, Action: 'cloudwatch:Get*', Resource: '*'}]
  Alice:
    Type: AWS::IAM::User
    Properties:
      Policies:
        - PolicyName: alice
          PolicyDocument:
            Statement: [{Effect: Deny, Action: 'iam:*', Resource: '*'}]
  OtherRolePolicy:
    Type: AWS::IAM::RolePolicy
    Properties:
      RoleName: !Ref OtherRole
      PolicyName: other
      PolicyDocument:
        Statement: [{Effect: Allow, Action: 'sns:Publish', Resource: !Ref Topic}]
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource: [!GetAtt Bucket.Arn, !Sub '\${Bucket.Arn}/*']
            Condition: {Bool: {aws:SecureTransport: false}}
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:
          - Effect: Allow
            Principal: {AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:root'}
            Action: kms:*
            Resource: '*'
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Queue]
      PolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: sns.amazonaws.com}, Action: sqs:SendMessage, Resource: !GetAtt Queue.Arn}]
  TopicPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics: [!Ref Topic]
      PolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: events.amazonaws.com}, Action: sns:Publish, Resource: !Ref Topic}]
  SecretPolicy:
    Type: AWS::SecretsManager::ResourcePolicy
    Properties:
      SecretId: !Ref Secret
      ResourcePolicy:
        Statement: [{Effect: Deny, Principal: {AWS: '*'}, Action: secretsmanager:DeleteSecret, Resource: '*'}]
  Repo:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryPolicyText:
        Statement: [{Effect: Allow, Principal: {AWS: '111122223333'}, Action: ecr:BatchGetImage}]
  Permission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref Fn
      Principal: s3.amazonaws.com
  Bucket:
    Type: AWS::S3::Bucket
  Queue:
    Type: AWS::SQS::Queue
  Topic:
    Type: AWS::SNS::Topic
`;

const EXPECTED: ReturnType<typeof summary> = [
  ['Resources.AppRole.Properties.AssumeRolePolicyDocument', 'trust', undefined, undefined],
  ['Resources.AppRole.Properties.Policies[0].PolicyDocument', 'identity', undefined, ['AppRole']],
  // One branch and AWS::NoValue: the policy may exist together with the others, so it applies to the role.
  ['Resources.AppRole.Properties.Policies[1].Fn::If[1].PolicyDocument', 'identity', undefined, ['AppRole']],
  // Two branches that never exist together: neither joins the role's group.
  ['Resources.AppRole.Properties.Policies[2].Fn::If[1].PolicyDocument', 'identity', undefined, undefined],
  ['Resources.AppRole.Properties.Policies[2].Fn::If[2].PolicyDocument', 'identity', undefined, undefined],
  ['Resources.SharedPolicy.Properties.PolicyDocument', 'identity', undefined, ['AppRole', 'OtherRole', 'literal-role']],
  ['Resources.UserPolicy.Properties.PolicyDocument', 'identity', undefined, ['Devs', 'alice']],
  ['Resources.Devs.Properties.Policies[0].PolicyDocument', 'identity', undefined, ['Devs']],
  ['Resources.Alice.Properties.Policies[0].PolicyDocument', 'identity', undefined, ['Alice']],
  ['Resources.OtherRolePolicy.Properties.PolicyDocument', 'identity', undefined, ['OtherRole']],
  ['Resources.BucketPolicy.Properties.PolicyDocument', 'resource', 's3', undefined],
  ['Resources.Key.Properties.KeyPolicy', 'resource', 'kms', undefined],
  ['Resources.QueuePolicy.Properties.PolicyDocument', 'resource', 'sqs', undefined],
  ['Resources.TopicPolicy.Properties.PolicyDocument', 'resource', 'sns', undefined],
  ['Resources.SecretPolicy.Properties.ResourcePolicy', 'resource', 'secretsmanager', undefined],
  ['Resources.Repo.Properties.RepositoryPolicyText', 'resource', 'ecr', undefined],
];

/** The same template in JSON, with the long forms of the intrinsics. */
const TEMPLATE_JSON = JSON.stringify(
  {
    AWSTemplateFormatVersion: '2010-09-09',
    Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
    Resources: {
      AppRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: { 'Fn::Sub': 'lambda.${AWS::URLSuffix}' } },
                Action: 'sts:AssumeRole',
              },
            ],
          },
          ManagedPolicyArns: [{ Ref: 'SharedPolicy' }],
          Policies: [
            {
              PolicyName: 'inline',
              PolicyDocument: {
                Statement: [
                  {
                    Effect: 'Allow',
                    Action: ['s3:GetObject'],
                    Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}/*' },
                  },
                  {
                    'Fn::If': [
                      'IsProd',
                      { Effect: 'Allow', Action: 's3:PutObject', Resource: '*' },
                      { Ref: 'AWS::NoValue' },
                    ],
                  },
                ],
              },
            },
            {
              'Fn::If': [
                'IsProd',
                {
                  PolicyName: 'prod-only',
                  PolicyDocument: {
                    Statement: [
                      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': ['Queue', 'Arn'] } },
                    ],
                  },
                },
                { Ref: 'AWS::NoValue' },
              ],
            },
          ],
        },
      },
      SharedPolicy: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: {
          Roles: [{ Ref: 'OtherRole' }],
          PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: '*' }] },
        },
      },
      BucketPolicy: {
        Type: 'AWS::S3::BucketPolicy',
        Properties: {
          Bucket: { Ref: 'Bucket' },
          PolicyDocument: {
            Statement: [
              {
                Effect: 'Deny',
                Principal: '*',
                Action: 's3:*',
                Resource: [
                  { 'Fn::GetAtt': ['Bucket', 'Arn'] },
                  { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, '/*']] },
                ],
                Condition: { Bool: { 'aws:SecureTransport': false } },
              },
            ],
          },
        },
      },
      Bucket: { Type: 'AWS::S3::Bucket' },
    },
  },
  null,
  2,
);

describe('readPolicySource: CloudFormation templates', () => {
  test('YAML: every policy-bearing resource, its kind, path and principals', () => {
    const source = read(TEMPLATE_YAML, 'yaml');
    assert.deepEqual(source.problems, []);
    assert.equal(source.shape, 'cloudformation');
    assert.deepEqual(summary(source), EXPECTED);
  });

  test('YAML: values and spans inside the role', () => {
    const text = TEMPLATE_YAML;
    const source = read(text, 'yaml');
    const trust = byPath(source, 'Resources.AppRole.Properties.AssumeRolePolicyDocument');
    const service = trust.statements[0].principal!.entries[0].values.values[0];
    assert.deepEqual(
      [service.kind, service.text, service.parts],
      ['string', 'lambda.${AWS::URLSuffix}', ['lambda.', { unknown: 'AWS::URLSuffix' }]],
    );
    assert.equal(at(text, service.span), '!Sub lambda.${AWS::URLSuffix}');

    const inline = byPath(source, 'Resources.AppRole.Properties.Policies[0].PolicyDocument');
    assert.equal(inline.statements.length, 2);
    const [first, conditional] = inline.statements;
    assert.equal(at(text, first.resource!.list.values[0].span), "!Sub 'arn:${AWS::Partition}:s3:::${Bucket}/*'");
    assert.equal(conditional.unknown, true, 'a statement chosen by Fn::If is unknown');
    assert.equal(conditional.index, 1);
    assert.ok(at(text, conditional.span).startsWith('!If\n'));

    const bucket = byPath(source, 'Resources.BucketPolicy.Properties.PolicyDocument');
    assert.deepEqual(
      bucket.statements[0].resource!.list.values.map((v) => [v.text, at(text, v.span)]),
      [
        ['${Bucket.Arn}', '!GetAtt Bucket.Arn'],
        ['${Bucket.Arn}/*', "!Sub '${Bucket.Arn}/*'"],
      ],
    );
    const secure = bucket.statements[0].condition!.blocks[0].entries[0];
    assert.deepEqual([at(text, secure.key.span), secure.values.values[0].kind], ['aws:SecureTransport', 'boolean']);

    const shared = byPath(source, 'Resources.SharedPolicy.Properties.PolicyDocument');
    const [account, env, region] = shared.statements[0].condition!.blocks[0].entries;
    assert.deepEqual(
      [account.values.values[0].text, at(text, account.values.span)],
      ['${AWS::AccountId}', '!Ref AWS::AccountId'],
    );
    assert.deepEqual(
      [env.values.unknown, env.values.values, at(text, env.values.span)],
      [true, [], '!If [IsProd, prod, dev]'],
    );
    assert.deepEqual(
      region.values.values.map((v) => [v.text, at(text, v.span)]),
      [
        ['${AWS::Region}', '!Ref AWS::Region'],
        ['us-east-1', 'us-east-1'],
      ],
    );

    const user = byPath(source, 'Resources.UserPolicy.Properties.PolicyDocument');
    assert.equal(user.statementIsArray, false);
  });

  test('JSON with long forms: the same documents and values', () => {
    const text = TEMPLATE_JSON;
    const source = read(text, 'json');
    assert.deepEqual(source.problems, []);
    assert.deepEqual(summary(source), [
      ['Resources.AppRole.Properties.AssumeRolePolicyDocument', 'trust', undefined, undefined],
      ['Resources.AppRole.Properties.Policies[0].PolicyDocument', 'identity', undefined, ['AppRole']],
      ['Resources.AppRole.Properties.Policies[1].Fn::If[1].PolicyDocument', 'identity', undefined, ['AppRole']],
      ['Resources.SharedPolicy.Properties.PolicyDocument', 'identity', undefined, ['AppRole', 'OtherRole']],
      ['Resources.BucketPolicy.Properties.PolicyDocument', 'resource', 's3', undefined],
    ]);
    const inline = byPath(source, 'Resources.AppRole.Properties.Policies[0].PolicyDocument');
    assert.equal(inline.statements[1].unknown, true);
    assert.match(at(text, inline.statements[1].span), /^\{\s*"Fn::If"/);
    const resource = inline.statements[0].resource!.list.values[0];
    assert.deepEqual(resource.parts, ['arn:', { unknown: 'AWS::Partition' }, ':s3:::', { unknown: 'Bucket' }, '/*']);
    assert.match(at(text, resource.span), /^\{\s*"Fn::Sub": "arn:\$\{AWS::Partition\}:s3:::\$\{Bucket\}\/\*"\s*\}$/);
    const bucket = byPath(source, 'Resources.BucketPolicy.Properties.PolicyDocument');
    assert.deepEqual(
      bucket.statements[0].resource!.list.values.map((v) => v.text),
      ['${Bucket.Arn}', '${Bucket.Arn}/*'],
    );
  });

  test('a template is told by content: resources typed AWS::, without AWSTemplateFormatVersion', () => {
    const text =
      'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]\n';
    assert.deepEqual(summary(read(text, 'yaml')), [
      ['Resources.R.Properties.AssumeRolePolicyDocument', 'trust', undefined, undefined],
    ]);
  });

  test('a principal named literally is the same principal as its logical id', () => {
    const text = `Resources:
  App:
    Type: AWS::IAM::Role
    Properties:
      RoleName: app-role
      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}
  ByName:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: p
      Roles: [app-role, !Ref App, elsewhere-role]
      PolicyDocument: {Statement: [{Effect: Allow, Action: s3:GetObject, Resource: '*'}]}
`;
    assert.deepEqual(read(text, 'yaml').documents[1].appliesTo, ['App', 'elsewhere-role']);
  });

  test('a template without policies: shape cloudformation, no documents', () => {
    const source = read(
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n',
      'yaml',
    );
    assert.deepEqual([source.shape, source.documents, source.problems], ['cloudformation', [], []]);
  });

  test('Organizations policies: SCP and RCP by their Type; tag policies are not IAM', () => {
    const text = `Resources:
  Scp:
    Type: AWS::Organizations::Policy
    Properties:
      Type: SERVICE_CONTROL_POLICY
      Content: {Version: "2012-10-17", Statement: [{Effect: Deny, Action: "organizations:LeaveOrganization", Resource: "*"}]}
  Rcp:
    Type: AWS::Organizations::Policy
    Properties:
      Type: RESOURCE_CONTROL_POLICY
      Content: {Version: "2012-10-17", Statement: [{Effect: Deny, Principal: "*", Action: "s3:*", Resource: "*"}]}
  Tags:
    Type: AWS::Organizations::Policy
    Properties:
      Type: TAG_POLICY
      Content: {tags: {team: {tag_key: {"@@assign": Team}}}}
`;
    assert.deepEqual(summary(read(text, 'yaml')), [
      ['Resources.Scp.Properties.Content', 'scp', undefined, undefined],
      ['Resources.Rcp.Properties.Content', 'rcp', undefined, undefined],
    ]);
  });

  test('a PolicyDocument given as a JSON string', () => {
    const text = `Resources:
  LogPolicy:
    Type: AWS::Logs::ResourcePolicy
    Properties:
      PolicyName: p
      PolicyDocument: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "es.amazonaws.com"}, "Action": "logs:PutLogEvents", "Resource": "*"}]}'
`;
    const source = read(text, 'yaml');
    const doc = source.documents[0];
    assert.deepEqual([doc.kind, doc.resourceService, doc.coarseSpans], ['resource', 'logs', undefined]);
    assert.equal(at(text, doc.statements[0].action!.list.values[0].span), 'logs:PutLogEvents');
  });

  test('wrong types and half-typed documents inside a template', () => {
    const text = `Resources:
  R:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: [not, a, document]
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action:
`;
    const source = read(text, 'yaml');
    assert.deepEqual(
      source.problems.map((p) => [p.message, at(text, p.span)]),
      [['Expected a policy document: an object with "Version" and "Statement"', '[not, a, document]']],
    );
    const action = source.documents[0].statements[0].action!.list;
    assert.deepEqual(
      action.values.map((v) => v.kind),
      ['null'],
      'an empty YAML value is null, for the rules to report',
    );
  });
});

describe('readPolicySource: SAM templates', () => {
  const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
      Policies:
        - AWSLambdaBasicExecutionRole
        - S3ReadPolicy:
            BucketName: !Ref Bucket
        - Statement:
            - Effect: Allow
              Action: dynamodb:GetItem
              Resource: !GetAtt Table.Arn
        - Version: "2012-10-17"
          Statement:
            Effect: Allow
            Action: sqs:SendMessage
            Resource: '*'
        - !Ref SamManaged
        - arn:aws:iam::aws:policy/ReadOnlyAccess
  Single:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        Statement: [{Effect: Allow, Action: 's3:*', Resource: '*'}]
  Named:
    Type: AWS::Serverless::Function
    Properties:
      Policies: AmazonS3ReadOnlyAccess
  SamManaged:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement: [{Effect: Allow, Action: 'xray:PutTraceSegments', Resource: '*'}]
`;

  test('inline statements are documents; names and policy templates are skipped', () => {
    const source = read(text, 'yaml');
    assert.deepEqual(source.problems, []);
    assert.equal(source.shape, 'cloudformation');
    assert.deepEqual(summary(source), [
      ['Resources.Fn.Properties.AssumeRolePolicyDocument', 'trust', undefined, undefined],
      ['Resources.Fn.Properties.Policies[2]', 'identity', undefined, ['Fn']],
      ['Resources.Fn.Properties.Policies[3]', 'identity', undefined, ['Fn']],
      ['Resources.Single.Properties.Policies', 'identity', undefined, ['Single']],
      ['Resources.SamManaged.Properties.PolicyDocument', 'identity', undefined, ['Fn']],
    ]);
    const statementsOnly = byPath(source, 'Resources.Fn.Properties.Policies[2]');
    assert.equal(statementsOnly.version, undefined);
    assert.equal(at(text, statementsOnly.statements[0].resource!.list.values[0].span), '!GetAtt Table.Arn');
  });
});
