import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FindingActivity } from '../../../src/core';
import type { RegionState } from '../../../src/shared/explorerMessages';
import { activityLine, findingFields, keyFields, secretFields } from '../../../src/webview/explorer/detailFields';
import { ago, formatDate, formatTime } from '../../../src/webview/explorer/format';
import { regionLines } from '../../../src/webview/explorer/regionStatus';
import { row } from '../findings/rows';
import { keyRowOf, secretRowOf } from './pageRows';

const T = Date.UTC(2026, 2, 1, 10, 5);

describe('explorer page: the details pane and the Regions line', () => {
  test('a key lists every field of its row, absent ones as a dash', () => {
    const fields = keyFields(
      keyRowOf({ deletionAt: T, grantsCount: 2, lastUsedOperation: 'Decrypt', usageTrackedSince: T, lastUsedAt: T }),
    );
    const byLabel = new Map(fields.map((f) => [f.label, f.value]));
    const cases: [string, string][] = [
      ['Aliases', 'alias/app'],
      ['Managed by', 'customer'],
      ['Multi-Region', 'no'],
      ['Deletion date', '2026-03-01 10:05 UTC'],
      ['Rotation', 'enabled'],
      ['Rotation period', '365 days'],
      ['Next rotation', '—'],
      ['Last operation', 'Decrypt'],
      ['Usage tracked since', '2026-03-01'],
      ['Grants', '2'],
      ['Tags', 'team=payments'],
    ];
    for (const [label, value] of cases) assert.equal(byLabel.get(label), value, label);
    assert.equal(fields.length, 21);
  });

  test('a secret says which key and whether it is the default', () => {
    const byLabel = (r: Parameters<typeof secretRowOf>[0]) =>
      new Map(secretFields(secretRowOf(r)).map((f) => [f.label, f.value]));
    assert.equal(byLabel({}).get('KMS key'), 'aws/secretsmanager (AWS managed default)');
    assert.equal(byLabel({ kmsKey: 'alias/app', defaultKey: false }).get('KMS key'), 'alias/app (customer managed)');
    assert.equal(byLabel({}).get('Tags'), 'none');
    assert.equal(byLabel({ owningService: 'rds' }).get('Owning service'), 'rds');
  });

  test('a finding lists its resources one per line, and its workflow and control', () => {
    const byLabel = new Map(
      findingFields(
        row({
          resources: [
            { type: 'AccessKey', id: 'AKIA1' },
            { type: 'AwsS3Bucket', id: 'arn:aws:s3:::b' },
          ],
          workflow: 'NEW',
          control: 'S3.1',
        }),
      ).map((f) => [f.label, f.value]),
    );
    assert.equal(byLabel.get('Resources'), 'AccessKey AKIA1\nAwsS3Bucket arn:aws:s3:::b');
    assert.equal(byLabel.get('Workflow'), 'NEW');
    assert.equal(byLabel.get('Control'), 'S3.1');
    assert.equal(byLabel.get('Compliance'), '—');
    assert.equal(byLabel.get('Severity'), 'HIGH (8)');
  });

  test('what a finding saw happening, one line each', () => {
    const cases: [FindingActivity, string][] = [
      [
        { kind: 'apiCall', api: 'ListBuckets', service: 's3.amazonaws.com', remoteIp: '198.51.100.1', country: 'NL' },
        'API call s3.amazonaws.com ListBuckets · from 198.51.100.1 · NL',
      ],
      [{ kind: 'apiCall', api: 'GetObject', userAgent: 'curl/8' }, 'API call GetObject · user agent curl/8'],
      [
        {
          kind: 'network',
          direction: 'INBOUND',
          protocol: 'TCP',
          localPort: 22,
          remoteIp: '203.0.113.9',
          remotePort: 4000,
        },
        'Network connection INBOUND · TCP · local port 22 · remote 203.0.113.9:4000',
      ],
      [{ kind: 'dns', domain: 'pool.example.com', blocked: true }, 'DNS query pool.example.com · blocked'],
      [
        { kind: 'portProbe', localPorts: [22, 3389], remoteIps: ['203.0.113.7'] },
        'Port probe ports 22, 3389 · from 203.0.113.7',
      ],
    ];
    for (const [activity, line] of cases) assert.equal(activityLine(activity), line);
  });

  test('times in UTC, ages in the largest unit', () => {
    assert.equal(formatDate(T), '2026-03-01');
    assert.equal(formatTime(T), '2026-03-01 10:05 UTC');
    assert.equal(formatTime(undefined), '—');
    const cases: [number, string][] = [
      [0, 'just now'],
      [5 * 60_000, '5 min ago'],
      [3 * 3_600_000, '3 h ago'],
      [86_400_000, '1 day ago'],
      [12 * 86_400_000, '12 days ago'],
    ];
    for (const [age, text] of cases) assert.equal(ago(T - age, T), text);
  });

  test("each Region's state: loading, its problem, read when, first results only, notices", () => {
    const regions: RegionState[] = [
      { region: 'us-east-1', loading: true, notices: [], truncated: false },
      { region: 'eu-west-1', loading: false, problem: 'Access denied: kms:ListKeys.', notices: [], truncated: false },
      {
        region: 'ap-southeast-2',
        loading: false,
        notices: ['GuardDuty is not enabled.'],
        truncated: true,
        fetchedAt: T - 120_000,
      },
    ];
    assert.deepEqual(regionLines(regions, T), [
      { kind: 'loading', text: 'us-east-1: loading…' },
      { kind: 'problem', text: 'eu-west-1: Access denied: kms:ListKeys.' },
      { kind: 'ok', text: 'ap-southeast-2: read 2 min ago (the first results only: the listing stopped at its limit)' },
      { kind: 'notice', text: 'ap-southeast-2: GuardDuty is not enabled.' },
    ]);
    assert.deepEqual(regionLines([], T), []);
  });
});
