/**
 * The KMS keys of a Region through the gateway and the real SDK against the emulator: every page read,
 * each key's details, a Region without keys, a key policy on demand, throttling waited out, a part that
 * fails said on its key, a denied service said once.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { keyPolicy, kmsKeys, type KmsOptions } from '../../../src/aws';
import { emulatorGateway } from './emulatorGateway';

const ORDERS_KEY = '1f0c5a8e-3b2d-4c6e-9a7f-0e1d2c3b4a51';

describe('KMS keys against the emulator, with the real SDK', () => {
  const aws = emulatorGateway();

  test('reads every page of keys and aliases, and every detail of each key', async () => {
    const options: KmsOptions = { region: 'us-east-1', concurrency: 4 };
    const result = await kmsKeys(aws.gateway, options);
    assert.ok(result.ok);
    assert.equal(result.value.length, 9);
    // Two keys a page: five pages of keys.
    assert.equal(aws.emulator.requests.count('kms', 'ListKeys'), 5);
    const orders = result.value.find((k) => k.keyId === ORDERS_KEY);
    assert.deepEqual(orders?.aliases, ['alias/orders-data', 'alias/orders-service-dev']);
    assert.equal(orders?.grantsCount, 3, 'grants counted over two pages');
    assert.deepEqual(orders?.tags, { app: 'orders', env: 'dev', owner: 'platform-team' });
    assert.equal(orders?.rotation?.enabled, true);
    assert.equal(orders?.lastUsage?.operation, 'Decrypt');
    assert.equal(orders?.metadata?.manager, 'CUSTOMER');
    assert.deepEqual(orders?.problems, []);
    const signing = result.value.find((k) => k.aliases.includes('alias/release-signing'));
    assert.equal(signing?.rotation, undefined, 'an asymmetric key cannot rotate: no rotation, no problem');
    assert.deepEqual(signing?.problems, []);
    const managed = result.value.find((k) => k.aliases.includes('alias/aws/secretsmanager'));
    assert.equal(managed?.metadata?.manager, 'AWS');
    assert.equal(
      aws.emulator.requests.count('kms', 'ListResourceTags') < 9,
      true,
      'AWS managed keys are not asked for tags',
    );
  });

  test('a Region without keys is an empty list; a replica says so', async () => {
    assert.deepEqual(await kmsKeys(aws.gateway, { region: 'ap-southeast-2' }), { ok: true, value: [] });
    const eu = await kmsKeys(aws.gateway, { region: 'eu-west-1' });
    assert.ok(eu.ok);
    assert.equal(eu.value.find((k) => k.keyId.startsWith('mrk-'))?.metadata?.multiRegion, 'REPLICA');
    assert.ok(eu.value.every((k) => k.region === 'eu-west-1'));
  });

  test('waits out throttling', async () => {
    aws.emulator.faults.add({ service: 'kms', operation: 'ListKeys', kind: 'throttle', times: 2 });
    aws.emulator.faults.add({ service: 'kms', operation: 'DescribeKey', kind: 'throttle', times: 2 });
    const result = await kmsKeys(aws.gateway, { region: 'eu-west-1' });
    assert.ok(result.ok);
    assert.ok(result.value.every((k) => k.problems.length === 0 && k.metadata !== undefined));
  });

  test('a part that fails is said on each key, the rest is kept', async () => {
    aws.emulator.faults.add({ service: 'kms', operation: 'ListGrants', kind: 'accessDenied' });
    const result = await kmsKeys(aws.gateway, { region: 'eu-west-1' });
    assert.ok(result.ok);
    for (const key of result.value) {
      assert.equal(key.grantsCount, undefined);
      assert.equal(key.problems.length, 1);
      assert.equal(key.problems[0]?.call, 'ListGrants');
      assert.match(
        key.problems[0]?.sentence ?? '',
        /^AWS denied kms:ListGrants to arn:aws:iam::111122223333:user\/dev-alice/,
      );
      assert.ok(key.metadata !== undefined);
    }
  });

  test('a denied service is one problem, and nothing else is asked', async () => {
    aws.emulator.faults.add({ service: 'kms', kind: 'accessDenied' });
    const result = await kmsKeys(aws.gateway, { region: 'us-east-1' });
    assert.ok(!result.ok);
    assert.equal(result.problem.kind, 'accessDenied');
    assert.equal(result.problem.action, 'kms:ListKeys');
    assert.equal(aws.emulator.requests.count('kms'), 1);
  });

  test("reads a key's policy on demand, by id or alias", async () => {
    const policy = await keyPolicy(aws.gateway, 'alias/orders-data', { region: 'us-east-1' });
    assert.ok(policy.ok);
    assert.match(policy.value, /AllowOrdersFunction/);
    const missing = await keyPolicy(aws.gateway, ORDERS_KEY, { region: 'eu-west-1' });
    assert.ok(!missing.ok);
    assert.match(missing.problem.detail ?? '', /^NotFoundException/);
  });
});
