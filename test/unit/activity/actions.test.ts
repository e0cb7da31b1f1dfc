import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { actionOf } from '../../../src/core';
import { tabledActions } from '../../../src/core/activity/actions';
import { whyNoAction } from '../../../src/core/activity/noAction';
import { Catalog } from '../../../src/core/catalog';
import { catalogFile } from '../helpers/paths';

const catalog = Catalog.load(catalogFile);

describe('actionOf', () => {
  const cases: [source: string, name: string, action: string | undefined][] = [
    // The rule: the host's first label and the event name.
    ['ec2.amazonaws.com', 'RunInstances', 'ec2:RunInstances'],
    ['iam.amazonaws.com', 'CreateRole', 'iam:CreateRole'],
    ['kms.amazonaws.com', 'ScheduleKeyDeletion', 'kms:ScheduleKeyDeletion'],
    ['s3.amazonaws.com', 'PutBucketPolicy', 's3:PutBucketPolicy'],
    ['s3.amazonaws.com', 'GetBucketPolicy', 's3:GetBucketPolicy'],
    ['s3.amazonaws.com', 'PutBucketPublicAccessBlock', 's3:PutBucketPublicAccessBlock'],
    ['s3.amazonaws.com', 'GetBucketPublicAccessBlock', 's3:GetBucketPublicAccessBlock'],
    ['sts.amazonaws.com', 'GetServiceBearerToken', 'sts:GetServiceBearerToken'],
    ['es.amazonaws.com', 'CreateDomain', 'es:CreateDomain'],
    ['sso.amazonaws.com', 'CreatePermissionSet', 'sso:CreatePermissionSet'],
    ['health.amazonaws.com', 'DescribeEventAggregates', 'health:DescribeEventAggregates'],
    ['ce.amazonaws.com', 'GetCostAndUsage', 'ce:GetCostAndUsage'],
    ['support.amazonaws.com', 'DescribeCases', 'support:DescribeCases'],
    ['cloudtrail.amazonaws.com', 'StopLogging', 'cloudtrail:StopLogging'],
    ['signin.amazonaws.com', 'AuthorizeOAuth2Access', 'signin:AuthorizeOAuth2Access'],
    // Hosts that are not the prefix.
    ['monitoring.amazonaws.com', 'DescribeAlarms', 'cloudwatch:DescribeAlarms'],
    ['servicecatalog-appregistry.amazonaws.com', 'ListApplications', 'servicecatalog:ListApplications'],
    // S3 operations whose permission has another name.
    ['s3.amazonaws.com', 'ListBuckets', 's3:ListAllMyBuckets'],
    ['s3.amazonaws.com', 'HeadBucket', 's3:ListBucket'],
    ['s3.amazonaws.com', 'ListObjects', 's3:ListBucket'],
    ['s3.amazonaws.com', 'ListObjectsV2', 's3:ListBucket'],
    ['s3.amazonaws.com', 'HeadObject', 's3:GetObject'],
    ['s3.amazonaws.com', 'DeleteObjects', 's3:DeleteObject'],
    ['s3.amazonaws.com', 'CopyObject', 's3:PutObject'],
    ['s3.amazonaws.com', 'UploadPart', 's3:PutObject'],
    ['s3.amazonaws.com', 'CreateMultipartUpload', 's3:PutObject'],
    ['s3.amazonaws.com', 'CompleteMultipartUpload', 's3:PutObject'],
    ['s3.amazonaws.com', 'GetBucketCors', 's3:GetBucketCORS'],
    ['s3.amazonaws.com', 'DeleteBucketEncryption', 's3:PutEncryptionConfiguration'],
    ['s3.amazonaws.com', 'GetBucketLifecycle', 's3:GetLifecycleConfiguration'],
    // Lambda's versioned event names, and its invocation data event.
    ['lambda.amazonaws.com', 'ListFunctions20150331', 'lambda:ListFunctions'],
    ['lambda.amazonaws.com', 'GetFunction20150331v2', 'lambda:GetFunction'],
    ['lambda.amazonaws.com', 'UpdateFunctionConfiguration20150331v2', 'lambda:UpdateFunctionConfiguration'],
    ['lambda.amazonaws.com', 'ListTags20170331', 'lambda:ListTags'],
    ['lambda.amazonaws.com', 'CreateFunctionUrlConfig', 'lambda:CreateFunctionUrlConfig'],
    ['lambda.amazonaws.com', 'Invoke', 'lambda:InvokeFunction'],
    // No IAM action.
    ['signin.amazonaws.com', 'ConsoleLogin', undefined],
    ['signin.amazonaws.com', 'CheckMfa', undefined],
    ['signin.amazonaws.com', 'SwitchRole', undefined],
    ['', 'ConsoleLogin', undefined],
    ['s3.amazonaws.com', '', undefined],
  ];
  for (const [source, name, action] of cases) {
    test(`${source} ${name} → ${action ?? 'none'}`, () => {
      assert.equal(actionOf(source, name), action);
      if (action !== undefined) assert.equal(catalog.action(action)?.fullName, action, 'in the catalog');
      else if (source !== '' && name !== '') assert.ok(whyNoAction(source, name), 'explained');
    });
  }

  test("an event named like an object's own property is an event name like any other", () => {
    assert.equal(actionOf('s3.amazonaws.com', 'constructor'), 's3:constructor');
    assert.equal(actionOf('lambda.amazonaws.com', 'toString'), 'lambda:toString');
    assert.equal(whyNoAction('signin.amazonaws.com', 'hasOwnProperty', '__proto__'), undefined);
  });

  test('every action the exception tables name exists in the catalog, with exactly its case', () => {
    const tabled = tabledActions();
    assert.ok(tabled.length > 50, `${tabled.length} tabled actions`);
    for (const action of tabled) assert.equal(catalog.action(action)?.fullName, action);
  });
});

describe('whyNoAction', () => {
  const cases: [source: string, name: string, eventType: string | undefined, explained: boolean][] = [
    ['kms.amazonaws.com', 'RotateKey', 'AwsServiceEvent', true],
    ['signin.amazonaws.com', 'ConsoleLogin', 'AwsConsoleSignIn', true],
    ['signin.amazonaws.com', 'ConsoleLogin', undefined, true],
    ['cloudtrail.amazonaws.com', 'StopLogging', 'AwsCloudTrailInsight', true],
    ['kms.amazonaws.com', 'Decrypt', 'AwsApiCall', false],
    ['s3.amazonaws.com', 'GetObject', 'AwsVpceEvent', false],
  ];
  for (const [source, name, eventType, explained] of cases) {
    test(`${source} ${name} (${eventType ?? 'no type'})`, () => {
      const reason = whyNoAction(source, name, eventType);
      assert.equal(reason !== undefined, explained, reason);
    });
  }
});
