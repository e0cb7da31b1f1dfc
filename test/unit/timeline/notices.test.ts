import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ActivityRequest } from '../../../src/shared/protocol';
import type { TimelineModel } from '../../../src/shared/timelineMessages';
import { describeQuery, noticesOf, type Notice } from '../../../src/webview/timeline/notices';

const NOW = Date.parse('2026-03-08T12:00:00Z');
const target = {
  query: { resource: 'my-bucket', since: Date.parse('2026-03-01T12:00:00Z') },
  title: 'CloudTrail: my-bucket',
};
const answer = (fields: Partial<ActivityRequest.Result> = {}): ActivityRequest.Result => ({
  events: [],
  unreadable: [],
  problems: [],
  truncated: [],
  fetchedAt: NOW,
  stale: false,
  ...fields,
});

describe('timeline notices: what is happening and what is missing, in words', () => {
  test('one line per state, problems as their sentence', () => {
    const cases: [Partial<TimelineModel>, Notice[]][] = [
      [{ loading: true }, [{ severity: 'info', text: 'Loading CloudTrail events…' }]],
      [{ loading: true, answer: answer() }, [{ severity: 'info', text: 'Refreshing from CloudTrail…' }]],
      [{ loading: false, answer: answer() }, []],
      [
        { loading: false, failure: 'The CloudWarden language server did not answer.' },
        [{ severity: 'error', text: 'The CloudWarden language server did not answer.' }],
      ],
      [
        { loading: false, notice: 'Investigations come later.', answer: answer() },
        [{ severity: 'info', text: 'Investigations come later.' }],
      ],
      [
        {
          loading: false,
          answer: answer({
            problems: [
              { kind: 'accessDenied', sentence: 'AWS refused cloudtrail:LookupEvents.', region: 'eu-west-1' },
              { kind: 'noCredentials', sentence: 'No AWS credentials were found.' },
            ],
          }),
        },
        [
          { severity: 'error', text: 'eu-west-1: AWS refused cloudtrail:LookupEvents.' },
          { severity: 'error', text: 'No AWS credentials were found.' },
        ],
      ],
      [
        { loading: false, answer: answer({ truncated: ['us-east-1', 'eu-west-1'] }) },
        [
          {
            severity: 'warning',
            text: 'Stopped after the page limit in us-east-1, eu-west-1: older events in the window are not shown.',
          },
        ],
      ],
      [
        {
          loading: false,
          answer: answer({
            unreadable: [
              { region: 'us-east-1', reason: 'CloudTrailEvent is not JSON' },
              { region: 'us-east-1', reason: 'no eventTime' },
            ],
          }),
        },
        [{ severity: 'warning', text: '2 events could not be read: CloudTrailEvent is not JSON' }],
      ],
      [
        { loading: false, answer: answer({ stale: true, fetchedAt: NOW - 25 * 60_000 }) },
        [
          {
            severity: 'info',
            text: 'Cached answer from 25 minutes ago; CloudWarden is fetching a newer one in the background (Refresh asks CloudTrail now).',
          },
        ],
      ],
    ];
    for (const [model, expected] of cases)
      assert.deepEqual(
        noticesOf({ target, ...model } as TimelineModel, NOW),
        expected,
        JSON.stringify(model).slice(0, 100),
      );
  });

  test('the query under the title says what was asked, over which window', () => {
    const cases: [TimelineModel['target']['query'], string][] = [
      [target.query, 'resource my-bucket · 2026-03-01 12:00 to now UTC'],
      [
        { principal: 'deploy-role', eventName: 'PutBucketPolicy', since: 0, until: Date.parse('2026-03-02T00:30:00Z') },
        'principal deploy-role · event PutBucketPolicy · the first event to 2026-03-02 00:30 UTC',
      ],
      [
        { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', since: 0 },
        'access key AKIAIOSFODNN7EXAMPLE · the first event to now UTC',
      ],
      [{ since: 0 }, 'all events · the first event to now UTC'],
    ];
    for (const [query, text] of cases)
      assert.equal(describeQuery({ target: { query, title: 't' }, loading: false }), text);
  });
});

test('log files, Athena and Lake: the events left out, every file not read in full, what was scanned', () => {
  const base = {
    events: [],
    problems: [],
    truncated: [],
    fetchedAt: 0,
    stale: false,
  };
  const model = (answer: Record<string, unknown>) =>
    ({
      target: { query: { since: 0, resource: 'b' }, title: 'b' },
      loading: false,
      answer: { ...base, ...answer },
    }) as unknown as Parameters<typeof noticesOf>[0];
  assert.deepEqual(
    noticesOf(
      model({
        source: 'logFiles',
        total: 3000,
        events: new Array(1000).fill(null),
        unreadable: [
          { file: '/logs/a.json.gz', reason: 'the gzip stream is truncated after 1,024 bytes' },
          { file: '/logs/b.json', reason: 'not a CloudTrail log (no Records or Events)' },
        ],
      }),
      0,
    ).map((n) => n.text),
    [
      'The newest 1,000 of 3,000 matching events are shown: narrow the window or the query for the others.',
      '2 log files could not be read in full (what could be read is shown): /logs/a.json.gz: the gzip stream is truncated after 1,024 bytes; /logs/b.json: not a CloudTrail log (no Records or Events)',
    ],
  );
  assert.deepEqual(
    noticesOf(model({ source: 'athena', bytesScanned: 3 * 1024 ** 2, unreadable: [] }), 0).map((n) => n.text),
    ['Athena scanned 3.0 MB for this answer.'],
  );
  assert.match(describeQuery(model({ unreadable: [] })), /^resource b · the first event to now UTC$/);
});
