import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  buildSegment,
  INDEX_FORMAT_VERSION,
  Segment,
  SegmentBuilder,
  SegmentError,
  type ActivityEvent,
} from '../../../src/core';
import { byTime, invictusEvents } from './events';

function roundTrip(events: readonly ActivityEvent[]): ActivityEvent[] {
  const segment = Segment.open(buildSegment(events));
  assert.equal(segment.count, events.length);
  return Array.from({ length: segment.count }, (_, ordinal) => segment.event(ordinal));
}

const BASE: ActivityEvent = {
  eventId: '3c5d2a7e-0000-4000-8000-000000000001',
  eventTime: '2024-05-01T10:00:00Z',
  time: Date.parse('2024-05-01T10:00:00Z'),
  eventSource: 's3.amazonaws.com',
  eventName: 'GetObject',
  principal: { type: 'IAMUser', name: 'Alice' },
  region: 'eu-west-1',
  category: 'data',
  resources: [],
};

/** Events whose every field is unusual in some way: absent, unicode, not a UUID, out of order. */
const ODD: ActivityEvent[] = [
  BASE,
  {
    ...BASE,
    eventId: 'NOT-A-UUID',
    eventTime: '2024-05-01T10:00:00.123Z',
    time: Date.parse('2024-05-01T10:00:00.123Z'),
  },
  { ...BASE, eventId: '3C5D2A7E-0000-4000-8000-000000000001', readOnly: true, category: 'management' },
  { ...BASE, readOnly: false, category: 'insight', eventVersion: '1.11', action: 's3:GetObject' },
  { ...BASE, category: 'networkActivity', eventTime: '2024-05-01T12:00:00+02:00' },
  { ...BASE, category: 'unknown', time: Date.parse('2023-01-01T00:00:00Z'), eventTime: '2023-01-01T00:00:00Z' },
  {
    ...BASE,
    eventName: 'PutObject ✓ ünïcødé 🚀',
    principal: {
      type: 'AssumedRole',
      name: 'Rôle/séssion',
      arn: 'arn:aws:sts::111122223333:assumed-role/Rôle/séssion',
      account: '111122223333',
      roleArn: 'arn:aws:iam::111122223333:role/Rôle',
      sessionName: 'séssion',
      invokedBy: 'cloudformation.amazonaws.com',
    },
    accessKeyId: 'ASIAEXAMPLE',
    sourceIp: '2001:db8::1',
    userAgent: 'agent "quoted" \u0000 nul',
    account: '111122223333',
    errorCode: 'AccessDenied',
    errorMessage: 'Ä message with\nnewlines',
    resources: [
      { arn: 'arn:aws:s3:::bücket', type: 'AWS::S3::Bucket', from: 'resources' },
      { name: 'key/日本語', from: 'requestParameters' },
      { name: 'only-a-name', from: 'responseElements' },
      { arn: 'arn:aws:s3:::bücket', type: 'AWS::S3::Bucket', from: 'lookup' },
    ],
    file: '/logs/ファイル.json.gz',
  },
];

describe('a segment', () => {
  test('gives back every Invictus event, field for field, in time order', () => {
    assert.deepEqual(roundTrip(invictusEvents), byTime(invictusEvents));
  });

  test('gives back odd events: absent fields, unicode, non-UUID ids, uncommon times and categories', () => {
    assert.deepEqual(roundTrip(ODD), byTime(ODD));
  });

  test('gives back an empty batch', () => {
    assert.deepEqual(roundTrip([]), []);
  });

  test('uses 4-byte ids when a dictionary outgrows two bytes', () => {
    const many = Array.from({ length: 70_000 }, (_, i) => ({
      ...BASE,
      time: BASE.time + i,
      eventTime: new Date(BASE.time + i).toISOString(),
      userAgent: `agent-${i}`,
    }));
    const back = roundTrip(many);
    assert.equal(back.length, many.length);
    for (const i of [0, 255, 256, 65_535, 65_536, 69_999]) assert.deepEqual(back[i], many[i]);
  });

  test('a builder emptied with clear() builds the next segment as a new builder would', () => {
    const builder = new SegmentBuilder();
    for (const event of [...invictusEvents, ...ODD]) builder.add(event);
    builder.finish();
    builder.clear();
    assert.equal(builder.size, 0);
    const half = invictusEvents.slice(0, 1000);
    for (const event of half) builder.add(event);
    assert.deepEqual(builder.finish(), buildSegment(half));
  });

  test('principals and resources are told apart by value: shared objects and equal copies give one segment', () => {
    // The normaliser hands events shared objects, found by reference; copies must land on the same ids.
    const copies = invictusEvents.map((e, i) => (i % 3 === 0 ? structuredClone(e) : e));
    assert.deepEqual(buildSegment(copies), buildSegment(invictusEvents));
    assert.deepEqual(buildSegment(invictusEvents.map((e) => structuredClone(e))), buildSegment(invictusEvents));
  });

  test('holds the Invictus events in under 150 bytes each, everything counted', () => {
    const perEvent = buildSegment(invictusEvents).length / invictusEvents.length;
    assert.ok(perEvent < 150, `${perEvent.toFixed(1)} bytes per event`);
  });

  test('refuses bytes that are not a segment of this version, with a SegmentError', () => {
    const good = buildSegment(invictusEvents.slice(0, 50));
    const oldVersion = good.slice();
    new DataView(oldVersion.buffer).setUint32(4, INDEX_FORMAT_VERSION - 1, true);
    const badMagic = good.slice();
    badMagic[0] = 0;
    const badDirectory = good.slice();
    new DataView(badDirectory.buffer).setUint32(32 + 4, good.length, true);
    const cases: [string, Uint8Array, RegExp][] = [
      ['empty', new Uint8Array(0), /shorter than its header/],
      ['truncated', good.subarray(0, good.length >> 1), /outside the segment|runs past/],
      ['another format version', oldVersion, /format version/],
      ['not a segment', badMagic, /not an index segment/],
      ['a section out of bounds', badDirectory, /outside the segment/],
    ];
    for (const [name, bytes, reason] of cases)
      assert.throws(
        () => Segment.open(bytes),
        (e: unknown) => e instanceof SegmentError && reason.test(e.message),
        name,
      );
  });
});
