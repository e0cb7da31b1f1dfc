import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PolicySource, Template } from '../../../src/core/policy/model';
import { awsManagedPolicyName } from '../../../src/core/sources/template';
import { read } from './invariants';

const at = (text: string, span: { start: number; end: number }): string => text.slice(span.start, span.end);

function templateOf(source: PolicySource): Template {
  assert.ok(source.template, 'a template model');
  return source.template;
}

/** Each attachment as [principal, the source text of its value, the AWS managed name or '-']. */
const attachments = (text: string, source: PolicySource): [string, string, string][] =>
  templateOf(source).managedPolicies.map((a) => [a.principal, at(text, a.value.span), a.awsManagedName ?? '-']);

const YAML = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Parameters:
  DbPassword: {Type: String, NoEcho: true}
  Env: {Type: String}
Resources:
  Key:
    Type: AWS::KMS::Key
    Condition: IsProd
    Metadata: {cfn_nag: {rules_to_suppress: [{id: F19}]}}
    Properties:
      EnableKeyRotation: true
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: []}
      ManagedPolicyArns:
        - !Sub arn:\${AWS::Partition}:iam::aws:policy/AdministratorAccess
        - !Ref AppPolicy
        - !If [IsProd, arn:aws:iam::aws:policy/ReadOnlyAccess, !Ref AWS::NoValue]
        - !Sub arn:\${AWS::Partition}:iam::aws:policy/\${PolicyName}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - AWSLambdaBasicExecutionRole
        - S3ReadPolicy: {BucketName: !Ref Bucket}
        - arn:aws:iam::111122223333:policy/app
        - Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]
  Single:
    Type: AWS::Serverless::Function
    Properties:
      Policies: AmazonS3ReadOnlyAccess
  Odd:
    Type: AWS::SNS::Topic
    Properties: !If [IsProd, {TopicName: a}, !Ref AWS::NoValue]
`;

describe('the template model', () => {
  test('YAML: resources with their ids, types, properties, metadata and conditions; parameters', () => {
    const source = read(YAML, 'yaml');
    const template = templateOf(source);
    assert.deepEqual(
      template.resources.map((r) => [
        r.id.text,
        at(YAML, r.id.span),
        r.type?.text,
        r.type && at(YAML, r.type.span),
        r.properties !== undefined,
        r.condition,
      ]),
      [
        ['Key', 'Key', 'AWS::KMS::Key', 'AWS::KMS::Key', true, 'IsProd'],
        ['Role', 'Role', 'AWS::IAM::Role', 'AWS::IAM::Role', true, undefined],
        ['Fn', 'Fn', 'AWS::Serverless::Function', 'AWS::Serverless::Function', true, undefined],
        ['Single', 'Single', 'AWS::Serverless::Function', 'AWS::Serverless::Function', true, undefined],
        // Properties given by an intrinsic are not an object to read.
        ['Odd', 'Odd', 'AWS::SNS::Topic', 'AWS::SNS::Topic', false, undefined],
      ],
    );
    assert.equal(template.resources[0]!.metadata?.kind, 'object');
    assert.deepEqual(
      template.parameters.map((p) => [p.id.text, p.type, p.noEcho]),
      [
        ['DbPassword', 'String', true],
        ['Env', 'String', false],
      ],
    );
  });

  test('YAML: managed policies of roles and SAM functions, intrinsics resolved where the partition is the only unknown', () => {
    const source = read(YAML, 'yaml');
    assert.deepEqual(attachments(YAML, source), [
      ['Role', '!Sub arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess', 'AdministratorAccess'],
      ['Role', '!Ref AppPolicy', '-'],
      ['Role', 'arn:aws:iam::aws:policy/ReadOnlyAccess', 'ReadOnlyAccess'],
      ['Role', '!Sub arn:${AWS::Partition}:iam::aws:policy/${PolicyName}', '-'],
      // SAM: a bare name is an AWS managed policy; templates and inline documents are not listed.
      ['Fn', 'AWSLambdaBasicExecutionRole', 'AWSLambdaBasicExecutionRole'],
      ['Fn', 'arn:aws:iam::111122223333:policy/app', '-'],
      ['Single', 'AmazonS3ReadOnlyAccess', 'AmazonS3ReadOnlyAccess'],
    ]);
  });

  test('JSON: Fn::Join and Fn::Sub ARNs, users and groups, a path in the name', () => {
    const text = JSON.stringify(
      {
        Resources: {
          User: {
            Type: 'AWS::IAM::User',
            Properties: {
              ManagedPolicyArns: [
                { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/IAMFullAccess']] },
              ],
            },
          },
          Group: {
            Type: 'AWS::IAM::Group',
            Properties: {
              ManagedPolicyArns: [
                'arn:aws:iam::aws:policy/service-role/AWSLambdaRole',
                { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:policy/x' },
              ],
            },
          },
        },
      },
      null,
      2,
    );
    const source = read(text, 'json');
    assert.deepEqual(
      attachments(text, source).map(([p, , name]) => [p, name]),
      [
        ['User', 'IAMFullAccess'],
        ['Group', 'AWSLambdaRole'],
        ['Group', '-'],
      ],
    );
    assert.equal(templateOf(source).resources[0]!.type?.text, 'AWS::IAM::User');
  });

  test('policy files and CLI output have no template model', () => {
    assert.equal(read('{"Version": "2012-10-17", "Statement": []}', 'json').template, undefined);
  });

  test('awsManagedPolicyName: only what certainly names an AWS managed policy', () => {
    const string = (text: string) => ({ kind: 'string' as const, text, span: { start: 0, end: 0 } });
    const parts = (...p: (string | { unknown: string })[]) => ({
      kind: 'string' as const,
      text: '',
      parts: p,
      span: { start: 0, end: 0 },
    });
    assert.equal(
      awsManagedPolicyName(string('arn:aws-us-gov:iam::aws:policy/job-function/ViewOnlyAccess'), false),
      'ViewOnlyAccess',
    );
    assert.equal(
      awsManagedPolicyName(string('AdministratorAccess'), false),
      undefined,
      'a bare name is a managed policy in SAM only',
    );
    assert.equal(awsManagedPolicyName(string('AdministratorAccess'), true), 'AdministratorAccess');
    assert.equal(awsManagedPolicyName(string('arn:aws:iam::111122223333:policy/AdministratorAccess'), true), undefined);
    assert.equal(
      awsManagedPolicyName(parts('arn:', { unknown: 'AWS::Partition' }, ':iam::aws:policy/PowerUserAccess'), false),
      'PowerUserAccess',
    );
    assert.equal(
      awsManagedPolicyName(parts('arn:aws:iam::', { unknown: 'Account' }, ':policy/AdministratorAccess'), false),
      undefined,
    );
    assert.equal(awsManagedPolicyName(parts('arn:aws:iam::aws:policy/', { unknown: 'Name' }), false), undefined);
    assert.equal(
      awsManagedPolicyName(parts('arn:aws:iam::aws:policy/', { unknown: 'Path' }, '/Admin'), false),
      undefined,
    );
    assert.equal(awsManagedPolicyName(parts({ unknown: 'Name' }), true), undefined, 'an unknown SAM name');
    assert.equal(
      awsManagedPolicyName({ kind: 'unknown', text: '!If ...', span: { start: 0, end: 0 } }, true),
      undefined,
    );
  });
});
