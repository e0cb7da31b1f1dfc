import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  bucketEvents,
  chartWindow,
  kindOf,
  stackedSeries,
  timeRange,
  unitFor,
} from '../../../src/webview/timeline/buckets';
import { event, invictusEvents } from './events';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(iso);

describe('timeline chart: events per hour or day, by read, write and error', () => {
  test('hourly up to a week, daily beyond', () => {
    const cases: [number, 'hour' | 'day'][] = [
      [0, 'hour'],
      [HOUR, 'hour'],
      [7 * DAY, 'hour'],
      [7 * DAY + 1, 'day'],
      [90 * DAY, 'day'],
    ];
    for (const [span, unit] of cases) assert.equal(unitFor(span), unit, `${span} ms`);
  });

  test('an error is an error whatever it did; read-only is a read; the rest, unknown included, is a write', () => {
    const cases: [Parameters<typeof event>[1], 'read' | 'write' | 'error'][] = [
      [{ readOnly: true }, 'read'],
      [{ readOnly: false }, 'write'],
      [{ readOnly: undefined }, 'write'],
      [{ readOnly: true, errorCode: 'AccessDenied' }, 'error'],
      [{ readOnly: false, errorCode: 'NoSuchBucket' }, 'error'],
    ];
    for (const [fields, kind] of cases) assert.equal(kindOf(event('2026-03-01T00:00:00Z', fields)), kind);
  });

  test('hour buckets aligned to UTC hours, counted by kind', () => {
    const events = [
      event('2026-03-01T10:05:00Z', { readOnly: true }),
      event('2026-03-01T10:59:59Z', { readOnly: false }),
      event('2026-03-01T11:00:00Z', { readOnly: true, errorCode: 'AccessDenied' }),
      event('2026-03-01T12:30:00Z', { readOnly: true }),
      event('2026-03-01T12:31:00Z', { readOnly: true }),
    ];
    const b = bucketEvents(events, at('2026-03-01T10:30:00Z'), at('2026-03-01T13:10:00Z'));
    assert.equal(b.unit, 'hour');
    assert.deepEqual(
      b.starts.map((s) => new Date(s).toISOString()),
      ['2026-03-01T10:00:00.000Z', '2026-03-01T11:00:00.000Z', '2026-03-01T12:00:00.000Z', '2026-03-01T13:00:00.000Z'],
    );
    assert.deepEqual(b.read, [1, 0, 2, 0]);
    assert.deepEqual(b.write, [1, 0, 0, 0]);
    assert.deepEqual(b.error, [0, 1, 0, 0]);
  });

  test('day buckets aligned to UTC midnight over a 30-day window', () => {
    const events = [
      event('2026-03-01T00:00:00Z', { readOnly: false }),
      event('2026-03-01T23:59:59Z', { errorCode: 'Throttling' }),
      event('2026-03-15T12:00:00Z', { readOnly: true }),
    ];
    const b = bucketEvents(events, at('2026-03-01T06:00:00Z'), at('2026-03-31T06:00:00Z'));
    assert.equal(b.unit, 'day');
    assert.equal(b.starts.length, 31);
    assert.equal(new Date(b.starts[0]!).toISOString(), '2026-03-01T00:00:00.000Z');
    assert.equal(new Date(b.starts[30]!).toISOString(), '2026-03-31T00:00:00.000Z');
    assert.deepEqual([b.read[0], b.write[0], b.error[0]], [0, 1, 1]);
    assert.deepEqual([b.read[14], b.write[14], b.error[14]], [1, 0, 0]);
    assert.equal(b.read.reduce((x, y) => x + y, 0) + b.write.reduce((x, y) => x + y, 0), 2);
  });

  test("the time axis ends where the last bucket ends, so the newest bucket's bar is drawn whole", () => {
    const day = bucketEvents([event('2026-03-31T05:00:00Z')], at('2026-03-01T06:00:00Z'), at('2026-03-31T06:00:00Z'));
    assert.deepEqual(
      timeRange(day).map((ms) => new Date(ms).toISOString()),
      ['2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'],
    );
    const hour = bucketEvents([], at('2026-03-01T10:30:00Z'), at('2026-03-02T10:30:00Z'));
    assert.deepEqual(
      timeRange(hour).map((ms) => new Date(ms).toISOString()),
      ['2026-03-01T10:00:00.000Z', '2026-03-02T11:00:00.000Z'],
    );
  });

  test('no events: the window still has its empty buckets', () => {
    const b = bucketEvents([], at('2026-03-01T10:30:00Z'), at('2026-03-02T10:30:00Z'));
    assert.equal(b.unit, 'hour');
    assert.equal(b.starts.length, 25);
    for (const series of [b.read, b.write, b.error]) assert.ok(series.every((n) => n === 0));
    const single = bucketEvents([], at('2026-03-01T10:30:00Z'), at('2026-03-01T10:30:00Z'));
    assert.equal(single.starts.length, 1);
  });

  test('an event outside the window widens it rather than vanishing from the chart', () => {
    const early = event('2026-02-28T22:10:00Z', { readOnly: false });
    const b = bucketEvents([early], at('2026-03-01T00:00:00Z'), at('2026-03-01T02:00:00Z'));
    assert.equal(new Date(b.starts[0]!).toISOString(), '2026-02-28T22:00:00.000Z');
    assert.equal(b.write[0], 1);
  });

  test('over the 2,900 events of the Invictus dataset: every event counted once, in the bucket of its time', () => {
    const events = invictusEvents;
    const since = events.at(-1)!.time - 6 * DAY;
    const until = events[0]!.time + HOUR;
    const b = bucketEvents(events, since, until);
    const size = b.unit === 'hour' ? HOUR : DAY;
    const total = [...b.read, ...b.write, ...b.error].reduce((x, y) => x + y, 0);
    assert.equal(total, events.length);
    for (const [kind, series] of [
      ['read', b.read],
      ['write', b.write],
      ['error', b.error],
    ] as const) {
      const expected = new Array<number>(b.starts.length).fill(0);
      for (const e of events.filter((x) => kindOf(x) === kind)) {
        const i = b.starts.findIndex((start) => e.time >= start && e.time < start + size);
        assert.ok(i >= 0, `${e.eventId} is in no bucket`);
        expected[i]! += 1;
      }
      assert.deepEqual(series, expected, kind);
    }
    assert.ok(b.error.some((n) => n > 0) && b.read.some((n) => n > 0) && b.write.some((n) => n > 0));
  });

  test('the drawn series are running totals: counted, listed, reads + writes, reads', () => {
    const b = {
      unit: 'hour' as const,
      starts: [0, HOUR, 2 * HOUR],
      read: [1, 0, 4],
      write: [2, 0, 1],
      error: [3, 5, 0],
      unlisted: [0, 10, 0],
    };
    assert.deepEqual(stackedSeries(b), [
      [6, 15, 5],
      [6, 5, 5],
      [3, 0, 5],
      [1, 0, 4],
    ]);
  });
});

