/** A reference's question to CloudTrail, and the key its answer is cached and coalesced under. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  activityCacheKey,
  findReferences,
  GLANCE_MAX_PAGES,
  referenceKey,
  referenceLookupQuery,
  referenceQuery,
} from '../../../src/core';
import { bucket, DAY, MINUTE, NOW } from './helpers';

const ask = (now: number, fields: Partial<Parameters<typeof activityCacheKey>[0]> = {}) => ({
  query: referenceQuery(bucket, now),
  regions: ['us-east-1'],
  maxPages: GLANCE_MAX_PAGES,
  scope: 'profile:dev',
  ...fields,
});

describe('activity cache key', () => {
  test('"the last 90 days" asked minutes apart is one key (and one answer)', () => {
    const first = activityCacheKey(ask(NOW), NOW);
    for (const later of [1, 1_000, 3 * MINUTE, 4 * 60 * MINUTE])
      assert.equal(activityCacheKey(ask(NOW + later), NOW + later), first, `${later} ms later`);
  });

  test('the same query written otherwise: Regions in another order or twice, fields in another order', () => {
    const key = activityCacheKey(ask(NOW, { regions: ['us-east-1', 'eu-west-1'] }), NOW);
    assert.equal(activityCacheKey(ask(NOW, { regions: ['eu-west-1', 'us-east-1', 'eu-west-1'] }), NOW), key);
    const reordered = { since: NOW - 90 * DAY, resource: 'my-bucket' };
    assert.equal(activityCacheKey(ask(NOW, { query: reordered, regions: ['eu-west-1', 'us-east-1'] }), NOW), key);
  });

  test('another question, identity, page limit, Region set or window is another key', () => {
    const base = activityCacheKey(ask(NOW), NOW);
    const others = [
      ask(NOW, { query: { resource: 'other-bucket', since: NOW - 90 * DAY } }),
      ask(NOW, { query: { principal: 'my-bucket', since: NOW - 90 * DAY } }),
      ask(NOW, { query: { resource: 'my-bucket', since: NOW - 7 * DAY } }),
      ask(NOW, { query: { resource: 'my-bucket', since: NOW - 90 * DAY, eventName: 'PutBucketPolicy' } }),
      ask(NOW, { scope: 'profile:prod' }),
      ask(NOW, { scope: 'profile:dev@http://127.0.0.1:4566' }),
      ask(NOW, { maxPages: 20 }),
      ask(NOW, { regions: [] }),
      ask(NOW, { regions: ['us-east-1', 'eu-west-1'] }),
    ];
    const keys = others.map((a) => activityCacheKey(a, NOW));
    assert.equal(new Set([base, ...keys]).size, others.length + 1, keys.join('\n'));
  });

  test('a window with an end is keyed by its times: the same window later is the same key', () => {
    const fixed = { resource: 'my-bucket', since: NOW - 2 * DAY, until: NOW - DAY };
    assert.equal(
      activityCacheKey(ask(NOW, { query: fixed }), NOW),
      activityCacheKey(ask(NOW, { query: fixed }), NOW + 3 * DAY),
    );
  });
});

describe("a reference's question", () => {
  test('a resource by the name CloudTrail records; a user as a principal, by ARN when written', () => {
    const text = [
      'Resources:',
      '  B:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      BucketName: evidence-bucket',
      '  U:',
      '    Type: AWS::IAM::User',
      '    Properties:',
      '      UserName: ci-user',
      'Outputs:',
      '  Admin:',
      '    Value: arn:aws:iam::111122223333:user/ops/admin',
      '',
    ].join('\n');
    const references = findReferences(text, 'yaml');
    assert.deepEqual(
      references.map((r) => [referenceKey(r), referenceLookupQuery(r)]),
      [
        ['ResourceName:evidence-bucket', { resource: 'evidence-bucket' }],
        ['Username:ci-user', { principal: 'ci-user' }],
        ['Username:admin', { principal: 'arn:aws:iam::111122223333:user/ops/admin' }],
      ],
    );
    assert.deepEqual(referenceQuery(references[0]!, NOW), { resource: 'evidence-bucket', since: NOW - 90 * DAY });
  });
});
