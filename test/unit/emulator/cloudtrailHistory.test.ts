import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { SeedInput } from '../../emulator/seed';
import { startEmulator } from '../../emulator/server';
import { username } from '../../emulator/services/cloudtrail/events';
import { eventResources } from '../../emulator/services/cloudtrail/resources';
import { cloudTrailClient, fixtureCredentials } from './helpers';
import { INVICTUS } from './invictus';

const { user } = fixtureCredentials();
const DAY = 24 * 60 * 60 * 1000;

/** A minimal management event recorded at `at`. */
function record(id: string, at: Date, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventVersion: '1.09',
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/dev-alice', userName: 'dev-alice' },
    eventTime: at.toISOString().replace('.000Z', 'Z'),
    eventSource: 'iam.amazonaws.com',
    eventName: 'ListRoles',
    awsRegion: 'us-east-1',
    eventID: id,
    readOnly: true,
    managementEvent: true,
    eventCategory: 'Management',
    ...extra,
  };
}

const NEWEST = new Date('2024-05-01T12:00:00Z');
const OTHER = {
  accessKeyId: 'AKIAEMULATOROTHER001',
  secretAccessKey: 'other-secret',
  arn: 'arn:aws:iam::444455556666:user/bob',
  userId: 'AIDAEMULATOROTHER001',
  account: '444455556666',
};
const seed = (cloudtrail: Record<string, unknown>): SeedInput => ({
  accounts: [{ id: '111122223333' }, { id: '444455556666' }],
  credentials: [user, OTHER],
  services: { cloudtrail },
});

/** The ids LookupEvents returns to `credential` from an emulator started on `input`. */
async function ids(input: SeedInput, credential = user, region = 'us-east-1'): Promise<string[]> {
  const emulator = await startEmulator({ seed: input });
  const client = cloudTrailClient(emulator, credential, { region });
  try {
    const out = await client.send(new LookupEventsCommand({}));
    return (out.Events ?? []).map((e) => e.EventId!);
  } finally {
    client.destroy();
    await emulator.close();
  }
}

describe('CloudTrail history from the seed', () => {
  const events = [
    record('newest', NEWEST),
    record('data-event', new Date(NEWEST.getTime() - 1000), {
      eventSource: 's3.amazonaws.com',
      eventName: 'GetObject',
      managementEvent: false,
      eventCategory: 'Data',
    }),
    record('category-data', new Date(NEWEST.getTime() - 2000), { eventCategory: 'Data' }),
    record('network', new Date(NEWEST.getTime() - 3000), { eventCategory: 'NetworkActivity' }),
    record('other-region', new Date(NEWEST.getTime() - 4000), { awsRegion: 'eu-west-1' }),
    record('89-days', new Date(NEWEST.getTime() - 89 * DAY)),
    record('91-days', new Date(NEWEST.getTime() - 91 * DAY)),
    // Before managementEvent existed (eventVersion 1.05), every logged event was a management event.
    record('old-format', new Date(NEWEST.getTime() - 5000), { managementEvent: undefined, eventCategory: undefined }),
  ];

  it('serves management events of the last 90 days, newest first, and no data or network events', async () => {
    assert.deepEqual(await ids(seed({ events })), ['newest', 'old-format', '89-days']);
    assert.deepEqual(await ids(seed({ events }), user, 'eu-west-1'), ['other-region']);
  });

  it('serves them to every account by default, or to the account the seed names', async () => {
    assert.deepEqual(await ids(seed({ events: events.slice(0, 1) }), OTHER), ['newest']);
    const owned = seed({ events: events.slice(0, 1), account: '444455556666' });
    assert.deepEqual(await ids(owned, OTHER), ['newest']);
    assert.deepEqual(await ids(owned, user), []);
  });

  it('keeps recorded times with shiftTimes false', async () => {
    const recent = [record('now', new Date()), record('100-days', new Date(Date.now() - 100 * DAY))];
    assert.deepEqual(await ids(seed({ events: recent, shiftTimes: false })), ['now']);
    const old = [record('old', NEWEST)];
    assert.deepEqual(await ids(seed({ events: old, shiftTimes: false })), []);
  });

  const invalid: [Record<string, unknown>, RegExp][] = [
    [{ events: [{ ...record('x', NEWEST), eventTime: 'yesterday' }] }, /\.events\[0\]\.eventTime: expected a UTC time/],
    [
      { events: [{ ...record('x', NEWEST), eventID: undefined }] },
      /\.events\[0\]\.eventID: expected a non-empty string/,
    ],
    [{ events: [{ ...record('x', NEWEST), awsRegion: 'moon' }] }, /\.events\[0\]\.awsRegion: expected a region/],
    [{ events: [{ ...record('x', NEWEST), readOnly: 'true' }] }, /\.events\[0\]\.readOnly: expected true or false/],
    [{ events: [record('x', NEWEST), 'text'] }, /\.events\[1\]: expected an object/],
    [{ account: '999999999999' }, /\.account: 999999999999 is not in accounts/],
    [{ shiftTimes: 'no' }, /\.shiftTimes: expected true or false/],
    [{ event: [] }, /: unknown field "event"/],
  ];
  for (const [section, message] of invalid) {
    it(`refuses a seed section ${JSON.stringify(section).slice(0, 70)} naming the field`, async () => {
      await assert.rejects(startEmulator({ seed: seed(section) }), {
        name: 'ValidationError',
        message: new RegExp(`^seed\\.services\\.cloudtrail${message.source}`),
      });
    });
  }
});

