/** The segment's time text: what toISOString writes, without a `.000`, for every time. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { canonicalTime } from '../../../src/core/eventIndex/format';
import { seeded } from './events';

const reference = (time: number): string => new Date(time).toISOString().replace(/\.000Z$/, 'Z');

describe('canonicalTime', () => {
  test('writes what toISOString writes, for edge and random times', () => {
    const random = seeded(7);
    const times = [
      0,
      1,
      999,
      1000,
      86_399_999,
      86_400_000,
      Date.parse('2023-07-10T11:45:00Z'),
      Date.parse('2024-02-29T23:59:59.5Z'),
      253_402_300_799_999,
      253_402_300_800_000,
      -1,
      -86_400_000,
      1.5,
      ...Array.from({ length: 2000 }, () => Math.floor(random() * 4_102_444_800_000)),
    ];
    for (const time of times) assert.equal(canonicalTime(time), reference(time), String(time));
  });
});
