import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { normaliseLookupEvent, normaliseRecord, type ActivityEvent } from '../../../src/core';
import { invictusRecord } from './invictus';

const ACCOUNT = '123837392027';
const BERT_JAN = { type: 'IAMUser', name: 'bert-jan', arn: `arn:aws:iam::${ACCOUNT}:user/bert-jan`, account: ACCOUNT };
const TERRAFORM_KEY = 'AKIATFQR7NSC8Q4X20BJ';
const LAPTOP = '192.168.10.20';

/** The event of a dataset record; fails the test if it is not one. */
function eventOf(eventId: string): ActivityEvent {
  const result = normaliseRecord(invictusRecord(eventId));
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result.event;
}

/** The fields every spot check shares: as recorded, in us-east-1 of the dataset's account. */
function recorded(eventId: string): Pick<ActivityEvent, 'eventId' | 'eventTime' | 'userAgent'> {
  const record = invictusRecord(eventId);
  return { eventId, eventTime: record.eventTime as string, userAgent: record.userAgent as string };
}

const common = { eventVersion: '1.08', region: 'us-east-1', account: ACCOUNT, category: 'management' } as const;

describe('real events, normalised exactly', () => {
  test('a role session (EC2 instance credentials) describing instances', () => {
    const id = 'd3d5fd99-faa9-4959-a464-56fba613cc2e';
    assert.deepEqual(eventOf(id), {
      ...recorded(id),
      ...common,
      time: Date.UTC(2023, 6, 10, 11, 57, 22),
      eventSource: 'ec2.amazonaws.com',
      eventName: 'DescribeInstances',
      action: 'ec2:DescribeInstances',
      principal: {
        type: 'AssumedRole',
        name: 'stratus-red-team-ec2-steal-credentials-role/i-0dbc91f429e48eeed',
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/stratus-red-team-ec2-steal-credentials-role/i-0dbc91f429e48eeed`,
        account: ACCOUNT,
        roleArn: `arn:aws:iam::${ACCOUNT}:role/stratus-red-team-ec2-steal-credentials-role`,
        sessionName: 'i-0dbc91f429e48eeed',
      },
      accessKeyId: 'ASIATFQR7NSC36DZQP7P',
      sourceIp: LAPTOP,
      readOnly: true,
      resources: [],
    });
  });

  test('an IAM user with an access key creating a secret: its name from the request, its ARN from the response', () => {
    const id = '30f9bf7b-a5dd-4661-8c97-d288ef5680a1';
    assert.deepEqual(eventOf(id), {
      ...recorded(id),
      ...common,
      time: Date.UTC(2023, 6, 10, 11, 57, 47),
      eventSource: 'secretsmanager.amazonaws.com',
      eventName: 'CreateSecret',
      action: 'secretsmanager:CreateSecret',
      principal: BERT_JAN,
      accessKeyId: TERRAFORM_KEY,
      sourceIp: LAPTOP,
      readOnly: false,
      resources: [
        {
          arn: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:stratus-red-team-retrieve-secret-0-xehWok`,
          name: 'stratus-red-team-retrieve-secret-0',
          type: 'AWS::SecretsManager::Secret',
          from: 'requestParameters',
        },
      ],
    });
  });

  test('an AWS service assuming its service-linked role: one role, from resources[] and the request', () => {
    const id = 'a4a7b25e-c2d5-436f-8a7e-ea89f50541ab';
    assert.deepEqual(eventOf(id), {
      ...recorded(id),
      ...common,
      time: Date.UTC(2023, 6, 10, 11, 55, 24),
      eventSource: 'sts.amazonaws.com',
      eventName: 'AssumeRole',
      action: 'sts:AssumeRole',
      principal: { type: 'AWSService', name: 'inspector2.amazonaws.com', invokedBy: 'inspector2.amazonaws.com' },
      sourceIp: 'inspector2.amazonaws.com',
      readOnly: true,
      resources: [
        {
          arn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/inspector2.amazonaws.com/AWSServiceRoleForAmazonInspector2`,
          name: 'AWSServiceRoleForAmazonInspector2',
          type: 'AWS::IAM::Role',
          from: 'resources',
        },
      ],
    });
  });

  test('a denied call keeps its error code and message', () => {
    const id = 'e4bad408-6272-4892-bf47-bd41b435ce40';
    assert.deepEqual(eventOf(id), {
      ...recorded(id),
      ...common,
      time: Date.UTC(2023, 6, 10, 11, 54, 42),
      eventSource: 'sts.amazonaws.com',
      eventName: 'AssumeRole',
      action: 'sts:AssumeRole',
      principal: BERT_JAN,
      accessKeyId: TERRAFORM_KEY,
      sourceIp: LAPTOP,
      errorCode: 'AccessDenied',
      errorMessage:
        `User: arn:aws:iam::${ACCOUNT}:user/bert-jan is not authorized to perform: sts:AssumeRole on resource: ` +
        `arn:aws:iam::${ACCOUNT}:role/stratus-red-team-ec2-get-password-data-role`,
      readOnly: true,
      resources: [],
    });
  });

  test('a bucket named only by the request', () => {
    const id = '68c99c97-c191-4329-b210-82ca8631066d';
    assert.deepEqual(eventOf(id), {
      ...recorded(id),
      ...common,
      time: Date.UTC(2023, 6, 10, 12, 0, 23),
      eventSource: 's3.amazonaws.com',
      eventName: 'CreateBucket',
      action: 's3:CreateBucket',
      principal: BERT_JAN,
      accessKeyId: TERRAFORM_KEY,
      sourceIp: LAPTOP,
      readOnly: false,
      resources: [
        { name: 'stratus-red-team-ctlr-bucket-zqfsvooxqj', type: 'AWS::S3::Bucket', from: 'requestParameters' },
      ],
    });
  });

  test('a KMS key from resources[], and the alias the request named, called by a user through a service', () => {
    const id = '1fb0962b-8d29-4ea5-b0f3-b12665a99c40';
    assert.deepEqual(eventOf(id), {
      ...recorded(id),
      ...common,
      time: Date.UTC(2023, 6, 10, 11, 57, 49),
      eventSource: 'kms.amazonaws.com',
      eventName: 'GenerateDataKey',
      action: 'kms:GenerateDataKey',
      principal: { ...BERT_JAN, invokedBy: 'secretsmanager.amazonaws.com' },
      accessKeyId: 'ASIATFQR7NSC4TIW5GWC',
      sourceIp: 'secretsmanager.amazonaws.com',
      readOnly: true,
      resources: [
        {
          arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/dad21b23-9915-42bd-981b-2a9f3c8f20c8`,
          name: 'dad21b23-9915-42bd-981b-2a9f3c8f20c8',
          type: 'AWS::KMS::Key',
          from: 'resources',
        },
        { name: 'alias/aws/secretsmanager', type: 'AWS::KMS::Alias', from: 'requestParameters' },
      ],
    });
  });

  test('an event the service emitted itself: the service is the principal, no IAM action', () => {
    const id = '895dc875-cb08-45a5-b8c2-9158838741c0';
    assert.deepEqual(eventOf(id), {
      ...recorded(id),
      ...common,
      time: Date.UTC(2023, 6, 10, 11, 55, 23),
      eventSource: 'ec2.amazonaws.com',
      eventName: 'SharedSnapshotVolumeCreated',
      principal: { type: 'AWSService', name: 'ec2.amazonaws.com', account: ACCOUNT, invokedBy: 'ec2.amazonaws.com' },
      sourceIp: 'ec2.amazonaws.com',
      readOnly: false,
      resources: [],
    });
  });
});

