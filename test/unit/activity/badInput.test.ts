import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { normaliseLookupEvent, type LookupEventLike } from '../../../src/core';
import { normaliseRecord } from '../../../src/core/activity/normalise';
import { invictusFiles, invictusRecord } from './invictus';
import { apiCall } from './records';

const REAL = invictusRecord('30f9bf7b-a5dd-4661-8c97-d288ef5680a1');

/** A record with one field replaced, or removed for undefined. */
function withField(field: string, value: unknown): Record<string, unknown> {
  const record = { ...apiCall('s3.amazonaws.com', 'GetObject'), [field]: value };
  if (value === undefined) delete record[field];
  return record;
}

describe('records that are not events', () => {
  const throwing = Object.defineProperty(apiCall('s3.amazonaws.com', 'GetObject'), 'eventName', {
    get: () => {
      throw new Error('no access');
    },
  });
  const cases: [label: string, input: unknown, reason: RegExp][] = [
    ['null', null, /^the record is not an object \(null\)$/],
    ['an array', [], /^the record is not an object \(an array\)$/],
    ['a string', 'ConsoleLogin', /^the record is not an object \("ConsoleLogin"\)$/],
    ['a number', 42, /^the record is not an object \(number 42\)$/],
    ['undefined', undefined, /^the record is not an object \(undefined\)$/],
    ['an empty object', {}, /^its eventID is missing$/],
    ['no eventTime', withField('eventTime', undefined), /^its eventTime is missing$/],
    [
      'an eventTime that is not a date',
      withField('eventTime', 'yesterday'),
      /^its eventTime is not a date and time: "yesterday"$/,
    ],
    ['an eventTime that is a number', withField('eventTime', 1688990123000), /^its eventTime is number 1688990123000$/],
    ['an eventTime of 31 June', withField('eventTime', '2023-06-31T00:00:00Z'), /eventTime is not a date and time/],
    ['no eventSource', withField('eventSource', undefined), /^its eventSource is missing$/],
    ['an eventName that is an object', withField('eventName', { name: 'x' }), /^its eventName is an object$/],
    ['an empty awsRegion', withField('awsRegion', ''), /^its awsRegion is ""$/],
    [
      'a very long bad value is cut short',
      withField('eventTime', 'x'.repeat(10_000)),
      /^its eventTime is not a date and time: "x{40,}\.\.\.$/,
    ],
    ['a getter that throws', throwing, /^the record could not be read: no access$/],
  ];
  for (const [label, input, reason] of cases) {
    test(label, () => {
      const result = normaliseRecord(input);
      assert.equal(result.ok, false);
      assert.match(result.ok ? '' : result.reason, reason);
      assert.ok(!result.ok && result.reason.length < 120, 'a short reason');
    });
  }

  test('no field of any real record, missing or of any type, makes it throw', () => {
    const values = [undefined, null, 0, -1, '', 'x', true, [], [null], {}, { a: [] }];
    let checked = 0;
    for (const record of invictusFiles[0]!.records) {
      for (const field of Object.keys(record)) {
        for (const value of values) {
          const result = normaliseRecord({ ...record, [field]: value });
          assert.equal(typeof result.ok, 'boolean');
          checked++;
        }
      }
    }
    assert.ok(checked > 1000, `${checked} records`);
  });
});

describe('LookupEvents answers that are not events', () => {
  const cases: [label: string, input: unknown, reason: RegExp][] = [
    ['null', null, /^the lookup event is not an object \(null\)$/],
    ['an array', [REAL], /^the lookup event is not an object \(an array\)$/],
    ['no CloudTrailEvent', { EventId: 'e-1' }, /^its CloudTrailEvent is missing$/],
    ['a CloudTrailEvent that is an object', { CloudTrailEvent: REAL }, /^its CloudTrailEvent is an object$/],
    [
      'a malformed CloudTrailEvent',
      { CloudTrailEvent: '{"eventVersion": "1.08", ' },
      /^its CloudTrailEvent is not JSON \(.+\)$/,
    ],
    [
      'a cut CloudTrailEvent',
      { CloudTrailEvent: JSON.stringify(REAL).slice(0, 500) },
      /^its CloudTrailEvent is not JSON/,
    ],
    ['a CloudTrailEvent of null', { CloudTrailEvent: 'null' }, /^the record is not an object \(null\)$/],
    ['a CloudTrailEvent without eventSource', { CloudTrailEvent: '{"eventID":"e"}' }, /^its eventTime is missing$/],
  ];
  for (const [label, input, reason] of cases) {
    test(label, () => {
      const result = normaliseLookupEvent(input as LookupEventLike);
      assert.equal(result.ok, false);
      assert.match(result.ok ? '' : result.reason, reason);
    });
  }

  test('Resources of the wrong shapes are left out', () => {
    const result = normaliseLookupEvent({
      CloudTrailEvent: JSON.stringify(REAL),
      Resources: [null, {}, { ResourceType: 'AWS::S3::Bucket' }, { ResourceName: 7 }] as never,
    });
    assert.ok(result.ok);
    assert.equal(result.event.resources.length, 1, 'only the secret of the record');
  });
});
