import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Pacer, scanPages, type Page } from '../../../src/core';
import { FakeClock, flush } from '../helpers/fakeClock';

const throttling = () =>
  Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });

/**
 * A paged source of `pages` pages of 50 items whose answers a test can script: `fail[n]` lists the errors
 * thrown, one per attempt, before page n (1-based) is served. Records the fake time of every attempt.
 */
function source(clock: FakeClock, pages: number, fail: Record<number, Error[]> = {}) {
  const attempts: { page: number; at: number; signal: AbortSignal | undefined }[] = [];
  const fetchPage = async (token: string | undefined, signal: AbortSignal | undefined): Promise<Page<number>> => {
    const page = token === undefined ? 1 : Number(token);
    attempts.push({ page, at: clock.now(), signal });
    const error = fail[page]?.shift();
    if (error) throw error;
    const items = Array.from({ length: 50 }, (_, i) => (page - 1) * 50 + i);
    return { items, ...(page < pages && { nextToken: String(page + 1) }) };
  };
  return { fetchPage, attempts };
}

function setup() {
  const clock = new FakeClock();
  return { clock, pacer: new Pacer({ ratePerSecond: 2, clock }) };
}

describe('scanPages: a paced page loop that throttling never ends', () => {
  test('60 pages at 2 a second take 29.5 s, every page delivered in order', async () => {
    const { clock, pacer } = setup();
    const { fetchPage } = source(clock, 60);
    const seen: number[] = [];
    const summary = await clock.run(
      scanPages(fetchPage, {
        pacer,
        key: 'acct/us-east-1',
        onPage: (items, page) => void seen.push(page, items.length),
      }),
    );
    assert.ok(clock.now() >= 29_500 && clock.now() <= 30_000, `took ${clock.now()} ms`);
    assert.deepEqual(summary, { pages: 60, items: 3000, throttles: 0, complete: true });
    assert.deepEqual(seen, Array.from({ length: 60 }, (_, i) => [i + 1, 50]).flat());
  });

  test('a throttled answer mid-scan is waited out and asked again; the scan completes', async () => {
    const { clock, pacer } = setup();
    const { fetchPage, attempts } = source(clock, 60, { 10: [throttling(), throttling()] });
    const summary = await clock.run(
      scanPages(fetchPage, { pacer, key: 'k', backoff: { baseMs: 1000, random: () => 0 } }),
    );
    assert.deepEqual(summary, { pages: 60, items: 3000, throttles: 2, complete: true });
    assert.deepEqual(
      attempts.filter((a) => a.page === 10).map((a) => a.at),
      [4500, 5500, 6500],
      'each retry waits the back-off (1 s), not the 500 ms pace',
    );
    assert.equal(clock.now(), 31_500);
  });

  test('throttled 12 times in a row: the waits grow, capped, and the scan still completes', async () => {
    const { clock, pacer } = setup();
    const { fetchPage, attempts } = source(clock, 2, { 2: Array.from({ length: 12 }, throttling) });
    const summary = await clock.run(
      scanPages(fetchPage, { pacer, key: 'k', backoff: { baseMs: 1000, capMs: 20_000, random: () => 1 } }),
    );
    assert.equal(summary.complete, true);
    assert.equal(summary.throttles, 12);
    const times = attempts.filter((a) => a.page === 2).map((a) => a.at);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    assert.deepEqual(gaps.slice(0, 3), [3000, 9000, 20_000]);
    assert.ok(
      gaps.every((g) => g <= 20_000),
      `gaps ${gaps}`,
    );
  });

  test('a throttled answer holds back every caller on the key, not only the scan', async () => {
    const { clock, pacer } = setup();
    const { fetchPage } = source(clock, 3, { 2: [throttling()] });
    const scan = scanPages(fetchPage, { pacer, key: 'k', backoff: { baseMs: 4000, random: () => 0 } });
    await clock.advance(600); // page 2 was throttled at 500: the key is held until 4500
    let otherAt = -1;
    const other = pacer.take('k').then(() => (otherAt = clock.now()));
    await clock.run(Promise.all([scan, other]));
    assert.ok(otherAt >= 4500, `another caller got a token at ${otherAt}`);
  });

  test('another error ends the scan with that error, after the pages before it', async () => {
    const { clock, pacer } = setup();
    const denied = Object.assign(new Error('User: x is not authorized'), { name: 'AccessDeniedException' });
    const { fetchPage } = source(clock, 10, { 3: [denied] });
    const pages: number[] = [];
    await assert.rejects(
      clock.run(scanPages(fetchPage, { pacer, key: 'k', onPage: (_, page) => void pages.push(page) })),
      { name: 'AccessDeniedException' },
    );
    assert.deepEqual(pages, [1, 2]);
  });

  test('maxPages stops the scan, saying where to go on', async () => {
    const { clock, pacer } = setup();
    const { fetchPage } = source(clock, 60);
    const summary = await clock.run(scanPages(fetchPage, { pacer, key: 'k', maxPages: 5 }));
    assert.deepEqual(summary, { pages: 5, items: 250, throttles: 0, complete: false, nextToken: '6' });
  });

  const cancelWhile: [string, Record<number, Error[]>][] = [
    ['waiting for a token', {}],
    ['waiting out a throttle', { 4: Array.from({ length: 5 }, throttling) }],
  ];
  for (const [when, fail] of cancelWhile) {
    test(`cancellation stops the scan at once while ${when}`, async () => {
      const { clock, pacer } = setup();
      const { fetchPage, attempts } = source(clock, 60, fail);
      const cancel = new AbortController();
      const scan = scanPages(fetchPage, { pacer, key: 'k', signal: cancel.signal, backoff: { baseMs: 5000 } });
      await clock.advance(1700);
      const made = attempts.length;
      cancel.abort();
      await assert.rejects(scan, { name: 'AbortError' });
      assert.equal(clock.now(), 1700, 'no fake time passed between the cancel and the rejection');
      await clock.advance(60_000);
      assert.equal(attempts.length, made, 'no page asked after the cancel');
    });
  }

  test('the page call gets the signal, and its abort ends the scan as a cancellation', async () => {
    const { pacer } = setup();
    const cancel = new AbortController();
    const fetchPage = (_token: string | undefined, signal: AbortSignal | undefined) =>
      new Promise<Page<number>>((_, reject) => {
        assert.equal(signal, cancel.signal);
        // The SDK rejects an aborted request with its own error; a scan reports the cancellation.
        signal!.addEventListener('abort', () =>
          reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' })),
        );
      });
    const scan = scanPages(fetchPage, { pacer, key: 'k', signal: cancel.signal });
    await flush();
    cancel.abort();
    await assert.rejects(scan, { name: 'AbortError' });
  });
});
