/**
 * Secrets Manager metadata through the gateway and the real SDK against the emulator: every page of a
 * Region's secrets, a Region without any, a resource policy on demand, throttling waited out, a denied
 * service; and never a value asked for.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { secretPolicy, secretsList, type SecretsOptions } from '../../../src/aws';
import { emulatorGateway } from './emulatorGateway';

describe('Secrets Manager secrets against the emulator, with the real SDK', () => {
  const aws = emulatorGateway();

  test("reads every page of a Region's secrets, metadata only", async () => {
    const options: SecretsOptions = { region: 'us-east-1' };
    const result = await secretsList(aws.gateway, options);
    assert.ok(result.ok);
    assert.equal(result.value.length, 6);
    assert.equal(aws.emulator.requests.count('secretsmanager', 'ListSecrets'), 3);
    const rds = result.value.find((s) => s.owningService === 'rds');
    assert.equal(rds?.rotationEnabled, true);
    assert.equal(rds?.region, 'us-east-1');
    const token = result.value.find((s) => s.name === 'stratus-red-team/api-token');
    assert.equal(token?.kmsKeyId, undefined);
    assert.equal(token?.lastRotatedAt, undefined);
    assert.deepEqual(token?.tags, { StratusRedTeam: 'true' });
    assert.deepEqual(aws.emulator.secretValueCalls(), []);
  });

  test('a Region without secrets, throttling, a denied service', async () => {
    assert.deepEqual(await secretsList(aws.gateway, { region: 'ap-southeast-2' }), { ok: true, value: [] });
    aws.emulator.faults.add({ service: 'secretsmanager', kind: 'throttle', times: 2 });
    const eu = await secretsList(aws.gateway, { region: 'eu-west-1' });
    assert.deepEqual(eu.ok && eu.value.map((s) => s.name), ['analytics/warehouse']);
    aws.emulator.faults.add({ service: 'secretsmanager', kind: 'accessDenied' });
    const denied = await secretsList(aws.gateway, { region: 'us-east-1' });
    assert.ok(!denied.ok);
    assert.equal(denied.problem.action, 'secretsmanager:ListSecrets');
  });

  test('reads a resource policy on demand; none is undefined', async () => {
    const policy = await secretPolicy(aws.gateway, 'payments/stripe-api-key', { region: 'us-east-1' });
    assert.ok(policy.ok);
    assert.match(policy.value ?? '', /AnyoneMayRead/);
    assert.deepEqual(await secretPolicy(aws.gateway, 'legacy/ldap-bind', { region: 'us-east-1' }), {
      ok: true,
      value: undefined,
    });
  });
});
