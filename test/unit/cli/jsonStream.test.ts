import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MappedArray, writeJson } from '../../../src/cli/jsonStream';

function written(value: unknown): { text: string; chunks: number } {
  let text = '';
  let chunks = 0;
  writeJson(value, (chunk) => {
    text += chunk;
    chunks++;
  });
  return { text, chunks };
}

describe('writeJson', () => {
  test('writes what JSON.stringify(value, null, 2) does', () => {
    const values: unknown[] = [
      null,
      'a "quoted"\nline',
      42,
      true,
      [],
      {},
      [[], {}, [[1, [2, { a: [] }]]]],
      {
        a: undefined,
        b: () => 1,
        c: [undefined, () => 1, null],
        d: { e: { f: { g: { h: [1, { i: 'deep\nline' }] } } } },
      },
      {
        files: [
          {
            path: 'p.json',
            findings: [{ rule: 'x', range: { start: { line: 1, character: 2 } }, equivalents: {} }],
            suppressed: [],
          },
          { path: 'q', error: 'no' },
        ],
      },
      { 'key with "quotes"': 'ünïcödé ✓ \u2028', empty: '' },
    ];
    for (const value of values) assert.equal(written(value).text, JSON.stringify(value, null, 2));
  });

  test('a MappedArray is written as the array of its mapped items, made one at a time', () => {
    const made: number[] = [];
    const source = [1, 2, 3];
    const value = {
      files: [
        {
          path: 'p',
          findings: new MappedArray(source, (n) => (made.push(n), { n, twice: [n, n] })),
          none: new MappedArray([], () => 1),
        },
      ],
    };
    const expected = { files: [{ path: 'p', findings: source.map((n) => ({ n, twice: [n, n] })), none: [] }] };
    assert.equal(written(value).text, JSON.stringify(expected, null, 2));
    assert.deepEqual(made, [1, 2, 3]);
  });

  test('a large report is written in several chunks', () => {
    const findings = Array.from({ length: 20_000 }, (_, i) => ({
      rule: 'redundant-resource',
      message: `'arn:aws:s3:::b/${i}' is redundant`,
      range: { start: { line: i, character: 4 } },
    }));
    const { text, chunks } = written({ files: [{ path: 'big.json', findings: new MappedArray(findings, (f) => f) }] });
    assert.equal(text, JSON.stringify({ files: [{ path: 'big.json', findings }] }, null, 2));
    assert.ok(chunks > 1, `${chunks} chunk`);
  });
});
