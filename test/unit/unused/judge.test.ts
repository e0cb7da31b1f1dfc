import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  Catalog,
  Usage,
  actsOnObjects,
  judgeDocument,
  readPolicySource,
  type Evidence,
  type SourceFormat,
} from '../../../src/core';
import { applyFix } from '../helpers/edits';
import { catalogFile } from '../helpers/paths';

const catalog = Catalog.load(catalogFile);
const DAY = 86_400_000;
const NOW = Date.parse('2026-12-01T00:00:00Z');
const ROLE = 'arn:aws:iam::111122223333:role/app';

const TRAIL: Evidence = {
  kind: 'cloudtrail',
  label: 'CloudTrail log files',
  window: { since: NOW - 120 * DAY, until: NOW },
  fetchedAt: NOW,
  dataEvents: true,
  dataEventServices: [],
  used: [
    { action: 'sqs:ListQueues', last: NOW - DAY },
    { action: 'sqs:GetQueueAttributes', last: NOW - DAY },
    { action: 'iam:GetRole', last: NOW - 3 * DAY },
  ],
  denied: [{ action: 'kms:Decrypt', count: 4, last: NOW - DAY }],
};

function judge(text: string, format: SourceFormat, evidence: Evidence[] = [TRAIL]) {
  const source = readPolicySource(text, format);
  const usage = new Usage(
    { principal: ROLE, evidence, missing: [] },
    { now: NOW, horizonDays: 90, onObjects: actsOnObjects(catalog) },
  );
  const documents = source.documents.filter((d) => d.kind === 'identity');
  assert.ok(documents.length > 0, 'an identity policy');
  return documents.map((d) => judgeDocument(d, { text, format, catalog, usage, horizonDays: 90, now: NOW }));
}

const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["sqs:*", "iam:GetRole", "iam:DeleteRole"],
      "Resource": "*"
    },
    {
      "Effect": "Allow",
      "Action": ["ec2:TerminateInstances", "ec2:StopInstances"],
      "Resource": "*"
    },
    {
      "Effect": "Allow",
      "Action": ["iam:PassRole", "s3:GetObject"],
      "Resource": "*"
    }
  ]
}`;

describe("a policy judged against its principal's use", () => {
  test('JSON: an unused action faded, a mostly unused wildcard narrowed, an unused statement removed', () => {
    const [judged] = judge(POLICY, 'json');
    const ids = judged!.findings.map((f) => [f.ruleId, POLICY.slice(f.span.start, f.span.end).split('\n')[0]]);
    assert.deepEqual(ids, [
      ['mostly-unused-wildcard', 'sqs:*'],
      ['unused-action', 'iam:DeleteRole'],
      ['unused-statement', '{'],
      ['denied-action', 'Statement'],
    ]);
    const [wildcard, action, statement, denied] = judged!.findings;
    assert.match(
      wildcard!.message,
      /^sqs:\* grants \d+ actions; used in the last 90 days \(CloudTrail log files\): sqs:GetQueueAttributes, sqs:ListQueues\. \d+ cannot be judged \(sqs:\w+ is a data event/,
    );
    assert.equal(wildcard!.unnecessary, false);
    assert.equal(action!.unnecessary, true);
    assert.equal(statement!.unnecessary, true);
    assert.match(
      denied!.message,
      /refused actions this policy does not grant: kms:Decrypt \(4 times, last 2026-11-30\)/,
    );

    // The wildcard narrowed keeps the used actions and those the logs cannot show (SQS data events).
    const narrowed = applyFix(POLICY, wildcard!.fixes[0]!);
    const after = JSON.parse(narrowed) as { Statement: { Action: string[] }[] };
    assert.ok(after.Statement[0]!.Action.includes('sqs:ListQueues'));
    assert.ok(after.Statement[0]!.Action.includes('sqs:SendMessage'), 'a data event stays: it cannot be judged');
    assert.ok(!after.Statement[0]!.Action.includes('sqs:DeleteQueue'));
    assert.ok(!after.Statement[0]!.Action.includes('sqs:*'));

    const removed = JSON.parse(applyFix(POLICY, action!.fixes[0]!)) as { Statement: { Action: string[] }[] };
    assert.deepEqual(removed.Statement[0]!.Action, ['sqs:*', 'iam:GetRole']);
    const withoutStatement = JSON.parse(applyFix(POLICY, statement!.fixes[0]!)) as { Statement: unknown[] };
    assert.equal(withoutStatement.Statement.length, 2);

    // Re-judged after the fixes, the policy is clean of unused grants (the statement of unknowns stays).
    let fixed = applyFix(POLICY, statement!.fixes[0]!);
    const [again] = judge(fixed, 'json');
    fixed = applyFix(fixed, again!.findings.find((f) => f.ruleId === 'unused-action')!.fixes[0]!);
    const [third] = judge(fixed, 'json');
    fixed = applyFix(fixed, third!.findings.find((f) => f.ruleId === 'mostly-unused-wildcard')!.fixes[0]!);
    const [last] = judge(fixed, 'json');
    assert.deepEqual(
      last!.findings.map((f) => f.ruleId),
      ['denied-action'],
    );
  });

  test('a refused action: granted by its fix in the statement of the same service, else the first', () => {
    const [judged] = judge(POLICY, 'json');
    const denied = judged!.findings.find((f) => f.ruleId === 'denied-action')!;
    assert.deepEqual(
      denied.fixes.map((f) => f.title),
      ['Grant kms:Decrypt in the statement that allows iam:DeleteRole'],
    );
    const granted = applyFix(POLICY, denied.fixes[0]!);
    const after = JSON.parse(granted) as { Statement: { Action: string[] }[] };
    assert.deepEqual(after.Statement[0]!.Action, ['sqs:*', 'iam:GetRole', 'iam:DeleteRole', 'kms:Decrypt']);
    assert.ok(!judge(granted, 'json')[0]!.findings.some((f) => f.ruleId === 'denied-action'));

    const withKms = `Statement:
  - Sid: Queue
    Effect: Allow
    Action: sqs:ListQueues
    Resource: '*'
  - Sid: Keys
    Effect: Allow
    Action:
      - kms:Encrypt
    Resource: arn:aws:kms:us-east-1:111122223333:key/k
