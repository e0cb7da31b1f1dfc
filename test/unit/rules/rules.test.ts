import assert from 'node:assert/strict';
import { authorisingActions, documentedElsewhere } from '../../../src/core/catalog/apiPermissions';
import { before, describe, test } from 'node:test';
import { parseTree, type ParseError } from 'jsonc-parser';
import { Catalog } from '../../../src/core/catalog';
import { lintText } from '../../../src/core/lint';
import { RULES } from '../../../src/core/rules/registry';
import { atMost, type Finding, type Severity } from '../../../src/core/rules/types';
import { catalogFile } from '../helpers/paths';
import { allow, stmt, type Case } from './case';
import { moreCases } from './cases';
import { applyFix } from '../helpers/edits';
import { loadGrammars } from '../helpers/grammars';

const catalog = Catalog.load(catalogFile);

const cases: Case[] = [
  ...moreCases,
  // unknown-service
  {
    name: 'typo in the prefix',
    rule: 'unknown-service',
    text: allow('"Action": "s4:GetObject", "Resource": "*"'),
    at: ['s4:GetObject'],
  },
  { name: 'known prefix', rule: 'unknown-service', text: allow('"Action": "s3:GetObject", "Resource": "*"'), at: [] },
  {
    name: 'wildcard prefix is not a service',
    rule: 'unknown-service',
    text: allow('"Action": "*:Get*", "Resource": "*"'),
    at: [],
  },
  {
    name: 'NotAction is checked too',
    rule: 'unknown-service',
    text: stmt('{"Effect": "Deny", "NotAction": ["dynamo:GetItem"], "Resource": "*"}'),
    at: ['dynamo:GetItem'],
  },
  {
    name: 'a retired service is not an unknown one',
    rule: 'unknown-service',
    text: allow('"Action": "deeplens:*", "Resource": "*"'),
    at: [],
  },
  {
    name: 'retired service',
    rule: 'retired-service',
    text: allow('"Action": ["DeepLens:*", "s3:GetObject"], "Resource": "*"'),
    at: ['DeepLens:*'],
  },
  {
    name: 'current service',
    rule: 'retired-service',
    text: allow('"Action": "s3:GetObject", "Resource": "*"'),
    at: [],
  },
  // unknown-action
  {
    name: 'misspelt action',
    rule: 'unknown-action',
    text: allow('"Action": ["s3:GetObjekt", "s3:GetObject"], "Resource": "*"'),
    at: ['s3:GetObjekt'],
  },
  {
    name: 'pattern matching nothing',
    rule: 'unknown-action',
    text: allow('"Action": "s3:Gte*", "Resource": "*"'),
    at: ['s3:Gte*'],
  },
  {
    name: 'case does not matter',
    rule: 'unknown-action',
    text: allow('"Action": "S3:getobject", "Resource": "*"'),
    at: [],
  },
  {
    name: 'not service:action',
    rule: 'unknown-action',
    text: allow('"Action": "GetObject", "Resource": "*"'),
    at: ['GetObject'],
  },
  {
    name: 'unknown prefix is left to unknown-service',
    rule: 'unknown-action',
    text: allow('"Action": "s4:GetObject", "Resource": "*"'),
    at: [],
  },
  {
    name: 'an API authorised by another action',
    rule: 'unknown-action',
    text: allow('"Action": ["sqs:SendMessageBatch", "s3:HeadObject"], "Resource": "*"'),
    at: ['sqs:SendMessageBatch', 's3:HeadObject'],
    severities: ['error', 'error'],
  },
  {
    name: 'SNS:Receive of the default topic policy: information, it grants nothing',
    rule: 'unknown-action',
    text: stmt(
      '{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["SNS:Publish", "SNS:Receive"], "Resource": "arn:aws:sns:eu-west-1:111122223333:t", "Condition": {"StringEquals": {"AWS:SourceOwner": "111122223333"}}}',
    ),
    at: ['SNS:Receive'],
    severities: ['info'],
  },
  // unknown-element
  {
    name: 'Actions instead of Action',
    rule: 'unknown-element',
    text: allow('"Actions": "s3:GetObject", "Resource": "*"'),
    at: ['Actions'],
  },
  { name: 'document-level typo', rule: 'unknown-element', text: '{"Version": "2012-10-17", "Statment": []}', at: [] },
  // invalid-effect
  {
    name: 'lower-case effect',
    rule: 'invalid-effect',
    text: stmt('{"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}'),
    at: ['allow'],
  },
  {
    name: 'valid effects',
    rule: 'invalid-effect',
    text: stmt('{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}'),
    at: [],
  },
  // missing-version / invalid-version
  {
    name: 'no Version',
    rule: 'missing-version',
    text: '{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}',
    at: ['Statement'],
  },
  { name: 'has Version', rule: 'missing-version', text: allow('"Action": "s3:GetObject", "Resource": "*"'), at: [] },
  {
    name: 'made-up Version',
    rule: 'invalid-version',
    text: '{"Version": "2024-01-01", "Statement": []}',
    at: ['2024-01-01'],
    severities: ['error'],
  },
  { name: 'current Version', rule: 'invalid-version', text: '{"Version": "2012-10-17", "Statement": []}', at: [] },
  {
    name: 'old Version: AWS accepts it, a warning',
    rule: 'invalid-version',
    text: '{"Version": "2008-10-17", "Statement": []}',
    at: ['2008-10-17'],
    severities: ['warning'],
  },
  // duplicate-sid / invalid-sid
  {
    name: 'same Sid twice',
    rule: 'duplicate-sid',
    text: stmt(
      '{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, {"Sid": "A", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}',
    ),
    at: ['A'],
  },
  {
    name: 'distinct Sids',
    rule: 'duplicate-sid',
    text: stmt(
      '{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, {"Sid": "B", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}',
    ),
    at: [],
  },
  {
    name: 'Sid with a space',
    rule: 'invalid-sid',
    text: stmt('{"Sid": "Read it", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}'),
    at: ['Read it'],
  },
  {
    name: 'Sid with a space in a bucket policy is allowed',
    rule: 'invalid-sid',
    text: stmt(
      '{"Sid": "Read it", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}',
    ),
    at: [],
  },
  // conditions
  {
    name: 'misspelt operator',
    rule: 'unknown-condition-operator',
    text: allow(
      '"Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEqual": {"aws:PrincipalOrgID": "o-1"}}',
    ),
    at: ['StringEqual'],
  },
  {
    name: 'qualified operators',
    rule: 'unknown-condition-operator',
    text: allow(
      '"Action": "s3:GetObject", "Resource": "*", "Condition": {"ForAnyValue:StringLikeIfExists": {"aws:TagKeys": "a*"}, "Null": {"aws:TokenIssueTime": "true"}}',
    ),
    at: [],
  },
  {
    name: 'NullIfExists does not exist',
    rule: 'unknown-condition-operator',
    text: allow(
      '"Action": "s3:GetObject", "Resource": "*", "Condition": {"NullIfExists": {"aws:TokenIssueTime": "true"}}',
    ),
    at: ['NullIfExists'],
  },
  {
    name: 'misspelt global key',
    rule: 'unknown-condition-key',
    text: allow(
      '"Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgIDs": "o-1"}}',
    ),
    at: ['aws:PrincipalOrgIDs'],
  },
  {
    name: 'service and template keys, any case',
    rule: 'unknown-condition-key',
    text: allow(
      '"Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"s3:Prefix": "a", "aws:ResourceTag/team": "x", "token.actions.githubusercontent.com:sub": "repo:o/r:*"}}',
    ),
    at: [],
  },
  // redundancy
  {
    name: 'action covered by a pattern',
    rule: 'redundant-action',
    text: allow('"Action": ["s3:Get*", "s3:GetObject", "s3:PutObject"], "Resource": "*"'),
    at: ['s3:GetObject'],
  },
  {
    name: 'duplicate action, any case',
    rule: 'redundant-action',
    text: allow('"Action": ["s3:GetObject", "S3:getobject"], "Resource": "*"'),
    at: ['S3:getobject'],
  },
  {
    name: 'pattern covered by a wider pattern',
    rule: 'redundant-action',
    text: allow('"Action": ["s3:GetObject*", "s3:Get*"], "Resource": "*"'),
    at: ['s3:GetObject*'],
  },
  {
    name: 'no overlap',
    rule: 'redundant-action',
    text: allow('"Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*"'),
    at: [],
  },
  {
    name: 'resource covered by a wildcard',
    rule: 'redundant-resource',
    text: allow('"Action": "s3:GetObject", "Resource": ["arn:aws:s3:::b/*", "arn:aws:s3:::b/reports/x.csv"]'),
    at: ['arn:aws:s3:::b/reports/x.csv'],
  },
  {
    name: 'distinct resources',
    rule: 'redundant-resource',
    text: allow('"Action": "s3:GetObject", "Resource": ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*", "arn:aws:s3:::B/x"]'),
    at: [],
  },
  {
    name: 'ARNs are case-sensitive',
    rule: 'redundant-resource',
    text: allow(
      '"Action": "s3:GetObject", "Resource": ["arn:aws:s3:::b/*", "arn:aws:s3:::B/x", "arn:aws:s3:::B/X", "arn:aws:s3:::B/x"]',
    ),
    at: ['arn:aws:s3:::B/x'],
  },
  // least privilege
  { name: 'Action *', rule: 'wildcard-action', text: allow('"Action": "*", "Resource": "arn:aws:s3:::b"'), at: ['*'] },
  {
    name: 'service:*',
    rule: 'wildcard-action',
    text: allow('"Action": ["s3:*", "s3:Get*"], "Resource": "*"'),
    at: ['s3:*'],
  },
  {
    name: 'a key policy giving the account kms:* is the documented default',
    rule: 'wildcard-action',
    text: stmt(
      '{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}',
    ),
    at: [],
  },
  {
    name: 'Deny with * is fine',
    rule: 'wildcard-action',
    text: stmt('{"Effect": "Deny", "Action": "*", "Resource": "*"}'),
    at: [],
  },
  { name: 'admin', rule: 'admin-access', text: allow('"Action": "*", "Resource": "*"'), at: ['*'] },
  {
    name: 'admin with a condition is not flagged as admin',
    rule: 'admin-access',
    text: allow('"Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}'),
    at: [],
  },
  {
    name: 'Resource * on a scopable Read action: information',
    rule: 'resource-star',
    text: allow('"Action": "dynamodb:GetItem", "Resource": "*"'),
    at: ['*'],
    severities: ['info'],
  },
  {
    name: 'Resource * on wildcard-only actions',
    rule: 'resource-star',
    text: allow('"Action": ["s3:ListAllMyBuckets", "sts:GetCallerIdentity"], "Resource": "*"'),
    at: [],
  },
  {
    name: 'PassRole on *',
    rule: 'passrole-star-resource',
    text: allow('"Action": ["lambda:CreateFunction", "iam:PassRole"], "Resource": "*"'),
    at: ['iam:PassRole'],
  },
  {
    name: 'PassRole through iam:Pass*',
    rule: 'passrole-star-resource',
    text: allow('"Action": "iam:Pass*", "Resource": "*"'),
    at: ['iam:Pass*'],
  },
  {
    name: 'PassRole on * limited to one service',
    rule: 'passrole-star-resource',
    text: allow(
      '"Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}',
    ),
    at: [],
  },
  {
    name: 'PassRole on * with an IfExists condition is still any role',
    rule: 'passrole-star-resource',
    text: allow(
      '"Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEqualsIfExists": {"iam:PassedToService": "codebuild.amazonaws.com"}}',
    ),
    at: ['iam:PassRole'],
  },
  {
    name: 'PassRole on one role',
    rule: 'passrole-star-resource',
    text: allow('"Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/app"'),
    at: [],
  },
  {
    name: 'every element spelt right',
    rule: 'unknown-element',
    text: allow('"Sid": "S", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::b", "Condition": {}'),
    at: [],
  },
  {
    name: 'Deny with NotAction is the right use',
    rule: 'allow-not-action',
    text: stmt('{"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"}'),
    at: [],
  },
  {
    name: 'Deny with NotResource',
    rule: 'allow-not-resource',
    text: stmt('{"Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::b/*"}'),
    at: [],
  },
  {
    name: 'Deny with NotPrincipal',
    rule: 'allow-not-principal',
    text: stmt(
      '{"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}',
    ),
    at: [],
  },
  {
    name: 'PassRole on one role for any service',
    rule: 'passrole-without-service',
    text: allow('"Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/app"'),
    at: ['iam:PassRole'],
  },
  {
    name: 'PassRole on one role for Lambda',
    rule: 'passrole-without-service',
    text: allow(
      '"Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/app", "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}',
    ),
    at: [],
  },
  {
    name: "PassRole on * is the other rule's",
    rule: 'passrole-without-service',
    text: allow('"Action": "iam:PassRole", "Resource": "*"'),
    at: [],
  },
  // trust and resource policies
  {
    name: 'public queue',
    rule: 'public-principal',
    text: stmt(
      '{"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:eu-west-1:111122223333:q"}',
    ),
    at: ['*'],
  },
  {
    name: 'AWS * in a trust policy',
    rule: 'public-principal',
    text: stmt(
      '{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "*"]}, "Action": "sts:AssumeRole"}',
    ),
    at: ['*'],
  },
  {
    name: 'public but tied to the organisation',
    rule: 'public-principal',
    text: stmt(
      '{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}}',
    ),
    at: [],
  },
  {
    name: 'IfExists does not restrict',
    rule: 'public-principal',
    text: stmt(
      '{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEqualsIfExists": {"aws:SourceVpce": "vpce-1"}}}',
    ),
    at: ['*'],
  },
  {
    name: 'a VPC endpoint policy with Principal * is not public',
    rule: 'public-principal',
    format: 'yaml',
    text: 'Resources:\n  Endpoint:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - {Effect: Allow, Principal: "*", Action: "s3:GetObject", Resource: "*"}\n',
    at: [],
  },
  {
    name: 'Deny to everyone is a guard rail',
    rule: 'public-principal',
    text: stmt(
      '{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}',
    ),
    at: [],
  },
  {
    name: 'Allow NotAction',
    rule: 'allow-not-action',
    text: allow('"NotAction": "iam:*", "Resource": "*"'),
    at: ['NotAction'],
  },
  {
    name: 'Allow NotResource',
    rule: 'allow-not-resource',
    text: allow('"Action": "s3:GetObject", "NotResource": "arn:aws:s3:::b/*"'),
    at: ['NotResource'],
  },
  {
    name: 'Allow NotPrincipal',
    rule: 'allow-not-principal',
    text: allow(
      '"NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"',
    ),
    at: ['NotPrincipal'],
  },
  // YAML and CloudFormation
  {
    name: 'YAML template: typo in an inline policy, unknown parts are not reported',
    rule: 'unknown-action',
    format: 'yaml',
    text: [
      'Resources:',
      '  Role:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}',
      '      Policies:',
      '        - PolicyName: p',
      '          PolicyDocument:',
      '            Version: "2012-10-17"',
      '            Statement:',
      '              - Effect: Allow',
      '                Action: [dynamodb:GetItm, !Sub "s3:${Verb}Object"]',
      '                Resource: !Sub arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/t',
    ].join('\n'),
    at: ['dynamodb:GetItm'],
  },
];

