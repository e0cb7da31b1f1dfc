import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ActivityEvent } from '../../../src/core/activity/event';
import { ACCOUNT, ALICE, eventOf } from './records';

// Records shaped as each event version writes them (CloudTrail User Guide, "CloudTrail record contents":
// eventType since 1.02, managementEvent since 1.06, eventCategory since 1.07, tlsDetails since 1.08,
// eventContext for enriched events in 1.11). Each row keeps only the fields its version had.

const V103_LIST_BUCKETS = {
  eventVersion: '1.03',
  userIdentity: { ...ALICE, principalId: ACCOUNT },
  eventTime: '2019-02-01T03:18:19Z',
  eventSource: 's3.amazonaws.com',
  eventName: 'ListBuckets',
  awsRegion: 'us-west-2',
  sourceIPAddress: '127.0.0.1',
  userAgent: '[]',
  requestParameters: { host: ['s3.us-west-2.amazonaws.com'] },
  responseElements: null,
  requestID: '47B8E8D397DCE7A6',
  eventID: 'cdc4b7ed-e171-4cef-975a-ad829d4123e8',
  eventType: 'AwsApiCall',
  recipientAccountId: ACCOUNT,
};

const V105_ROTATE_KEY = {
  eventVersion: '1.05',
  userIdentity: { accountId: ACCOUNT, invokedBy: 'AWS Internal' },
  eventTime: '2019-06-02T00:06:08Z',
  eventSource: 'kms.amazonaws.com',
  eventName: 'RotateKey',
  awsRegion: 'us-east-2',
  sourceIPAddress: 'AWS Internal',
  userAgent: 'AWS Internal',
  requestParameters: null,
  responseElements: null,
  eventID: '234f004b-0000-4000-8000-000000000000',
  readOnly: false,
  resources: [{ ARN: `arn:aws:kms:us-east-2:${ACCOUNT}:key/7944f0ec-0000`, accountId: ACCOUNT, type: 'AWS::KMS::Key' }],
  eventType: 'AwsServiceEvent',
  recipientAccountId: ACCOUNT,
  serviceEventDetails: { keyId: '7944f0ec-0000' },
};

