import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { type Emulator, startEmulator } from '../../emulator/server';
import { cloudTrailClient, expectAwsError, fixtureCredentials, signRequest, type SignSpec, stsClient } from './helpers';

const { user, expired } = fixtureCredentials();
const TARGET = 'CloudTrail_20131101.LookupEvents';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Sends a CloudTrail request signed by the tests' own signer, as raw HTTP. */
async function send(
  emulator: Emulator,
  spec: Partial<SignSpec> & { target?: string; contentType?: string } = {},
  sign = true,
): Promise<{ status: number; headers: Headers; body: string }> {
  const { target = TARGET, contentType = 'application/x-amz-json-1.1', ...rest } = spec;
  const req = signRequest({
    host: new URL(emulator.url).host,
    headers: { 'content-type': contentType, 'x-amz-target': target },
    body: '{}',
    accessKeyId: user.accessKeyId,
    secretAccessKey: user.secretAccessKey,
    service: 'cloudtrail',
    date: new Date(),
    ...rest,
  });
  const { host: _host, ...headers } = req.headers;
  if (!sign) delete headers['authorization'];
  const res = await fetch(emulator.url + req.rawUrl, { method: req.method, headers, body: req.body });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

describe('awsJson1_1 on the wire', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({
      throttling: false,
      seed: {
        accounts: [{ id: '111122223333' }],
        credentials: [user],
        services: {
          cloudtrail: {
            events: [
              {
                eventID: 'e1',
                eventTime: '2024-05-01T12:00:00Z',
                eventName: 'ListRoles',
                eventSource: 'iam.amazonaws.com',
                awsRegion: 'us-east-1',
                readOnly: true,
                userIdentity: { type: 'Root', arn: 'arn:aws:iam::111122223333:root', accessKeyId: 'AKIAROOT' },
              },
            ],
          },
        },
      },
    });
  });
  after(() => emulator.close());

  it('answers LookupEvents with a JSON document, EventTime in epoch seconds', async () => {
    const res = await send(emulator);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/x-amz-json-1.1');
    assert.match(res.headers.get('x-amzn-requestid') ?? '', UUID);
    const { Events } = JSON.parse(res.body) as { Events: Record<string, unknown>[] };
    assert.equal(Events.length, 1);
    const { CloudTrailEvent, EventTime, ...members } = Events[0]!;
    assert.deepEqual(members, {
      EventId: 'e1',
      EventName: 'ListRoles',
      ReadOnly: 'true',
      AccessKeyId: 'AKIAROOT',
      EventSource: 'iam.amazonaws.com',
      Username: 'root',
      Resources: [],
    });
    assert.equal(typeof EventTime, 'number');
    assert.equal(
      JSON.parse(CloudTrailEvent as string).eventTime,
      new Date((EventTime as number) * 1000).toISOString().replace('.000Z', 'Z'),
    );
  });

  it('accepts the fully qualified target that botocore and the AWS CLI send', async () => {
    const res = await send(emulator, { target: `com.amazonaws.cloudtrail.v20131101.${TARGET}` });
    assert.equal(res.status, 200, res.body);
  });

  const errors: [string, Parameters<typeof send>[1], boolean, number, string, RegExp][] = [
    [
      'an unsigned request',
      {},
      false,
      400,
      'MissingAuthenticationTokenException',
      /^Request is missing Authentication Token$/,
    ],
    [
      'an unknown access key',
      { accessKeyId: 'AKIANOTINTHESEED0001' },
      true,
      400,
      'UnrecognizedClientException',
      /^The security token included in the request is invalid\.$/,
    ],
    [
      'a signature for another service',
      { service: 'sts' },
      true,
      400,
      'InvalidSignatureException',
      /Credential should be scoped to correct service/,
    ],
    [
      'an operation CloudTrail does not emulate',
      { target: 'CloudTrail_20131101.CreateTrail' },
      true,
      400,
      'UnknownOperationException',
      /operation requested is invalid/,
    ],
    [
      'a service the emulator does not emulate',
      { target: 'DynamoDB_20120810.ListTables', service: 'dynamodb' },
      true,
      400,
      'UnknownOperationException',
      /does not emulate X-Amz-Target=DynamoDB_20120810\.ListTables/,
    ],
    ['a body that is not JSON', { body: '{"MaxResults":' }, true, 400, 'SerializationException', /not valid JSON/],
    ['a JSON array', { body: '[]' }, true, 400, 'SerializationException', /must be a JSON object/],
    ['another content type', { contentType: 'application/json' }, true, 400, 'SerializationException', /Content-Type/],
    ['a member of the wrong type', { body: '{"MaxResults":"5"}' }, true, 400, 'SerializationException', /MaxResults/],
  ];
  for (const [what, spec, sign, status, code, message] of errors) {
    it(`answers ${what} with ${code} as {"__type", "message"} and x-amzn-ErrorType`, async () => {
      const res = await send(emulator, spec, sign);
      assert.equal(res.status, status);
      assert.equal(res.headers.get('content-type'), 'application/x-amz-json-1.1');
      assert.equal(res.headers.get('x-amzn-errortype'), code);
      assert.match(res.headers.get('x-amzn-requestid') ?? '', UUID);
      const body = JSON.parse(res.body) as Record<string, unknown>;
      assert.deepEqual(Object.keys(body), ['__type', 'message']);
      assert.equal(body['__type'], code);
      assert.match(body['message'] as string, message);
    });
  }
});

