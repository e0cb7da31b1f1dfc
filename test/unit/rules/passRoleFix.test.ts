import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Catalog } from '../../../src/core/catalog';
import { lintText } from '../../../src/core/lint';
import { applyFix } from '../helpers/edits';
import { catalogFile } from '../helpers/paths';

const catalog = Catalog.load(catalogFile);

const apply = applyFix;

const findings = (text: string, format: 'json' | 'yaml', rule: string) =>
  lintText(text, format, catalog).findings.filter((f) => f.ruleId === rule);

test('passrole-without-service: the fix names the service the policy creates things in (JSON)', () => {
  const text =
    '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": ["iam:PassRole"],\n      "Resource": "arn:aws:iam::111122223333:role/orders-function"\n    },\n    {\n      "Effect": "Allow",\n      "Action": "lambda:CreateFunction",\n      "Resource": "arn:aws:lambda:eu-west-1:111122223333:function:orders-*"\n    }\n  ]\n}\n';
  const [finding] = findings(text, 'json', 'passrole-without-service');
  const fix = finding!.fixes[0]!;
  assert.equal(fix.title, 'Allow passing roles only to lambda.amazonaws.com (iam:PassedToService)');
  const fixed = apply(text, fix);
  assert.deepEqual(JSON.parse(fixed).Statement[0].Condition, {
    StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' },
  });
  assert.deepEqual(findings(fixed, 'json', 'passrole-without-service'), []);
});

test('passrole-star-resource in a YAML template: the condition is added in block style and the finding goes', () => {
  const text = [
    'Resources:',
    '  Deployer:',
    '    Type: AWS::IAM::ManagedPolicy',
    '    Properties:',
    '      PolicyDocument:',
    '        Version: "2012-10-17"',
    '        Statement:',
    '          - Effect: Allow',
    '            Action: [iam:PassRole, ecs:RunTask, states:StartExecution]',
    '            Resource: "*"',
    '',
  ].join('\n');
  const [finding] = findings(text, 'yaml', 'passrole-star-resource');
  const fixed = apply(text, finding!.fixes[0]!);
  assert.match(fixed, /Condition:\n {14}StringEquals:\n {16}iam:PassedToService:/);
  assert.deepEqual(findings(fixed, 'yaml', 'passrole-star-resource'), []);
  assert.deepEqual(lintText(fixed, 'yaml', catalog).source.problems, []);
});

test('no fix when the policy says nothing about where roles go: a guessed service would be a wrong condition', () => {
  const text =
    '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/r"}]}';
  assert.deepEqual(findings(text, 'json', 'passrole-without-service')[0]!.fixes, []);
});
