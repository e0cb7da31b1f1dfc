import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PairMemo } from '../../../src/core/activity/pairMemo';

describe('answers remembered by two keys', () => {
  test('an answer is made once per pair, undefined answers included', () => {
    const memo = new PairMemo<string, string, string | undefined>();
    let made = 0;
    const make = (value: string | undefined) => () => (made++, value);
    assert.equal(memo.get('s3', 'GetObject', make('s3:GetObject')), 's3:GetObject');
    assert.equal(memo.get('s3', 'GetObject', make('other')), 's3:GetObject');
    assert.equal(memo.get('signin', 'ConsoleLogin', make(undefined)), undefined);
    assert.equal(memo.get('signin', 'ConsoleLogin', make('other')), undefined);
    assert.equal(made, 2);
  });

  test('each level is emptied at its limit: made-up names never grow it without end', () => {
    const memo = new PairMemo<number, number, number>(3);
    let made = 0;
    for (let a = 0; a < 10; a++) for (let b = 0; b < 10; b++) memo.get(a, b, () => (made++, a * b));
    assert.equal(made, 100);
    assert.equal(
      memo.get(9, 9, () => -1),
      81,
      'the last pair is still remembered',
    );
    assert.equal(
      memo.get(0, 0, () => -1),
      -1,
      'an early one was let go',
    );
  });
});
