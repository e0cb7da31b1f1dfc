import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cacheKey, TtlCache, type CacheEntry, type PersistentStore } from '../../../src/core';
import { FakeClock } from '../helpers/fakeClock';

/** A persistent store in a Map, counting its reads; `broken` makes every call fail. */
class MapStore implements PersistentStore<string> {
  readonly entries = new Map<string, CacheEntry<string>>();
  reads = 0;
  broken = false;
  async get(key: string): Promise<CacheEntry<string> | undefined> {
    this.reads += 1;
    if (this.broken) throw new Error('storage unavailable');
    return this.entries.get(key);
  }
  async set(key: string, entry: CacheEntry<string>): Promise<void> {
    if (this.broken) throw new Error('storage full');
    this.entries.set(key, entry);
  }
}

function cache(clock: FakeClock, options: { store?: PersistentStore<string>; maxEntries?: number } = {}) {
  return new TtlCache<string>({
    ttlMs: 60_000,
    staleMs: 600_000,
    maxEntries: options.maxEntries ?? 100,
    clock,
    ...options,
  });
}

describe('TtlCache: fresh, stale while refreshing, expired', () => {
  const ages: { age: number; expect: { value: string; fresh: boolean } | undefined }[] = [
    { age: 0, expect: { value: 'v', fresh: true } },
    { age: 59_999, expect: { value: 'v', fresh: true } },
    { age: 60_000, expect: { value: 'v', fresh: false } },
    { age: 659_999, expect: { value: 'v', fresh: false } },
    { age: 660_000, expect: undefined },
  ];
  for (const { age, expect } of ages) {
    test(`${age} ms after it was stored: ${expect ? (expect.fresh ? 'fresh' : 'stale') : 'gone'}`, async () => {
      const clock = new FakeClock();
      const c = cache(clock);
      await c.set('k', 'v');
      await clock.advance(age);
      assert.deepEqual(await c.get('k'), expect);
    });
  }

  test('read: a miss loads; a fresh hit does not; concurrent misses share one load', async () => {
    const clock = new FakeClock();
    const c = cache(clock);
    let loads = 0;
    const load = async () => `v${++loads}`;
    const [a, b] = await Promise.all([c.read('k', load), c.read('k', load)]);
    assert.deepEqual(
      [a, b],
      [
        { value: 'v1', fresh: true },
        { value: 'v1', fresh: true },
      ],
    );
    assert.deepEqual(await c.read('k', load), { value: 'v1', fresh: true });
    assert.equal(loads, 1);
  });

  test('read: a stale hit answers at once, not fresh, and refreshes in the background (once)', async () => {
    const clock = new FakeClock();
    const c = cache(clock);
    await c.set('k', 'old');
    await clock.advance(61_000);
    let loads = 0;
    const load = async () => `new${++loads}`;
    const [first, second] = await Promise.all([c.read('k', load), c.read('k', load)]);
    assert.deepEqual([first.value, first.fresh, second.value, second.fresh], ['old', false, 'old', false]);
    assert.equal(await first.refreshed, 'new1');
    assert.equal(await second.refreshed, 'new1', 'one refresh per key at a time');
    assert.deepEqual(await c.get('k'), { value: 'new1', fresh: true });
  });

  test('read: a failed refresh keeps the stale value', async () => {
    const clock = new FakeClock();
    const c = cache(clock);
    await c.set('k', 'old');
    await clock.advance(61_000);
    const read = await c.read('k', () => Promise.reject(new Error('throttled')));
    await assert.rejects(read.refreshed!, /throttled/);
    assert.deepEqual(await c.get('k'), { value: 'old', fresh: false });
  });

  test('memory keeps the most recently used entries only', async () => {
    const clock = new FakeClock();
    const c = cache(clock, { maxEntries: 2 });
    await c.set('a', '1');
    await c.set('b', '2');
    await c.get('a'); // a is now more recent than b
    await c.set('c', '3');
    assert.equal(c.size, 2);
    assert.deepEqual(
      [await c.get('a'), await c.get('b'), await c.get('c')].map((r) => r?.value),
      ['1', undefined, '3'],
    );
  });

  test('a persistent store outlives the memory: a new cache finds the entry, with its age', async () => {
    const clock = new FakeClock();
    const store = new MapStore();
    await cache(clock, { store }).set('k', 'v');
    await clock.advance(61_000);
    const restarted = cache(clock, { store });
    assert.deepEqual(await restarted.get('k'), { value: 'v', fresh: false });
    await restarted.get('k');
    assert.equal(store.reads, 1, 'read from the store once, then from memory');
  });

  test('an evicted entry comes back from the store', async () => {
    const clock = new FakeClock();
    const store = new MapStore();
    const c = cache(clock, { store, maxEntries: 1 });
    await c.set('a', '1');
    await c.set('b', '2');
    assert.deepEqual(await c.get('a'), { value: '1', fresh: true });
  });

  test('a failing store costs a miss, never an error', async () => {
    const clock = new FakeClock();
    const store = new MapStore();
    store.broken = true;
    const c = cache(clock, { store });
    assert.equal(await c.get('k'), undefined);
    await c.set('k', 'v');
    assert.deepEqual(await c.get('k'), { value: 'v', fresh: true });
  });
});

describe('cacheKey', () => {
  const base = { service: 'cloudtrail', operation: 'LookupEvents', region: 'us-east-1', account: '111122223333' };
  const same: [string, unknown, unknown][] = [
    [
      'parameters in another order',
      { MaxResults: 50, LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'x' }] },
      { LookupAttributes: [{ AttributeValue: 'x', AttributeKey: 'EventName' }], MaxResults: 50 },
    ],
    [
      'a Date or its ISO string',
      { StartTime: new Date('2026-01-01T00:00:00Z') },
      { StartTime: '2026-01-01T00:00:00.000Z' },
    ],
    ['an undefined member or none', { NextToken: undefined, MaxResults: 50 }, { MaxResults: 50 }],
  ];
  for (const [name, a, b] of same)
    test(`the same key for ${name}`, () => {
      assert.equal(cacheKey({ ...base, params: a }), cacheKey({ ...base, params: b }));
    });

  const different: [string, Partial<typeof base> & { params?: unknown }][] = [
    ['another Region', { region: 'eu-west-1' }],
    ['another account', { account: '444455556666' }],
    ['another operation', { operation: 'GetTrail' }],
    ['another page', { params: { MaxResults: 50, NextToken: 't2' } }],
  ];
  for (const [name, change] of different)
    test(`another key for ${name}`, () => {
      const params = { MaxResults: 50 };
      assert.notEqual(cacheKey({ ...base, params }), cacheKey({ ...base, params, ...change }));
    });
});
