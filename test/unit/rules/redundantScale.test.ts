/**
 * redundant-action and redundant-resource index the list's wildcards (GlobIndex) instead of testing
 * every pair of entries. These tests hold them to the pairwise algorithm they replaced, written out here
 * as the reference: on random lists built to collide often, and on the scale benchmark's lists.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Catalog } from '../../../src/core/catalog';
import { lintText } from '../../../src/core/lint';
import { globMatcher, hasWildcard } from '../../../src/core/policy/values';
import { resourceListOf, seeded, shuffledActions } from '../../harness/hugePolicies';
import { catalogFile } from '../helpers/paths';

const catalog = Catalog.load(catalogFile);

/** The pairwise reference: for each entry, the earlier duplicate, else the first wildcard entry that covers it. */
function pairwise(
  texts: readonly string[],
  caseSensitive: boolean,
  covers: (wide: string, narrow: string) => boolean,
): { at: number; by: number }[] {
  const lower = texts.map((t) => (caseSensitive ? t : t.toLowerCase()));
  const out: { at: number; by: number }[] = [];
  texts.forEach((narrow, i) => {
    const first = lower.indexOf(lower[i]!);
    const j =
      first < i
        ? first
        : texts.findIndex((wide, k) => k !== i && hasWildcard(wide) && lower[k] !== lower[i] && covers(wide, narrow));
    if (j >= 0) out.push({ at: i, by: j });
  });
  return out;
}

const coversAction = (wide: string, narrow: string): boolean => {
  const matches = globMatcher(wide);
  if (!hasWildcard(narrow)) return matches(narrow);
  const granted = catalog.expand(narrow).actions;
  return granted.length > 0 && granted.every((a) => matches(a.fullName));
};

const coversResource = (wide: string, narrow: string): boolean => !/\$\{/.test(wide) && globMatcher(wide, true)(narrow);

/** The rule's findings on one list, as (index of the covered entry, message). */
function reported(
  rule: string,
  element: 'Action' | 'Resource',
  texts: readonly string[],
): { at: number; message: string }[] {
  const other = element === 'Action' ? '"Resource": "*"' : '"Action": "s3:GetObject"';
  const text = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", ${other}, "${element}": [\n${texts.map((t) => JSON.stringify(t)).join(',\n')}\n]}]}`;
  const starts: number[] = [];
  for (let i = 0, at = text.indexOf('[\n') + 2; i < texts.length; i++) {
    starts.push(at + 1);
    at += JSON.stringify(texts[i]).length + 2;
  }
  return lintText(text, 'json', catalog, { rules: { [rule]: 'info' } })
    .findings.filter((f) => f.ruleId === rule)
    .map((f) => ({ at: starts.indexOf(f.span.start), message: f.message }));
}

function expected(
  texts: readonly string[],
  caseSensitive: boolean,
  covers: (wide: string, narrow: string) => boolean,
): { at: number; message: string }[] {
  return pairwise(texts, caseSensitive, covers).map(({ at, by }) => {
    const [narrow, wide] = [texts[at]!, texts[by]!];
    const same = caseSensitive ? narrow === wide : narrow.toLowerCase() === wide.toLowerCase();
    return {
      at,
      message: same ? `'${narrow}' is listed twice.` : `'${narrow}' is redundant: '${wide}' already covers it.`,
    };
  });
}

function randomText(random: () => number, alphabet: string, max: number): string {
  let s = '';
  for (let i = 1 + Math.floor(random() * max); i > 0; i--) s += alphabet[Math.floor(random() * alphabet.length)]!;
  return s;
}

describe('redundancy rules: the same findings as comparing every pair', () => {
  test('random resource lists (wildcards, ?, policy variables, repeats)', () => {
    const random = seeded(11);
    const pieces = ['arn:aws:s3:::', 'b', 'b/', 'k', '*', '?', '${aws:username}', '/', 'x'];
    for (let round = 0; round < 200; round++) {
      const texts = Array.from({ length: 2 + Math.floor(random() * 14) }, () => {
        let s = '';
        for (let n = 1 + Math.floor(random() * 4); n > 0; n--) s += pieces[Math.floor(random() * pieces.length)]!;
        return s;
      });
      assert.deepEqual(
        reported('redundant-resource', 'Resource', texts),
        expected(texts, true, coversResource),
        JSON.stringify(texts),
      );
    }
  });

  test('random action lists (names, patterns over names and services, other cases, repeats)', () => {
    const random = seeded(12);
    const names = catalog
      .actionsOf('s3')
      .map((a) => a.fullName)
      .slice(0, 40)
      .concat(catalog.actionsOf('sqs').map((a) => a.fullName));
    for (let round = 0; round < 200; round++) {
      const texts = Array.from({ length: 2 + Math.floor(random() * 14) }, () => {
        const name = names[Math.floor(random() * names.length)]!;
        const roll = random();
        if (roll < 0.3) return name;
        if (roll < 0.4) return name.toUpperCase();
        if (roll < 0.7) return `${name.slice(0, name.indexOf(':') + 1 + Math.floor(random() * 5))}*`;
        if (roll < 0.8) return `${name.slice(0, -1)}?`;
        if (roll < 0.9) return `s${randomText(random, '3q*?', 2)}:${randomText(random, 'GL*', 3)}*`;
        return '*';
      });
      assert.deepEqual(
        reported('redundant-action', 'Action', texts),
        expected(texts, false, coversAction),
        JSON.stringify(texts),
      );
    }
  });

  test("the scale benchmark's lists: 2,000 resources and 2,000 actions", () => {
    const resources = resourceListOf(2_000);
    const found = reported('redundant-resource', 'Resource', resources);
    assert.ok(found.length > 20, `${found.length} findings`);
    assert.deepEqual(found, expected(resources, true, coversResource));
    const actions = shuffledActions(catalog)
      .slice(0, 2_000)
      .map((name, i) =>
        i % 20 === 10
          ? `${name.slice(0, name.indexOf(':'))}:${name.slice(name.indexOf(':') + 1, name.indexOf(':') + 4)}*`
          : name,
      );
    const foundActions = reported('redundant-action', 'Action', actions);
    assert.ok(foundActions.length > 10, `${foundActions.length} findings`);
    assert.deepEqual(foundActions, expected(actions, false, coversAction));
  });
});
