/** CloudFormation and SAM templates, JSON and YAML: names in properties, Ref and GetAtt to them, KMS keys, ARNs. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findReferences } from '../../../src/core';
import { fixture, rows } from './helpers';

const BUCKET = ['AWS::S3::Bucket', 'acme-reports-archive', 'ResourceName=acme-reports-archive'];
const ALIAS = ['AWS::KMS::Alias', 'alias/acme-reports', 'ResourceName=alias/acme-reports'];
const ROLE = ['AWS::IAM::Role', 'acme-reports-writer', 'ResourceName=acme-reports-writer'];
const SECRET = ['AWS::SecretsManager::Secret', 'acme/reports/db', 'ResourceName=acme/reports/db'];
const TOPIC = ['AWS::SNS::Topic', 'acme-upstream', 'ResourceName=arn:aws:sns:us-east-1:123456789012:acme-upstream'];

/**
 * The references of test/fixtures/refs/reports.{yaml,json}, the same template in both syntaxes, in
 * the order written; each expression as the syntax writes it. Not references: the scratch bucket (its
 * name is a `!Sub`), `!Ref ReportsKey` (a key has no name), `arn:aws:s3:::*` (a pattern).
 */
function expected(expression: (ref: string) => string): string[][] {
  return [
    ['acme-reports-archive', 'property', ...BUCKET],
    ['alias/acme-reports', 'property', ...ALIAS],
    ['acme-reports-writer', 'property', ...ROLE],
    ['arn:aws:s3:::acme-reports-archive', 'arn', ...BUCKET],
    [expression('GetAtt ReportsBucket.Arn'), 'ref', ...BUCKET],
    ['acme/reports/db', 'property', ...SECRET],
    [expression('Ref ReportsKeyAlias'), 'ref', ...ALIAS],
    ['alias/acme-reports', 'property', ...ALIAS],
    [expression('GetAtt ReportsRole.Arn'), 'ref', ...ROLE],
    [expression('Ref ReportsBucket'), 'ref', ...BUCKET],
    ['arn:aws:sns:us-east-1:123456789012:acme-upstream', 'arn', ...TOPIC],
    [expression('GetAtt [ReportsRole, Arn]'), 'ref', ...ROLE],
  ];
}

