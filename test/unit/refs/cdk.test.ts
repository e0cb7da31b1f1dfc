/** CDK apps: resources imported by name or ARN, and constructs given a literal name. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { findReferences } from '../../../src/core';
import { CodeTrees } from '../../../src/core/sources/code';
import { loadGrammars } from '../helpers/grammars';
import { fixture, rows } from './helpers';

describe('references: CDK', () => {
  before(loadGrammars);

  it('reads test/fixtures/refs/reports-stack.ts: imports by name and ARN, construct names, a const where it is declared', () => {
    const text = fixture('reports-stack.ts');
    const found = rows(text, 'typescript');
    assert.deepEqual(
      found.map(([at, via, type, name, lookup]) => [at, via, type, name, lookup]),
      [
        // `const ARCHIVE = '...'` given to fromBucketName: the literal is where the const is declared.
        ['acme-reports-archive', 'cdk', 'AWS::S3::Bucket', 'acme-reports-archive', 'ResourceName=acme-reports-archive'],
        ['acme-reports-landing', 'cdk', 'AWS::S3::Bucket', 'acme-reports-landing', 'ResourceName=acme-reports-landing'],
        [
          'arn:aws:iam::123456789012:role/ci/acme-deployer',
          'cdk',
          'AWS::IAM::Role',
          'acme-deployer',
          'ResourceName=acme-deployer',
        ],
        ['acme-reports-writer', 'cdk', 'AWS::IAM::Role', 'acme-reports-writer', 'ResourceName=acme-reports-writer'],
        ['acme/reports/db', 'cdk', 'AWS::SecretsManager::Secret', 'acme/reports/db', 'ResourceName=acme/reports/db'],
        [
          'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
          'cdk',
          'AWS::KMS::Key',
          '1234abcd-12ab-34cd-56ef-1234567890ab',
          'ResourceName=arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        ],
        ['alias/acme-reports', 'cdk', 'AWS::KMS::Alias', 'alias/acme-reports', 'ResourceName=alias/acme-reports'],
        ['acme-reports', 'cdk', 'AWS::Lambda::Function', 'acme-reports', 'ResourceName=acme-reports'],
      ],
    );
    // The const's declaration is the first string of the file after the imports.
    assert.equal(text.indexOf("'acme-reports-archive'") + 1, text.indexOf(found[0]![0]!));
  });

  it('knows the classes under every import form', () => {
    const cases: [imports: string, call: string][] = [
      [`import * as s3 from 'aws-cdk-lib/aws-s3';`, `s3.Bucket.fromBucketName(this, 'B', 'acme-b')`],
      [`import s3 = require('aws-cdk-lib/aws-s3');`, `s3.Bucket.fromBucketName(this, 'B', 'acme-b')`],
      [`import { Bucket } from 'aws-cdk-lib/aws-s3';`, `Bucket.fromBucketName(this, 'B', 'acme-b')`],
      [`import { Bucket as B } from 'aws-cdk-lib/aws-s3';`, `B.fromBucketName(this, 'B', 'acme-b')`],
      [`import * as cdk from 'aws-cdk-lib';`, `cdk.aws_s3.Bucket.fromBucketName(this, 'B', 'acme-b')`],
      [`import { aws_s3 as s3 } from 'aws-cdk-lib';`, `new s3.Bucket(this, 'B', { bucketName: 'acme-b' })`],
      [`const s3 = require('aws-cdk-lib/aws-s3');`, `new s3.Bucket(this, 'B', { 'bucketName': "acme-b" })`],
      [`import * as s3 from '@aws-cdk/aws-s3';`, `new s3.Bucket(this, 'B', { bucketName: \`acme-b\` })`],
    ];
    for (const [imports, call] of cases) {
      const text = `${imports}\nexport function build(this: any) {\n  return ${call};\n}\n`;
      assert.deepEqual(
        rows(text, 'typescript').map(([at, via, type]) => [at, via, type]),
        [['acme-b', 'cdk', 'AWS::S3::Bucket']],
        imports,
      );
    }
  });

  it('reads every kind of the table, by its import methods and its name prop', () => {
    const text = `import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
export function build(scope: any) {
  iam.Role.fromRoleName(scope, 'a', 'acme-role');
  iam.User.fromUserName(scope, 'b', 'alice');
  lambda.Function.fromFunctionArn(scope, 'c', 'arn:aws:lambda:us-east-1:123456789012:function:acme-fn');
  dynamodb.Table.fromTableName(scope, 'd', 'Orders');
  sqs.Queue.fromQueueArn(scope, 'e', 'arn:aws:sqs:us-east-1:123456789012:jobs');
  new sns.Topic(scope, 'f', { topicName: 'alerts' });
  new kms.Key(scope, 'g', { alias: 'acme-key' });
  new logs.LogGroup(scope, 'h', { logGroupName: '/acme/app' });
  secretsmanager.Secret.fromSecretCompleteArn(scope, 'i', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:acme/db-Xy12Ab');
  new dynamodb.TableV2(scope, 'j', { tableName: 'Sessions', partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
  new sqs.Queue(scope, 'k', { queueName: 'jobs.fifo', fifo: true });
  new secretsmanager.Secret(scope, 'l', { secretName: 'acme/api' });
}
`;
    assert.deepEqual(
      rows(text, 'typescript').map(([at, , type, name]) => [at, type, name]),
      [
        ['acme-role', 'AWS::IAM::Role', 'acme-role'],
        ['alice', 'AWS::IAM::User', 'alice'],
        ['arn:aws:lambda:us-east-1:123456789012:function:acme-fn', 'AWS::Lambda::Function', 'acme-fn'],
        ['Orders', 'AWS::DynamoDB::Table', 'Orders'],
        ['arn:aws:sqs:us-east-1:123456789012:jobs', 'AWS::SQS::Queue', 'jobs'],
        ['alerts', 'AWS::SNS::Topic', 'alerts'],
        // The CDK names a key's alias `alias/<alias>` when written without the prefix.
        ['acme-key', 'AWS::KMS::Alias', 'alias/acme-key'],
        ['/acme/app', 'AWS::Logs::LogGroup', '/acme/app'],
        [
          'arn:aws:secretsmanager:us-east-1:123456789012:secret:acme/db-Xy12Ab',
          'AWS::SecretsManager::Secret',
          'acme/db',
        ],
        ['Sessions', 'AWS::DynamoDB::Table', 'Sessions'],
        ['jobs.fifo', 'AWS::SQS::Queue', 'jobs.fifo'],
        ['acme/api', 'AWS::SecretsManager::Secret', 'acme/api'],
      ],
    );
  });

  it('takes no value that is not written out, and no class that is not the CDK', () => {
    const text = `import * as s3 from 'aws-cdk-lib/aws-s3';
import { Bucket as MyBucket } from './buckets';
export function build(scope: any, props: { name: string }, env: string) {
  s3.Bucket.fromBucketName(scope, 'a', props.name);
  s3.Bucket.fromBucketName(scope, 'b', \`acme-\${env}\`);
  s3.Bucket.fromBucketName(scope, 'c', 'acme-' + env);
  new s3.Bucket(scope, 'd', { bucketName: props.name });
  new s3.Bucket(scope, 'e', { ...props });
  new s3.Bucket(scope, 'f');
  MyBucket.fromBucketName(scope, 'g', 'not-the-cdk');
  s3.Bucket.fromBucketArn(scope, 'h', 'arn:aws:s3:::*');
  s3.Bucket.fromBucketName(scope, 'i', '*');
  const bucketName = 'acme-shadowed';
  new s3.Bucket(scope, 'j', { bucketName: env });
}
`;
    // The const assigned but given to nothing is a string like any other: no reference.
    assert.deepEqual(rows(text, 'typescript'), []);
  });

  it('re-reads an edited file from the document’s own trees', () => {
    const trees = new CodeTrees();
    try {
      const text = `import * as s3 from 'aws-cdk-lib/aws-s3';\nexport const b = (scope: any) => s3.Bucket.fromBucketName(scope, 'B', 'acme-one');\n`;
      const edited = text.replace('acme-one', 'acme-two');
      assert.deepEqual(
        [text, edited, text].map((version) => findReferences(version, 'typescript', { trees }).map((r) => r.name)),
        [['acme-one'], ['acme-two'], ['acme-one']],
      );
    } finally {
      trees.dispose();
    }
  });

  it('reads a file that does not import the CDK for its ARNs and SDK calls only, without parsing it', () => {
    const text = `import { Bucket } from './mine';\nBucket.fromBucketName(this, 'a', 'mine');\nclient.send(new GetObjectCommand({ Bucket: 'acme-sdk' }));\n`;
    assert.deepEqual(
      rows(text, 'typescript').map(([at, via]) => [at, via]),
      [['acme-sdk', 'sdk']],
    );
  });
});
