import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lastTextMemo, lineEndOf, lineStartOf } from '../../../src/core/text/lines';
import { removeListItem, withQuotes } from '../../../src/core/rules/edits';
import type { Span } from '../../../src/core/policy/model';
import { seeded } from '../../harness/hugePolicies';

/** Short lines, and lines far longer than lineStartOf's look-back (minified JSON). */
function texts(): string[] {
  const random = seeded(5);
  const out = ['', '\n', 'abc', '\nabc\n', 'a\r\nb\r\n'];
  for (let n = 0; n < 30; n++) {
    let s = '';
    const lines = 1 + Math.floor(random() * 5);
    for (let l = 0; l < lines; l++) s += `${'x'.repeat(Math.floor(random() * (random() < 0.5 ? 20 : 1_500)))}\n`;
    out.push(random() < 0.5 ? s : s.slice(0, -1));
  }
  return out;
}

describe('line look-ups that stay cheap on long lines', () => {
  test('lineStartOf and lineEndOf answer as lastIndexOf and indexOf do', () => {
    for (const text of texts()) {
      for (let offset = 0; offset <= text.length + 1; offset++) {
        assert.equal(
          lineStartOf(text, offset),
          text.lastIndexOf('\n', offset - 1) + 1,
          `${offset} in ${JSON.stringify(text.slice(0, 40))}`,
        );
        const end = text.indexOf('\n', offset);
        assert.equal(lineEndOf(text, offset), end < 0 ? text.length : end, `${offset}`);
      }
    }
  });

  test('lastTextMemo computes once per text, also for an equal text in another string', () => {
    let calls = 0;
    const length = lastTextMemo((text) => (calls++, text.length));
    const a = 'x'.repeat(100);
    assert.equal(length(a), 100);
    assert.equal(length(a), 100);
    assert.equal(length('y'.repeat(100).replace(/y/g, 'x')), 100);
    assert.equal(calls, 1);
    assert.equal(length('other'), 5);
    assert.equal(calls, 2);
  });

  test('removeListItem reads a block sequence entry backwards: the same edits as testing the line from its start', () => {
    // The reference: the function as it was, which sliced the line's text before the item and tested it whole.
    const reference = (text: string, spans: readonly Span[], index: number) => {
      if (spans.length < 2) return undefined;
      const item = withQuotes(text, spans[index]!);
      const lineStart = text.lastIndexOf('\n', item.start - 1) + 1;
      if (/^[ \t]*-[ \t]+$/.test(text.slice(lineStart, item.start))) {
        const lineEnd = text.indexOf('\n', item.end);
        const rest = text.slice(item.end, lineEnd < 0 ? text.length : lineEnd);
        if (!/^[ \t]*(#.*)?\r?$/.test(rest)) return undefined;
        return { span: { start: lineStart, end: lineEnd < 0 ? text.length : lineEnd + 1 }, newText: '' };
      }
      const separator = (between: string) => /^\s*,\s*$/.test(between);
      if (index + 1 < spans.length) {
        const next = withQuotes(text, spans[index + 1]!).start;
        return separator(text.slice(item.end, next))
          ? { span: { start: item.start, end: next }, newText: '' }
          : undefined;
      }
      const previous = withQuotes(text, spans[index - 1]!).end;
      return separator(text.slice(previous, item.start))
        ? { span: { start: previous, end: item.end }, newText: '' }
        : undefined;
    };
    const random = seeded(9);
    const cases = [
      'Action:\n  - s3:GetObject\n  - s3:Get*\n',
      'Action:\n\t- \ts3:GetObject\n  -  s3:Get*  # note\n',
      'Action: [s3:GetObject, s3:Get*]\n',
      '{"Action": ["s3:GetObject", "s3:Get*"]}',
      `{"Action": [${Array.from({ length: 300 }, (_, i) => `"s3:A${i}"`).join(',')}]}`,
      's3:a\n- s3:b\n - - s3:c\n-s3:d\n -\ts3:e\n- s3:f x\n',
    ];
    for (let n = 0; n < 200; n++) {
      let text = '';
      for (let k = 0; k < 6; k++)
        text += [' ', '\t', '-', '\n', ',', '"s3:x"', 's3:y', '# c'][Math.floor(random() * 8)];
      cases.push(`${text}s3:z${text}`);
    }
    for (const text of cases) {
      const spans = [...text.matchAll(/s3:[A-Za-z0-9*]+/g)].map((m) => ({
        start: m.index,
        end: m.index + m[0].length,
      }));
      spans.forEach((_, i) =>
        assert.deepEqual(
          removeListItem(text, spans, i),
          reference(text, spans, i),
          `${JSON.stringify(text)} item ${i}`,
        ),
      );
    }
  });
});
