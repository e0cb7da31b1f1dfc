import {
  type CloudTrailClient,
  type Event,
  type LookupAttribute,
  LookupEventsCommand,
  type LookupEventsCommandInput,
  paginateLookupEvents,
} from '@aws-sdk/client-cloudtrail';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Emulator, startEmulator } from '../../emulator/server';
import { cloudTrailClient, expectAwsError, fixtureCredentials } from './helpers';
import { INVICTUS, invictusRecords, type RawRecord } from './invictus';

const { example } = fixtureCredentials();
const records = invictusRecords();
const params = (r: RawRecord): Record<string, unknown> => r.requestParameters ?? {};
const hasResource = (r: RawRecord, test: (x: { ARN?: string; type?: string }) => boolean): boolean =>
  (r.resources ?? []).some(test);

/** Every event a lookup returns, through the SDK's own paginator. */
async function lookupAll(client: CloudTrailClient, input: LookupEventsCommandInput = {}): Promise<Event[]> {
  const events: Event[] = [];
  for await (const page of paginateLookupEvents({ client, pageSize: 50 }, input)) events.push(...(page.Events ?? []));
  return events;
}

describe('CloudTrail LookupEvents through the real SDK, over the Invictus dataset', () => {
  let emulator: Emulator;
  let client: CloudTrailClient;
  let startedAt: { before: number; after: number };
  before(async () => {
    const before = Date.now();
    // Throttling has its own tests; here, scans run back to back.
    emulator = await startEmulator({ cloudtrailLogs: INVICTUS, throttling: false });
    startedAt = { before, after: Date.now() };
    client = cloudTrailClient(emulator, example, { maxAttempts: 1 });
  });
  after(async () => {
    client.destroy();
    await emulator.close();
  });

  it('pages through every management event exactly once, newest first, 50 at a time', async () => {
    const pages: number[] = [];
    const events: Event[] = [];
    let token: string | undefined;
    do {
      const out = await client.send(new LookupEventsCommand({ MaxResults: 50, NextToken: token }));
      pages.push(out.Events?.length ?? 0);
      events.push(...(out.Events ?? []));
      token = out.NextToken;
    } while (token !== undefined);
    assert.equal(pages.length, Math.ceil(records.length / 50));
    assert.ok(pages.slice(0, -1).every((n) => n === 50));
    const ids = events.map((e) => e.EventId);
    assert.equal(new Set(ids).size, ids.length, 'no event twice');
    assert.deepEqual(new Set(ids), new Set(records.map((r) => r.eventID)));
    for (let i = 1; i < events.length; i++)
      assert.ok(events[i - 1]!.EventTime! >= events[i]!.EventTime!, `event ${i} is newer than the one before it`);
  });

  it('moves the history so the newest event is the start, keeping every gap and the ids', async () => {
    const events = await lookupAll(client);
    const newest = events[0]!.EventTime!.getTime();
    assert.ok(newest >= Math.floor(startedAt.before / 1000) * 1000 && newest <= startedAt.after, `newest at ${newest}`);
    const raw = new Map(records.map((r) => [r.eventID, Date.parse(r.eventTime)]));
    const shifts = new Set(events.map((e) => e.EventTime!.getTime() - raw.get(e.EventId!)!));
    assert.equal(shifts.size, 1, 'every event moved by the same amount');
    const recorded = JSON.parse(events[0]!.CloudTrailEvent!) as RawRecord;
    assert.equal(recorded.eventTime, events[0]!.EventTime!.toISOString().replace('.000Z', 'Z'));
  });

  it('answers each event with the members AWS returns', async () => {
    const source = records.find((r) => r.eventName === 'GetBucketPublicAccessBlock' && r.resources)!;
    const [event] = await lookupAll(client, {
      LookupAttributes: [{ AttributeKey: 'EventId', AttributeValue: source.eventID }],
    });
    assert.ok(event);
    const { CloudTrailEvent, EventTime, ...members } = event;
    assert.deepEqual(members, {
      EventId: source.eventID,
      EventName: 'GetBucketPublicAccessBlock',
      ReadOnly: 'true',
      AccessKeyId: source.userIdentity?.accessKeyId,
      EventSource: 's3.amazonaws.com',
      Username: 'benjamin',
      Resources: [{ ResourceType: 'AWS::S3::Bucket', ResourceName: params(source)['bucketName'] }],
    });
    assert.ok(EventTime instanceof Date);
    const { eventTime, ...rest } = JSON.parse(CloudTrailEvent!) as RawRecord;
    const { eventTime: _recorded, ...original } = source;
    assert.deepEqual(rest, original);
    assert.equal(eventTime, EventTime.toISOString().replace('.000Z', 'Z'));
  });

  const bucket = 'stratus-red-team-olc-bucket-xhfgzaowxc';
  const kmsKey = 'arn:aws:kms:us-east-1:123837392027:key/0e5d0ab6-097e-49d8-99ef-747ce3e5f8f4';
  const cases: [LookupAttribute, (r: RawRecord) => boolean][] = [
    [{ AttributeKey: 'EventId', AttributeValue: records[7]!.eventID }, (r) => r.eventID === records[7]!.eventID],
    [{ AttributeKey: 'EventName', AttributeValue: 'GetBucketAcl' }, (r) => r.eventName === 'GetBucketAcl'],
    [
      { AttributeKey: 'EventSource', AttributeValue: 'kms.amazonaws.com' },
      (r) => r.eventSource === 'kms.amazonaws.com',
    ],
    [{ AttributeKey: 'ReadOnly', AttributeValue: 'false' }, (r) => r.readOnly === false],
    [{ AttributeKey: 'ReadOnly', AttributeValue: 'true' }, (r) => r.readOnly === true],
    [
      { AttributeKey: 'AccessKeyId', AttributeValue: 'AKIATFQZ7NSC8Q4X21BJ' },
      (r) => r.userIdentity?.accessKeyId === 'AKIATFQZ7NSC8Q4X21BJ',
    ],
    [
      { AttributeKey: 'Username', AttributeValue: 'benjamin' },
      (r) => r.userIdentity?.type === 'IAMUser' && r.userIdentity.userName === 'benjamin',
    ],
    // A role session is named by its session: here an EC2 instance's role.
    [
      { AttributeKey: 'Username', AttributeValue: 'i-0dbc91f429e48eeed' },
      (r) => r.userIdentity?.type === 'AssumedRole' && r.userIdentity.arn?.endsWith('/i-0dbc91f429e48eeed') === true,
    ],
    [
      { AttributeKey: 'Username', AttributeValue: 'rds.amazonaws.com' },
      (r) => r.userIdentity?.type === 'AWSService' && r.userIdentity.invokedBy === 'rds.amazonaws.com',
    ],
    [
      { AttributeKey: 'ResourceType', AttributeValue: 'AWS::S3::Bucket' },
      (r) =>
        (r.eventSource === 's3.amazonaws.com' && typeof params(r)['bucketName'] === 'string') ||
        hasResource(r, (x) => x.type === 'AWS::S3::Bucket'),
    ],
    [
      { AttributeKey: 'ResourceType', AttributeValue: 'AWS::IAM::Role' },
      (r) =>
        (r.eventSource === 'iam.amazonaws.com' && typeof params(r)['roleName'] === 'string') ||
        (r.eventSource === 'sts.amazonaws.com' && typeof params(r)['roleArn'] === 'string') ||
        hasResource(r, (x) => x.type === 'AWS::IAM::Role'),
    ],
    // SSM lists parameters in resources[] without a type; LookupEvents types them from the ARN.
    [
      { AttributeKey: 'ResourceType', AttributeValue: 'AWS::SSM::Parameter' },
      (r) => hasResource(r, (x) => /^arn:aws:ssm:[^:]+:\d+:parameter\//.test(x.ARN ?? '')),
    ],
    [
      { AttributeKey: 'ResourceName', AttributeValue: bucket },
      (r) =>
        (r.eventSource === 's3.amazonaws.com' && params(r)['bucketName'] === bucket) ||
        hasResource(r, (x) => x.ARN === `arn:aws:s3:::${bucket}`),
    ],
    // The same bucket by its ARN, from the record's resources[].
    [
      { AttributeKey: 'ResourceName', AttributeValue: `arn:aws:s3:::${bucket}` },
      (r) => hasResource(r, (x) => x.ARN === `arn:aws:s3:::${bucket}`),
    ],
    [{ AttributeKey: 'ResourceName', AttributeValue: kmsKey }, (r) => hasResource(r, (x) => x.ARN === kmsKey)],
    [{ AttributeKey: 'EventName', AttributeValue: 'NoSuchEvent' }, () => false],
  ];
  for (const [attribute, expected] of cases) {
    it(`looks up ${attribute.AttributeKey} = ${attribute.AttributeValue}`, async () => {
      const events = await lookupAll(client, { LookupAttributes: [attribute] });
      const want = records.filter(expected).map((r) => r.eventID);
      assert.equal(events.length, want.length);
      assert.deepEqual(new Set(events.map((e) => e.EventId)), new Set(want));
      if (attribute.AttributeKey !== 'EventName' || attribute.AttributeValue !== 'NoSuchEvent')
        assert.ok(want.length > 0, 'the case selects something');
    });
  }

  it('keeps to the time range, both ends included', async () => {
    const all = await lookupAll(client);
    const [end, start] = [all[100]!.EventTime!, all[400]!.EventTime!];
    const events = await lookupAll(client, { StartTime: start, EndTime: end });
    const want = all.filter((e) => e.EventTime! >= start && e.EventTime! <= end).map((e) => e.EventId);
    assert.ok(want.length > 300);
    assert.deepEqual(
      events.map((e) => e.EventId),
      want,
    );
    const justAfter = await lookupAll(client, { StartTime: new Date(all[0]!.EventTime!.getTime() + 1000) });
    assert.deepEqual(justAfter, []);
  });

  it('answers only for the region the events were recorded in', async () => {
    const west = cloudTrailClient(emulator, example, { region: 'us-west-2' });
    const out = await west.send(new LookupEventsCommand({}));
    west.destroy();
    assert.deepEqual(out.Events, []);
    assert.equal(out.NextToken, undefined);
  });

  it('has no Insights events', async () => {
    const out = await client.send(new LookupEventsCommand({ EventCategory: 'insight' }));
    assert.deepEqual(out.Events, []);
  });

  const invalid: [string, LookupEventsCommandInput, string][] = [
    [
      'two lookup attributes',
      {
        LookupAttributes: [
          { AttributeKey: 'EventName', AttributeValue: 'GetBucketAcl' },
          { AttributeKey: 'ReadOnly', AttributeValue: 'true' },
        ],
      },
      'InvalidLookupAttributesException',
    ],
    [
      'an unknown attribute key',
      { LookupAttributes: [{ AttributeKey: 'Region' as 'EventName', AttributeValue: 'us-east-1' }] },
      'InvalidLookupAttributesException',
    ],
    [
      'ReadOnly other than true or false',
      { LookupAttributes: [{ AttributeKey: 'ReadOnly', AttributeValue: 'yes' }] },
      'InvalidLookupAttributesException',
    ],
    [
      'a management-only key with EventCategory insight',
      { EventCategory: 'insight', LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'benjamin' }] },
      'InvalidLookupAttributesException',
    ],
    ['MaxResults 51', { MaxResults: 51 }, 'InvalidMaxResultsException'],
    ['MaxResults 0', { MaxResults: 0 }, 'InvalidMaxResultsException'],
    [
      'a start after the end',
      { StartTime: new Date('2024-01-02T00:00:00Z'), EndTime: new Date('2024-01-01T00:00:00Z') },
      'InvalidTimeRangeException',
    ],
    ['an unknown event category', { EventCategory: 'data' as 'insight' }, 'InvalidEventCategoryException'],
    ['a token it never issued', { NextToken: 'bm90LWEtdG9rZW4' }, 'InvalidNextTokenException'],
  ];
  for (const [what, input, name] of invalid) {
    it(`refuses ${what} with ${name}`, async () => {
      await expectAwsError(client.send(new LookupEventsCommand(input)), name, 400);
    });
  }

  it('refuses a NextToken reused with other parameters, and accepts it with the same ones', async () => {
    const query: LookupEventsCommandInput = {
      LookupAttributes: [{ AttributeKey: 'EventSource', AttributeValue: 'ec2.amazonaws.com' }],
      MaxResults: 5,
    };
    const first = await client.send(new LookupEventsCommand(query));
    const NextToken = first.NextToken;
    assert.ok(NextToken);
    const changed: LookupEventsCommandInput[] = [
      { ...query, LookupAttributes: [{ AttributeKey: 'EventSource', AttributeValue: 'iam.amazonaws.com' }] },
      { MaxResults: 5 },
      { ...query, StartTime: new Date(0) },
    ];
    for (const input of changed)
      await expectAwsError(
        client.send(new LookupEventsCommand({ ...input, NextToken })),
        'InvalidNextTokenException',
        400,
      );
    const west = cloudTrailClient(emulator, example, { region: 'us-west-2', maxAttempts: 1 });
    await expectAwsError(west.send(new LookupEventsCommand({ ...query, NextToken })), 'InvalidNextTokenException', 400);
    west.destroy();
    const second = await client.send(new LookupEventsCommand({ ...query, NextToken }));
    assert.equal(second.Events?.length, 5);
    assert.ok(second.Events![0]!.EventTime! <= first.Events![4]!.EventTime!);
  });
});
