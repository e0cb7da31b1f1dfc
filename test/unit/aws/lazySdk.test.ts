/**
 * The AWS SDK is loaded when an AWS feature is first used, never when the gateway's module loads: the
 * language server imports the gateway at start-up, and the SDK's clients and credential providers are
 * megabytes of code that most sessions (linting only) never need. This file runs in its own process, so
 * the module cache shows exactly what the gateway loaded.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { AwsGateway } from '../../../src/aws/gateway';
import { listProfiles } from '../../../src/aws/sharedFiles';
import { awsHome } from './awsHome';

const sdkModules = () =>
  Object.keys(require.cache).filter((path) => /[\\/]node_modules[\\/]@(aws-sdk|smithy)[\\/]/.test(path));

const home = awsHome({ config: '[profile dev]\nregion = us-east-1\n' });
after(() => home.restore());

test('loading the gateway, creating it and listing profiles load no SDK module', async () => {
  const gateway = new AwsGateway({ profile: 'dev' });
  assert.deepEqual(await listProfiles(), ['dev']);
  assert.deepEqual(sdkModules(), []);
  gateway.dispose();
});

test('the first call loads the SDK', async () => {
  const gateway = new AwsGateway();
  const result = await gateway.callerIdentity({ region: 'us-east-1' });
  gateway.dispose();
  assert.equal(result.ok ? 'ok' : result.problem.kind, 'noCredentials');
  assert.ok(sdkModules().some((path) => path.includes('client-sts')));
});