const V106_GET_OBJECT = {
  eventVersion: '1.06',
  userIdentity: ALICE,
  eventTime: '2020-03-01T12:00:00.123Z',
  eventSource: 's3.amazonaws.com',
  eventName: 'GetObject',
  awsRegion: 'eu-west-1',
  sourceIPAddress: '192.0.2.10',
  userAgent: '[aws-sdk-java]',
  requestParameters: { bucketName: 'data', key: 'a/b.csv', Host: 'data.s3.eu-west-1.amazonaws.com' },
  responseElements: null,
  eventID: '8e5f1c2a-0000-4000-8000-000000000000',
  readOnly: true,
  resources: [
    { type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::data/a/b.csv' },
    { accountId: ACCOUNT, type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::data' },
  ],
  eventType: 'AwsApiCall',
  managementEvent: false,
  recipientAccountId: ACCOUNT,
};

const V108_CONSOLE_LOGIN = {
  eventVersion: '1.08',
  userIdentity: { ...ALICE, accessKeyId: '' },
  eventTime: '2023-07-10T12:23:15Z',
  eventSource: 'signin.amazonaws.com',
  eventName: 'ConsoleLogin',
  awsRegion: 'us-east-1',
  sourceIPAddress: '192.0.2.10',
  userAgent: 'Mozilla/5.0',
  requestParameters: null,
  responseElements: { ConsoleLogin: 'Failure' },
  additionalEventData: { LoginTo: 'https://console.aws.amazon.com/console/home', MobileVersion: 'No', MFAUsed: 'No' },
  errorMessage: 'Failed authentication',
  eventID: '70e5932e-0000-4000-8000-000000000000',
  readOnly: false,
  eventType: 'AwsConsoleSignIn',
  managementEvent: true,
  recipientAccountId: ACCOUNT,
  eventCategory: 'Management',
  tlsDetails: {
    tlsVersion: 'TLSv1.3',
    cipherSuite: 'TLS_AES_128_GCM_SHA256',
    clientProvidedHostHeader: 'signin.aws.amazon.com',
  },
};

const V111_PUT_ITEM = {
  eventVersion: '1.11',
  userIdentity: {
    type: 'IdentityCenterUser',
    accountId: ACCOUNT,
    onBehalfOf: { userId: 'u-1', identityStoreArn: `arn:aws:identitystore::${ACCOUNT}:identitystore/d-1` },
    credentialId: 'cred-1',
  },
  eventTime: '2025-03-01T08:30:00Z',
  eventSource: 'dynamodb.amazonaws.com',
  eventName: 'PutItem',
  awsRegion: 'eu-central-1',
  sourceIPAddress: '198.51.100.7',
  userAgent: 'aws-sdk-js/3.700.0',
  requestParameters: { tableName: 'orders', key: { id: 'o-1' } },
  responseElements: null,
  eventID: 'a1b2c3d4-0000-4000-8000-000000000000',
  readOnly: false,
  resources: [
    { accountId: ACCOUNT, type: 'AWS::DynamoDB::Table', ARN: `arn:aws:dynamodb:eu-central-1:${ACCOUNT}:table/orders` },
  ],
  eventType: 'AwsApiCall',
  managementEvent: false,
  recipientAccountId: ACCOUNT,
  eventCategory: 'Data',
  eventContext: { requestContext: { 'aws:SourceIp': '198.51.100.7' }, tagContext: { resourceTags: [] } },
};

const V111_NETWORK_ACTIVITY = {
  ...V111_PUT_ITEM,
  eventSource: 'kms.amazonaws.com',
  eventName: 'Decrypt',
  eventType: 'AwsVpceEvent',
  eventCategory: 'NetworkActivity',
  errorCode: 'VpceAccessDenied',
  requestParameters: null,
  resources: [],
  vpcEndpointId: 'vpce-1',
};

const INSIGHT = {
  eventVersion: '1.08',
  eventTime: '2024-01-05T10:00:00Z',
  awsRegion: 'us-east-1',
  eventID: '9e0b4c2a-0000-4000-8000-000000000000',
  eventType: 'AwsCloudTrailInsight',
  recipientAccountId: ACCOUNT,
  sharedEventID: 'shared-1',
  insightDetails: {
    state: 'Start',
    eventSource: 'ssm.amazonaws.com',
    eventName: 'GetParameter',
    insightType: 'ApiCallRateInsight',
    insightContext: {},
  },
  eventCategory: 'Insight',
};

type Expected = Pick<ActivityEvent, 'time' | 'category'> & Partial<ActivityEvent>;

describe('event versions', () => {
  const cases: [label: string, record: Record<string, unknown>, expected: Expected][] = [
    [
      '1.03: an S3 call before readOnly and the categories',
      V103_LIST_BUCKETS,
      {
        time: Date.UTC(2019, 1, 1, 3, 18, 19),
        category: 'unknown',
        action: 's3:ListAllMyBuckets',
        readOnly: undefined,
        principal: { type: 'IAMUser', name: 'Alice', arn: ALICE.arn, account: ACCOUNT },
        resources: [],
      },
    ],
    [
      '1.05: a service event, no action, the key from resources[]',
      V105_ROTATE_KEY,
      {
        time: Date.UTC(2019, 5, 2, 0, 6, 8),
        category: 'unknown',
        action: undefined,
        principal: { type: 'AWSService', name: 'AWS Internal', account: ACCOUNT, invokedBy: 'AWS Internal' },
        resources: [
          {
            arn: `arn:aws:kms:us-east-2:${ACCOUNT}:key/7944f0ec-0000`,
            name: '7944f0ec-0000',
            type: 'AWS::KMS::Key',
            from: 'resources',
          },
        ],
      },
    ],
    [
      '1.06: a data event told by managementEvent',
      V106_GET_OBJECT,
      {
        time: Date.UTC(2020, 2, 1, 12, 0, 0, 123),
        category: 'data',
        action: 's3:GetObject',
        readOnly: true,
        resources: [
          { arn: 'arn:aws:s3:::data/a/b.csv', type: 'AWS::S3::Object', from: 'resources' },
          { arn: 'arn:aws:s3:::data', name: 'data', type: 'AWS::S3::Bucket', from: 'resources' },
        ],
      },
    ],
    [
      '1.08: a failed console sign-in',
      V108_CONSOLE_LOGIN,
      {
        time: Date.UTC(2023, 6, 10, 12, 23, 15),
        category: 'management',
        action: undefined,
        accessKeyId: undefined,
        errorCode: undefined,
        errorMessage: 'Failed authentication',
      },
    ],
    [
      '1.11: an enriched data event by an Identity Center user',
      V111_PUT_ITEM,
      {
        time: Date.UTC(2025, 2, 1, 8, 30),
        category: 'data',
        action: 'dynamodb:PutItem',
        principal: { type: 'IdentityCenterUser', name: 'u-1', account: ACCOUNT },
        resources: [
          {
            arn: `arn:aws:dynamodb:eu-central-1:${ACCOUNT}:table/orders`,
            name: 'orders',
            type: 'AWS::DynamoDB::Table',
            from: 'resources',
          },
        ],
      },
    ],
    [
      '1.11: a network activity event denied at the VPC endpoint',
      V111_NETWORK_ACTIVITY,
      {
        time: Date.UTC(2025, 2, 1, 8, 30),
        category: 'networkActivity',
        action: 'kms:Decrypt',
        errorCode: 'VpceAccessDenied',
      },
    ],
    [
      'an Insights event: CloudTrail reports on the calls it names',
      INSIGHT,
      {
        time: Date.UTC(2024, 0, 5, 10),
        category: 'insight',
        eventSource: 'ssm.amazonaws.com',
        eventName: 'GetParameter',
        action: undefined,
        principal: { type: 'AWSService', name: 'cloudtrail.amazonaws.com' },
      },
    ],
  ];
  for (const [label, record, expected] of cases) {
    test(label, () => {
      const event = eventOf(record);
      assert.equal(event.eventVersion, record.eventVersion);
      assert.equal(event.eventId, record.eventID);
      for (const [key, value] of Object.entries(expected)) {
        assert.deepEqual(event[key as keyof ActivityEvent], value, key);
      }
    });
  }
});

describe('event times', () => {
  const cases: [eventTime: string, time: number | undefined][] = [
    ['2023-07-10T11:55:23Z', Date.UTC(2023, 6, 10, 11, 55, 23)],
    ['2023-07-10T11:55:23.5Z', Date.UTC(2023, 6, 10, 11, 55, 23, 500)],
    ['2023-07-10T13:55:23+02:00', Date.UTC(2023, 6, 10, 11, 55, 23)],
    ['2023-07-10T06:55:23-0500', Date.UTC(2023, 6, 10, 11, 55, 23)],
    // CloudTrail Lake's and re-exported events' form: UTC without a zone, nanoseconds allowed.
    ['2023-07-10 11:55:23', Date.UTC(2023, 6, 10, 11, 55, 23)],
    ['2025-01-21 17:49:47.123456789', Date.UTC(2025, 0, 21, 17, 49, 47, 123)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['2023-02-29T00:00:00Z', undefined],
    ['2023-02-30T00:00:00Z', undefined],
    ['2023-13-01T00:00:00Z', undefined],
    ['2023-07-10T24:00:00Z', undefined],
    ['2023-07-10', undefined],
    ['July 10, 2023 11:55:23 AM', undefined],
    ['1688990123000', undefined],
  ];
  for (const [eventTime, time] of cases) {
    test(eventTime, () => {
      const record = { ...V103_LIST_BUCKETS, eventTime };
      if (time === undefined) assert.throws(() => eventOf(record), /eventTime is not a date and time/);
      else assert.equal(eventOf(record).time, time);
    });
  }
});

describe('large records', () => {
  test('a 300 KB record (a policy document near IAM’s limits) reads whole', () => {
    const statement = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/' + 'x'.repeat(200) };
    const policyDocument = JSON.stringify({ Version: '2012-10-17', Statement: Array(1300).fill(statement) });
    const record = {
      ...V111_PUT_ITEM,
      eventSource: 'iam.amazonaws.com',
      eventName: 'PutRolePolicy',
      eventCategory: 'Management',
      requestParameters: { roleName: 'deploy', policyName: 'inline', policyDocument },
      resources: [],
    };
    assert.ok(JSON.stringify(record).length > 300_000);
    const event = eventOf(record);
    assert.equal(event.action, 'iam:PutRolePolicy');
    assert.deepEqual(event.resources, [{ name: 'deploy', type: 'AWS::IAM::Role', from: 'requestParameters' }]);
  });

  test('a request naming 20,000 instances, each twice, gives each once, quickly', () => {
    const items = Array.from({ length: 40_000 }, (_, i) => ({
      instanceId: `i-${(i % 20_000).toString(16).padStart(17, '0')}`,
    }));
    const record = {
      ...V111_PUT_ITEM,
      eventSource: 'ec2.amazonaws.com',
      eventName: 'TerminateInstances',
      requestParameters: { instancesSet: { items } },
      resources: [],
    };
    const started = performance.now();
    const event = eventOf(record);
    assert.equal(event.resources.length, 20_000);
    assert.ok(performance.now() - started < 2000, `${Math.round(performance.now() - started)} ms`);
  });
});
