import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { awsStatusView, isShellSafe, profilePicks, regionPicks } from '../../../src/extension/awsPicks';
import { COMMERCIAL_REGIONS } from '../../../src/extension/awsRegions';
import type { AwsStatusRequest } from '../../../src/shared/protocol';
import { repoRoot } from '../helpers/paths';

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[] };
};
const contributed = new Set(manifest.contributes.commands.map((c) => c.command));

describe('the AWS status bar item', () => {
  test('hidden when nothing is configured; profile · account · Region when connected; a warning with the fix in trouble', () => {
    const cases: [AwsStatusRequest.Result, ReturnType<typeof awsStatusView>][] = [
      [{ state: 'off', reason: 'no profile, no credentials' }, undefined],
      [
        {
          state: 'connected',
          profile: 'dev',
          account: '111122223333',
          arn: 'arn:aws:iam::111122223333:user/alice',
          regions: ['us-east-1'],
        },
        {
          state: 'connected',
          text: '$(cloud) dev · 111122223333 · us-east-1',
          tooltip:
            'CloudWarden reads AWS as arn:aws:iam::111122223333:user/alice (profile: dev; Regions: us-east-1). Click to switch profile.',
          command: 'cloudwarden.selectAwsProfile',
        },
      ],
      [
        { state: 'connected', account: '111122223333', arn: 'arn:aws:iam::111122223333:root', regions: [] },
        {
          state: 'connected',
          text: '$(cloud) default chain · 111122223333',
          tooltip:
            'CloudWarden reads AWS as arn:aws:iam::111122223333:root (profile: default chain; Regions: the profile’s). Click to switch profile.',
          command: 'cloudwarden.selectAwsProfile',
        },
      ],
      [
        {
          state: 'problem',
          profile: 'sso-dev',
          regions: ['eu-west-1', 'us-east-1', 'ap-south-1'],
          problem: {
            kind: 'ssoExpired',
            sentence: 'The SSO session of profile sso-dev has expired: sign in again.',
            command: 'aws sso login --profile sso-dev',
          },
        },
        {
          state: 'problem',
          text: '$(warning) sso-dev · eu-west-1 +2',
          tooltip:
            'The SSO session of profile sso-dev has expired: sign in again. Fix: aws sso login --profile sso-dev (click for the options)',
          command: 'cloudwarden.showAwsConnection',
        },
      ],
    ];
    for (const [status, view] of cases) assert.deepEqual(awsStatusView(status), view, status.state);
  });

  test('every command a click runs is contributed in package.json', () => {
    for (const command of [
      'cloudwarden.selectAwsProfile',
      'cloudwarden.showAwsConnection',
      'cloudwarden.selectAwsRegions',
    ])
      assert.ok(contributed.has(command), command);
  });

  test('a fix is typed into a terminal only when it is words, paths and flags', () => {
    const cases: [string, boolean][] = [
      ['aws sso login --profile dev', true],
      ['aws sso login --profile team/dev.admin@corp', true],
      ['aws configure --profile x', true],
      ['aws sso login --profile dev; rm -rf ~', false],
      ['aws sso login --profile $(curl evil)', false],
      ['aws sso login --profile `id`', false],
      ['aws sso login --profile "a b"', false],
      ['aws sso login --profile dev && echo', false],
      ['aws sso login --profile dev\nrm -rf ~', false],
      ['-rf', false],
      ['', false],
    ];
    for (const [command, safe] of cases) assert.equal(isShellSafe(command), safe, command);
  });
});

describe('the profile picker', () => {
  test('5,000 profiles: the default chain first, then every profile once, in name order, the current one said', () => {
    const profiles = Array.from({ length: 5000 }, (_, i) => `acct-${String((i * 7919) % 5000).padStart(4, '0')}-role`);
    profiles.push('acct-0042-role', 'default');
    const picks = profilePicks(profiles, 'acct-0042-role');
    assert.equal(picks.length, 5002);
    assert.deepEqual(
      { label: picks[0]!.label, profile: picks[0]!.profile },
      { label: 'Default credential chain', profile: '' },
    );
    const names = picks.slice(1).map((p) => p.label);
    assert.deepEqual(names, [...new Set(profiles)].sort());
    assert.ok(picks.slice(1).every((p) => p.profile === p.label));
    assert.deepEqual(
      picks.filter((p) => p.description?.startsWith('current')).map((p) => p.label),
      ['acct-0042-role'],
    );
  });

  test('with no profile set, the default chain is the current one', () => {
    const picks = profilePicks(['dev', 'prod'], '');
    assert.ok(picks[0]!.description?.startsWith('current'));
    assert.deepEqual(
      picks.map((p) => p.label),
      ['Default credential chain', 'dev', 'prod'],
    );
  });
});

describe('the Region picker', () => {
  test('every commercial Region, the chosen ones checked; a chosen Region the list does not know is kept, first', () => {
    const picks = regionPicks(COMMERCIAL_REGIONS, ['eu-west-1', 'us-gov-west-1', 'us-east-1']);
    assert.equal(picks.length, COMMERCIAL_REGIONS.length + 1);
    assert.deepEqual(picks[0], {
      label: 'us-gov-west-1',
      description: 'not in the commercial list',
      picked: true,
      code: 'us-gov-west-1',
    });
    assert.deepEqual(
      picks.filter((p) => p.picked).map((p) => p.code),
      ['us-gov-west-1', 'us-east-1', 'eu-west-1'],
    );
    assert.equal(picks.find((p) => p.code === 'eu-west-1')!.description, 'Europe (Ireland)');
  });
});
