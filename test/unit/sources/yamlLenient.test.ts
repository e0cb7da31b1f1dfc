import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Catalog } from '../../../src/core/catalog';
import { lintText } from '../../../src/core/lint';
import { parseYaml } from '../../../src/core/sources/yaml';
import { catalogFile } from '../helpers/paths';

const catalog = Catalog.load(catalogFile);
const rulesAt = (text: string) =>
  lintText(text, 'yaml', catalog).findings.map((f) => `${f.ruleId} ${text.slice(f.span.start, f.span.end)}`);

// Templates as real repositories write them and CloudFormation deploys them (PyYAML reads them too), though
// YAML 1.2 wants continuation lines indented past their key.
const role = (policies: string) => `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}
      Policies:
${policies}
  Queue:
    Type: AWS::SQS::Queue
`;

describe('YAML that CloudFormation accepts and YAML 1.2 does not', () => {
  test('a quoted policy whose lines are not indented past its key: read, with exact spans, no syntax errors', () => {
    const text = role(`        - PolicyName: Access
          PolicyDocument: !Sub '{
              "Version": "2012-10-17",
              "Statement": [{"Effect": "Allow", "Action": "mq:*", "Resource": "*"}]
          }'
        - PolicyName: Second
          PolicyDocument: '{
              "Version": "2012-10-17",
              "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}]
          }'`);
    const parsed = parseYaml(text);
    assert.deepEqual(parsed.problems, []);
    const findings = lintText(text, 'yaml', catalog).findings;
    assert.ok(!findings.some((f) => f.ruleId === 'syntax-error'), findings.map((f) => f.message).join('\n'));
    // A policy in a string is read with its characters placed in the file, through the folded lines.
    const typo = findings.find((f) => f.ruleId === 'unknown-action');
    assert.match(typo?.message ?? '', /s3:GetObjekt/);
    assert.equal(typo!.span.start, text.indexOf('s3:GetObjekt'));
    const wildcard = findings.find((f) => f.ruleId === 'wildcard-action');
    assert.equal(wildcard?.span.start, text.indexOf('mq:*'));
  });

  test("a flow sequence closed at its key's column", () => {
    const text = role(`        - PolicyName: Snapshots
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: rds:DescribeDBSnapshotz
                Resource: [
                !Sub "arn:\${AWS::Partition}:rds:\${AWS::Region}:\${AWS::AccountId}:db:x",
                "*"
                ]`);
    assert.deepEqual(parseYaml(text).problems, []);
    const findings = rulesAt(text);
    assert.ok(
      findings.some((f) => f.startsWith('unknown-action rds:DescribeDBSnapshotz')),
      findings.join('\n'),
    );
  });

  test("a flow mapping whose every line is at its key's column", () => {
    const text = `Resources:
  Model:
    Type: AWS::ApiGateway::Model
    Properties:
      Schema: {"title": "Stats",
      "type": "object"}
  Bucket:
    Type: AWS::S3::Bucket
`;
    assert.deepEqual(parseYaml(text).problems, []);
  });

  test('what YAML rejects for real is still a syntax error (no mending of a key broken over two lines)', () => {
    const text = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Mapping:curc
    Type: AWS::ApiGateway::BasePathMapping
`;
    assert.ok(parseYaml(text).problems.length > 0);
  });

  test('a comment inside a flow collection keeps its line break (the collection is left as YAML reads it)', () => {
    const text = `Resources:
  R:
    Type: AWS::SNS::Topic
    Properties:
      Tags: [
      # a comment
      {Key: a, Value: b}
      ]
`;
    const problems = parseYaml(text).problems;
    assert.ok(problems.length > 0, 'not mended: joining the lines would comment out the rest');
  });
});
