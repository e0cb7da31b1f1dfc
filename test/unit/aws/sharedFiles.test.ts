import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { listProfiles, sharedFilePaths } from '../../../src/aws/sharedFiles';
import { awsHome, type AwsHome } from './awsHome';

describe('the shared files on disk', () => {
  let home: AwsHome | undefined;
  afterEach(() => {
    home?.restore();
    home = undefined;
  });

  test('found in ~/.aws, or where AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE say', () => {
    assert.deepEqual(sharedFilePaths({ HOME: '/h' }), { config: '/h/.aws/config', credentials: '/h/.aws/credentials' });
    assert.deepEqual(sharedFilePaths({ HOME: '/h', AWS_CONFIG_FILE: '~/c', AWS_SHARED_CREDENTIALS_FILE: '/k' }), {
      config: '/h/c',
      credentials: '/k',
    });
    assert.deepEqual(sharedFilePaths({ USERPROFILE: 'C:\\Users\\a' }).config, 'C:\\Users\\a/.aws/config');
  });

  test('listProfiles reads both files; missing files list nothing', async () => {
    home = awsHome({ config: '[default]\n[profile dev]\n[sso-session corp]\n', credentials: '[ci]\n[dev]\n' });
    assert.deepEqual(await listProfiles(), ['default', 'dev', 'ci']);
    home.restore();
    home = awsHome({});
    assert.deepEqual(await listProfiles(), []);
  });

  test('listProfiles lists every one of 5,000 profiles, from AWS_CONFIG_FILE', async () => {
    home = awsHome({});
    const config = Array.from(
      { length: 5000 },
      (_, i) =>
        `[profile team-${i}]\nsso_session = corp\nsso_account_id = ${String(i).padStart(12, '0')}\nsso_role_name = ReadOnly\n`,
    ).join('\n');
    process.env['AWS_CONFIG_FILE'] = home.write('elsewhere/config', config);
    const names = await listProfiles();
    assert.equal(names.length, 5000);
    assert.deepEqual([names[0], names[4999]], ['team-0', 'team-4999']);
  });
});