describe('CloudTrail authentication and faults through the real SDK', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ throttling: false });
  });
  afterEach(() => {
    emulator.faults.clear();
    emulator.requests.clear();
  });
  after(() => emulator.close());

  const auth: [string, Parameters<typeof cloudTrailClient>[1], string][] = [
    ['an unknown access key', { ...user, accessKeyId: 'AKIANOTINTHESEED0001' }, 'UnrecognizedClientException'],
    ['a wrong secret', { ...user, secretAccessKey: `${user.secretAccessKey}x` }, 'InvalidSignatureException'],
    ['an expired session', expired, 'ExpiredTokenException'],
  ];
  for (const [what, credential, name] of auth) {
    it(`names ${what} ${name}`, async () => {
      const client = cloudTrailClient(emulator, credential, { maxAttempts: 1 });
      await expectAwsError(client.send(new LookupEventsCommand({})), name, 400);
      client.destroy();
    });
  }

  const faults: [string, Parameters<Emulator['faults']['add']>[0], string, number, RegExp][] = [
    [
      'accessDenied',
      { kind: 'accessDenied' },
      'AccessDeniedException',
      400,
      /^User: arn:aws:iam::111122223333:user\/dev-alice is not authorized to perform: cloudtrail:LookupEvents because no identity-based policy allows the cloudtrail:LookupEvents action$/,
    ],
    ['throttle', { kind: 'throttle' }, 'ThrottlingException', 400, /^Rate exceeded$/],
    ['serverError', { kind: 'serverError' }, 'InternalFailure', 500, /unknown error/],
    ['serverError 503', { kind: 'serverError', status: 503 }, 'ServiceUnavailableException', 503, /temporary failure/],
    ['expiredToken', { kind: 'expiredToken' }, 'ExpiredTokenException', 400, /expired/],
  ];
  for (const [what, fault, name, status, message] of faults) {
    it(`renders the ${what} fault as ${name}`, async () => {
      emulator.faults.add({ service: 'cloudtrail', operation: 'LookupEvents', ...fault });
      const client = cloudTrailClient(emulator, user, { maxAttempts: 1 });
      const error = await expectAwsError(client.send(new LookupEventsCommand({})), name, status);
      client.destroy();
      assert.match(error.message, message);
      assert.equal(emulator.requests.entries[0]?.errorCode, name);
    });
  }

  it('retries a throttle fault and a 5xx as the SDK does, and succeeds once they clear', async () => {
    emulator.faults.add(
      { service: 'cloudtrail', operation: 'LookupEvents', kind: 'throttle', times: 1 },
      { service: 'cloudtrail', kind: 'serverError', times: 1 },
    );
    const client = cloudTrailClient(emulator, user);
    const out = await client.send(new LookupEventsCommand({}));
    client.destroy();
    assert.equal(out.$metadata.attempts, 3);
    assert.deepEqual(emulator.faults.list(), []);
  });

  it('applies a delay fault and answers normally', async () => {
    emulator.faults.add({ service: 'cloudtrail', kind: 'delay', delayMs: 1, times: 1 });
    const client = cloudTrailClient(emulator, user, { maxAttempts: 1 });
    const out = await client.send(new LookupEventsCommand({}));
    client.destroy();
    assert.deepEqual(out.Events, []);
    assert.deepEqual(emulator.faults.list(), []);
  });

  it('lists cloudtrail among its services, and a CloudTrail fault leaves STS alone', async () => {
    emulator.faults.add({ service: 'cloudtrail', kind: 'accessDenied' });
    const health = (await (await fetch(`${emulator.url}/__emulator/health`)).json()) as { services: string[] };
    assert.deepEqual(health.services, [
      'sts',
      'cloudtrail',
      'athena',
      'iam',
      'access-analyzer',
      'cloudformation',
      'kms',
      'secretsmanager',
      'guardduty',
      'securityhub',
    ]);
    const sts = stsClient(emulator, user);
    assert.equal((await sts.send(new GetCallerIdentityCommand({}))).Arn, user.arn);
    sts.destroy();
  });
});
