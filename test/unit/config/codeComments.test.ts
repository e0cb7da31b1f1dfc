import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findCommentSuppressions } from '../../../src/core/config/comments';
import { commentSuppressionEdit, insideHeredoc } from '../../../src/core/config/fixes';

const lines = (text: string, format: 'typescript' | 'terraform') =>
  findCommentSuppressions(text, format).map((c) => ({
    line: c.line,
    rules: c.rules.map((r) => r.id),
    reason: c.reason,
  }));

describe('suppression comments in CDK TypeScript and Terraform', () => {
  test('TypeScript takes // after code and alone on a line; a // inside a string is not a comment', () => {
    const text = [
      "    actions: ['s3:*'], // cloudwarden-ignore wildcard-action: the mirror bucket",
      '    // cloudwarden-ignore resource-star: listing needs it',
      "    resources: ['*'],",
      "    sid: 'not // cloudwarden-ignore resource-star: a string',",
    ].join('\n');
    assert.deepEqual(lines(text, 'typescript'), [
      { line: 0, rules: ['wildcard-action'], reason: 'the mirror bucket' },
      { line: 2, rules: ['resource-star'], reason: 'listing needs it' },
    ]);
  });

  test('Terraform takes # and //, and a comment line stacks above the code it silences', () => {
    const text = [
      '    # cloudwarden-ignore wildcard-action: read-only mirror',
      '    // cloudwarden-ignore resource-star: listing needs it',
      '    actions   = ["s3:*"]',
      '    resources = ["*"] # cloudwarden-ignore resource-star: again',
    ].join('\n');
    assert.deepEqual(lines(text, 'terraform'), [
      { line: 2, rules: ['wildcard-action'], reason: 'read-only mirror' },
      { line: 2, rules: ['resource-star'], reason: 'listing needs it' },
      { line: 3, rules: ['resource-star'], reason: 'again' },
    ]);
  });

  test('a heredoc body is told apart, so no comment line is offered inside one', () => {
    const text = 'resource "aws_iam_policy" "p" {\n  policy = <<-EOT\n    {"Statement": []}\n  EOT\n  name = "x"\n}\n';
    assert.equal(insideHeredoc(text, text.indexOf('Statement')), true);
    assert.equal(insideHeredoc(text, text.indexOf('name')), false);
    assert.equal(insideHeredoc(text, text.indexOf('policy')), false);
    // An unterminated heredoc runs to the end of the text.
    assert.equal(insideHeredoc('x = <<EOF\n{"a": 1}\n', 12), true);
  });

  test('the comment edit goes on the line above, indented like it, with the file marker', () => {
    const text = 'statement {\n    actions = ["s3:*"]\n}\n';
    const edit = commentSuppressionEdit(text, text.indexOf('s3:*'), 'wildcard-action', '#');
    assert.equal(edit.span.start, text.indexOf('    actions'));
    assert.equal(edit.newText, '    # cloudwarden-ignore wildcard-action: TODO reason\n');
  });
});
