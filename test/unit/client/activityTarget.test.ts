import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inputProblem, targetFromInput, targetFromReference, timelineKey } from '../../../src/extension/activityTarget';
import type { ActivityTarget } from '../../../src/shared/timelineMessages';

const NOW = Date.parse('2026-03-08T12:00:00Z');
const WEEK_AGO = NOW - 7 * 24 * 3_600_000;

describe('what a timeline is asked for without a link', () => {
  test('typed text: an access key, an identity, or a resource; a week back', () => {
    const cases: [string, ActivityTarget][] = [
      [
        'AKIAIOSFODNN7EXAMPLE',
        {
          query: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', since: WEEK_AGO },
          title: 'CloudTrail: access key AKIAIOSFODNN7EXAMPLE',
        },
      ],
      [
        ' ASIATFQR7NSCX6ILTQHM ',
        {
          query: { accessKeyId: 'ASIATFQR7NSCX6ILTQHM', since: WEEK_AGO },
          title: 'CloudTrail: access key ASIATFQR7NSCX6ILTQHM',
        },
      ],
      [
        'arn:aws:iam::111122223333:role/deploy',
        {
          query: { principal: 'arn:aws:iam::111122223333:role/deploy', since: WEEK_AGO },
          title: 'CloudTrail: role/deploy',
        },
      ],
      [
        'arn:aws:iam::111122223333:user/ops/alice',
        {
          query: { principal: 'arn:aws:iam::111122223333:user/ops/alice', since: WEEK_AGO },
          title: 'CloudTrail: user/ops/alice',
        },
      ],
      [
        'arn:aws:sts::111122223333:assumed-role/deploy/ci',
        {
          query: { principal: 'arn:aws:sts::111122223333:assumed-role/deploy/ci', since: WEEK_AGO },
          title: 'CloudTrail: assumed-role/deploy/ci',
        },
      ],
      [
        'arn:aws:s3:::my-bucket',
        { query: { resource: 'arn:aws:s3:::my-bucket', since: WEEK_AGO }, title: 'CloudTrail: my-bucket' },
      ],
      [
        'arn:aws:lambda:us-east-1:111122223333:function:resize',
        {
          query: { resource: 'arn:aws:lambda:us-east-1:111122223333:function:resize', since: WEEK_AGO },
          title: 'CloudTrail: function:resize',
        },
      ],
      ['my-table', { query: { resource: 'my-table', since: WEEK_AGO }, title: 'CloudTrail: my-table' }],
      // Not an access key id (lower case, too short): a name.
      [
        'akiaiosfodnn7example',
        { query: { resource: 'akiaiosfodnn7example', since: WEEK_AGO }, title: 'CloudTrail: akiaiosfodnn7example' },
      ],
    ];
    for (const [text, target] of cases) assert.deepEqual(targetFromInput(text, NOW), target, text);
  });

  test('text that cannot be asked for says why, and builds no query', () => {
    const cases: [string, string][] = [
      ['', 'An ARN, a resource name or an access key id (AKIA…, ASIA…)'],
      ['  ', 'An ARN, a resource name or an access key id (AKIA…, ASIA…)'],
      ['my bucket', 'One ARN, name or access key id, without spaces'],
      ['arn:aws:s3', 'An ARN has six parts: arn:partition:service:region:account:resource'],
      ['x'.repeat(2049), 'Longer than any ARN AWS issues (2,048 characters)'],
    ];
    for (const [text, problem] of cases) {
      assert.equal(inputProblem(text), problem, text.slice(0, 20));
      assert.equal(targetFromInput(text, NOW), undefined);
    }
    assert.equal(inputProblem('arn:aws:s3:::b'), undefined);
  });

  test('the reference under the cursor: its query, titled by its name', () => {
    assert.deepEqual(
      targetFromReference({ text: 'data-bucket', name: 'data-bucket', query: { resource: 'data-bucket' } }, NOW),
      { query: { resource: 'data-bucket', since: WEEK_AGO }, title: 'CloudTrail: data-bucket' },
    );
    assert.deepEqual(
      targetFromReference(
        { text: 'arn:aws:iam::1:role/x', arn: 'arn:aws:iam::111122223333:role/x', query: { principal: 'x' } },
        NOW,
      ),
      { query: { principal: 'x', since: WEEK_AGO }, title: 'CloudTrail: role/x' },
    );
  });

  test('one panel per question: the same subject and window length minutes apart is the same timeline', () => {
    const a: ActivityTarget = { query: { resource: 'b', since: NOW - 7 * 86_400_000 }, title: 'x' };
    const later = NOW + 5 * 60_000;
    const same: ActivityTarget = { query: { resource: 'b', since: later - 7 * 86_400_000 }, title: 'another title' };
    assert.equal(timelineKey(a, NOW), timelineKey(same, later));
    const different: ActivityTarget[] = [
      { query: { resource: 'c', since: NOW - 7 * 86_400_000 }, title: 'x' },
      { query: { principal: 'b', since: NOW - 7 * 86_400_000 }, title: 'x' },
      { query: { resource: 'b', since: NOW - 86_400_000 }, title: 'x' },
      { query: { resource: 'b', eventName: 'PutBucketPolicy', since: NOW - 7 * 86_400_000 }, title: 'x' },
      { query: { resource: 'b', since: NOW - 8 * 86_400_000, until: NOW - 86_400_000 }, title: 'x' },
    ];
    const keys = new Set([a, ...different].map((t) => timelineKey(t, NOW)));
    assert.equal(keys.size, different.length + 1);
  });
});
