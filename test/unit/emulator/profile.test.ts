import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Emulator, startEmulator } from '../../emulator/server';
import { fixtureCredentials } from './helpers';
import { INVICTUS } from './invictus';

const { example } = fixtureCredentials();
/** The variables the SDK's configuration and provider chain read; each test file runs in its own process. */
const VARIABLES = [
  'AWS_PROFILE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_CLOUDTRAIL',
];

describe("reaching the emulator through a profile, as the README's", () => {
  let emulator: Emulator;
  const dir = mkdtempSync(join(tmpdir(), 'cloudwarden-profile-'));
  const saved = Object.fromEntries(VARIABLES.map((v) => [v, process.env[v]]));
  before(async () => {
    emulator = await startEmulator({ cloudtrailLogs: INVICTUS, throttling: false });
    for (const v of VARIABLES) delete process.env[v];
  });
  after(async () => {
    for (const [v, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[v];
      else process.env[v] = value;
    }
    rmSync(dir, { recursive: true, force: true });
    await emulator.close();
  });

  it("signs in with the SDK's standard provider chain and finds the endpoint in the profile", async () => {
    const config = join(dir, 'config');
    writeFileSync(
      config,
      [
        '[profile cloudwarden-emulator]',
        'region = us-east-1',
        `endpoint_url = ${emulator.url}`,
        `aws_access_key_id = ${example.accessKeyId}`,
        `aws_secret_access_key = ${example.secretAccessKey}`,
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'credentials'), '');
    Object.assign(process.env, {
      AWS_CONFIG_FILE: config,
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      // The client reads `endpoint_url` from the profile AWS_PROFILE names (its `profile` option alone does not).
      AWS_PROFILE: 'cloudwarden-emulator',
    });
    const client = new CloudTrailClient({ credentials: fromNodeProviderChain(), maxAttempts: 1 });
    const out = await client.send(new LookupEventsCommand({ MaxResults: 3 }));
    client.destroy();
    assert.equal(out.Events?.length, 3);
    assert.equal(emulator.requests.entries.at(-1)?.caller, example.arn);
  });
});
