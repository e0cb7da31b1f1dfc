/** The CodeLens line of a resource's activity. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { activityLensTitle, type Glance } from '../../../src/core';
import { answer, DAY, event, glance, HOUR, MINUTE, NOW } from './helpers';

const deploy = { eventName: 'PutBucketPolicy', principalName: 'deploy-role' };

const cases: [string, Partial<Glance>, string][] = [
  ['not fetched yet', { loading: true }, 'CloudTrail: loading…'],
  [
    'the problem of the last attempt, in a few words',
    { problems: [{ kind: 'accessDenied', sentence: 'AWS denied cloudtrail:LookupEvents to x.' }] },
    'CloudTrail: access denied (hover for why)',
  ],
  [
    'the brief’s example',
    {
      answer: answer([
        event(2 * HOUR, deploy),
        ...Array.from({ length: 13 }, (_, i) => event(3 * HOUR + i * 10 * HOUR)),
        event(8 * DAY),
      ]),
    },
    '14 events in 7 days · last: PutBucketPolicy by deploy-role, 2 h ago',
  ],
  [
    'one event',
    { answer: answer([event(5 * MINUTE, deploy)]) },
    '1 event in 7 days · last: PutBucketPolicy by deploy-role, 5 min ago',
  ],
  [
    'nothing this week, something before',
    { answer: answer([event(12 * DAY, deploy)]) },
    'No events in 7 days · last: PutBucketPolicy by deploy-role, 12 days ago',
  ],
  ['nothing in 90 days', { answer: answer([]) }, 'CloudTrail: no events in 90 days'],
  [
    'a scan stopped by its page limit inside the week',
    {
      answer: answer(
        Array.from({ length: 200 }, (_, i) => event(HOUR + i * MINUTE, deploy)),
        { truncated: ['us-east-1'] },
      ),
    },
    '200+ events in 7 days · last: PutBucketPolicy by deploy-role, 1 h ago',
  ],
  [
    'line breaks and long names from AWS stay on one short line',
    { answer: answer([event(HOUR, { eventName: 'Put\nBucket', principalName: 'p'.repeat(200) })]) },
    `1 event in 7 days · last: Put Bucket by ${'p'.repeat(59)}…, 1 h ago`,
  ],
];

describe('activity CodeLens title', () => {
  for (const [name, fields, expected] of cases)
    test(name, () => assert.equal(activityLensTitle(glance(fields), NOW), expected));
});