describe('references: CloudFormation templates', () => {
  it('reads a YAML template: names, KMS keys, !Ref and !GetAtt of named resources, ARNs', () => {
    const yaml: Record<string, string> = {
      'GetAtt ReportsBucket.Arn': '!GetAtt ReportsBucket.Arn',
      'Ref ReportsKeyAlias': '!Ref ReportsKeyAlias',
      'GetAtt ReportsRole.Arn': '!GetAtt ReportsRole.Arn',
      'Ref ReportsBucket': '!Ref ReportsBucket',
      'GetAtt [ReportsRole, Arn]': 'Fn::GetAtt: [ReportsRole, Arn]',
    };
    assert.deepEqual(
      rows(fixture('reports.yaml'), 'yaml'),
      expected((e) => yaml[e]!),
    );
  });

  it('reads the same template in JSON, each Ref and GetAtt spanning its object', () => {
    const json: Record<string, string> = {
      'GetAtt ReportsBucket.Arn': '{ "Fn::GetAtt": ["ReportsBucket", "Arn"] }',
      'Ref ReportsKeyAlias': '{ "Ref": "ReportsKeyAlias" }',
      'GetAtt ReportsRole.Arn': '{ "Fn::GetAtt": "ReportsRole.Arn" }',
      'Ref ReportsBucket': '{ "Ref": "ReportsBucket" }',
      'GetAtt [ReportsRole, Arn]': '{ "Fn::GetAtt": ["ReportsRole", "Arn"] }',
    };
    assert.deepEqual(
      rows(fixture('reports.json'), 'json'),
      expected((e) => json[e]!),
    );
    // VS Code's JSON with comments is read the same.
    assert.equal(rows(fixture('reports.json'), 'jsonc').length, 12);
  });

  it('reads the name properties of every kind, SAM resources as what they deploy', () => {
    const template = `Transform: AWS::Serverless-2016-10-31
Resources:
  A: { Type: AWS::IAM::User, Properties: { UserName: alice } }
  B: { Type: AWS::IAM::Group, Properties: { GroupName: auditors } }
  C: { Type: AWS::IAM::ManagedPolicy, Properties: { ManagedPolicyName: acme-read } }
  D: { Type: AWS::Serverless::Function, Properties: { FunctionName: acme-fn } }
  E: { Type: AWS::DynamoDB::Table, Properties: { TableName: Orders } }
  F: { Type: AWS::SQS::Queue, Properties: { QueueName: jobs.fifo } }
  G: { Type: AWS::SNS::Topic, Properties: { TopicName: alerts } }
  H: { Type: AWS::Logs::LogGroup, Properties: { LogGroupName: /acme/app } }
  I: { Type: AWS::Serverless::SimpleTable, Properties: { TableName: Sessions } }
  J: { Type: AWS::SSM::Parameter, Properties: { Name: /acme/flag, Type: String, Value: "on" } }
`;
    assert.deepEqual(
      rows(template, 'yaml').map(([at, via, type, , lookup]) => [at, via, type, lookup]),
      [
        ['alice', 'property', 'AWS::IAM::User', 'Username=alice'],
        ['auditors', 'property', 'AWS::IAM::Group', 'ResourceName=auditors'],
        ['acme-read', 'property', 'AWS::IAM::ManagedPolicy', 'ResourceName=acme-read'],
        ['acme-fn', 'property', 'AWS::Lambda::Function', 'ResourceName=acme-fn'],
        ['Orders', 'property', 'AWS::DynamoDB::Table', 'ResourceName=Orders'],
        ['jobs.fifo', 'property', 'AWS::SQS::Queue', 'ResourceName=jobs.fifo'],
        ['alerts', 'property', 'AWS::SNS::Topic', 'ResourceName=alerts'],
        ['/acme/app', 'property', 'AWS::Logs::LogGroup', 'ResourceName=/acme/app'],
        ['Sessions', 'property', 'AWS::DynamoDB::Table', 'ResourceName=Sessions'],
        ['/acme/flag', 'property', 'AWS::SSM::Parameter', 'ResourceName=/acme/flag'],
      ],
    );
  });

  it('gives a bucket its ARN, which needs no account, and no other kind one it would have to guess', () => {
    const text = `Resources:
  B: { Type: AWS::S3::Bucket, Properties: { BucketName: acme-b } }
  R: { Type: AWS::IAM::Role, Properties: { RoleName: acme-r } }
`;
    assert.deepEqual(
      findReferences(text, 'yaml').map((r) => [r.name, r.service, r.arn]),
      [
        ['acme-b', 's3', 'arn:aws:s3:::acme-b'],
        ['acme-r', 'iam', undefined],
      ],
    );
  });

  it('takes no value that is not written out: intrinsics, dynamic references, parameters, resources without a name', () => {
    const template = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Name: { Type: String, Default: acme-param }
Resources:
  A: { Type: AWS::S3::Bucket, Properties: { BucketName: !Ref Name } }
  B: { Type: AWS::S3::Bucket, Properties: { BucketName: !Join ["-", [acme, !Ref AWS::Region]] } }
  C: { Type: AWS::SecretsManager::Secret, Properties: { Name: "{{resolve:ssm:/acme/secret-name}}" } }
  D: { Type: AWS::IAM::Role, Properties: { RoleName: "\${AWS::StackName}-role" } }
  E: { Type: AWS::S3::Bucket }
  F: { Type: AWS::SQS::Queue, Properties: { QueueName: "*" } }
  G: { Type: AWS::Lambda::Function, Properties: { Environment: { Variables: { A: !Ref A, B: !GetAtt B.Arn, E: !Ref E, N: !Ref Name } } } }
Outputs:
  Id: { Value: !Ref C }
`;
    assert.deepEqual(rows(template, 'yaml'), []);
  });

  it('reads KMS key ids only under KMS key properties', () => {
    const template = `Resources:
  Q:
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: 1234abcd-12ab-34cd-56ef-1234567890ab
      Tags: [{ Key: RequestId, Value: 5678abcd-12ab-34cd-56ef-1234567890ab }]
  T:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: alias/aws/sns
      DisplayName: alias/not-a-key
`;
    assert.deepEqual(
      rows(template, 'yaml').map(([at, , type]) => [at, type]),
      [
        ['1234abcd-12ab-34cd-56ef-1234567890ab', 'AWS::KMS::Key'],
        ['alias/aws/sns', 'AWS::KMS::Alias'],
      ],
    );
  });

  it('reads nothing of JSON and YAML files that are no template, ARNs aside', () => {
    const cases: [string, string][] = [
      ['{"name": "acme", "dependencies": {"BucketName": "x"}}', 'json'],
      ['Resources:\n  - Type: AWS::S3::Bucket\n    BucketName: acme-x\n', 'yaml'],
      ['kind: ConfigMap\ndata:\n  BucketName: acme-x\n  role: arn:aws:iam::123456789012:role/acme-k8s\n', 'yaml'],
    ];
    assert.deepEqual(
      cases.map(([text, languageId]) => rows(text, languageId).map(([at, via]) => `${via} ${at}`)),
      [[], [], ['arn arn:aws:iam::123456789012:role/acme-k8s']],
    );
  });
});
