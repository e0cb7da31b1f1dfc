import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RecordSplitter, RUN_BYTES } from '../../../src/core';
import { invictusFiles } from '../activity/invictus';
import { split } from './split';

const TRICKY = [
  { s: 'a "quoted" word', t: 'tab\there', n: 'new\nline' },
  { brackets: '] } ] } [ {', slashes: '\\\\', quoteAfterSlashes: '\\"', end: '\\' },
  { unicode: 'é ü 日本 🚀', escaped: '\u00e9\u2028', control: '\u0001' },
  { nested: [[[{ a: [] }]], {}], empty: '', n: -1.5e3, t: true, f: false, z: null },
];

/** Each shape, its text, and the records JSON.parse of the whole finds in it. */
const SHAPES = [
  { name: 'Records', text: JSON.stringify({ Records: TRICKY }), kind: 'records' },
  {
    name: 'Records after other keys',
    text: JSON.stringify({ a: { Records: [9] }, b: [1, '"]'], Records: TRICKY, c: 2 }),
    kind: 'records',
  },
  { name: 'Events export', text: JSON.stringify({ Events: TRICKY, NextToken: 'x' }), kind: 'events' },
  { name: 'bare array', text: `  ${JSON.stringify(TRICKY, null, 2)}\n`, kind: 'array' },
  { name: 'JSON Lines', text: TRICKY.map((r) => JSON.stringify(r)).join('\n') + '\n', kind: 'lines' },
  { name: 'concatenated objects', text: TRICKY.map((r) => JSON.stringify(r, null, 1)).join(''), kind: 'lines' },
  { name: 'pretty Records', text: JSON.stringify({ Records: TRICKY }, null, 4), kind: 'records' },
  { name: 'byte order mark', text: `\ufeff${JSON.stringify({ Records: TRICKY })}`, kind: 'records' },
] as const;