describe('timeline chart: the time it spans', () => {
  const NOW = Date.parse('2026-12-06T12:00:00Z');
  const old = [event('2023-07-10T11:45:00Z'), event('2023-07-10T12:20:00Z')];

  test('a window asked spans the window, to now when it runs to now', () => {
    assert.deepEqual(chartWindow(old, NOW - 86_400_000, undefined, NOW), [NOW - 86_400_000, NOW]);
    assert.deepEqual(chartWindow([], 5, 10, NOW), [5, 10]);
  });

  test('a history (log files, asked from the epoch) spans its events, not the years around them', () => {
    assert.deepEqual(chartWindow(old, 0, undefined, NOW), [old[0]!.time, old[1]!.time]);
    assert.equal(bucketEvents(old, ...chartWindow(old, 0, undefined, NOW)).unit, 'hour');
    assert.deepEqual(chartWindow(old, 0, NOW, NOW), [old[0]!.time, NOW]);
    assert.deepEqual(chartWindow([], 0, undefined, NOW), [NOW, NOW]);
  });
});

describe('timeline chart: counts by day draw what the answer did not list', () => {
  test('a day counted beyond the events listed is drawn as not listed; the days force daily bars', () => {
    const listed = [event('2023-07-10T11:45:00Z'), event('2023-07-10T12:20:00Z', { errorCode: 'AccessDenied' })];
    const days = [
      { day: '2023-07-08', count: 7 },
      { day: '2023-07-10', count: 5 },
    ];
    const b = bucketEvents(listed, ...chartWindow(listed, 0, undefined, Date.parse('2026-12-06T00:00:00Z')), days);
    assert.equal(b.unit, 'day');
    assert.deepEqual(
      b.starts.map((t) => new Date(t).toISOString().slice(0, 10)),
      ['2023-07-08', '2023-07-09', '2023-07-10'],
    );
    assert.deepEqual(b.unlisted, [7, 0, 3]);
    assert.deepEqual(stackedSeries(b)[0], [7, 0, 5]);
  });
});