describe('CloudTrail log folders', () => {
  const root = mkdtempSync(join(tmpdir(), 'cloudwarden-trail-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const invictusFile = readdirSync(INVICTUS).find((f) => f.endsWith('.json.gz'))!;
  // Within minutes of the Invictus events, so that both stay inside the 90 days once moved to now.
  const AT = new Date('2023-07-10T12:00:00Z');

  it('reads the S3 layout and flat files, .json and .json.gz, and skips what is not a log with one line each', async () => {
    const folder = join(root, 'mixed');
    const deep = join(folder, 'AWSLogs', '111122223333', 'CloudTrail', 'us-east-1', '2024', '05', '01');
    const digest = join(folder, 'AWSLogs', '111122223333', 'CloudTrail-Digest', 'us-east-1', '2024', '05', '01');
    mkdirSync(deep, { recursive: true });
    mkdirSync(digest, { recursive: true });
    copyFileSync(join(INVICTUS, invictusFile), join(deep, invictusFile));
    writeFileSync(join(folder, 'flat.json'), JSON.stringify({ Records: [record('flat', AT)] }));
    writeFileSync(join(digest, 'digest.json.gz'), gzipSync(JSON.stringify({ digestStartTime: 'x' })));
    writeFileSync(join(folder, 'corrupt.json.gz'), Buffer.from('not gzip at all'));
    writeFileSync(join(folder, 'broken.json'), '{"Records": [');
    writeFileSync(join(folder, 'other.json'), JSON.stringify({ items: [] }));
    writeFileSync(join(folder, 'partly.json'), JSON.stringify({ Records: [record('good', AT), { eventID: 'bad' }] }));
    writeFileSync(join(folder, 'notes.txt'), 'not a log, not a .json file');

    const warnings: string[] = [];
    const emulator = await startEmulator({ cloudtrailLogs: folder, throttling: false, warn: (l) => warnings.push(l) });
    const client = cloudTrailClient(emulator, user);
    try {
      const flat = await client.send(
        new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventId', AttributeValue: 'flat' }] }),
      );
      assert.equal(flat.Events?.length, 1);
      const good = await client.send(
        new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventId', AttributeValue: 'good' }] }),
      );
      assert.equal(good.Events?.length, 1);
      const fromS3Layout = await client.send(
        new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'benjamin' }] }),
      );
      assert.ok((fromS3Layout.Events?.length ?? 0) > 0);
    } finally {
      client.destroy();
      await emulator.close();
    }
    assert.equal(warnings.length, 4, warnings.join('\n'));
    const [broken, corrupt, other, partly] = warnings;
    assert.match(broken!, /^CloudTrail logs: skipped .*broken\.json: .*JSON/);
    assert.match(corrupt!, /^CloudTrail logs: skipped .*corrupt\.json\.gz: incorrect header check/);
    assert.match(other!, /^CloudTrail logs: skipped .*other\.json: not a CloudTrail log/);
    assert.match(partly!, /^CloudTrail logs: skipped 1 of 2 records in .*partly\.json: Records\[1\]\.eventName:/);
  });

  it('refuses to start on a folder that does not exist', async () => {
    await assert.rejects(startEmulator({ cloudtrailLogs: join(root, 'missing') }), {
      name: 'ValidationError',
      message: /missing: cannot read the CloudTrail log folder/,
    });
  });
});