function findingsOf(c: { text: string; format?: Case['format'] }, rule: string): Finding[] {
  return lintText(c.text, c.format ?? 'json', catalog).findings.filter((f) => f.ruleId === rule);
}

const apply = applyFix;

describe('rules', () => {
  before(loadGrammars);
  for (const c of cases) {
    test(`${c.rule}: ${c.name}`, () => {
      const found = findingsOf(c, c.rule);
      assert.deepEqual(
        found.map((f) => c.text.slice(f.span.start, f.span.end)),
        c.at,
        found.map((f) => f.message).join('\n'),
      );
      if (c.severities)
        assert.deepEqual(
          found.map((f) => f.severity),
          c.severities,
          found.map((f) => f.message).join('\n'),
        );
    });
  }

  test('every case that finds something has a message, and every fix leaves valid JSON and removes its finding', () => {
    for (const c of cases.filter((x) => x.at.length > 0 && (x.format ?? 'json') === 'json')) {
      for (const finding of findingsOf(c, c.rule)) {
        assert.ok(finding.message.length > 10, `${c.name}: message`);
        for (const fix of finding.fixes) {
          const fixed = apply(c.text, fix);
          const errors: ParseError[] = [];
          parseTree(fixed, errors);
          assert.deepEqual(errors, [], `${c.name}: "${fix.title}" gives invalid JSON:\n${fixed}`);
          assert.ok(
            findingsOf({ text: fixed }, c.rule).length < findingsOf(c, c.rule).length,
            `${c.name}: "${fix.title}" did not fix it:\n${fixed}`,
          );
        }
      }
    }
  });

  test('an API operation is fixed to the action that authorises it; a bare action name to its services', () => {
    const [batch] = findingsOf({ text: allow('"Action": "sqs:SendMessageBatch", "Resource": "*"') }, 'unknown-action');
    assert.match(batch!.message, /IAM authorises that API with 'sqs:SendMessage'/);
    assert.equal(batch!.fixes[0]!.title, "Change to 'sqs:SendMessage'");
    const [bare] = findingsOf({ text: allow('"Action": "GetObject", "Resource": "*"') }, 'unknown-action');
    assert.equal(bare!.fixes[0]!.title, "Change to 's3:GetObject'");
  });

  test('every action the API table names exists in the catalog', () => {
    for (const api of [
      'sqs:SendMessageBatch',
      'sqs:DeleteMessageBatch',
      'sqs:ChangeMessageVisibilityBatch',
      'sns:PublishBatch',
      's3:HeadObject',
      's3:HeadBucket',
      's3:DeleteObjects',
      's3:ListObjects',
      's3:ListObjectsV2',
      's3:ListObjectVersions',
      's3:CopyObject',
      's3:CreateMultipartUpload',
      's3:UploadPart',
      's3:CompleteMultipartUpload',
      'bedrock:Converse',
      'bedrock:ConverseStream',
      'bedrock:StartAsyncInvoke',
      'firehose:PutRecords',
    ]) {
      assert.equal(catalog.expand(api).actions.length, 0, `${api} is an action now: drop it from the table`);
      const by = authorisingActions(api);
      assert.ok(by && by.length > 0, api);
      for (const action of by)
        assert.equal(catalog.expand(action).actions.length, 1, `${action} (for ${api}) is not in the catalog`);
    }
    for (const name of [
      'sns:Receive',
      'mediaconnect:ManagedDescribeFlow',
      'mediaconnect:ManagedAddOutput',
      'mediaconnect:ManagedRemoveOutput',
    ]) {
      assert.equal(catalog.expand(name).actions.length, 0, `${name} is in the Reference now: drop it from the table`);
      assert.ok(documentedElsewhere(name), name);
    }
  });

  test('did-you-mean fixes name the right replacement', () => {
    const [finding] = findingsOf({ text: allow('"Action": "s3:GetObjekt", "Resource": "*"') }, 'unknown-action');
    assert.equal(finding!.fixes[0]!.title, "Change to 's3:GetObject'");
    assert.equal(finding!.fixes[0]!.preferred, true);
  });

  test('removing a redundant entry keeps JSON and both YAML sequence styles valid', () => {
    const json = allow('"Action": ["s3:GetObject", "s3:Get*"], "Resource": "*"');
    assert.equal(
      apply(json, findingsOf({ text: json }, 'redundant-action')[0]!.fixes[0]!),
      allow('"Action": ["s3:Get*"], "Resource": "*"'),
    );
    const block =
      'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action:\n      - s3:Get*\n      - "s3:GetObject"\n    Resource: "*"\n';
    assert.equal(
      apply(block, findingsOf({ text: block, format: 'yaml' }, 'redundant-action')[0]!.fixes[0]!),
      'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action:\n      - s3:Get*\n    Resource: "*"\n',
    );
    const flow =
      'Version: "2012-10-17"\nStatement:\n  - {Effect: Allow, Action: [s3:GetObject, s3:Get*], Resource: "*"}\n';
    assert.equal(
      apply(flow, findingsOf({ text: flow, format: 'yaml' }, 'redundant-action')[0]!.fixes[0]!),
      'Version: "2012-10-17"\nStatement:\n  - {Effect: Allow, Action: [s3:Get*], Resource: "*"}\n',
    );
  });

  test("the missing-version fix keeps the file's indentation (JSON and YAML)", () => {
    const json =
      '{\n    "Statement": [\n        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}\n    ]\n}';
    const fixedJson = apply(json, findingsOf({ text: json }, 'missing-version')[0]!.fixes[0]!);
    assert.equal(
      fixedJson,
      '{\n    "Version": "2012-10-17",\n    "Statement": [\n        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}\n    ]\n}',
    );
    const yaml = 'Statement:\n  - Effect: Allow\n    Action: s3:GetObject\n    Resource: "*"\n';
    const fixedYaml = apply(yaml, findingsOf({ text: yaml, format: 'yaml' }, 'missing-version')[0]!.fixes[0]!);
    assert.equal(
      fixedYaml,
      'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action: s3:GetObject\n    Resource: "*"\n',
    );
  });

  test('every rule has a case that finds something and one that does not', () => {
    for (const rule of RULES) {
      const mine = cases.filter((c) => c.rule === rule.meta.id);
      assert.ok(
        mine.some((c) => c.at.length > 0),
        `${rule.meta.id}: no positive case`,
      );
      assert.ok(
        mine.some((c) => c.at.length === 0),
        `${rule.meta.id}: no negative case`,
      );
    }
  });

  test('a URL-encoded document in CLI output gets findings on the whole string, and no fixes', () => {
    const encoded = encodeURIComponent(
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObjekt","Resource":"*"}]}',
    );
    const text = `{"PolicyVersion": {"Document": "${encoded}", "VersionId": "v1"}}`;
    const [finding] = findingsOf({ text }, 'unknown-action');
    assert.ok(finding, 'the typo is found');
    assert.equal(text.slice(finding.span.start, finding.span.end), encoded);
    assert.deepEqual(finding.fixes, []);
  });

  test('public-principal says which conditions were set aside, and why', () => {
    const text = stmt(
      '{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringLike": {"aws:SourceVpc": "vpc-*"}, "StringEqualsIfExists": {"aws:SourceVpce": "vpce-1"}}}',
    );
    const [finding] = findingsOf({ text }, 'public-principal');
    assert.match(finding!.message, /aws:SourceVpc 'vpc-\*' is not a fixed value/);
    assert.match(finding!.message, /StringEqualsIfExists lets through every request without 'aws:SourceVpce'/);
  });

  test("a report's own severity only lowers the configured one", () => {
    const rows: [Severity, Severity | undefined, Severity][] = [
      ['error', undefined, 'error'],
      ['error', 'warning', 'warning'],
      ['error', 'info', 'info'],
      ['warning', 'info', 'info'],
      ['warning', 'error', 'warning'],
      ['info', 'warning', 'info'],
      ['info', 'error', 'info'],
    ];
    for (const [configured, cap, expected] of rows)
      assert.equal(atMost(configured, cap), expected, `${configured} capped at ${cap}`);
  });

  test("a report's severity survives the memo moving a document (text typed above it)", () => {
    const text =
      '{"Version": "2008-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}';
    for (const shifted of [text, `\n\n${text}`]) {
      const [finding] = findingsOf({ text: shifted }, 'invalid-version');
      assert.equal(finding?.severity, 'warning');
      assert.equal(shifted.slice(finding.span.start, finding.span.end), '2008-10-17');
    }
    assert.equal(
      lintText(text, 'json', catalog, { rules: { 'invalid-version': 'info' } }).findings.find(
        (f) => f.ruleId === 'invalid-version',
      )?.severity,
      'info',
    );
  });

  test('configuration: off and severity overrides', () => {
    const text = allow('"Action": "s3:*", "Resource": "*"');
    assert.equal(
      lintText(text, 'json', catalog, { rules: { 'wildcard-action': 'off' } }).findings.filter(
        (f) => f.ruleId === 'wildcard-action',
      ).length,
      0,
    );
    assert.equal(
      lintText(text, 'json', catalog, { rules: { 'wildcard-action': 'error' } }).findings.find(
        (f) => f.ruleId === 'wildcard-action',
      )?.severity,
      'error',
    );
  });

  test('syntax errors are findings in policy files only', () => {
    const broken =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt" "Resource": "*"}]}';
    const result = lintText(broken, 'json', catalog);
    assert.ok(result.findings.some((f) => f.ruleId === 'syntax-error'));
    assert.ok(
      result.findings.some((f) => f.ruleId === 'unknown-action'),
      'a half-broken policy still gets help',
    );
    assert.deepEqual(lintText('{"name": "x", "version": 1,,}', 'json', catalog).findings, []);
  });
});