describe('the record splitter', () => {
  for (const { name, text, kind } of SHAPES) {
    test(`${name}: every chunk size and boundary gives JSON.parse's records, with runs offered or not`, () => {
      const length = new TextEncoder().encode(text).length;
      for (let chunk = 1; chunk <= 2 * length; chunk++) {
        const { records, kinds, splitter } = split(text, chunk % length || length, undefined, chunk > length);
        assert.equal(splitter.error, undefined, `chunk ${chunk}`);
        assert.deepEqual(
          records.map((r) => JSON.parse(r) as unknown),
          TRICKY,
          `chunk ${chunk}`,
        );
        assert.ok(kinds.every((k) => k === kind));
        assert.equal(splitter.shape, kind);
      }
    });
  }

  test('the Invictus files, concatenated, cut at 1,000 odd boundaries', () => {
    const whole = invictusFiles.map(({ records }) => JSON.stringify({ Records: records })).join('\n');
    const expected = invictusFiles.flatMap(({ records }) => records);
    for (const chunk of [997, 4093, 65_521, 262_144]) {
      const { records, splitter } = split(whole, chunk);
      assert.equal(splitter.error, undefined);
      assert.equal(records.length, 2900);
      assert.deepEqual(
        records.map((r) => JSON.parse(r) as unknown),
        expected,
      );
    }
  });

  test('runs: the Invictus files are read mostly as runs, to the same records as one by one', () => {
    const whole = invictusFiles.map(({ records }) => JSON.stringify({ Records: records })).join('\n');
    const expected = invictusFiles.flatMap(({ records }) => records);
    for (const chunk of [997, 65_521, 262_144]) {
      const { records, splitter, runs } = split(whole, chunk, undefined, true);
      assert.equal(splitter.error, undefined);
      assert.deepEqual(
        records.map((r) => JSON.parse(r) as unknown),
        expected,
      );
      if (chunk > 4 * RUN_BYTES) assert.ok(runs > records.length / 100, `${runs} runs for ${records.length} records`);
    }
  });

  test("runs: a `},{` inside a string or a nested value is never taken for a record's end", () => {
    const decoys = [
      { a: 'x},{y' },
      { nested: [{ b: 1 }, { c: 2 }], s: '},{' },
      { deep: { e: [{ f: '},{"g":' }, { h: '\\' }] } },
      { tail: '},' },
    ];
    const records = Array.from({ length: 400 }, (_, i) => ({ i, ...decoys[i % decoys.length] }));
    const text = JSON.stringify({ Records: records });
    for (const chunk of [50, 1000, 7777, 1 << 20]) {
      const read = split(text, chunk, undefined, true);
      assert.equal(read.splitter.error, undefined);
      assert.deepEqual(
        read.records.map((r) => JSON.parse(r) as unknown),
        records,
        `chunk ${chunk}`,
      );
    }
  });

  test('runs: records whose resources[] hold `},{` are cut between records, never inside one', () => {
    // CloudTrail writes resources[] near a record's end: a window ending there once found its `},{`.
    const records = Array.from({ length: 2000 }, (_, i) => ({
      eventVersion: '1.08',
      eventID: `event-${i}`,
      requestParameters: { padding: 'x'.repeat(i % 97) },
      resources: [
        { accountId: '111122223333', type: 'AWS::IAM::Role', ARN: `arn:aws:iam::111122223333:role/r${i}` },
        { accountId: '111122223333', type: 'AWS::KMS::Key', ARN: `arn:aws:kms:us-east-1:111122223333:key/k${i}` },
      ],
    }));
    const read = split(JSON.stringify({ Records: records }), 1 << 20, undefined, true);
    assert.equal(read.refused, 0, 'no run was cut inside a record');
    assert.ok(read.runs >= 5, `${read.runs} runs`);
    assert.deepEqual(
      read.records.map((r) => JSON.parse(r) as unknown),
      records,
    );
  });

  test('runs: records whose keys come in other orders are still read as runs', () => {
    const records = Array.from({ length: 2000 }, (_, i) =>
      i % 2 === 0 ? { eventID: `e${i}`, eventVersion: '1.08' } : { eventVersion: '1.08', eventID: `e${i}` },
    );
    const read = split(JSON.stringify({ Records: records }), 1 << 20, undefined, true);
    assert.ok(read.runs >= 1, `${read.runs} runs`);
    assert.equal(read.refused, 0);
    assert.deepEqual(
      read.records.map((r) => JSON.parse(r) as unknown),
      records,
    );
  });

  test('runs: a run that does not parse is read record by record, and the bad record is found', () => {
    const good = Array.from({ length: 50 }, (_, i) => JSON.stringify({ i }));
    const text = `{"Records":[${[...good.slice(0, 25), '{"bad":tru}', ...good.slice(25)].join(',')}]}`;
    const read = split(text, 1 << 20, undefined, true);
    assert.equal(read.runs, 0, 'the one run holding the bad record is refused');
    assert.equal(read.records.length, 51);
    assert.equal(read.records[25], '{"bad":tru}');
  });

  const MALFORMED = [
    { text: '{"Records":[{"a":1}] x', reason: "not JSON at byte 21: expected ',' or '}', found 'x'", before: 1 },
    { text: '{"Records":[{"a":1},}', reason: "not JSON at byte 20: expected a value, found '}'", before: 1 },
    { text: '{"Records":[{"a":1} {"b":2}]}', reason: "not JSON at byte 20: expected ',' or ']', found '{'", before: 1 },
    { text: '{"Records" [', reason: "not JSON at byte 11: expected ':', found '['", before: 0 },
    { text: '<html>', reason: "not JSON at byte 0: expected '{' or '[', found '<'", before: 0 },
    {
      text: '{"Records":[{"a":1},{"b":"x',
      reason: 'not JSON at byte 27: the text ends before its last value is closed',
      before: 1,
    },
    {
      text: '"just a string"',
      reason: 'not a CloudTrail log (no Records or Events): a JSON string at byte 0',
      before: 0,
    },
    { text: '{Records:[]}', reason: "not JSON at byte 1: expected a key, found 'R'", before: 0 },
  ];
  for (const { text, reason, before } of MALFORMED) {
    test(`malformed: ${text}`, () => {
      for (const chunk of [1, 3, 1000]) {
        const { records, splitter } = split(text, chunk);
        assert.equal(splitter.error, reason);
        assert.equal(records.length, before, 'the records before the error are kept');
      }
    });
  }

  test('a record over the limit is skipped and counted, never held past the limit', () => {
    const big = { big: 'x'.repeat(5000) };
    const text = JSON.stringify({ Records: [{ a: 1 }, big, { b: 2 }, big] });
    for (const chunk of [7, 256, 100_000]) {
      const { records, splitter } = split(text, chunk, 1000);
      assert.deepEqual(records, ['{"a":1}', '{"b":2}']);
      assert.equal(splitter.oversized, 2);
      assert.ok(splitter.maxBuffered <= 1000, `held ${splitter.maxBuffered} bytes`);
      assert.equal(splitter.error, undefined);
    }
  });

  test('a JSON Lines object over the limit is skipped; a document over it is not (only its records count)', () => {
    const line = JSON.stringify({ eventName: 'x'.repeat(3000) });
    const { records, splitter } = split(`${line}\n{"a":1}\n`, 100, 1000);
    assert.deepEqual(records, ['{"a":1}']);
    assert.equal(splitter.oversized, 1);
    const doc = JSON.stringify({ padding: 'y'.repeat(3000), Records: [{ a: 1 }] });
    assert.deepEqual(split(doc, 100, 1000).records, ['{"a":1}']);
  });

  test('50 MB in 256 KiB chunks: the bytes held never exceed the largest record', () => {
    const record = new TextEncoder().encode(JSON.stringify(invictusFiles[0]!.records[0]));
    let largest = 0;
    const chunk = new Uint8Array(1 << 18);
    const splitter = new RecordSplitter((_b, start, end) => {
      largest = Math.max(largest, end - start);
    });
    let records = 0;
    let fill = 0;
    const flush = (): void => {
      splitter.push(chunk.subarray(0, fill));
      fill = 0;
    };
    const write = (bytes: Uint8Array): void => {
      for (let at = 0; at < bytes.length;) {
        const n = Math.min(bytes.length - at, chunk.length - fill);
        chunk.set(bytes.subarray(at, at + n), fill);
        fill += n;
        at += n;
        if (fill === chunk.length) flush();
      }
    };
    const encoder = new TextEncoder();
    write(encoder.encode('{"Records":['));
    for (let total = 0; total < 50e6; total += record.length + 1)
      write(records++ === 0 ? record : encoder.encode(`,${new TextDecoder().decode(record)}`));
    write(encoder.encode(']}'));
    flush();
    splitter.end();
    assert.equal(splitter.error, undefined);
    assert.ok(records > 10_000);
    assert.ok(splitter.maxBuffered <= largest, `held ${splitter.maxBuffered} > ${largest}`);
  });
});