describe('a LookupEvents answer built from a real record', () => {
  const id = '30f9bf7b-a5dd-4661-8c97-d288ef5680a1';
  const record = invictusRecord(id);
  const secretArn = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:stratus-red-team-retrieve-secret-0-xehWok`;
  const lookup = {
    EventId: id,
    EventName: 'CreateSecret',
    EventTime: new Date('2023-07-10T11:57:47Z'),
    EventSource: 'secretsmanager.amazonaws.com',
    Username: 'bert-jan',
    AccessKeyId: TERRAFORM_KEY,
    ReadOnly: 'false',
    Resources: [
      { ResourceType: 'AWS::SecretsManager::Secret', ResourceName: secretArn },
      { ResourceType: 'AWS::IAM::AccessKey', ResourceName: TERRAFORM_KEY },
    ],
    CloudTrailEvent: JSON.stringify(record),
  };

  test('reads as the log record does, with the lookup resources merged in', () => {
    const fromLog = normaliseRecord(record);
    const fromLookup = normaliseLookupEvent(lookup);
    assert.ok(fromLog.ok && fromLookup.ok);
    assert.deepEqual(fromLookup.event, {
      ...fromLog.event,
      resources: [...fromLog.event.resources, { name: TERRAFORM_KEY, type: 'AWS::IAM::AccessKey', from: 'lookup' }],
    });
  });

  test('the lookup fields stand in where the record is silent', () => {
    const {
      eventID: _id,
      eventTime: _time,
      readOnly: _readOnly,
      eventCategory: _c,
      managementEvent: _m,
      ...bare
    } = record;
    const result = normaliseLookupEvent({ ...lookup, CloudTrailEvent: JSON.stringify(bare) });
    assert.ok(result.ok, result.ok ? '' : result.reason);
    assert.equal(result.event.eventId, id);
    assert.equal(result.event.eventTime, '2023-07-10T11:57:47.000Z');
    assert.equal(result.event.time, Date.UTC(2023, 6, 10, 11, 57, 47));
    assert.equal(result.event.readOnly, false);
    assert.equal(result.event.category, 'management');
  });
});
