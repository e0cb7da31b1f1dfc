import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { exportContent, exportFileName } from '../../../src/extension/exportContent';
import type { ActivityRequest } from '../../../src/shared/protocol';
import { event, invictusEvents } from '../timeline/events';

const plain = event('2026-03-01T10:00:00Z', {
  eventId: 'id-plain',
  resources: [
    { arn: 'arn:aws:s3:::data', name: 'data', type: 'AWS::S3::Bucket', from: 'resources' },
    { name: 'data', from: 'requestParameters' },
  ],
});
const hostile = event('2026-03-01T11:00:00Z', {
  eventId: 'id-hostile',
  eventName: '=HYPERLINK("http://evil","click")',
  principal: { type: 'IAMUser', name: '+cmd|calc', arn: undefined },
  sourceIp: '@SUM(1,2)',
  userAgent: 'ignored',
  errorCode: 'AccessDenied',
  readOnly: false,
  action: undefined,
});
const multiline = event('2026-03-01T12:00:00Z', {
  eventId: 'id-lines',
  eventName: 'Put"Thing"',
  principal: { type: 'IAMUser', name: 'a,b\nc' },
  region: '-eu-west-1',
});
const ANSWER: ActivityRequest.Result = {
  events: [plain, hostile, multiline],
  unreadable: [{ region: 'us-east-1', eventId: 'bad', reason: 'not JSON' }],
  problems: [],
  truncated: [],
  fetchedAt: 0,
  stale: false,
};

describe('timeline export', () => {
  test('CSV: the trail columns, RFC 4180 quoting, no formula survives, in the order the page listed', () => {
    const { text, count } = exportContent('csv', ANSWER, ['id-lines', 'id-hostile', 'nope', 'id-lines']);
    assert.equal(count, 2, 'unknown ids dropped, repeats once');
    assert.equal(
      text,
      [
        'eventTime,eventName,action,principal,accessKeyId,sourceIp,region,errorCode,readOnly,eventSource,eventId,resources',
        `2026-03-01T12:00:00Z,"Put""Thing""",s3:GetBucketPolicy,"a,b\nc",,,'-eu-west-1,,true,s3.amazonaws.com,id-lines,`,
        `2026-03-01T11:00:00Z,"'=HYPERLINK(""http://evil"",""click"")",,'+cmd|calc,,"'@SUM(1,2)",us-east-1,AccessDenied,false,s3.amazonaws.com,id-hostile,`,
        '',
      ].join('\r\n'),
    );
  });

  test('JSON: the trail rows of the listed events, and what could not be read', () => {
    const { text, count } = exportContent('json', ANSWER, ['id-plain']);
    assert.equal(count, 1);
    assert.deepEqual(JSON.parse(text), {
      events: [
        {
          eventId: 'id-plain',
          eventTime: '2026-03-01T10:00:00Z',
          eventSource: 's3.amazonaws.com',
          eventName: 'GetBucketPolicy',
          action: 's3:GetBucketPolicy',
          principal: 'arn:aws:iam::111122223333:user/alice',
          accessKeyId: null,
          sourceIp: null,
          region: 'us-east-1',
          errorCode: null,
          readOnly: true,
          resources: ['arn:aws:s3:::data', 'data'],
          file: null,
        },
      ],
      unreadable: [{ region: 'us-east-1', eventId: 'bad', reason: 'not JSON' }],
    });
  });

  test('the 2,900 Invictus events: one CSV line each (line breaks only inside quotes), every id in JSON', () => {
    const answer = { ...ANSWER, events: [...invictusEvents], unreadable: [] };
    const ids = invictusEvents.map((e) => e.eventId);
    const csv = exportContent('csv', answer, ids).text;
    const records = csv.split('\r\n').filter((l) => l !== '');
    assert.equal(records.length, ids.length + 1);
    const json = JSON.parse(exportContent('json', answer, ids).text) as { events: { eventId: string }[] };
    assert.deepEqual(
      json.events.map((e) => e.eventId),
      ids,
    );
  });

  test('the suggested file name: the title’s words, the time, the format', () => {
    const now = Date.parse('2026-03-01T14:12:30Z');
    const cases: [string, 'json' | 'csv', string][] = [
      ['CloudTrail: my-bucket', 'csv', 'cloudtrail-my-bucket-20260301-1412.csv'],
      ['CloudTrail: role/deploy', 'json', 'cloudtrail-role-deploy-20260301-1412.json'],
      ['CloudTrail: ../../etc/passwd', 'csv', 'cloudtrail-etc-passwd-20260301-1412.csv'],
      ['CloudTrail: ***', 'csv', 'cloudtrail-events-20260301-1412.csv'],
    ];
    for (const [title, format, name] of cases) assert.equal(exportFileName(title, format, now), name);
  });
});
