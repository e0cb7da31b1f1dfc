import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Catalog, Usage, actsOnObjects, type Evidence, type PrincipalEvidence } from '../../../src/core';
import { catalogFile } from '../helpers/paths';

const catalog = Catalog.load(catalogFile);
const DAY = 86_400_000;
const NOW = Date.parse('2026-12-01T00:00:00Z');
const ROLE = 'arn:aws:iam::111122223333:role/app';

function trail(overrides: Partial<Extract<Evidence, { kind: 'cloudtrail' }>> = {}): Evidence {
  return {
    kind: 'cloudtrail',
    label: 'CloudTrail log files',
    window: { since: NOW - 120 * DAY, until: NOW },
    fetchedAt: NOW,
    dataEvents: true,
    dataEventServices: [],
    used: [{ action: 's3:ListAllMyBuckets', last: NOW - 2 * DAY, count: 3 }],
    denied: [],
    ...overrides,
  };
}

function usage(evidence: Evidence[], horizonDays = 90): Usage {
  const principal: PrincipalEvidence = { principal: ROLE, evidence, missing: [] };
  return new Usage(principal, { now: NOW, horizonDays, onObjects: actsOnObjects(catalog) });
}

describe('the verdict of each action from all the evidence', () => {
  test('used when a source saw it in the horizon; unused when a source that could see it did not', () => {
    const u = usage([trail()]);
    assert.deepEqual(u.verdict('s3:ListAllMyBuckets'), {
      action: 's3:ListAllMyBuckets',
      status: 'used',
      lastUsed: NOW - 2 * DAY,
      sources: ['CloudTrail log files'],
    });
    const unused = u.verdict('iam:DeleteRole');
    assert.equal(unused.status, 'unused');
    assert.equal(unused.days, 90, 'the horizon, not the 120 days the logs cover');
    assert.deepEqual(unused.sources, ['CloudTrail log files']);
  });

  test('a use older than the horizon is unused, with the old use told', () => {
    const u = usage([trail({ used: [{ action: 'iam:CreateRole', last: NOW - 100 * DAY }] })]);
    assert.equal(u.verdict('iam:CreateRole').status, 'unused');
    assert.equal(u.verdict('iam:CreateRole').lastUsed, NOW - 100 * DAY);
  });

  test('unknown, never unused, what CloudTrail cannot see: data events not logged, iam:PassRole, LookupEvents', () => {
    const cases: [Evidence, string, RegExp][] = [
      [trail(), 's3:GetObject', /s3:GetObject is a data event, and there is no s3 data event/],
      [trail(), 'lambda:InvokeFunction', /data event/],
      [trail(), 'dynamodb:PutItem', /data event/],
      [trail(), 'iam:PassRole', /permission, not an API call/],
      [trail(), 's3:GetObjectVersion', /unversioned/],
      [trail({ dataEvents: false, label: 'CloudTrail LookupEvents' }), 's3:PutObject', /never holds/],
    ];
    for (const [evidence, action, reason] of cases) {
      const verdict = usage([evidence]).verdict(action);
      assert.equal(verdict.status, 'unknown', action);
      assert.match(verdict.reason!, reason, action);
    }
  });

  test('a trail that logs a service data events sees them', () => {
    const u = usage([trail({ dataEventServices: ['s3'] })]);
    assert.equal(u.verdict('s3:GetObject').status, 'unused');
    assert.equal(u.verdict('s3:PutObjectTagging').status, 'unused');
  });

  test('no evidence at all: every action unknown, saying so', () => {
    const verdict = usage([]).verdict('iam:ListRoles');
    assert.equal(verdict.status, 'unknown');
    assert.match(verdict.reason!, /no evidence/);
  });

  test("IAM last-accessed data: action level where tracked, a service never used, nothing of a used service's untracked actions", () => {
    const lastAccessed: Evidence = {
      kind: 'lastAccessed',
      label: 'IAM last-accessed data',
      window: { since: NOW - 400 * DAY, until: NOW - DAY / 6 },
      fetchedAt: NOW,
      services: [
        {
          service: 'iam',
          last: NOW - 5 * DAY,
          actions: [{ action: 'iam:GetRole', last: NOW - 5 * DAY }, { action: 'iam:DeleteRole' }],
        },
        { service: 'ec2' },
        { service: 'kms', last: NOW - 3 * DAY },
      ],
    };
    const u = usage([lastAccessed]);
    assert.equal(u.verdict('iam:GetRole').status, 'used');
    assert.equal(u.verdict('iam:DeleteRole').status, 'unused');
    assert.equal(u.verdict('iam:CreateRole').status, 'unknown', 'not tracked, and the service was used');
    assert.equal(u.verdict('ec2:RunInstances').status, 'unused', 'the whole service went unused');
    assert.equal(u.verdict('kms:Decrypt').status, 'unknown', 'service level only, and used');
  });

  test('Access Analyzer findings: the actions, the service and the role they name; used wins over a stale finding', () => {
    const analyzer: Evidence = {
      kind: 'accessAnalyzer',
      label: 'Access Analyzer',
      window: { since: NOW - 90 * DAY, until: NOW },
      fetchedAt: NOW,
      unusedAccessAgeDays: 60,
      findings: [
        { type: 'UnusedPermission', id: 'f1', service: 'sqs', actions: [] },
        {
          type: 'UnusedPermission',
          id: 'f2',
          service: 's3',
          actions: [{ action: 's3:DeleteBucket', lastAccessed: NOW - 200 * DAY }],
        },
      ],
    };
    const u = usage([analyzer, trail({ used: [{ action: 'sqs:SendMessage', last: NOW - DAY }] })]);
    assert.equal(u.verdict('sqs:DeleteQueue').status, 'unused');
    assert.equal(u.verdict('sqs:SendMessage').status, 'used', 'CloudTrail saw it since the finding');
    const bucket = u.verdict('s3:DeleteBucket');
    assert.equal(bucket.status, 'unused');
    assert.equal(bucket.lastUsed, NOW - 200 * DAY);
    assert.deepEqual(bucket.sources, ['Access Analyzer', 'CloudTrail log files']);
  });
});
