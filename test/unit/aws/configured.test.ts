/** Whether AWS is configured at all: with nothing, CloudWarden calls nothing and says nothing. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { awsConfiguration, type AwsConfiguration } from '../../../src/core';

type Case = [
  name: string,
  env: Record<string, string>,
  setting: string,
  profiles: string[],
  expected: Partial<Extract<AwsConfiguration, { configured: true }>> | 'off',
];

const cases: Case[] = [
  ['nothing at all', {}, '', [], 'off'],
  ['profiles, but no default one', {}, '', ['dev', 'prod'], 'off'],
  ['an endpoint alone is no configuration', { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' }, '', [], 'off'],
  ['empty variables count for nothing', { AWS_PROFILE: ' ', AWS_ACCESS_KEY_ID: '' }, '', [], 'off'],
  ['a Region alone is no configuration', { AWS_REGION: 'eu-west-1' }, '', [], 'off'],
  [
    'the setting names a profile (even one the files lack: its problem is then explained)',
    {},
    ' dev ',
    [],
    { source: 'cloudwarden.aws.profile', profile: 'dev', gatewayProfile: 'dev', scope: 'profile:dev' },
  ],
  [
    'the setting wins over AWS_PROFILE',
    { AWS_PROFILE: 'ops' },
    'dev',
    ['default'],
    { source: 'cloudwarden.aws.profile', profile: 'dev', gatewayProfile: 'dev', scope: 'profile:dev' },
  ],
  [
    'AWS_PROFILE: the SDK reads it itself',
    { AWS_PROFILE: 'ops' },
    '',
    [],
    { source: 'AWS_PROFILE', profile: 'ops', gatewayProfile: undefined, scope: 'profile:ops' },
  ],
  [
    'AWS_DEFAULT_PROFILE (the CLI reads it, the SDK does not): handed to the gateway',
    { AWS_DEFAULT_PROFILE: 'legacy' },
    '',
    [],
    { source: 'AWS_DEFAULT_PROFILE', profile: 'legacy', gatewayProfile: 'legacy', scope: 'profile:legacy' },
  ],
  [
    'keys in the environment, keyed by the access key id',
    { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 's' },
    '',
    ['default'],
    { source: 'AWS_ACCESS_KEY_ID', profile: undefined, scope: 'key:AKIAEXAMPLE' },
  ],
  [
    'a container credential endpoint (ECS, EKS Pod Identity)',
    { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/x' },
    '',
    [],
    { source: 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', scope: 'workload:/v2/credentials/x' },
  ],
  [
    'a full container URI',
    { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.23/v1/credentials' },
    '',
    [],
    { source: 'AWS_CONTAINER_CREDENTIALS_FULL_URI' },
  ],
  [
    'a web identity token file (EKS IRSA)',
    { AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token', AWS_ROLE_ARN: 'arn:aws:iam::1:role/r' },
    '',
    [],
    { source: 'AWS_WEB_IDENTITY_TOKEN_FILE', scope: 'workload:/var/run/token' },
  ],
  [
    'the default profile of the shared files',
    {},
    '',
    ['dev', 'default'],
    { source: 'the default profile', profile: 'default', gatewayProfile: undefined, scope: 'profile:default' },
  ],
  [
    "an endpoint override is part of the scope: the emulator's answers are not the account's",
    { AWS_PROFILE: 'ops', AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' },
    '',
    [],
    { scope: 'profile:ops@http://127.0.0.1:4566' },
  ],
];

describe('awsConfiguration: is anything configured, and whose answers are these', () => {
  for (const [name, env, setting, profiles, expected] of cases) {
    test(name, () => {
      const answer = awsConfiguration(env, setting, profiles);
      if (expected === 'off') {
        assert.equal(answer.configured, false);
        assert.match(!answer.configured ? answer.reason : '', /No AWS configuration found.*AWS_PROFILE/);
        return;
      }
      assert.ok(answer.configured, JSON.stringify(answer));
      for (const [key, value] of Object.entries(expected))
        assert.equal(answer[key as keyof typeof answer], value, `${key} of ${JSON.stringify(answer)}`);
    });
  }
});