describe('CloudTrail Username, as AWS derives it', () => {
  const cases: [string, Record<string, unknown> | undefined, string | undefined][] = [
    [
      'an IAM user: the user name',
      { type: 'IAMUser', arn: 'arn:aws:iam::1:user/ops/alice', userName: 'alice' },
      'alice',
    ],
    [
      'a role session: the session name',
      { type: 'AssumedRole', arn: 'arn:aws:sts::1:assumed-role/Deploy/alice@example.com' },
      'alice@example.com',
    ],
    ['the root user: root', { type: 'Root', arn: 'arn:aws:iam::1:root' }, 'root'],
    ['a federated user: its name', { type: 'FederatedUser', arn: 'arn:aws:sts::1:federated-user/bob' }, 'bob'],
    ['a service: the service', { type: 'AWSService', invokedBy: 'lambda.amazonaws.com' }, 'lambda.amazonaws.com'],
    ['a service event without an identity type: none', { accountId: '1', invokedBy: 'ec2.amazonaws.com' }, undefined],
    ['no identity at all: none', undefined, undefined],
  ];
  for (const [what, identity, expected] of cases) {
    it(`names ${what}`, () => assert.equal(username(identity), expected));
  }
});

describe('CloudTrail Resources, as AWS derives them', () => {
  const cases: [string, Record<string, unknown>, { ResourceType?: string; ResourceName: string }[]][] = [
    [
      'an S3 bucket by name, its ARN in resources[] not listed twice',
      {
        eventSource: 's3.amazonaws.com',
        requestParameters: { bucketName: 'logs' },
        resources: [{ type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::logs' }],
      },
      [{ ResourceType: 'AWS::S3::Bucket', ResourceName: 'logs' }],
    ],
    [
      'IAM: a role and the policy attached to it',
      {
        eventSource: 'iam.amazonaws.com',
        requestParameters: { roleName: 'App', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
      },
      [
        { ResourceType: 'AWS::IAM::Role', ResourceName: 'App' },
        { ResourceType: 'AWS::IAM::Policy', ResourceName: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
      ],
    ],
    [
      'IAM: the access key a CreateAccessKey returns',
      {
        eventSource: 'iam.amazonaws.com',
        requestParameters: { userName: 'ci' },
        responseElements: { accessKey: { accessKeyId: 'AKIAEXAMPLEKEY000001', userName: 'ci' } },
      },
      [
        { ResourceType: 'AWS::IAM::User', ResourceName: 'ci' },
        { ResourceType: 'AWS::IAM::AccessKey', ResourceName: 'AKIAEXAMPLEKEY000001' },
      ],
    ],
    [
      'STS AssumeRole: the role, the session and the key issued',
      {
        eventSource: 'sts.amazonaws.com',
        requestParameters: { roleArn: 'arn:aws:iam::1:role/Deploy', roleSessionName: 'ci' },
        responseElements: { credentials: { accessKeyId: 'ASIAEXAMPLEKEY000001' } },
        resources: [{ type: 'AWS::IAM::Role', ARN: 'arn:aws:iam::1:role/Deploy' }],
      },
      [
        { ResourceType: 'AWS::IAM::Role', ResourceName: 'arn:aws:iam::1:role/Deploy' },
        { ResourceType: 'AWS::STS::AssumedRole', ResourceName: 'ci' },
        { ResourceType: 'AWS::IAM::AccessKey', ResourceName: 'ASIAEXAMPLEKEY000001' },
      ],
    ],
    [
      'KMS: the key ARN from resources[]',
      {
        eventSource: 'kms.amazonaws.com',
        requestParameters: { encryptionAlgorithm: 'SYMMETRIC_DEFAULT' },
        resources: [{ type: 'AWS::KMS::Key', ARN: 'arn:aws:kms:us-east-1:1:key/k1' }],
      },
      [{ ResourceType: 'AWS::KMS::Key', ResourceName: 'arn:aws:kms:us-east-1:1:key/k1' }],
    ],
    [
      'Secrets Manager: the secret id',
      {
        eventSource: 'secretsmanager.amazonaws.com',
        requestParameters: { secretId: 'prod/db' },
      },
      [{ ResourceType: 'AWS::SecretsManager::Secret', ResourceName: 'prod/db' }],
    ],
    [
      'Lambda: the function name',
      { eventSource: 'lambda.amazonaws.com', requestParameters: { functionName: 'resize' } },
      [{ ResourceType: 'AWS::Lambda::Function', ResourceName: 'resize' }],
    ],
    [
      'DynamoDB: the table name',
      { eventSource: 'dynamodb.amazonaws.com', requestParameters: { tableName: 'orders' } },
      [{ ResourceType: 'AWS::DynamoDB::Table', ResourceName: 'orders' }],
    ],
    [
      'EC2: every instance id of a request list and of a RunInstances response',
      {
        eventSource: 'ec2.amazonaws.com',
        requestParameters: { instancesSet: { items: [{ instanceId: 'i-1' }, { instanceId: 'i-2' }] } },
        responseElements: { instancesSet: { items: [{ instanceId: 'i-2' }, { instanceId: 'i-3' }] } },
      },
      [
        { ResourceType: 'AWS::EC2::Instance', ResourceName: 'i-1' },
        { ResourceType: 'AWS::EC2::Instance', ResourceName: 'i-2' },
        { ResourceType: 'AWS::EC2::Instance', ResourceName: 'i-3' },
      ],
    ],
    [
      'SSM: untyped ARNs typed from the ARN, unknown ones left untyped',
      {
        eventSource: 'ssm.amazonaws.com',
        requestParameters: { name: '/app/secret' },
        resources: [
          { ARN: 'arn:aws:ssm:us-east-1:1:parameter/app/secret' },
          { ARN: 'arn:aws:ssm:us-east-1:1:managed-instance-inventory/i-1' },
        ],
      },
      [
        { ResourceType: 'AWS::SSM::Parameter', ResourceName: 'arn:aws:ssm:us-east-1:1:parameter/app/secret' },
        { ResourceName: 'arn:aws:ssm:us-east-1:1:managed-instance-inventory/i-1' },
      ],
    ],
    [
      'nothing for an unknown service, and nothing from a null request',
      { eventSource: 'example.amazonaws.com', requestParameters: null },
      [],
    ],
  ];
  for (const [what, fields, expected] of cases) {
    it(`lists ${what}`, () => assert.deepEqual(eventResources(fields).resources, expected));
  }

  it('matches a resource by its listed name and by the ARN it stands for', () => {
    const { names } = eventResources(cases[0]![1]);
    assert.deepEqual([...names].sort(), ['arn:aws:s3:::logs', 'logs']);
  });
});
