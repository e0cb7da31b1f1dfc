import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Catalog } from '../../../src/core/catalog';
import { looseArnFormat } from '../../../src/core/catalog/actionResources';
import { splitPolicyArn } from '../../../src/core/catalog/arnFields';
import { lintText } from '../../../src/core/lint';
import type { Fix } from '../../../src/core/rules/types';
import { valueProblem } from '../../../src/core/rules/validity/conditionValues';
import { catalogFile } from '../helpers/paths';
import { applyFix } from '../helpers/edits';

const catalog = Catalog.load(catalogFile);

function fixed(text: string, format: 'json' | 'yaml', rule: string): string {
  const finding = lintText(text, format, catalog).findings.find((f) => f.ruleId === rule);
  assert.ok(finding, `${rule} finds something in:\n${text}`);
  const fix: Fix = finding.fixes[0]!;
  assert.ok(fix, `${rule} offers a fix`);
  return applyFix(text, fix);
}

const yamlPolicy = (statement: string): string => `Version: "2012-10-17"\nStatement:\n${statement}`;

describe("validity fixes keep the file's style", () => {
  test('invalid-arn removes the region of an S3 ARN, plain or quoted YAML', () => {
    const plain = yamlPolicy(
      '  - Effect: Allow\n    Action: s3:GetObject\n    Resource: arn:aws:s3:eu-west-1::reports/*\n',
    );
    assert.equal(
      fixed(plain, 'yaml', 'invalid-arn'),
      yamlPolicy('  - Effect: Allow\n    Action: s3:GetObject\n    Resource: arn:aws:s3:::reports/*\n'),
    );
    const quoted = yamlPolicy("  - {Effect: Allow, Action: s3:GetObject, Resource: ['arn:aws:S3:::reports/*']}\n");
    assert.equal(
      fixed(quoted, 'yaml', 'invalid-arn'),
      yamlPolicy("  - {Effect: Allow, Action: s3:GetObject, Resource: ['arn:aws:s3:::reports/*']}\n"),
    );
  });

  test('invalid-arn offers no fix where a JSON escape would shift the offsets', () => {
    const text =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:S3:::a\\u002fb"}]}';
    const finding = lintText(text, 'json', catalog).findings.find((f) => f.ruleId === 'invalid-arn');
    assert.ok(finding);
    assert.deepEqual(finding.fixes, []);
  });

  test('bad-mfa-condition renames the operator in YAML, and turns Null false into Bool true', () => {
    const deny = yamlPolicy(
      '  - Effect: Deny\n    NotAction: iam:*MFA*\n    Resource: "*"\n    Condition:\n      Bool:\n        aws:MultiFactorAuthPresent: "false"\n',
    );
    assert.equal(fixed(deny, 'yaml', 'bad-mfa-condition'), deny.replace('      Bool:', '      BoolIfExists:'));
    const nul =
      '{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Null": {"aws:MultiFactorAuthPresent": "false"}}}]}';
    assert.equal(fixed(nul, 'json', 'bad-mfa-condition'), nul.replace('"Null"', '"Bool"').replace('"false"', '"true"'));
  });

  test('condition operators keep their qualifier and IfExists', () => {
    const arn =
      '{"Statement": [{"Effect": "Allow", "Action": "sns:Publish", "Resource": "*", "Condition": {"ForAnyValue:StringLikeIfExists": {"aws:SourceArn": "arn:aws:sns:*:111122223333:*"}}}]}';
    assert.equal(
      fixed(arn, 'json', 'string-like-on-arn-key'),
      arn.replace('ForAnyValue:StringLikeIfExists', 'ForAnyValue:ArnLikeIfExists'),
    );
    const bool =
      '{"Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"StringEqualsIfExists": {"aws:SecureTransport": "false"}}}]}';
    assert.equal(fixed(bool, 'json', 'condition-type-mismatch'), bool.replace('StringEqualsIfExists', 'BoolIfExists'));
    const all =
      '{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:PrincipalOrgID": "o-1"}}}]}';
    assert.equal(
      fixed(all, 'json', 'forallvalues-single-valued-key'),
      all.replace('ForAllValues:StringEquals', 'StringEquals'),
    );
  });

  test('no operator fix when the block holds keys the new operator would not suit', () => {
    const text =
      '{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringLike": {"aws:SourceArn": "arn:aws:sns:*:111122223333:*", "aws:SourceAccount": "111122223333"}}}]}';
    const finding = lintText(text, 'json', catalog).findings.find((f) => f.ruleId === 'string-like-on-arn-key');
    assert.deepEqual(finding?.fixes, []);
  });
});

describe('ARN fields', () => {
  test('policy variables keep their colons; a whole unknown field is one field', () => {
    const split = splitPolicyArn('arn:aws:sqs:*:${aws:PrincipalAccount}:q');
    assert.deepEqual(
      split.fields.map((f) => f.text),
      ['arn', 'aws', 'sqs', '*', '${aws:PrincipalAccount}', 'q'],
    );
    const cfn = splitPolicyArn(['arn:', { unknown: 'AWS::Partition' }, ':s3:::b/*']);
    assert.deepEqual(
      cfn.fields.map((f) => f.text),
      ['arn', undefined, 's3', '', '', 'b/*'],
    );
    assert.equal(cfn.fields[2]!.offset, undefined, 'offsets after an unknown part are not known');
  });

  test('an unknown part that may hold colons ends what is known', () => {
    const split = splitPolicyArn([{ unknown: 'Bucket.Arn' }, '/*']);
    assert.equal(split.complete, false);
    assert.deepEqual(split.fields, []);
    assert.equal(splitPolicyArn('arn:aws:sqs').fields.length, 3);
  });

  test('loose formats let inner placeholders hold slashes, but a bucket stays a bucket', () => {
    assert.equal(
      looseArnFormat(
        'arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}',
      ),
      'arn:${Partition}:logs:${Region}:${Account}:log-group:*:log-stream:${LogStreamName}',
    );
    assert.equal(looseArnFormat('arn:${Partition}:s3:::${BucketName}'), 'arn:${Partition}:s3:::${BucketName}');
  });
});

describe('condition values', () => {
  test('IP addresses and ranges', () => {
    for (const ok of [
      '10.0.0.0/8',
      '203.0.113.7',
      '2001:db8::/32',
      '::1',
      '2001:db8:0:0:0:0:0:1',
      '::ffff:203.0.113.7',
    ])
      assert.equal(valueProblem('IPAddress', ok, 'string'), undefined, ok);
    for (const bad of ['10.0.0.0/33', '256.1.1.1', '2001:db8:::1', 'vpc-1', '1.2.3'])
      assert.ok(valueProblem('IPAddress', bad, 'string'), bad);
  });

  test('numbers, dates, booleans, base64', () => {
    assert.equal(valueProblem('Numeric', '1.2', 'string'), undefined);
    assert.ok(valueProblem('Numeric', '1.2.3', 'string'));
    assert.equal(valueProblem('Date', '2026-01-31T12:00:00+01:00', 'string'), undefined);
    assert.ok(valueProblem('Date', '31/01/2026', 'string'));
    assert.equal(valueProblem('Bool', 'True', 'string'), undefined);
    assert.equal(valueProblem('Binary', 'QmluYXJ5', 'string'), undefined);
    assert.ok(valueProblem('Binary', 'not base64!', 'string'));
  });
});
