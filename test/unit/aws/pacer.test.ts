import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Pacer } from '../../../src/core';
import { FakeClock } from '../helpers/fakeClock';

/** Takes a token for each key in order, all at once, and records when each was granted. */
async function grantTimes(pacer: Pacer, clock: FakeClock, keys: string[]): Promise<number[]> {
  const times: number[] = [];
  await clock.run(Promise.all(keys.map((key, i) => pacer.take(key).then(() => (times[i] = clock.now())))));
  return times;
}

describe('Pacer: a token bucket per key', () => {
  const cases: { name: string; ratePerSecond: number; burst?: number; keys: string[]; times: number[] }[] = [
    {
      name: '2 a second spaces calls on one key 500 ms apart, the first at once',
      ratePerSecond: 2,
      keys: ['a', 'a', 'a', 'a', 'a'],
      times: [0, 500, 1000, 1500, 2000],
    },
    {
      name: 'keys do not wait on each other (one account and Region does not slow another)',
      ratePerSecond: 2,
      keys: ['a', 'b', 'a', 'b'],
      times: [0, 0, 500, 500],
    },
    {
      name: 'a burst is spent at once, then the rate applies',
      ratePerSecond: 10,
      burst: 3,
      keys: ['a', 'a', 'a', 'a', 'a'],
      times: [0, 0, 0, 100, 200],
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const clock = new FakeClock();
      const pacer = new Pacer({ ratePerSecond: c.ratePerSecond, burst: c.burst, clock });
      assert.deepEqual(await grantTimes(pacer, clock, c.keys), c.times);
    });
  }

  test('an idle key saves up no more than its burst', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer({ ratePerSecond: 2, clock });
    await grantTimes(pacer, clock, ['a']);
    await clock.advance(10_000);
    assert.deepEqual(await grantTimes(pacer, clock, ['a', 'a', 'a']), [10_000, 10_500, 11_000]);
  });

  test('callers are served in the order they asked', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer({ ratePerSecond: 2, clock });
    const order: number[] = [];
    await clock.run(Promise.all([0, 1, 2, 3, 4, 5].map((i) => pacer.take('a').then(() => order.push(i)))));
    assert.deepEqual(order, [0, 1, 2, 3, 4, 5]);
  });

  test('a cancelled waiter leaves the queue at once and uses no token: the next one moves up', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer({ ratePerSecond: 2, clock });
    const cancel = new AbortController();
    const granted: Record<string, number> = {};
    const first = pacer.take('a').then(() => (granted['first'] = clock.now()));
    const second = pacer.take('a', cancel.signal);
    const third = pacer.take('a').then(() => (granted['third'] = clock.now()));
    await clock.advance(100);
    assert.equal(pacer.waiting('a'), 2);
    cancel.abort();
    await assert.rejects(second, { name: 'AbortError' });
    assert.equal(pacer.waiting('a'), 1);
    await clock.run(Promise.all([first, third]));
    assert.deepEqual(granted, { first: 0, third: 500 });
  });

  test("an already-aborted signal is refused without queueing, with the signal's reason", async () => {
    const clock = new FakeClock();
    const pacer = new Pacer({ ratePerSecond: 2, clock });
    await assert.rejects(pacer.take('a', AbortSignal.abort()), { name: 'AbortError' });
    assert.equal(pacer.waiting('a'), 0);
    assert.deepEqual(await grantTimes(pacer, clock, ['a']), [0], 'the token is still there');
  });

  test('hold: after a throttled answer nobody on the key gets a token until it ends, then the rate resumes', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer({ ratePerSecond: 2, clock });
    await grantTimes(pacer, clock, ['a']);
    pacer.hold('a', 3000);
    pacer.hold('a', 1000); // a shorter hold does not shorten the longer one
    assert.deepEqual(await grantTimes(pacer, clock, ['a', 'a', 'b']), [3000, 3500, 0]);
  });
});
