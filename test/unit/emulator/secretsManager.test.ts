/**
 * Secrets Manager through the real SDK against the emulator: metadata of a Region's secrets paged with
 * NextToken, one secret by name or ARN, its resource policy; and the refusal, recorded, of every
 * attempt to read a value.
 */
import {
  BatchGetSecretValueCommand,
  DescribeSecretCommand,
  GetResourcePolicyCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  SecretsManagerClient,
  type SecretListEntry,
} from '@aws-sdk/client-secrets-manager';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Emulator, startEmulator } from '../../emulator/server';
import { emulatorConfig, expectAwsError, fixtureCredentials } from './helpers';

const { user } = fixtureCredentials();

describe('Secrets Manager through the real SDK', () => {
  let emulator: Emulator;
  let client: SecretsManagerClient;
  before(async () => {
    emulator = await startEmulator();
    client = new SecretsManagerClient(emulatorConfig(emulator, user));
  });
  after(async () => {
    client.destroy();
    await emulator.close();
  });

  const everySecret = async (region?: string): Promise<SecretListEntry[]> => {
    const c = region ? new SecretsManagerClient(emulatorConfig(emulator, user, region)) : client;
    const all: SecretListEntry[] = [];
    let token: string | undefined;
    do {
      const out = await c.send(new ListSecretsCommand({ ...(token && { NextToken: token }) }));
      assert.ok((out.SecretList ?? []).length <= 2);
      all.push(...(out.SecretList ?? []));
      token = out.NextToken;
    } while (token);
    if (region) c.destroy();
    return all;
  };

  it("pages a Region's secrets newest first, metadata only", async () => {
    const secrets = await everySecret();
    assert.equal(secrets.length, 6);
    assert.equal(secrets[0]?.Name, '<img src=x onerror=alert(1)>');
    const rds = secrets.find((s) => s.OwningService === 'rds');
    assert.equal(rds?.RotationEnabled, true);
    const token = secrets.find((s) => s.Name === 'stratus-red-team/api-token');
    assert.equal(token?.RotationEnabled, false);
    assert.equal(token?.KmsKeyId, undefined, 'the default key');
    assert.ok(token?.LastAccessedDate && Date.now() - token.LastAccessedDate.getTime() > 90 * 86_400_000);
    assert.deepEqual(
      (await everySecret('eu-west-1')).map((s) => s.Name),
      ['analytics/warehouse'],
    );
    assert.deepEqual(await everySecret('ap-southeast-2'), []);
  });

  it('describes a secret by name or ARN, and answers its resource policy', async () => {
    const byName = await client.send(new DescribeSecretCommand({ SecretId: 'orders-service/dev/db' }));
    assert.equal(byName.RotationRules?.AutomaticallyAfterDays, 30);
    const byArn = await client.send(new DescribeSecretCommand({ SecretId: byName.ARN }));
    assert.equal(byArn.Name, 'orders-service/dev/db');
    const policy = await client.send(new GetResourcePolicyCommand({ SecretId: 'payments/stripe-api-key' }));
    assert.match(policy.ResourcePolicy ?? '', /"Principal":"\*"/);
    const none = await client.send(new GetResourcePolicyCommand({ SecretId: 'legacy/ldap-bind' }));
    assert.equal(none.ResourcePolicy, undefined);
    await expectAwsError(
      client.send(new DescribeSecretCommand({ SecretId: 'nope' })),
      'ResourceNotFoundException',
      400,
    );
    await expectAwsError(client.send(new ListSecretsCommand({ NextToken: 'bogus' })), 'InvalidNextTokenException', 400);
  });

  it('refuses to read a value and records every attempt, for the control endpoint too', async () => {
    assert.deepEqual(emulator.secretValueCalls(), []);
    await expectAwsError(
      client.send(new GetSecretValueCommand({ SecretId: 'orders-service/dev/db' })),
      'AccessDeniedException',
      400,
    );
    await expectAwsError(
      client.send(new BatchGetSecretValueCommand({ SecretIdList: ['a', 'b'] })),
      'AccessDeniedException',
      400,
    );
    emulator.requests.clear();
    assert.deepEqual(
      emulator.secretValueCalls().map((c) => [c.operation, c.secretIds, c.caller]),
      [
        ['GetSecretValue', ['orders-service/dev/db'], user.arn],
        ['BatchGetSecretValue', ['a', 'b'], user.arn],
      ],
    );
    const answer = (await (await fetch(`${emulator.url}/__emulator/secret-value-calls`)).json()) as {
      calls: unknown[];
    };
    assert.equal(answer.calls.length, 2, 'clearing the request log keeps them');
  });
});
