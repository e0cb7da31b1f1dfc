import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { FaultController, parseFault } from '../../emulator/faults';
import { findDefaultSeedFile, readSeedFile } from '../../emulator/seed';
import { type Emulator, startEmulator } from '../../emulator/server';
import { expectStsError, fixtureCredentials, stsClient } from './helpers';

const { user } = fixtureCredentials();

describe('fault controller', () => {
  it('applies every matching delay and the first matching failure, using up their times', () => {
    const faults = new FaultController();
    faults.add(
      { kind: 'delay', delayMs: 10 },
      { kind: 'delay', service: 'sts', delayMs: 5, times: 1 },
      { kind: 'throttle', service: 'sts', operation: 'GetCallerIdentity', times: 2 },
      { kind: 'serverError', times: 1 },
    );
    assert.deepEqual(faults.take('sts', 'GetCallerIdentity'), {
      delayMs: 15,
      failure: { kind: 'throttle', service: 'sts', operation: 'GetCallerIdentity', times: 2 },
    });
    assert.deepEqual(faults.take('sts', 'GetCallerIdentity').failure?.kind, 'throttle');
    assert.deepEqual(faults.take('sts', 'GetCallerIdentity'), {
      delayMs: 10,
      failure: { kind: 'serverError', times: 1 },
    });
    assert.deepEqual(faults.take('sts', 'GetCallerIdentity'), { delayMs: 10 });
    assert.deepEqual(faults.list(), [{ kind: 'delay', delayMs: 10 }]);
  });

  it('matches on service and operation', () => {
    const faults = new FaultController();
    faults.add({ kind: 'accessDenied', service: 'iam' }, { kind: 'throttle', operation: 'LookupEvents' });
    assert.deepEqual(faults.take('sts', 'GetCallerIdentity'), { delayMs: 0 });
    assert.equal(faults.take('iam', 'ListRoles').failure?.kind, 'accessDenied');
    assert.equal(faults.take('cloudtrail', 'LookupEvents').failure?.kind, 'throttle');
    faults.clear();
    assert.deepEqual(faults.list(), []);
  });

  const invalid: [unknown, RegExp][] = [
    [{}, /^fault\.kind: required/],
    [{ kind: 'slow' }, /^fault\.kind: expected one of/],
    [{ kind: 'delay' }, /^fault\.delayMs: required for a delay fault/],
    [{ kind: 'throttle', delayMs: 5 }, /^fault\.delayMs: only a delay fault/],
    [{ kind: 'throttle', times: 0 }, /^fault\.times: expected an integer from 1/],
    [{ kind: 'serverError', status: 502 }, /^fault\.status: expected one of 500, 503/],
    [{ kind: 'throttle', status: 503 }, /^fault\.status: only a serverError fault/],
    [{ kind: 'throttle', service: 'STS' }, /^fault\.service: expected a service id/],
    [{ kind: 'throttle', operation: 'get-caller-identity' }, /^fault\.operation: expected an operation name/],
    [{ kind: 'throttle', time: 2 }, /^fault: unknown field "time"/],
    [[], /^fault: expected an object, got an empty array/],
  ];
  for (const [value, message] of invalid) {
    it(`rejects ${JSON.stringify(value)} naming the field`, () => {
      assert.throws(() => parseFault(value), { name: 'ValidationError', message });
    });
  }
});

