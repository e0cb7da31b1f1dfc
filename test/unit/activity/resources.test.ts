import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ActivityResource } from '../../../src/core';
import { ACCOUNT, apiCall, eventOf } from './records';

const REGION = 'eu-west-1';

/** The resources of a call to `source` named `name` with these fields (requestParameters, resources, ...). */
function resourcesOf(source: string, name: string, fields: Record<string, unknown>): readonly ActivityResource[] {
  return eventOf(apiCall(source, name, fields)).resources;
}

const request = (requestParameters: unknown) => ({ requestParameters });

describe('resources named by requests and responses', () => {
  const cases: [
    label: string,
    source: string,
    name: string,
    fields: Record<string, unknown>,
    expected: ActivityResource[],
  ][] = [
    [
      'an S3 bucket',
      's3.amazonaws.com',
      'PutBucketPolicy',
      request({ bucketName: 'logs', policy: '{}' }),
      [{ name: 'logs', type: 'AWS::S3::Bucket', from: 'requestParameters' }],
    ],
    [
      'an IAM role and the managed policy attached to it',
      'iam.amazonaws.com',
      'AttachRolePolicy',
      request({ roleName: 'deploy', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }),
      [
        { name: 'deploy', type: 'AWS::IAM::Role', from: 'requestParameters' },
        {
          arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
          name: 'AdministratorAccess',
          type: 'AWS::IAM::ManagedPolicy',
          from: 'requestParameters',
        },
      ],
    ],
    [
      'an IAM user and group',
      'iam.amazonaws.com',
      'AddUserToGroup',
      request({ userName: 'Bob', groupName: 'admins' }),
      [
        { name: 'Bob', type: 'AWS::IAM::User', from: 'requestParameters' },
        { name: 'admins', type: 'AWS::IAM::Group', from: 'requestParameters' },
      ],
    ],
    [
      'the role an AssumeRole call asks for',
      'sts.amazonaws.com',
      'AssumeRole',
      request({ roleArn: `arn:aws:iam::${ACCOUNT}:role/path/deploy`, roleSessionName: 's' }),
      [
        {
          arn: `arn:aws:iam::${ACCOUNT}:role/path/deploy`,
          name: 'deploy',
          type: 'AWS::IAM::Role',
          from: 'requestParameters',
        },
      ],
    ],
    [
      'a KMS key by id',
      'kms.amazonaws.com',
      'Decrypt',
      request({ keyId: '1234abcd-12ab-34cd-56ef-1234567890ab' }),
      [{ name: '1234abcd-12ab-34cd-56ef-1234567890ab', type: 'AWS::KMS::Key', from: 'requestParameters' }],
    ],
    [
      'a KMS alias by ARN',
      'kms.amazonaws.com',
      'Encrypt',
      request({ keyId: `arn:aws:kms:${REGION}:${ACCOUNT}:alias/app` }),
      [
        {
          arn: `arn:aws:kms:${REGION}:${ACCOUNT}:alias/app`,
          name: 'alias/app',
          type: 'AWS::KMS::Alias',
          from: 'requestParameters',
        },
      ],
    ],
    [
      'a secret by name',
      'secretsmanager.amazonaws.com',
      'GetSecretValue',
      request({ secretId: 'prod/db' }),
      [{ name: 'prod/db', type: 'AWS::SecretsManager::Secret', from: 'requestParameters' }],
    ],
    [
      'a Lambda function by a qualified ARN',
      'lambda.amazonaws.com',
      'GetFunction20150331v2',
      request({ functionName: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:api:live` }),
      [
        {
          arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:api:live`,
          name: 'api',
          type: 'AWS::Lambda::Function',
          from: 'requestParameters',
        },
      ],
    ],
    [
      'a DynamoDB table',
      'dynamodb.amazonaws.com',
      'DeleteTable',
      request({ tableName: 'orders' }),
      [{ name: 'orders', type: 'AWS::DynamoDB::Table', from: 'requestParameters' }],
    ],
    [
      'an SQS queue by URL',
      'sqs.amazonaws.com',
      'SetQueueAttributes',
      request({ queueUrl: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/jobs`, attributes: {} }),
      [{ name: 'jobs', type: 'AWS::SQS::Queue', from: 'requestParameters' }],
    ],
    [
      'an SQS queue created: its name asked, its URL answered',
      'sqs.amazonaws.com',
      'CreateQueue',
      {
        requestParameters: { queueName: 'jobs' },
        responseElements: { queueUrl: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/jobs` },
      },
      [{ name: 'jobs', type: 'AWS::SQS::Queue', from: 'requestParameters' }],
    ],
    [
      'an SNS topic created, named by the response',
      'sns.amazonaws.com',
      'CreateTopic',
      {
        requestParameters: { name: 'alerts' },
        responseElements: { topicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:alerts` },
      },
      [
        {
          arn: `arn:aws:sns:${REGION}:${ACCOUNT}:alerts`,
          name: 'alerts',
          type: 'AWS::SNS::Topic',
          from: 'responseElements',
        },
      ],
    ],
    [
      'EC2 instances in instancesSet, each once',
      'ec2.amazonaws.com',
      'TerminateInstances',
      request({
        instancesSet: { items: [{ instanceId: 'i-1' }, { instanceId: 'i-2' }, { instanceId: 'i-1' }, { other: 1 }] },
      }),
      [
        { name: 'i-1', type: 'AWS::EC2::Instance', from: 'requestParameters' },
        { name: 'i-2', type: 'AWS::EC2::Instance', from: 'requestParameters' },
      ],
    ],
    [
      'trails in a list',
      'cloudtrail.amazonaws.com',
      'DescribeTrails',
      request({ trailNameList: ['main', 42, ''] }),
      [{ name: 'main', type: 'AWS::CloudTrail::Trail', from: 'requestParameters' }],
    ],
    [
      'a log group',
      'logs.amazonaws.com',
      'DeleteLogGroup',
      request({ logGroupName: '/aws/lambda/api' }),
      [{ name: '/aws/lambda/api', type: 'AWS::Logs::LogGroup', from: 'requestParameters' }],
    ],
    [
      "SSM's name is a parameter's only in the parameter calls",
      'ssm.amazonaws.com',
      'SendCommand',
      request({ name: 'AWS-RunShellScript' }),
      [],
    ],
    [
      'a bucket in resources[] and the request: once, with both its ARN and its name',
      's3.amazonaws.com',
      'GetBucketAcl',
      {
        requestParameters: { bucketName: 'logs', Host: 'logs.s3.amazonaws.com', acl: '' },
        resources: [{ accountId: ACCOUNT, type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::logs' }],
      },
      [{ arn: 'arn:aws:s3:::logs', name: 'logs', type: 'AWS::S3::Bucket', from: 'resources' }],
    ],
    [
      "untyped resources[] entries take their type from the ARN, and meet the request's names",
      'ssm.amazonaws.com',
      'GetParameters',
      {
        requestParameters: { names: ['/app/db', 'flat'], withDecryption: true },
        resources: [
          { accountId: ACCOUNT, ARN: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/app/db` },
          { accountId: ACCOUNT, ARN: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/flat` },
          { accountId: ACCOUNT, ARN: `arn:aws:ssm:${REGION}:${ACCOUNT}:document/x` },
        ],
      },
      [
        {
          arn: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/app/db`,
          name: '/app/db',
          type: 'AWS::SSM::Parameter',
          from: 'resources',
        },
        {
          arn: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/flat`,
          name: 'flat',
          type: 'AWS::SSM::Parameter',
          from: 'resources',
        },
        { arn: `arn:aws:ssm:${REGION}:${ACCOUNT}:document/x`, from: 'resources' },
      ],
    ],
    [
      'resources[] entries that are not resources are left out',
      's3.amazonaws.com',
      'GetObject',
      {
        resources: [
          null,
          'arn:aws:s3:::b',
          { ARN: 7 },
          { ARN: 'not-an-arn', type: 'AWS::S3::Bucket' },
          { type: 'AWS::S3::Object' },
        ],
      },
      [],
    ],
    ['a request recorded as null', 's3.amazonaws.com', 'PutBucketPolicy', request(null), []],
    ['a request CloudTrail cut to a string', 's3.amazonaws.com', 'PutBucketPolicy', request('{"bucketName":"lo'), []],
    ['a request absent', 's3.amazonaws.com', 'PutBucketPolicy', { requestParameters: undefined }, []],
    ['a field of the wrong type', 's3.amazonaws.com', 'PutBucketPolicy', request({ bucketName: { name: 'logs' } }), []],
  ];
  for (const [label, source, name, fields, expected] of cases) {
    test(label, () => assert.deepEqual(resourcesOf(source, name, fields), expected));
  }

  test("a secret's ARN and its name meet: the ARN's random suffix is not part of the name", () => {
    const arn = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:prod/db-a1B2c3`;
    const resources = resourcesOf('secretsmanager.amazonaws.com', 'CreateSecret', {
      requestParameters: { name: 'prod/db' },
      responseElements: { arn },
    });
    assert.deepEqual(resources, [
      { arn, name: 'prod/db', type: 'AWS::SecretsManager::Secret', from: 'requestParameters' },
    ]);
  });

  test('the events naming one resource share one object, merged ones too', () => {
    const fields = () => ({
      requestParameters: { bucketName: 'logs', key: 'a.txt' },
      resources: [{ ARN: 'arn:aws:s3:::logs', type: 'AWS::S3::Bucket' }],
    });
    const first = resourcesOf('s3.amazonaws.com', 'GetObject', fields());
    resourcesOf('s3.amazonaws.com', 'PutBucketPolicy', request({ bucketName: 'other' }));
    const again = resourcesOf('s3.amazonaws.com', 'GetObject', fields());
    assert.ok(first.length > 0);
    assert.deepEqual(again, first);
    first.forEach((resource, i) => assert.equal(again[i], resource, `resource ${i} is the same object`));
  });
});