`;
    const [yaml] = judge(withKms, 'yaml');
    const fix = yaml!.findings.find((f) => f.ruleId === 'denied-action')!.fixes[0]!;
    assert.equal(fix.title, 'Grant kms:Decrypt in the statement Keys that allows kms:Encrypt');
    assert.ok(applyFix(withKms, fix).includes('      - kms:Encrypt\n      - kms:Decrypt\n    Resource: arn:aws:kms'));
  });

  test('every granted action is listed with its status and the value that grants it', () => {
    const [judged] = judge(POLICY, 'json');
    const status = (action: string) => judged!.actions.find((a) => a.verdict.action === action)?.verdict.status;
    assert.equal(status('iam:GetRole'), 'used');
    assert.equal(status('iam:DeleteRole'), 'unused');
    assert.equal(status('iam:PassRole'), 'unknown');
    assert.equal(status('s3:GetObject'), 'unknown');
    assert.equal(status('sqs:ListQueues'), 'used');
    const passRole = judged!.actions.find((a) => a.verdict.action === 'iam:PassRole')!;
    assert.equal(POLICY.slice(passRole.span.start, passRole.span.end), 'iam:PassRole');
  });

  test('a YAML template: the fixes keep the YAML valid and its layout', () => {
    const template = `Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: app
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action:
                  - iam:GetRole
                  - iam:DeleteRole
                Resource: '*'
              - Effect: Allow
                Action: ec2:TerminateInstances
                Resource: '*'
`;
    const [judged] = judge(template, 'yaml');
    const action = judged!.findings.find((f) => f.ruleId === 'unused-action')!;
    assert.equal(template.slice(action.span.start, action.span.end), 'iam:DeleteRole');
    assert.ok(
      applyFix(template, action.fixes[0]!).includes('                  - iam:GetRole\n                Resource'),
    );
    const statement = judged!.findings.find((f) => f.ruleId === 'unused-statement')!;
    const without = applyFix(template, statement.fixes[0]!);
    assert.ok(!without.includes('TerminateInstances'));
    assert.deepEqual(
      judge(without, 'yaml')[0]!.findings.map((f) => f.ruleId),
      ['unused-action', 'denied-action'],
    );
  });

  test('nothing is judged unused without evidence', () => {
    const [judged] = judge(POLICY, 'json', []);
    assert.deepEqual(judged!.findings, []);
    assert.ok(judged!.actions.every((a) => a.verdict.status === 'unknown'));
  });

  test('Access Analyzer says the role is unused: said once at the Statement key', () => {
    const analyzer: Evidence = {
      kind: 'accessAnalyzer',
      label: 'Access Analyzer',
      window: { since: NOW - 90 * DAY, until: NOW },
      fetchedAt: NOW,
      unusedAccessAgeDays: 90,
      findings: [{ type: 'UnusedIAMRole', id: 'r1' }],
    };
    const [judged] = judge(POLICY, 'json', [analyzer]);
    const principal = judged!.findings.filter((f) => f.ruleId === 'unused-principal');
    assert.equal(principal.length, 1);
    assert.match(principal[0]!.message, /role\/app has not been used in 90 days \(Access Analyzer\)/);
  });
});
