/**
 * The server's activity cache over time, in-process with a clock the test moves: fresh for 5 minutes,
 * then served stale while one refresh runs, gone after a day; a failure remembered for 5 minutes, then
 * asked again. Real SDK, real gateway, the emulator with the invictus logs.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { Connection } from 'vscode-languageserver/node';
import { findReferences, type ResourceReference } from '../../../src/core';
import { ActivityService } from '../../../src/server/activityService';
import { AwsService } from '../../../src/server/awsService';
import { LogActivity } from '../../../src/server/logActivity';
import { SettingsService } from '../../../src/server/settings';
import { type Emulator, startEmulator } from '../../emulator/server';
import { awsHome, type AwsHome } from '../aws/awsHome';
import { fixtureCredentials } from '../emulator/helpers';
import { repoRoot } from '../helpers/paths';

const MINUTE = 60_000;

function bucketReference(name: string): ResourceReference {
  const text = `Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: ${name}\n`;
  return findReferences(text, 'yaml')[0]!;
}

describe('ActivityService: fresh, stale while refreshing, expired; failures remembered', () => {
  const { user } = fixtureCredentials();
  let emulator: Emulator;
  let home: AwsHome;
  let now = Date.now();
  let settled: string[] = [];
  let service: ActivityService;
  const logs: string[] = [];
  const lookups = () => emulator.requests.count('cloudtrail', 'LookupEvents');
  const waitSettled = async (key: string) => {
    while (!settled.includes(key)) await new Promise((resolve) => setTimeout(resolve, 20));
    settled = settled.filter((k) => k !== key);
  };

  before(async () => {
    emulator = await startEmulator({ cloudtrailLogs: `${repoRoot}/test/fixtures/cloudtrail/invictus` });
    home = awsHome(
      {},
      {
        AWS_ENDPOINT_URL: emulator.url,
        AWS_ACCESS_KEY_ID: user.accessKeyId,
        AWS_SECRET_ACCESS_KEY: user.secretAccessKey,
        AWS_REGION: 'us-east-1',
      },
    );
    // No client to pull settings from: the defaults (no profile, no Regions) apply.
    const settings = new SettingsService({} as Connection);
    const aws = new AwsService(settings, (message) => logs.push(message));
    service = new ActivityService(aws, {
      source: () => Promise.resolve({ kind: 'lookupEvents' }),
      logs: new LogActivity({ progress: () => undefined, log: (message) => logs.push(message) }),
      log: (message) => logs.push(message),
      onSettled: (key) => settled.push(key),
      clock: { now: () => now },
    });
  });
  after(async () => {
    home.restore();
    await emulator.close();
  });
  beforeEach(() => emulator.faults.clear());

  test('an answer is fresh 5 minutes, then shown stale while one refresh runs, and gone after a day', async () => {
    const reference = bucketReference('stratus-red-team-ctlr-bucket-zqfsvooxqj');
    const first = await service.glance(reference);
    assert.ok(first);
    assert.deepEqual([first.glance.answer, first.glance.loading], [undefined, true]);
    await waitSettled(first.key);
    assert.equal(lookups(), 1);

    now += 4 * MINUTE;
    const fresh = await service.glance(reference);
    assert.equal(fresh?.key, first.key, 'the same question minutes later');
    assert.equal(fresh?.glance.answer?.events.length, 41);
    assert.equal(fresh?.glance.loading, false);
    const fetchedAt = fresh?.glance.answer?.fetchedAt;

    now += 2 * MINUTE;
    const stale = await service.glance(reference);
    assert.equal(stale?.glance.answer?.fetchedAt, fetchedAt, 'the old answer, shown at once');
    assert.equal(stale?.glance.loading, true, 'while a refresh runs');
    const again = await service.glance(reference);
    assert.equal(again?.glance.loading, true);
    await waitSettled(first.key);
    assert.equal(lookups(), 2, 'one refresh however often it was asked');
    assert.equal((await service.glance(reference))?.glance.answer?.fetchedAt, now);

    now += 25 * 60 * MINUTE;
    const expired = await service.glance(reference);
    assert.deepEqual([expired?.glance.answer, expired?.glance.loading], [undefined, true]);
    await waitSettled(first.key);
  });

  test('a failure is remembered for 5 minutes (no retry, its sentence shown), then asked again', async () => {
    const reference = bucketReference('stratus-red-team-ctes-bucket-qyxyekjbtk');
    emulator.faults.add({ service: 'cloudtrail', operation: 'LookupEvents', kind: 'serverError', status: 503 });
    emulator.requests.clear();
    const first = await service.glance(reference);
    await waitSettled(first!.key);
    const failed = await service.glance(reference);
    assert.equal(failed?.glance.loading, false);
    assert.equal(failed?.glance.problems[0]?.kind, 'serverError');
    const calls = lookups(); // the SDK retries a 5xx twice: one scan, three requests
    now += 4 * MINUTE;
    await service.glance(reference);
    assert.equal(lookups(), calls, 'not asked again within 5 minutes');
    assert.equal(logs.filter((m) => m.includes('AWS failed to answer')).length, 1, logs.join('\n'));

    emulator.faults.clear();
    now += 2 * MINUTE;
    const retried = await service.glance(reference);
    assert.equal(retried?.glance.loading, true);
    await waitSettled(first!.key);
    const answered = await service.glance(reference);
    assert.deepEqual([answered?.glance.answer?.events.length, answered?.glance.problems], [33, []]);
  });
});
