/**
 * The security explorer's server side in-process, with the real gateway and SDK against the emulator
 * (KMS, Secrets Manager, GuardDuty and Security Hub seeded in us-east-1 and eu-west-1) and a clock the
 * test moves: each tab's rows, the 15-minute cache (calls 0) against `fresh`, identical asks sharing one
 * read, a denied service or a failing half of the findings said in the answer while the rest answers,
 * cancellation, policies linted or absent, and AWS not configured at all.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Connection } from 'vscode-languageserver/node';
import { lazyCatalog } from '../../../src/core';
import { AwsService } from '../../../src/server/awsService';
import { CatalogService } from '../../../src/server/catalogService';
import { ExplorerService, NOT_CONFIGURED } from '../../../src/server/explorerService';
import { SettingsService } from '../../../src/server/settings';
import { type Emulator, startEmulator } from '../../emulator/server';
import { awsHome, type AwsHome } from '../aws/awsHome';
import { fixtureCredentials } from '../emulator/helpers';
import { catalogFile } from '../helpers/paths';

const MINUTE = 60_000;
const ACCOUNT = '123837392027';
const OPEN_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/c8d9e0f1-a2b3-4c4d-8e5f-6a7b8c9d0e1f`;
const PENDING_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/7c1e4a9b-2d3f-4e5a-8b6c-9d0e1f2a3b4c`;

function explorer(now: () => number, logs: string[]): ExplorerService {
  // No client to pull settings from: the defaults (no profile, no Regions) apply.
  const aws = new AwsService(new SettingsService({} as Connection), (message) => logs.push(message));
  const catalog = new CatalogService(lazyCatalog(catalogFile), (message) => logs.push(message));
  return new ExplorerService({ aws, catalog, clock: { now } });
}

describe('ExplorerService against the emulator', () => {
  const { user } = fixtureCredentials();
  let emulator: Emulator;
  let home: AwsHome;
  let now = Date.now();
  const logs: string[] = [];
  let service: ExplorerService;
  const fresh = (region: string) => ({ region, fresh: true });

  before(async () => {
    emulator = await startEmulator({});
    home = awsHome(
      {},
      {
        AWS_ENDPOINT_URL: emulator.url,
        AWS_ACCESS_KEY_ID: user.accessKeyId,
        AWS_SECRET_ACCESS_KEY: user.secretAccessKey,
        AWS_REGION: 'us-east-1',
      },
    );
    service = explorer(() => now, logs);
  });
  after(async () => {
    home.restore();
    await emulator.close();
  });
  afterEach(() => {
    emulator.faults.clear();
    emulator.requests.clear();
    logs.length = 0;
  });

  test("each tab's rows of a Region, with what they cost", async () => {
    const keys = await service.keys(fresh('us-east-1'));
    assert.equal(keys.problem, undefined);
    assert.equal(keys.rows.length, 9);
    assert.equal(keys.calls, emulator.requests.count('kms'));
    assert.equal(keys.fetchedAt, now);
    assert.deepEqual(
      keys.rows.find((k) => k.arn === PENDING_KEY)?.flags.map((f) => f.id),
      ['pendingDeletion'],
    );
    const secrets = await service.secrets(fresh('us-east-1'));
    assert.equal(secrets.rows.length, 6);
    assert.equal(secrets.calls, emulator.requests.count('secretsmanager'));
    assert.ok(secrets.rows.some((s) => s.flags.some((f) => f.id === 'neverRotated')));
    const findings = await service.findings(fresh('us-east-1'));
    assert.deepEqual(
      [findings.rows.length, findings.serviceProblems, findings.notices, findings.problem],
      [22, [], [], undefined],
    );
    assert.deepEqual(findings.counts, { CRITICAL: 1, HIGH: 3, MEDIUM: 4, LOW: 2, INFORMATIONAL: 0 });
    assert.deepEqual([...new Set(findings.rows.map((r) => r.source))].sort(), ['GuardDuty', 'Security Hub']);
    assert.equal(findings.calls, emulator.requests.count('guardduty') + emulator.requests.count('securityhub'));
    const eu = await service.keys(fresh('eu-west-1'));
    assert.deepEqual([eu.rows.length, eu.rows.every((k) => k.region === 'eu-west-1')], [3, true]);
  });

  test('a Region without GuardDuty or Security Hub says so as notices, not problems', async () => {
    const findings = await service.findings(fresh('us-west-2'));
    assert.equal(findings.problem, undefined);
    assert.deepEqual(findings.rows, []);
    assert.deepEqual(findings.notices, [
      'GuardDuty is not enabled in us-west-2: it has no detector there.',
      'Security Hub is not enabled in us-west-2: the account is not subscribed there.',
    ]);
    assert.deepEqual(findings.counts, { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0 });
  });

  test('an answer is kept 15 minutes (calls 0, its time kept); fresh reads again and replaces it', async () => {
    const first = await service.secrets(fresh('eu-west-1'));
    const asked = emulator.requests.count('secretsmanager');
    assert.ok(first.calls > 0);
    now += 14 * MINUTE;
    const cached = await service.secrets({ region: 'eu-west-1' });
    assert.deepEqual(cached, { ...first, calls: 0 });
    assert.equal(emulator.requests.count('secretsmanager'), asked, 'nothing asked');
    const again = await service.secrets(fresh('eu-west-1'));
    assert.deepEqual([again.calls, again.fetchedAt], [first.calls, now]);
    now += 14 * MINUTE;
    assert.equal((await service.secrets({ region: 'eu-west-1' })).fetchedAt, again.fetchedAt, 'fresh replaced it');
    now += 2 * MINUTE;
    const expired = await service.secrets({ region: 'eu-west-1' });
    assert.deepEqual([expired.calls, expired.fetchedAt], [first.calls, now], 'past 15 minutes: asked again');
  });

  test('identical asks in flight share one read', async () => {
    await service.keys(fresh('eu-west-1'));
    const once = emulator.requests.count('kms');
    emulator.requests.clear();
    const [a, b] = await Promise.all([service.keys(fresh('eu-west-1')), service.keys(fresh('eu-west-1'))]);
    assert.deepEqual(a, b);
    assert.equal(emulator.requests.count('kms'), once);
  });

  test("a denied service is that Region's problem, said once in the output, and not kept", async () => {
    emulator.faults.add({ service: 'kms', kind: 'accessDenied' });
    const denied = await service.keys(fresh('us-east-1'));
    assert.deepEqual(denied.rows, []);
    assert.equal(denied.problem?.kind, 'accessDenied');
    assert.match(denied.problem?.sentence ?? '', /kms:ListKeys/);
    assert.equal(denied.calls, 1);
    await service.keys({ region: 'us-east-1' });
    assert.equal(logs.filter((line) => line.includes('kms:ListKeys')).length, 1, 'logged once');
    const secrets = await service.secrets({ region: 'us-east-1' });
    assert.deepEqual([secrets.problem, secrets.rows.length], [undefined, 6], 'Secrets Manager still answers');
    emulator.faults.clear();
    const later = await service.keys({ region: 'us-east-1' });
    assert.deepEqual([later.problem, later.rows.length], [undefined, 9], 'the failure was not kept');
  });

  test("GuardDuty failing: Security Hub's rows, GuardDuty's problem beside them, no counts; not kept", async () => {
    emulator.faults.add({ service: 'guardduty', kind: 'accessDenied' });
    const half = await service.findings(fresh('us-east-1'));
    assert.equal(half.problem, undefined);
    assert.equal(half.rows.length, 9);
    assert.ok(half.rows.every((r) => r.source === 'Security Hub'));
    assert.deepEqual(
      half.serviceProblems.map((p) => p.kind),
      ['accessDenied'],
    );
    assert.match(half.serviceProblems[0]?.sentence ?? '', /guardduty:ListDetectors/);
    assert.equal(half.counts, undefined);
    emulator.faults.clear();
    assert.equal((await service.findings({ region: 'us-east-1' })).rows.length, 22);
  });

  test("both finding services failing is the Region's problem", async () => {
    emulator.faults.add({ service: 'guardduty', kind: 'accessDenied' });
    emulator.faults.add({ service: 'securityhub', kind: 'accessDenied' });
    const none = await service.findings(fresh('eu-west-1'));
    assert.equal(none.problem?.kind, 'accessDenied');
    assert.deepEqual([none.rows, none.serviceProblems], [[], []]);
  });

  test('a cancelled ask answers at once, cancelled', async () => {
    emulator.faults.add({ service: 'secretsmanager', kind: 'delay', delayMs: 3_000 });
    const controller = new AbortController();
    const started = Date.now();
    const answer = service.secrets(fresh('us-east-1'), controller.signal);
    setTimeout(() => controller.abort(), 50);
    const cancelled = await answer;
    assert.equal(cancelled.problem?.kind, 'cancelled');
    assert.ok(Date.now() - started < 2_000, 'did not wait for AWS');
  });

  test("a key's policy, linted; a secret without a resource policy; a secret with one", async () => {
    const key = await service.policy({ kind: 'key', arn: OPEN_KEY, region: 'us-east-1' });
    assert.deepEqual(key.state === 'failed' ? key.problem : key.state, 'policy');
    const review = key.state === 'policy' ? key.review : undefined;
    assert.ok(
      review?.findings.some((f) => f.ruleId === 'public-principal'),
      'a key open to everyone',
    );
    assert.ok(review?.text.includes('"Principal": "*"'), 'the policy as KMS keeps it, indented');
    const secrets = await service.secrets({ region: 'us-east-1' });
    const arnOf = (name: string) => secrets.rows.find((s) => s.name === name)!.arn;
    const none = await service.policy({
      kind: 'secret',
      arn: arnOf('stratus-red-team/api-token'),
      region: 'us-east-1',
    });
    assert.equal(none.state, 'none');
    assert.match(none.state === 'none' ? none.sentence : '', /no resource policy/);
    const open = await service.policy({ kind: 'secret', arn: arnOf('payments/stripe-api-key'), region: 'us-east-1' });
    assert.equal(open.state, 'policy');
  });

  test('a policy that cannot be read is failed, with the problem', async () => {
    emulator.faults.add({ service: 'kms', operation: 'GetKeyPolicy', kind: 'accessDenied' });
    const denied = await service.policy({ kind: 'key', arn: OPEN_KEY, region: 'us-east-1' });
    assert.equal(denied.state, 'failed');
    assert.equal(denied.state === 'failed' && denied.problem.kind, 'accessDenied');
  });
});

describe('ExplorerService without any AWS configuration', () => {
  let home: AwsHome;
  before(() => {
    home = awsHome({});
  });
  after(() => home.restore());

  test('every tab of every Region says so, and nothing is asked', async () => {
    const service = explorer(Date.now, []);
    for (const region of ['us-east-1', 'eu-west-1']) {
      assert.deepEqual((await service.keys({ region })).problem, NOT_CONFIGURED);
      assert.deepEqual((await service.secrets({ region })).problem, NOT_CONFIGURED);
      const findings = await service.findings({ region, fresh: true });
      assert.deepEqual([findings.problem, findings.serviceProblems, findings.rows], [NOT_CONFIGURED, [], []]);
    }
    assert.deepEqual(await service.policy({ kind: 'key', arn: OPEN_KEY, region: 'us-east-1' }), {
      state: 'failed',
      problem: NOT_CONFIGURED,
    });
    assert.match(NOT_CONFIGURED.sentence, /cloudwarden\.selectAwsProfile/);
  });
});
