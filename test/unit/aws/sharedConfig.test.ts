import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { configuredEndpoint, parseAwsIni, profileNames, profileSettings } from '../../../src/core';

const CONFIG = `
# a comment
[default]
region = us-east-1 ; a trailing comment
[profile dev]
region = eu-west-1
endpoint_url = http://127.0.0.1:4566
sts =
  endpoint_url = http://sts.local
output = json
[profile "quoted"]
sso_session = corp
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
[services local]
cloudtrail =
  endpoint_url = http://cloudtrail.local
secrets_manager =
  endpoint_url = http://sm.local
[profile uses-services]
services = local
endpoint_url = http://everything.local
[not-a-profile-in-config]
region = us-west-2
`;

const CREDENTIALS = `
[default]
aws_access_key_id = AKIA...
[dev]
aws_access_key_id = AKIADEV
[ci]
aws_access_key_id = AKIACI
[profile x]
aws_access_key_id = ignored by the SDK here
`;

describe('the shared config and credentials files', () => {
  test('parseAwsIni reads sections, comments and indented sub-sections as the SDK does', () => {
    const sections = parseAwsIni(CONFIG);
    assert.deepEqual(sections.get('profile dev'), {
      region: 'eu-west-1',
      endpoint_url: 'http://127.0.0.1:4566',
      'sts.endpoint_url': 'http://sts.local',
      output: 'json',
    });
    assert.deepEqual(sections.get('default'), { region: 'us-east-1' });
  });

  test('profileNames: config profiles, then credentials-only ones, each once; no sso-session or services', () => {
    assert.deepEqual(profileNames(CONFIG, CREDENTIALS), ['default', 'dev', 'quoted', 'uses-services', 'ci']);
  });

  test('profileNames of missing files is empty', () => {
    assert.deepEqual(profileNames('', ''), []);
  });

  test('profileNames lists 5,000 profiles, every one', () => {
    const config = Array.from(
      { length: 5000 },
      (_, i) => `[profile p${i}]\nregion = us-east-1\nsso_session = s\n`,
    ).join('\n');
    const names = profileNames(config, '[p4999]\naws_access_key_id = x\n[extra]\n');
    assert.equal(names.length, 5001);
    assert.equal(names[0], 'p0');
    assert.equal(names.at(-1), 'extra');
  });

  test("profileSettings merges the credentials file's section under the config file's", () => {
    const settings = profileSettings('dev', parseAwsIni(CONFIG), parseAwsIni(CREDENTIALS));
    assert.equal(settings['aws_access_key_id'], 'AKIADEV');
    assert.equal(settings['region'], 'eu-west-1');
  });
});

describe('configuredEndpoint: the SDK order, for a profile chosen in the settings', () => {
  const config = parseAwsIni(CONFIG);
  const dev = profileSettings('dev', config, parseAwsIni(''));
  const usesServices = profileSettings('uses-services', config, parseAwsIni(''));
  const cases: [string, string, Record<string, string>, Record<string, string | undefined>, string | undefined][] = [
    ["the profile's endpoint_url", 'CloudTrail', dev, {}, 'http://127.0.0.1:4566'],
    ['AWS_ENDPOINT_URL over the profile', 'CloudTrail', dev, { AWS_ENDPOINT_URL: 'http://env' }, 'http://env'],
    [
      'AWS_ENDPOINT_URL_<SERVICE> over AWS_ENDPOINT_URL',
      'CloudTrail',
      dev,
      { AWS_ENDPOINT_URL: 'http://env', AWS_ENDPOINT_URL_CLOUDTRAIL: 'http://ct' },
      'http://ct',
    ],
    [
      'a service id of two words',
      'Secrets Manager',
      usesServices,
      { AWS_ENDPOINT_URL_SECRETS_MANAGER: 'http://sm' },
      'http://sm',
    ],
    ["the services section's entry for the service", 'CloudTrail', usesServices, {}, 'http://cloudtrail.local'],
    ['two words in the services section', 'Secrets Manager', usesServices, {}, 'http://sm.local'],
    ["the profile's endpoint_url for a service the section omits", 'STS', usesServices, {}, 'http://everything.local'],
    [
      'ignored by the environment',
      'CloudTrail',
      dev,
      { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', AWS_ENDPOINT_URL: 'http://env' },
      undefined,
    ],
    ['ignored by the profile', 'CloudTrail', { ...dev, ignore_configured_endpoint_urls: 'true' }, {}, undefined],
    [
      "the environment's false over the profile's true",
      'CloudTrail',
      { ...dev, ignore_configured_endpoint_urls: 'true' },
      { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'false' },
      'http://127.0.0.1:4566',
    ],
    ['none configured', 'CloudTrail', {}, {}, undefined],
  ];
  for (const [name, serviceId, settings, env, expected] of cases)
    test(name, () => {
      assert.equal(configuredEndpoint(serviceId, settings, config, env), expected);
    });
});
