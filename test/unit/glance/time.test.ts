/** Relative times in the hover and CodeLens, against a fixed now. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { activityLensTitle } from '../../../src/core';
import { answer, DAY, event, glance, HOUR, MINUTE, NOW } from './helpers';

const cases: [number, string][] = [
  [-5 * MINUTE, 'just now'], // an event from a clock a little ahead
  [0, 'just now'],
  [59_999, 'just now'],
  [MINUTE, '1 min ago'],
  [59 * MINUTE, '59 min ago'],
  [HOUR, '1 h ago'],
  [47 * HOUR + 59 * MINUTE, '47 h ago'],
  [2 * DAY, '2 days ago'],
  [89 * DAY + 23 * HOUR, '89 days ago'],
  [90 * DAY, `on ${new Date(NOW - 90 * DAY).toISOString().slice(0, 10)}`],
  [3 * 365 * DAY, `on ${new Date(NOW - 3 * 365 * DAY).toISOString().slice(0, 10)}`],
];

test('relative times: minutes, hours up to two days, days up to 90, then the day', () => {
  for (const [ago, expected] of cases) {
    const title = activityLensTitle(
      glance({ answer: answer([event(ago, { eventName: 'X', principalName: 'p' })]) }),
      NOW,
    );
    assert.ok(title.endsWith(`last: X by p, ${expected}`), `${ago} ms: ${title}`);
  }
});
