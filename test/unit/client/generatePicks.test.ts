import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  arnProblem,
  ENTER_ARN,
  formatOfLanguage,
  formatPicks,
  isGenerateArgument,
  principalPicks,
} from '../../../src/extension/generatePicks';

describe('the questions of "Generate least-privilege policy from activity"', () => {
  test("the format: the active editor's language first, JSON for any other", () => {
    const cases: [string | undefined, string][] = [
      ['json', 'json'],
      ['jsonc', 'json'],
      ['yaml', 'yaml'],
      ['typescript', 'typescript'],
      ['typescriptreact', 'typescript'],
      ['terraform', 'terraform'],
      ['python', 'json'],
      [undefined, 'json'],
    ];
    for (const [language, format] of cases) {
      assert.equal(formatOfLanguage(language), format, String(language));
      const picks = formatPicks(language);
      assert.equal(picks[0]!.format, format, String(language));
      assert.deepEqual(picks.map((p) => p.format).sort(), ['json', 'terraform', 'typescript', 'yaml']);
    }
  });

  test('the principals: name, account and where each was found, then a way to type an ARN', () => {
    const picks = principalPicks([
      { principal: 'arn:aws:iam::111122223333:role/app', from: '.cloudwarden.yaml:3' },
      { principal: 'arn:aws:iam::123837392027:user/bert-jan', from: 'CloudTrail log files: 137 actions' },
    ]);
    assert.deepEqual(picks, [
      {
        label: 'role/app',
        description: '111122223333',
        detail: 'arn:aws:iam::111122223333:role/app, from .cloudwarden.yaml:3',
        principal: 'arn:aws:iam::111122223333:role/app',
      },
      {
        label: 'user/bert-jan',
        description: '123837392027',
        detail: 'arn:aws:iam::123837392027:user/bert-jan, from CloudTrail log files: 137 actions',
        principal: 'arn:aws:iam::123837392027:user/bert-jan',
      },
      { label: ENTER_ARN, description: "a role's or user's ARN" },
    ]);
    assert.deepEqual(principalPicks([]), [{ label: ENTER_ARN, description: "a role's or user's ARN" }]);
  });

  test("a typed ARN: a role's, user's or session's", () => {
    const cases: [string, boolean][] = [
      ['arn:aws:iam::111122223333:role/app', true],
      ['arn:aws:iam::111122223333:role/service-role/app', true],
      [' arn:aws-us-gov:iam::111122223333:user/alice ', true],
      ['arn:aws:sts::111122223333:assumed-role/app/session', true],
      ['arn:aws:iam::111122223333:policy/p', false],
      ['arn:aws:iam::1111:role/app', false],
      ['app', false],
      ['', false],
    ];
    for (const [text, ok] of cases) assert.equal(arnProblem(text) === undefined, ok, text);
  });

  test('the argument that skips the questions', () => {
    const cases: [unknown, boolean][] = [
      [{ principal: 'arn:aws:iam::111122223333:role/app', days: 90, format: 'yaml' }, true],
      [{ principal: 'arn:aws:iam::111122223333:role/app', days: 90, format: 'xml' }, false],
      [{ principal: 'arn:aws:iam::111122223333:role/app', days: '90', format: 'json' }, false],
      [{ days: 90, format: 'json' }, false],
      ['arn:aws:iam::111122223333:role/app', false],
      [undefined, false],
    ];
    for (const [value, ok] of cases) assert.equal(isGenerateArgument(value), ok, JSON.stringify(value));
  });
});
