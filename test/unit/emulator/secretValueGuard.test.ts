/**
 * The editor harness's guard: the emulator a real VS Code run talks to fails its teardown when anything
 * asked for a secret value, and closes quietly otherwise.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startEditorEmulator } from '../../harness/awsEmulator';

function clientOf(env: Record<string, string>): SecretsManagerClient {
  return new SecretsManagerClient({
    endpoint: env['AWS_ENDPOINT_URL']!,
    region: 'us-east-1',
    credentials: { accessKeyId: env['AWS_ACCESS_KEY_ID']!, secretAccessKey: env['AWS_SECRET_ACCESS_KEY']! },
    maxAttempts: 1,
  });
}

test('closing fails when a secret value was asked for, naming the call', async () => {
  const editor = await startEditorEmulator();
  const client = clientOf(editor.env);
  await assert.rejects(client.send(new GetSecretValueCommand({ SecretId: 'orders-service/dev/db' })), {
    name: 'AccessDeniedException',
  });
  client.destroy();
  await assert.rejects(
    editor.close(),
    /asked for secret values 1 time\(s\).*GetSecretValue orders-service\/dev\/db by arn:aws:iam::111122223333:user\/dev-alice/,
  );
});

test('closing succeeds when none was', async () => {
  const editor = await startEditorEmulator();
  await editor.close();
});
