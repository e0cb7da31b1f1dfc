/** AWS SDK calls in JavaScript, TypeScript and Python: resource parameters given string literals. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findReferences } from '../../../src/core';
import { rows } from './helpers';

describe('references: SDK calls', () => {
  it('reads JavaScript and TypeScript calls of the SDK v3 and v2', () => {
    const text = `import { GetObjectCommand } from '@aws-sdk/client-s3';
await s3.send(new GetObjectCommand({ Bucket: 'acme-in', Key: 'reports/2024.csv' }));
await ddb.send(new GetItemCommand({ TableName: "Orders", Key: { id: { S: '1' } } }));
await lambda.invoke({ FunctionName: 'acme-report', Payload: '{}' }).promise();
await sm.send(new DescribeSecretCommand({ SecretId: 'acme/db' }));
await kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: 'alias/acme' }));
await sns.send(new PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:alerts', Message: 'x' }));
await logs.send(new CreateLogGroupCommand({
  logGroupName: '/acme/app' // the application's
}));
`;
    for (const languageId of ['javascript', 'typescript']) {
      assert.deepEqual(
        rows(text, languageId).map(([at, via, type, name]) => [at, via, type, name]),
        [
          ['acme-in', 'sdk', 'AWS::S3::Bucket', 'acme-in'],
          ['Orders', 'sdk', 'AWS::DynamoDB::Table', 'Orders'],
          ['acme-report', 'sdk', 'AWS::Lambda::Function', 'acme-report'],
          ['acme/db', 'sdk', 'AWS::SecretsManager::Secret', 'acme/db'],
          ['alias/acme', 'sdk', 'AWS::KMS::Alias', 'alias/acme'],
          ['arn:aws:sns:us-east-1:123456789012:alerts', 'sdk', 'AWS::SNS::Topic', 'alerts'],
          ['/acme/app', 'sdk', 'AWS::Logs::LogGroup', '/acme/app'],
        ],
        languageId,
      );
    }
  });

  it('reads boto3 keyword arguments and dicts; a queue URL gives the queue and its ARN', () => {
    const text = `import boto3
s3.get_object(Bucket='acme-in', Key='k')
kms.decrypt(KeyId='alias/app', CiphertextBlob=blob)
kms.describe_key(KeyId="1234abcd-12ab-34cd-56ef-1234567890ab")
sqs.send_message(QueueUrl='https://sqs.us-east-1.amazonaws.com/123456789012/jobs', MessageBody='x')
iam.get_role(RoleName='acme-writer')
iam.list_user_policies(UserName='alice')
sts.assume_role(RoleArn='arn:aws:iam::123456789012:role/acme-deployer', RoleSessionName='me')
params = {"Bucket": "acme-dict", 'TableName': 'Orders'}
`;
    const references = findReferences(text, 'python');
    assert.deepEqual(
      rows(text, 'python').map(([at, via, type, name, lookup]) => [at, via, type, name, lookup]),
      [
        ['acme-in', 'sdk', 'AWS::S3::Bucket', 'acme-in', 'ResourceName=acme-in'],
        ['alias/app', 'sdk', 'AWS::KMS::Alias', 'alias/app', 'ResourceName=alias/app'],
        [
          '1234abcd-12ab-34cd-56ef-1234567890ab',
          'sdk',
          'AWS::KMS::Key',
          '1234abcd-12ab-34cd-56ef-1234567890ab',
          'ResourceName=1234abcd-12ab-34cd-56ef-1234567890ab',
        ],
        [
          'https://sqs.us-east-1.amazonaws.com/123456789012/jobs',
          'sdk',
          'AWS::SQS::Queue',
          'jobs',
          'ResourceName=jobs',
        ],
        ['acme-writer', 'sdk', 'AWS::IAM::Role', 'acme-writer', 'ResourceName=acme-writer'],
        ['alice', 'sdk', 'AWS::IAM::User', 'alice', 'Username=alice'],
        [
          'arn:aws:iam::123456789012:role/acme-deployer',
          'sdk',
          'AWS::IAM::Role',
          'acme-deployer',
          'ResourceName=acme-deployer',
        ],
        ['acme-dict', 'sdk', 'AWS::S3::Bucket', 'acme-dict', 'ResourceName=acme-dict'],
        ['Orders', 'sdk', 'AWS::DynamoDB::Table', 'Orders', 'ResourceName=Orders'],
      ],
    );
    assert.equal(references.find((r) => r.name === 'jobs')?.arn, 'arn:aws:sqs:us-east-1:123456789012:jobs');
    assert.equal(references.find((r) => r.name === 'acme-in')?.arn, 'arn:aws:s3:::acme-in');
  });

  it('takes only string literals of the known parameters', () => {
    const cases: [what: string, text: string, languageId: string][] = [
      ['a variable', `s3.send(new GetObjectCommand({ Bucket: bucketVar, Key: 'k' }))`, 'javascript'],
      ['a shorthand property', `s3.send(new GetObjectCommand({ Bucket, Key }))`, 'typescript'],
      ['a template literal', 's3.getObject({ Bucket: `acme-${env}` })', 'javascript'],
      ['a concatenation', `s3.getObject({ Bucket: 'acme-' + env })`, 'javascript'],
      ['a method of the literal', `s3.get_object(Bucket='ACME'.lower())`, 'python'],
      ['implicit concatenation', `s3.get_object(Bucket='acme-' 'in')`, 'python'],
      ['a Python variable', `s3.get_object(Bucket=bucket, Key='k')`, 'python'],
      ['an f-string', `s3.get_object(Bucket=f'acme-{env}')`, 'python'],
      ['a comparison', `if Bucket == 'acme': pass`, 'python'],
      ['a member named like a parameter', `config.Bucket = 'acme'`, 'javascript'],
      ['a longer name', `MyBucket: 'acme', BucketName2: 'x'`, 'javascript'],
      ['another parameter', `s3.get_object(Key='acme-in')`, 'python'],
      [
        'a UUID that is no key',
        `requests.get(url, headers={'RequestId': '1234abcd-12ab-34cd-56ef-1234567890ab'})`,
        'python',
      ],
      ['a key parameter that is no key', `kms.decrypt(KeyId='my-key')`, 'python'],
      ['a wildcard', `s3.get_object(Bucket='*')`, 'python'],
      ['a queue URL of no AWS host', `sqs.send_message(QueueUrl='http://localhost:4566/000000000000/jobs')`, 'python'],
      ['an SDK call in a language the scan does not read', `{"Bucket": "acme"}`, 'json'],
    ];
    for (const [what, text, languageId] of cases) assert.deepEqual(rows(text, languageId), [], what);
  });
});
