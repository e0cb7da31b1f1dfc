import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { GlobIndex } from '../../../src/core/catalog/globIndex';
import { compileGlob } from '../../../src/core/catalog/glob';
import { resourceListOf, seeded } from '../../harness/hugePolicies';

/** The reference: every pattern tested on its own with the glob compiler (what the rules did before the index). */
function naive(patterns: readonly string[], text: string): string[] {
  return [
    ...new Set(
      patterns.filter((p) => {
        const glob = compileGlob(p);
        return glob.literal ? text === glob.prefix : text.startsWith(glob.prefix) && glob.testRest(text);
      }),
    ),
  ].sort();
}

function indexOf(patterns: readonly string[]): GlobIndex {
  const index = new GlobIndex();
  patterns.forEach((p, id) => index.add(p, id));
  return index;
}

/** A random string over a small alphabet, so that patterns and texts overlap often. */
function randomText(random: () => number, alphabet: string, max: number): string {
  let s = '';
  const length = Math.floor(random() * (max + 1));
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(random() * alphabet.length)]!;
  return s;
}

describe('GlobIndex', () => {
  test('finds the patterns a text matches, as testing each one does', () => {
    const cases: [string[], string[]][] = [
      [
        ['arn:aws:s3:::b/*', 'arn:aws:s3:::b*', 'arn:aws:s3:::b/k', 'arn:*:s3:::b/?', '*'],
        ['arn:aws:s3:::b/k', 'arn:aws:s3:::b', 'arn:aws:s3:::b/*', 'arn:aws:s3:::c'],
      ],
      [
        ['s3:get*', 's3:*object', 's?:getobject', '*:*', 's3:get**', 'a?*b'],
        ['s3:getobject', 's3:get', 'sq:getobject', 'ab', 'axb', 'a*b'],
      ],
      [
        ['', '?', '*?', '?*', '**'],
        ['', 'x', 'xy'],
      ],
    ];
    for (const [patterns, texts] of cases) {
      const index = indexOf(patterns);
      for (const text of texts)
        assert.deepEqual(
          index
            .matches(text)
            .map((t) => t.pattern)
            .sort(),
          naive(patterns, text),
          `${text} in ${patterns.join(' ')}`,
        );
    }
  });

  test('randomized: the same answers as testing every pattern, ids in the order added', () => {
    const random = seeded(42);
    for (let round = 0; round < 300; round++) {
      const patterns = Array.from({ length: 1 + Math.floor(random() * 12) }, () => randomText(random, 'ab:*?', 7));
      const index = indexOf(patterns);
      for (const terminal of index.matches(''))
        assert.deepEqual(
          terminal.ids,
          patterns.flatMap((p, id) => (p === terminal.pattern ? [id] : [])),
        );
      for (let t = 0; t < 20; t++) {
        const text = randomText(random, 'ab:*?', 9);
        assert.deepEqual(
          index
            .matches(text)
            .map((m) => m.pattern)
            .sort(),
          naive(patterns, text),
          `${JSON.stringify(text)} in ${JSON.stringify(patterns)}`,
        );
      }
    }
  });

  test('work grows with the texts, not with the number of patterns (×4 entries: at most ×5 work)', () => {
    // The resources of the scale benchmark: about half wildcards, every entry asked against all of them.
    const work = (n: number) => {
      const entries = resourceListOf(n);
      const index = indexOf(entries.filter((e) => e.includes('*') || e.includes('?')));
      for (const entry of entries) index.matches(entry);
      return index.work;
    };
    const small = work(2_000);
    const large = work(8_000);
    assert.ok(
      large / small <= 5,
      `work ${small} for 2,000 entries, ${large} for 8,000: ×${(large / small).toFixed(2)}`,
    );
  });
});
