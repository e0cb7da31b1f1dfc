import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Coalescer } from '../../../src/core';
import { flush } from '../helpers/fakeClock';

/** A call that settles when the test says so, and tells whether its signal was aborted. */
function controllable<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const state = { calls: 0, aborted: false };
  const call = (signal: AbortSignal) => {
    state.calls += 1;
    signal.addEventListener('abort', () => (state.aborted = true));
    return new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
  };
  return { call, state, resolve: (v: T) => resolve(v), reject: (e: Error) => reject(e) };
}

describe('Coalescer: identical requests in flight share one call', () => {
  test('callers of the same key share one call and its answer; another key gets its own', async () => {
    const coalescer = new Coalescer();
    const a = controllable<string>();
    const b = controllable<string>();
    const first = coalescer.run('k', a.call);
    const second = coalescer.run('k', a.call);
    const other = coalescer.run('other', b.call);
    await flush();
    assert.deepEqual([a.state.calls, b.state.calls, coalescer.size], [1, 1, 2]);
    a.resolve('page');
    b.resolve('else');
    assert.deepEqual(await Promise.all([first, second, other]), ['page', 'page', 'else']);
  });

  test('a settled call is forgotten: the next request calls again', async () => {
    const coalescer = new Coalescer();
    const a = controllable<number>();
    const first = coalescer.run('k', a.call);
    await flush();
    a.resolve(1);
    await first;
    assert.equal(coalescer.size, 0);
    const again = coalescer.run('k', a.call);
    await flush();
    assert.equal(a.state.calls, 2);
    a.resolve(2);
    assert.equal(await again, 2);
  });

  test('a failure reaches every caller, and is forgotten too', async () => {
    const coalescer = new Coalescer();
    const a = controllable<number>();
    const both = [coalescer.run('k', a.call), coalescer.run('k', a.call)];
    await flush();
    a.reject(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    for (const p of both) await assert.rejects(p, { name: 'ThrottlingException' });
    assert.equal(coalescer.size, 0);
  });

  test('one caller cancelling gets its rejection at once; the call goes on for the others', async () => {
    const coalescer = new Coalescer();
    const a = controllable<string>();
    const cancel = new AbortController();
    const leaving = coalescer.run('k', a.call, cancel.signal);
    const staying = coalescer.run('k', a.call, new AbortController().signal);
    await flush();
    cancel.abort();
    await assert.rejects(leaving, { name: 'AbortError' });
    assert.equal(a.state.aborted, false);
    a.resolve('page');
    assert.equal(await staying, 'page');
  });

  test('when every caller has cancelled, the shared call is aborted and forgotten', async () => {
    const coalescer = new Coalescer();
    const a = controllable<string>();
    const cancels = [new AbortController(), new AbortController()];
    const outcomes = cancels.map((c) => coalescer.run('k', a.call, c.signal).catch((error: Error) => error.name));
    await flush();
    cancels[0]!.abort();
    await flush();
    assert.equal(a.state.aborted, false, 'one caller still waits');
    cancels[1]!.abort();
    assert.deepEqual(await Promise.all(outcomes), ['AbortError', 'AbortError']);
    assert.equal(a.state.aborted, true);
    assert.equal(coalescer.size, 0, 'a new identical request starts afresh');
  });

  test('a caller without a signal keeps the call alive whoever else cancels', async () => {
    const coalescer = new Coalescer();
    const a = controllable<string>();
    const cancel = new AbortController();
    const cancelled = coalescer.run('k', a.call, cancel.signal);
    const plain = coalescer.run('k', a.call);
    await flush();
    cancel.abort();
    await assert.rejects(cancelled);
    assert.equal(a.state.aborted, false);
    a.resolve('page');
    assert.equal(await plain, 'page');
  });

  test('an already-aborted caller is refused without starting a call', async () => {
    const coalescer = new Coalescer();
    const a = controllable<string>();
    await assert.rejects(coalescer.run('k', a.call, AbortSignal.abort()), { name: 'AbortError' });
    assert.equal(a.state.calls, 0);
  });
});
