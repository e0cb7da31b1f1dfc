import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FindingRow } from '../../../src/core';
import { connectionOf, failedPart, isRevealArgument, partOf, TabStore } from '../../../src/extension/explorerData';
import type { ExplorerRegionResult } from '../../../src/shared/protocol';

const finding = (id: string, region: string): FindingRow => ({
  id,
  source: 'GuardDuty',
  product: 'GuardDuty',
  severityLabel: 'HIGH',
  severity: 8,
  type: 'Recon:IAMUser/MaliciousIPCaller',
  title: id,
  description: '',
  resources: [{ type: 'AccessKey', id: 'AKIAIOSFODNN7EXAMPLE' }],
  account: '123837392027',
  region,
  updatedAt: 0,
  count: 1,
  archived: false,
  activity: [],
});

const result = (region: string, rows: FindingRow[], more: Partial<ExplorerRegionResult<FindingRow>> = {}) => ({
  region,
  rows,
  notices: [],
  truncated: false,
  calls: 3,
  fetchedAt: 1000,
  ...more,
});

describe('the security explorer’s data on the host', () => {
  test('a tab joins its Regions: rows in Region order, GuardDuty’s counts summed, each Region’s state', () => {
    const store = new TabStore('findings');
    const counts = { CRITICAL: 1, HIGH: 2, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0 };
    store.parts.set('us-east-1', { ...partOf(result('us-east-1', [finding('a', 'us-east-1')])), counts });
    store.parts.set('eu-west-1', {
      ...partOf(result('eu-west-1', [finding('b', 'eu-west-1')]), ['AWS denied guardduty:ListDetectors']),
      counts,
    });
    store.parts.set('us-west-2', failedPart('us-west-2', new Error('connection closed')));
    const data = store.data();
    assert.equal(data.tab, 'findings');
    assert.deepEqual(
      data.rows.map((r) => r.id),
      ['a', 'b'],
    );
    assert.deepEqual(data.tab === 'findings' && data.counts, {
      CRITICAL: 2,
      HIGH: 4,
      MEDIUM: 0,
      LOW: 0,
      INFORMATIONAL: 0,
    });
    assert.deepEqual(data.regions[1]!.notices, ['AWS denied guardduty:ListDetectors']);
    assert.match(data.regions[2]!.problem ?? '', /did not answer \(connection closed\)/);
    assert.equal((store.row('GuardDuty/eu-west-1/b') as FindingRow | undefined)?.id, 'b');
    assert.equal(store.row('GuardDuty/us-east-1/b'), undefined);
  });

  test('a Region’s problem is its sentence', () => {
    const part = partOf(
      result('us-east-1', [], { problem: { kind: 'accessDenied', sentence: 'AWS denied kms:ListKeys to …' } }),
    );
    assert.equal(part.state.problem, 'AWS denied kms:ListKeys to …');
    assert.equal(part.state.loading, false);
  });

  test('the connection line: off, a problem, connected, no answer', () => {
    assert.equal(connectionOf({ state: 'off', reason: 'no profile is set' }).state, 'off');
    assert.match(connectionOf({ state: 'off', reason: 'no profile is set' }).sentence, /Select AWS profile/);
    const problem = connectionOf({
      state: 'problem',
      regions: ['us-east-1'],
      problem: { kind: 'ssoExpired', sentence: 'The SSO token expired.' },
    });
    assert.deepEqual(problem, { state: 'problem', sentence: 'The SSO token expired.', regions: ['us-east-1'] });
    assert.deepEqual(
      connectionOf({
        state: 'connected',
        profile: 'audit',
        account: '111122223333',
        arn: 'arn:aws:iam::111122223333:user/a',
        regions: ['eu-west-1'],
      }),
      {
        state: 'connected',
        sentence: 'Account 111122223333 (profile audit) as arn:aws:iam::111122223333:user/a',
        regions: ['eu-west-1'],
      },
    );
    assert.equal(connectionOf(undefined).state, 'problem');
  });

  test('the reveal command’s argument is checked: a tab and names', () => {
    assert.ok(isRevealArgument({ tab: 'keys', names: ['alias/app'] }));
    for (const bad of [
      undefined,
      null,
      'alias/app',
      { tab: 'buckets', names: ['b'] },
      { tab: 'keys', names: [] },
      { tab: 'keys', names: [1] },
      { tab: 'keys', names: ['x'.repeat(3000)] },
    ])
      assert.equal(isRevealArgument(bad), false, JSON.stringify(bad));
  });
});
