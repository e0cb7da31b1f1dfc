/**
 * The gateway with the real SDK clients and the real credential provider chain, against the emulator
 * over HTTP: each test writes a home folder with its own `~/.aws` files and environment (awsHome.ts).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { after, afterEach, before, describe, test } from 'node:test';
import { AwsGateway, type AwsGatewayOptions } from '../../../src/aws/gateway';
import type { AwsProblem, AwsResult } from '../../../src/core';
import { type Emulator, startEmulator } from '../../emulator/server';
import { fixtureCredentials } from '../emulator/helpers';
import { FakeClock, flush } from '../helpers/fakeClock';
import { awsHome, type AwsHome } from './awsHome';

const { user, session, expired } = fixtureCredentials();

function keys(c: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): string {
  return [
    `aws_access_key_id = ${c.accessKeyId}`,
    `aws_secret_access_key = ${c.secretAccessKey}`,
    ...(c.sessionToken ? [`aws_session_token = ${c.sessionToken}`] : []),
  ].join('\n');
}

function problemOf<T>(result: AwsResult<T>): AwsProblem {
  assert.ok(!result.ok, `expected a problem, got ${JSON.stringify(result)}`);
  return result.problem;
}

/** A TCP port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('AwsGateway against the emulator, with the real SDK', () => {
  let emulator: Emulator;
  let home: AwsHome | undefined;
  let gateway: AwsGateway | undefined;
  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator.close());
  afterEach(() => {
    gateway?.dispose();
    gateway = undefined;
    home?.restore();
    home = undefined;
    emulator.faults.clear();
    emulator.requests.clear();
  });

  function open(options: AwsGatewayOptions = {}): AwsGateway {
    gateway = new AwsGateway(options);
    return gateway;
  }

  /** A home whose `[profile emu]` (or `[default]`) reaches the emulator with `credential`. */
  function emulatorProfile(name: 'default' | 'emu', credential: Parameters<typeof keys>[0] = user): string {
    const header = name === 'default' ? '[default]' : `[profile ${name}]`;
    return `${header}\nregion = us-east-1\nendpoint_url = ${emulator.url}\n${keys(credential)}\n`;
  }

  describe('credentials through the provider chain, endpoints through the standard overrides', () => {
    test("the default profile's endpoint_url and keys (the SDK's own look-up)", async () => {
      home = awsHome({ config: emulatorProfile('default') });
      const result = await open().callerIdentity();
      assert.deepEqual(result, {
        ok: true,
        value: { account: '111122223333', arn: user.arn, userId: 'AIDAEMULATORALICE0001' },
      });
    });

    test("a profile chosen in the settings uses its own endpoint_url, not the default profile's", async () => {
      const port = await closedPort();
      home = awsHome({
        config: `[default]\nregion = us-east-1\nendpoint_url = http://127.0.0.1:${port}\n${emulatorProfile('emu', session)}`,
      });
      const result = await open({ profile: 'emu' }).callerIdentity();
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(result.value.arn, session.arn);
    });

    test("a profile's services section names the endpoint per service", async () => {
      home = awsHome({
        config: [
          '[profile emu]',
          'region = us-east-1',
          'services = local',
          keys(user),
          '[services local]',
          'sts =',
          `  endpoint_url = ${emulator.url}`,
        ].join('\n'),
      });
      assert.ok((await open({ profile: 'emu' }).callerIdentity()).ok);
    });

    test('AWS_ENDPOINT_URL and the environment keys, with no files at all', async () => {
      home = awsHome(
        {},
        {
          AWS_ENDPOINT_URL: emulator.url,
          AWS_ACCESS_KEY_ID: user.accessKeyId,
          AWS_SECRET_ACCESS_KEY: user.secretAccessKey,
          AWS_REGION: 'eu-west-1',
        },
      );
      const result = await open().callerIdentity();
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(result.value.arn, user.arn);
    });

    test('AWS_ENDPOINT_URL_STS wins over a profile endpoint_url', async () => {
      const port = await closedPort();
      home = awsHome(
        { config: `[default]\nregion = us-east-1\nendpoint_url = http://127.0.0.1:${port}\n${keys(user)}\n` },
        { AWS_ENDPOINT_URL_STS: emulator.url },
      );
      assert.ok((await open().callerIdentity()).ok);
    });

    test('a profile with a credential_process', async () => {
      home = awsHome({});
      const script = home.write(
        'print-credentials.cjs',
        `process.stdout.write(JSON.stringify(${JSON.stringify({
          Version: 1,
          AccessKeyId: session.accessKeyId,
          SecretAccessKey: session.secretAccessKey,
          SessionToken: session.sessionToken,
          Expiration: '2099-12-31T23:59:59Z',
        })}));`,
      );
      home.write(
        '.aws/config',
        `[profile proc]\nregion = us-east-1\nendpoint_url = ${emulator.url}\ncredential_process = "${process.execPath}" "${script}"\n`,
      );
      const result = await open({ profile: 'proc' }).callerIdentity();
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(result.value.arn, session.arn);
    });

    test("the Region: the profile's when none is asked for", async () => {
      home = awsHome({ config: emulatorProfile('emu').replace('us-east-1', 'eu-west-2') });
      emulator.faults.add({ service: 'sts', kind: 'accessDenied' });
      const problem = problemOf(await open({ profile: 'emu' }).callerIdentity());
      assert.deepEqual([problem.kind, problem.region], ['accessDenied', 'eu-west-2']);
    });
  });

  describe('every failure becomes a problem of the right kind', () => {
    test('no credentials at all (an empty home, no environment)', async () => {
      home = awsHome({}, { AWS_ENDPOINT_URL: emulator.url });
      const problem = problemOf(await open().callerIdentity({ region: 'us-east-1' }));
      assert.equal(problem.kind, 'noCredentials');
      assert.match(problem.detail ?? '', /^CredentialsProviderError: /);
      assert.equal(emulator.requests.entries.length, 0, 'nothing was sent');
    });

    test('a profile that does not exist', async () => {
      home = awsHome({ config: emulatorProfile('default') });
      const problem = problemOf(await open({ profile: 'nope' }).callerIdentity({ region: 'us-east-1' }));
      assert.equal(problem.kind, 'noCredentials');
      assert.equal(problem.profile, 'nope');
    });

    test('no Region anywhere', async () => {
      home = awsHome({ config: `[default]\nendpoint_url = ${emulator.url}\n${keys(user)}\n` });
      const problem = problemOf(await open().callerIdentity());
      assert.equal(problem.kind, 'invalidRequest');
      assert.match(problem.sentence, /No AWS Region is set/);
      assert.equal(problem.region, undefined);
    });

    test('the expired seeded session credential', async () => {
      home = awsHome({ config: emulatorProfile('emu', expired) });
      const problem = problemOf(await open({ profile: 'emu' }).callerIdentity());
      assert.equal(problem.kind, 'expiredToken');
      assert.equal(problem.detail, 'ExpiredToken: The security token included in the request is expired');
    });

    const ssoCases: [string, string, string][] = [
      [
        'legacy profile',
        '[profile sso]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\nregion = us-east-1\n',
        'https://example.awsapps.com/start',
      ],
      [
        'sso-session',
        '[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\nregion = us-east-1\n[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n',
        'corp',
      ],
    ];
    for (const [name, config, cacheId] of ssoCases) {
      test(`an expired SSO sign-in (${name})`, async () => {
        home = awsHome({ config });
        home.write(
          `.aws/sso/cache/${createHash('sha1').update(cacheId).digest('hex')}.json`,
          JSON.stringify({
            accessToken: 'old',
            expiresAt: '2024-01-01T00:00:00Z',
            region: 'us-east-1',
            startUrl: 'https://example.awsapps.com/start',
          }),
        );
        const problem = problemOf(await open({ profile: 'sso' }).callerIdentity());
        assert.equal(problem.kind, 'ssoExpired', problem.detail);
        assert.equal(problem.command, 'aws sso login --profile sso');
      });
    }

    test('access denied, naming the action AWS refused', async () => {
      home = awsHome({ config: emulatorProfile('emu') });
      emulator.faults.add({ service: 'sts', kind: 'accessDenied' });
      const problem = problemOf(await open({ profile: 'emu' }).callerIdentity());
      assert.equal(problem.kind, 'accessDenied');
      assert.equal(problem.action, 'sts:GetCallerIdentity');
      assert.match(problem.sentence, new RegExp(`AWS denied sts:GetCallerIdentity to ${user.arn}`));
    });

    test('throttled: said at once, not retried by the SDK (the pacer owns throttling)', async () => {
      home = awsHome({ config: emulatorProfile('emu') });
      emulator.faults.add({ service: 'sts', kind: 'throttle' });
      const problem = problemOf(await open({ profile: 'emu' }).callerIdentity());
      assert.equal(problem.kind, 'throttled');
      assert.equal(emulator.requests.count('sts', 'GetCallerIdentity'), 1);
    });

    test('a server error, after the SDK retried it', async () => {
      home = awsHome({ config: emulatorProfile('emu') });
      emulator.faults.add({ service: 'sts', kind: 'serverError', status: 503 });
      const problem = problemOf(await open({ profile: 'emu' }).callerIdentity());
      assert.equal(problem.kind, 'serverError');
      assert.match(problem.sentence, /503 ServiceUnavailable/);
      assert.equal(emulator.requests.count('sts', 'GetCallerIdentity'), 3);
    });

    test('a transient server error is retried away', async () => {
      home = awsHome({ config: emulatorProfile('emu') });
      emulator.faults.add({ service: 'sts', kind: 'serverError', times: 1 });
      assert.ok((await open({ profile: 'emu' }).callerIdentity()).ok);
    });

    test('nothing listening at the endpoint', async () => {
      home = awsHome({
        config: `[default]\nregion = us-east-1\nendpoint_url = http://127.0.0.1:${await closedPort()}\n${keys(user)}\n`,
      });
      const problem = problemOf(await open().callerIdentity());
      assert.equal(problem.kind, 'network');
      assert.match(problem.sentence, /ECONNREFUSED/);
    });

    test('an answer slower than the time limit', async () => {
      home = awsHome({ config: emulatorProfile('emu') });
      emulator.faults.add({ service: 'sts', kind: 'delay', delayMs: 3000 });
      const started = Date.now();
      const problem = problemOf(await open({ profile: 'emu', requestTimeoutMs: 300 }).callerIdentity());
      assert.equal(problem.kind, 'timeout');
      assert.match(problem.sentence, /0\.3 s/);
      assert.ok(Date.now() - started < 2500, 'the caller did not wait for the answer');
    });

    test('cancelled by the caller', async () => {
      home = awsHome({ config: emulatorProfile('emu') });
      emulator.faults.add({ service: 'sts', kind: 'delay', delayMs: 3000 });
      const cancel = new AbortController();
      setTimeout(() => cancel.abort(), 100);
      const started = Date.now();
      const problem = problemOf(await open({ profile: 'emu' }).callerIdentity({ signal: cancel.signal }));
      assert.equal(problem.kind, 'cancelled');
      assert.ok(Date.now() - started < 2500);
    });

    const unknownKey = { accessKeyId: 'AKIANOTINTHESEED0001', secretAccessKey: user.secretAccessKey };
    const regions: [string, string][] = [
      ['ap-east-1', 'regionNotEnabled'],
      ['us-east-1', 'noCredentials'],
    ];
    for (const [region, kind] of regions) {
      test(`a key AWS does not know, in ${region}: ${kind}`, async () => {
        home = awsHome({ config: emulatorProfile('emu', unknownKey) });
        const problem = problemOf(await open({ profile: 'emu' }).callerIdentity({ region }));
        assert.equal(problem.kind, kind);
        assert.equal(problem.region, region);
      });
    }
  });

  describe('LookupEvents: paced per account and Region, identical requests shared', () => {
    // The emulator does not speak CloudTrail yet: these check what the gateway does around the call
    // (identity, pacing, coalescing), whatever CloudTrail answers.
    test('the account is asked once, and identical requests in flight make one call', async () => {
      home = awsHome({ config: emulatorProfile('emu') });
      const g = open({ profile: 'emu' });
      const params = { LookupAttributes: [{ AttributeKey: 'EventName' as const, AttributeValue: 'CreateBucket' }] };
      const [a, b] = await Promise.all([g.lookupEvents(params), g.lookupEvents(params)]);
      assert.deepEqual(a, b);
      await g.lookupEvents({ ...params, MaxResults: 5 });
      assert.equal(emulator.requests.count('sts', 'GetCallerIdentity'), 1);
      const cloudtrail = emulator.requests.entries.filter((e) => e.operation !== 'GetCallerIdentity');
      assert.ok(cloudtrail.length >= 2 && cloudtrail.length <= 6, `${cloudtrail.length} CloudTrail requests`);
    });

    test('a second request waits for the next token of the account and Region', async () => {
      home = awsHome({ config: emulatorProfile('emu') });
      const clock = new FakeClock();
      const g = open({ profile: 'emu', clock });
      const first = g.lookupEvents({ MaxResults: 1 });
      const second = g.lookupEvents({ MaxResults: 2 });
      let secondDone = false;
      void second.then(() => (secondDone = true));
      await first;
      await flush();
      assert.equal(secondDone, false, 'the fake clock has not moved: no token yet');
      await clock.advance(500);
      await second;
      const otherRegion = await g.lookupEvents({ MaxResults: 2 }, { region: 'eu-west-1' });
      assert.ok(otherRegion, 'another Region has its own tokens');
    });

    test('a cancelled request leaves the queue', async () => {
      home = awsHome({ config: emulatorProfile('emu') });
      const g = open({ profile: 'emu', clock: new FakeClock() });
      await g.lookupEvents({ MaxResults: 1 });
      const cancel = new AbortController();
      const waiting = g.lookupEvents({ MaxResults: 3 }, { signal: cancel.signal });
      await flush();
      cancel.abort();
      assert.equal(problemOf(await waiting).kind, 'cancelled');
    });
  });
});