describe('faults through the real SDK', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator();
  });
  afterEach(() => {
    emulator.faults.clear();
    emulator.requests.clear();
  });
  after(() => emulator.close());

  it('throttles twice, the SDK retries, and the third attempt succeeds', async () => {
    emulator.faults.add({ service: 'sts', operation: 'GetCallerIdentity', kind: 'throttle', times: 2 });
    const client = stsClient(emulator, user);
    const out = await client.send(new GetCallerIdentityCommand({}));
    client.destroy();
    assert.equal(out.Arn, user.arn);
    assert.equal(out.$metadata.attempts, 3);
    assert.equal(emulator.requests.count('sts', 'GetCallerIdentity'), 3);
    assert.deepEqual(
      emulator.requests.entries.map((e) => [e.status, e.errorCode]),
      [
        [400, 'Throttling'],
        [400, 'Throttling'],
        [200, undefined],
      ],
    );
    assert.deepEqual(emulator.faults.list(), [], 'the fault cleared itself after two uses');
  });

  it('denies access naming the caller and the action, as IAM does', async () => {
    emulator.faults.add({ service: 'sts', kind: 'accessDenied' });
    const client = stsClient(emulator, user);
    const error = await expectStsError(client, 'AccessDenied', 403);
    client.destroy();
    assert.match(
      error.message,
      /^User: arn:aws:iam::111122223333:user\/dev-alice is not authorized to perform: sts:GetCallerIdentity\b/,
    );
  });

  it('answers 500 InternalFailure; the SDK retries and then surfaces it', async () => {
    emulator.faults.add({ kind: 'serverError' });
    const client = stsClient(emulator, user, { maxAttempts: 2 });
    const error = await expectStsError(client, 'InternalFailure', 500);
    client.destroy();
    assert.equal(error.$metadata.attempts, 2);
    assert.equal(emulator.requests.count('sts', 'GetCallerIdentity'), 2);
  });

  it('answers 503 ServiceUnavailable when asked to', async () => {
    emulator.faults.add({ kind: 'serverError', status: 503 });
    const client = stsClient(emulator, user, { maxAttempts: 1 });
    await expectStsError(client, 'ServiceUnavailable', 503);
    client.destroy();
  });

  it('answers ExpiredToken for a valid credential when asked to', async () => {
    emulator.faults.add({ kind: 'expiredToken', times: 1 });
    const client = stsClient(emulator, user);
    await expectStsError(client, 'ExpiredToken', 403);
    client.destroy();
  });

  it('delays the answer', async () => {
    emulator.faults.add({ kind: 'delay', delayMs: 300, times: 1 });
    const client = stsClient(emulator, user);
    const started = performance.now();
    const out = await client.send(new GetCallerIdentityCommand({}));
    const elapsed = performance.now() - started;
    client.destroy();
    assert.equal(out.Account, '111122223333');
    // A functional check that the delay happened (timers may fire a millisecond early), not a timing target.
    assert.ok(elapsed >= 290, `took ${elapsed} ms`);
  });

  it('leaves other services’ faults alone', async () => {
    emulator.faults.add({ service: 'iam', kind: 'accessDenied' });
    const client = stsClient(emulator, user);
    assert.equal((await client.send(new GetCallerIdentityCommand({}))).Arn, user.arn);
    client.destroy();
  });
});

describe('faults from the seed', () => {
  it('are active from the start', async () => {
    const seed = readSeedFile(findDefaultSeedFile());
    const emulator = await startEmulator({ seed: { ...seed, faults: [{ kind: 'accessDenied', times: 1 }] } });
    try {
      const client = stsClient(emulator, user);
      await expectStsError(client, 'AccessDenied', 403);
      assert.equal((await client.send(new GetCallerIdentityCommand({}))).Arn, user.arn);
      client.destroy();
    } finally {
      await emulator.close();
    }
  });
});

describe('control endpoint over plain HTTP', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator.close());

  const call = async (
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: Record<string, unknown> }> => {
    const res = await fetch(`${emulator.url}/__emulator/${path}`, {
      method,
      ...(body !== undefined && {
        body: typeof body === 'string' ? body : JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      }),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  it('reports health', async () => {
    const { status, json } = await call('GET', 'health');
    assert.equal(status, 200);
    assert.equal(json['status'], 'ok');
    assert.deepEqual(json['services'], [
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
  });

  it('adds, lists and clears faults, which the SDK then meets', async () => {
    const added = await call('POST', 'faults', { service: 'sts', kind: 'accessDenied', times: 1 });
    assert.equal(added.status, 201);
    assert.deepEqual(added.json['faults'], [{ service: 'sts', kind: 'accessDenied', times: 1 }]);
    const client = stsClient(emulator, user);
    await expectStsError(client, 'AccessDenied', 403);

    assert.equal((await call('POST', 'faults', [{ kind: 'throttle' }, { kind: 'delay', delayMs: 1 }])).status, 201);
    assert.equal(((await call('GET', 'faults')).json['faults'] as unknown[]).length, 2);
    assert.deepEqual(await call('DELETE', 'faults'), { status: 200, json: { faults: [] } });
    assert.equal((await client.send(new GetCallerIdentityCommand({}))).Arn, user.arn);
    client.destroy();
  });

  it('refuses a bad fault with the field named', async () => {
    assert.deepEqual(await call('POST', 'faults', [{ kind: 'throttle' }, { kind: 'delay' }]), {
      status: 400,
      json: { error: 'faults[1].delayMs: required for a delay fault' },
    });
    assert.equal((await call('POST', 'faults', '{not json')).status, 400);
    assert.deepEqual(emulator.faults.list(), [], 'nothing was added from a rejected batch');
  });

  it('serves and clears the request log', async () => {
    emulator.requests.clear();
    const client = stsClient(emulator, user);
    await client.send(new GetCallerIdentityCommand({}));
    client.destroy();
    const log = await call('GET', 'requests');
    assert.deepEqual(
      (log.json['requests'] as { service: string; operation: string; status: number }[]).map((r) => [
        r.service,
        r.operation,
        r.status,
      ]),
      [['sts', 'GetCallerIdentity', 200]],
    );
    await call('DELETE', 'requests');
    assert.equal(emulator.requests.entries.length, 0);
  });

  it('answers 404 for an unknown control path', async () => {
    const { status, json } = await call('GET', 'nope');
    assert.equal(status, 404);
    assert.match(String(json['error']), /no control endpoint GET \/__emulator\/nope/);
  });
});
