import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { timeOf } from '../../../src/core/activity/time';

// Log files' times are read within the hour last read from minutes and seconds alone: a run of times,
// in and across hours, must read as Date.parse reads them, and a bad one never borrows its hour.
describe('event times', () => {
  test('a day of times in order and out of order reads as Date.parse reads them', () => {
    const start = Date.parse('2024-02-28T22:00:00Z');
    const times = Array.from(
      { length: 5000 },
      (_, i) => start + ((i * 7919) % 97) * 1000 + Math.floor(i / 50) * 61_000,
    );
    for (const t of times) {
      const text = new Date(t).toISOString().replace('.000Z', 'Z');
      assert.equal(timeOf(text), Date.parse(text), text);
    }
  });

  test('a time that is not one is refused even in the hour last read', () => {
    assert.equal(timeOf('2023-07-10T11:55:23Z'), Date.parse('2023-07-10T11:55:23Z'));
    for (const bad of ['2023-07-10T11:60:00Z', '2023-07-10T11:59:61Z', '2023-07-10T11:5x:00Z', '2023-07-10T11-55:23Z'])
      assert.equal(timeOf(bad), undefined, bad);
    assert.equal(timeOf('2023-07-10T11:00:00Z'), Date.parse('2023-07-10T11:00:00Z'));
    assert.equal(timeOf('2023-02-30T11:00:00Z'), undefined);
    assert.equal(timeOf('2023-07-10T11:00:00Z'), Date.parse('2023-07-10T11:00:00Z'));
  });
});
