/**
 * IAM's last-accessed report through the real SDK against the emulator: the job is IN_PROGRESS on its
 * first poll, then COMPLETED in pages of the seed's size, ACTION_LEVEL with tracked actions and
 * SERVICE_LEVEL without; IAM's errors; the document as AWS sends it; faults.
 */
import {
  GenerateServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsCommand,
  type GetServiceLastAccessedDetailsCommandOutput,
  IAMClient,
} from '@aws-sdk/client-iam';
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { type Emulator, startEmulator } from '../../emulator/server';
import { emulatorConfig, expectAwsError, fixtureCredentials, signRequest } from './helpers';

const { user } = fixtureCredentials();
const BERT = 'arn:aws:iam::123837392027:user/bert-jan';
const STEAL = 'arn:aws:iam::123837392027:role/stratus-red-team-ec2-steal-credentials-role';
const PASS = 'arn:aws:iam::123837392027:role/stratus-red-team-ec2-get-password-data-role';
const DAY_MS = 86_400_000;

describe('IAM last-accessed reports through the real SDK', () => {
  let emulator: Emulator;
  let client: IAMClient;
  let startedAt: number;
  before(async () => {
    startedAt = Date.now();
    emulator = await startEmulator();
    client = new IAMClient(emulatorConfig(emulator, user));
  });
  after(async () => {
    client.destroy();
    await emulator.close();
  });
  afterEach(() => emulator.faults.clear());

  async function job(arn: string, granularity?: 'SERVICE_LEVEL' | 'ACTION_LEVEL'): Promise<string> {
    const out = await client.send(
      new GenerateServiceLastAccessedDetailsCommand({ Arn: arn, ...(granularity && { Granularity: granularity }) }),
    );
    assert.match(out.JobId ?? '', /^[0-9a-f-]{36}$/);
    return out.JobId!;
  }

  /** Every page of a completed job, after the first poll that finds it running. */
  async function pages(jobId: string, maxItems?: number): Promise<GetServiceLastAccessedDetailsCommandOutput[]> {
    const first = await client.send(new GetServiceLastAccessedDetailsCommand({ JobId: jobId }));
    assert.equal(first.JobStatus, 'IN_PROGRESS');
    assert.deepEqual(first.ServicesLastAccessed ?? [], []);
    assert.equal(first.JobCompletionDate, undefined);
    const out: GetServiceLastAccessedDetailsCommandOutput[] = [];
    let marker: string | undefined;
    do {
      const page = await client.send(
        new GetServiceLastAccessedDetailsCommand({
          JobId: jobId,
          ...(maxItems !== undefined && { MaxItems: maxItems }),
          ...(marker !== undefined && { Marker: marker }),
        }),
      );
      out.push(page);
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker !== undefined);
    return out;
  }

  it('reports an ACTION_LEVEL job in pages of three, with the tracked actions of ec2, iam, s3 and lambda', async () => {
    const id = await job(BERT, 'ACTION_LEVEL');
    const all = await pages(id);
    assert.deepEqual(
      all.map((p) => p.ServicesLastAccessed?.length),
      [3, 3, 3, 2],
    );
    for (const page of all) {
      assert.equal(page.JobStatus, 'COMPLETED');
      assert.equal(page.JobType, 'ACTION_LEVEL');
      assert.ok(page.JobCompletionDate! >= page.JobCreationDate!);
    }
    const services = all.flatMap((p) => p.ServicesLastAccessed ?? []);
    assert.deepEqual(
      services.map((s) => s.ServiceNamespace),
      ['ec2', 'iam', 's3', 'lambda', 'kms', 'secretsmanager', 'ssm', 'rds', 'cloudtrail', 'dynamodb', 'sqs'],
    );
    const ec2 = services[0]!;
    assert.equal(ec2.ServiceName, 'Amazon EC2');
    assert.equal(ec2.LastAuthenticatedEntity, BERT);
    assert.equal(ec2.LastAuthenticatedRegion, 'us-east-1');
    assert.equal(ec2.TotalAuthenticatedEntities, 1);
    // 0.9 days before the emulator started, in whole seconds.
    const age = startedAt - ec2.LastAuthenticated!.getTime();
    assert.ok(Math.abs(age - 0.9 * DAY_MS) < 5000, `ec2 used ${age} ms before the start`);
    assert.deepEqual(
      ec2.TrackedActionsLastAccessed?.map((a) => [
        a.ActionName,
        a.LastAccessedTime !== undefined,
        a.LastAccessedEntity,
      ]),
      [
        ['DescribeInstances', true, BERT],
        ['RunInstances', true, BERT],
        ['TerminateInstances', true, BERT],
        ['StopInstances', false, undefined],
        ['CreateKeyPair', true, BERT],
      ],
    );
    const dynamodb = services.find((s) => s.ServiceNamespace === 'dynamodb')!;
    assert.equal(dynamodb.LastAuthenticated, undefined);
    assert.equal(dynamodb.TotalAuthenticatedEntities, 0);
    assert.equal(dynamodb.TrackedActionsLastAccessed, undefined, 'dynamodb is not tracked at action level');
  });

  it('leaves the tracked actions out of a SERVICE_LEVEL job (the default), and lists an s3 that grants none', async () => {
    for (const granularity of [undefined, 'SERVICE_LEVEL'] as const) {
      const services = (await pages(await job(STEAL, granularity))).flatMap((p) => p.ServicesLastAccessed ?? []);
      assert.deepEqual(
        services.map((s) => [s.ServiceNamespace, s.TrackedActionsLastAccessed]),
        [
          ['ssm', undefined],
          ['ec2messages', undefined],
          ['ssmmessages', undefined],
          ['ec2', undefined],
          ['s3', undefined],
        ],
      );
    }
    const actionLevel = (await pages(await job(STEAL, 'ACTION_LEVEL'))).flatMap((p) => p.ServicesLastAccessed ?? []);
    assert.deepEqual(actionLevel.find((s) => s.ServiceNamespace === 's3')?.TrackedActionsLastAccessed ?? [], []);
  });

  it('answers fewer than the page size when MaxItems asks for fewer', async () => {
    const all = await pages(await job(STEAL, 'ACTION_LEVEL'), 2);
    assert.deepEqual(
      all.map((p) => p.ServicesLastAccessed?.length),
      [2, 2, 1],
    );
  });

  it("refuses what IAM refuses, with IAM's codes", async () => {
    const cases: [string, () => Promise<unknown>, string, number, RegExp][] = [
      [
        'an unknown role',
        () =>
          client.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: 'arn:aws:iam::123837392027:role/nobody' })),
        'NoSuchEntityException',
        404,
        /^The role with name nobody cannot be found\.$/,
      ],
      [
        'a malformed ARN',
        () =>
          client.send(
            new GenerateServiceLastAccessedDetailsCommand({ Arn: 'arn:aws:sts::123837392027:assumed-role/x/y' }),
          ),
        'InvalidInputException',
        400,
        /is not valid/,
      ],
      [
        'an unknown granularity',
        () =>
          client.send(
            new GenerateServiceLastAccessedDetailsCommand({
              Arn: BERT,
              Granularity: 'RESOURCE_LEVEL' as 'ACTION_LEVEL',
            }),
          ),
        'ValidationError',
        400,
        /Member must satisfy enum value set: \[SERVICE_LEVEL, ACTION_LEVEL\]/,
      ],
      [
        'an unknown job',
        () => client.send(new GetServiceLastAccessedDetailsCommand({ JobId: '00000000-0000-0000-0000-000000000000' })),
        'NoSuchEntityException',
        404,
        /No job with ID/,
      ],
    ];
    for (const [what, call, name, status, message] of cases) {
      const error = await expectAwsError(call(), name, status);
      assert.match(error.message, message, what);
    }
    const id = await job(BERT);
    await pages(id);
    await expectAwsError(
      client.send(new GetServiceLastAccessedDetailsCommand({ JobId: id, Marker: 'bm90LWEtbWFya2Vy' })),
      'InvalidInputException',
      400,
    );
    await expectAwsError(
      client.send(new GetServiceLastAccessedDetailsCommand({ JobId: id, MaxItems: 0 })),
      'ValidationError',
      400,
    );
  });

  it('sends the XML document IAM sends', async () => {
    const host = new URL(emulator.url).host;
    const post = async (body: string): Promise<string> => {
      const req = signRequest({
        host,
        service: 'iam',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body,
        accessKeyId: user.accessKeyId,
        secretAccessKey: user.secretAccessKey,
        date: new Date(),
      });
      const { host: _host, ...headers } = req.headers;
      const res = await fetch(emulator.url + req.rawUrl, { method: 'POST', headers, body: req.body });
      assert.equal(res.headers.get('content-type'), 'text/xml');
      return res.text();
    };
    const generated = await post(
      `Action=GenerateServiceLastAccessedDetails&Version=2010-05-08&Arn=${encodeURIComponent(PASS)}&Granularity=ACTION_LEVEL`,
    );
    const id = /<JobId>([^<]+)<\/JobId>/.exec(generated)?.[1] ?? '';
    assert.match(
      generated,
      /^<GenerateServiceLastAccessedDetailsResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/">\n {2}<GenerateServiceLastAccessedDetailsResult>\n {4}<JobId>[0-9a-f-]{36}<\/JobId>\n/,
    );
    const get = `Action=GetServiceLastAccessedDetails&Version=2010-05-08&JobId=${id}&MaxItems=4`;
    assert.match(await post(get), /<JobStatus>IN_PROGRESS<\/JobStatus>\n {4}<JobType>ACTION_LEVEL<\/JobType>/);
    const done = await post(get);
    assert.match(
      done,
      /<JobStatus>COMPLETED<\/JobStatus>\n {4}<JobType>ACTION_LEVEL<\/JobType>\n {4}<JobCreationDate>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/JobCreationDate>\n {4}<JobCompletionDate>/,
    );
    assert.match(
      done,
      / {4}<ServicesLastAccessed>\n {6}<member>\n {8}<ServiceName>Amazon EC2<\/ServiceName>\n {8}<ServiceNamespace>ec2<\/ServiceNamespace>\n {8}<LastAuthenticated>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/LastAuthenticated>\n {8}<LastAuthenticatedEntity>arn:aws:iam::123837392027:role\/stratus-red-team-ec2-get-password-data-role<\/LastAuthenticatedEntity>\n {8}<LastAuthenticatedRegion>us-east-1<\/LastAuthenticatedRegion>\n {8}<TotalAuthenticatedEntities>1<\/TotalAuthenticatedEntities>\n {8}<TrackedActionsLastAccessed>\n {10}<member>\n {12}<ActionName>DescribeInstances<\/ActionName>\n {10}<\/member>\n {8}<\/TrackedActionsLastAccessed>\n {6}<\/member>\n {4}<\/ServicesLastAccessed>\n {4}<IsTruncated>false<\/IsTruncated>\n {2}<\/GetServiceLastAccessedDetailsResult>/,
    );
  });

  it('fails as a fault says, naming the IAM action', async () => {
    emulator.faults.add({ service: 'iam', operation: 'GenerateServiceLastAccessedDetails', kind: 'accessDenied' });
    const error = await expectAwsError(
      client.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: BERT })),
      'AccessDenied',
      403,
    );
    assert.match(error.message, /not authorized to perform: iam:GenerateServiceLastAccessedDetails because/);
    emulator.faults.clear();
    emulator.faults.add({ service: 'iam', kind: 'throttle', times: 1 });
    await expectAwsError(client.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: BERT })), 'Throttling', 400);
    assert.match(await job(BERT), /^[0-9a-f-]{36}$/, 'the next call goes through');
  });
});
