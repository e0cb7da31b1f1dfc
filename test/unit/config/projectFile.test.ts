import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compilePathGlob } from '../../../src/core/config/pathGlob';
import { parseProjectFile } from '../../../src/core/config/projectFile';
import { LineIndex } from '../../../src/core/text/lines';

/** Each problem as `line:col severity message` (1-based), to check where it points. */
function problems(text: string): string[] {
  const index = new LineIndex(text);
  return parseProjectFile(text).problems.map((p) => {
    const at = index.positionAt(p.span.start);
    return `${at.line + 1}:${at.character + 1} ${p.severity} ${p.message}`;
  });
}

describe('.cloudwarden.yaml', () => {
  test('a valid file: rules, ignore and suppressions, typed', () => {
    const text = [
      'rules:',
      '  resource-star: info',
      '  invalid-sid: off',
      'ignore: [vendor, "**/*.generated.json"]',
      'suppressions:',
      '  - path: policies/legacy.json',
      '    rule: [wildcard-action, resource-star]',
      '    reason: replaced in Q3',
      '    match: "s3:*"',
      '',
    ].join('\n');
    const { config, problems: found } = parseProjectFile(text);
    assert.deepEqual(found, []);
    assert.deepEqual(config.rules, { 'resource-star': 'info', 'invalid-sid': 'off' });
    assert.deepEqual(config.ignore, ['vendor', '**/*.generated.json']);
    assert.equal(config.suppressions.length, 1);
    const s = config.suppressions[0]!;
    assert.deepEqual(
      [s.path, s.rules, s.reason, s.match],
      ['policies/legacy.json', ['wildcard-action', 'resource-star'], 'replaced in Q3', 's3:*'],
    );
  });

  test('empty and comment-only files are the defaults, without problems', () => {
    for (const text of ['', '# nothing yet\n']) {
      const { config, problems: found } = parseProjectFile(text);
      assert.deepEqual(found, []);
      assert.deepEqual(config, { rules: {}, ignore: [], suppressions: [], principals: [], stacks: [] });
    }
  });

  test('problems point at the key or value, with did-you-mean; the usable rest still applies', () => {
    const text = [
      'rules:',
      '  wildcard-acton: off',
      '  resource-star: loud',
      '  admin-access: warning',
      'suppresions: []',
      'suppressions:',
      '  - path: a.json',
      '    rule: wildcard-action',
      '  - rule: resource-star',
      '    reason: x',
      '  - path: b.json',
      '    rule: unknown-thing',
      '    reason: x',
      '    rason: y',
      '',
    ].join('\n');
    assert.deepEqual(problems(text), [
      "2:3 warning Unknown rule id 'wildcard-acton'. Did you mean 'wildcard-action'?",
      "3:18 error The setting of 'resource-star' must be error, warning, info or off",
      "5:1 warning Unknown key 'suppresions' in the project file (it has rules, ignore, suppressions, principals and stacks). Did you mean 'suppressions'?",
      '7:5 warning This suppression has no reason: say why the finding is acceptable (it still applies)',
      '9:5 error This suppression has no path (a glob of the files it applies to)',
      "12:11 warning Unknown rule id 'unknown-thing'.",
      "14:5 warning Unknown key 'rason' in a suppression (it has path, rule, reason and match). Did you mean 'reason'?",
    ]);
    const { config } = parseProjectFile(text);
    assert.deepEqual(config.rules, { 'admin-access': 'warning' });
    assert.deepEqual(
      config.suppressions.map((s) => [s.path, s.reason]),
      [['a.json', undefined]],
    );
  });

  test('broken YAML and wrong shapes degrade to defaults plus problems, never an exception', () => {
    assert.match(problems('rules: [unclosed\n')[0]!, /^\d+:\d+ error /);
    assert.deepEqual(problems('- a\n- b\n'), [
      '1:1 error The project file must be a mapping with the keys rules, ignore, suppressions, principals and stacks',
    ]);
    assert.deepEqual(problems('rules: off\nignore: {a: 1}\n'), [
      '1:8 error rules must be a mapping of rule id to error, warning, info or off',
      '2:9 error ignore must be a list',
    ]);
    assert.deepEqual(parseProjectFile('\u0000\u0001: [').config, {
      rules: {},
      ignore: [],
      suppressions: [],
      principals: [],
      stacks: [],
    });
  });

  test("principals: the role or user each files' policies belong to; wrong entries said where", () => {
    const text = `principals:
  - files: 'infra/*.yaml'
    resource: AppRole
    principal: arn:aws:iam::111122223333:role/app
  - principal: arn:aws:iam::111122223333:user/ci
  - principal: role/app
  - files: a.json
  - principal: arn:aws:iam::111122223333:role/x
    role: y
`;
    const { config } = parseProjectFile(text);
    assert.deepEqual(
      config.principals.map(({ span: _span, ...p }) => p),
      [
        { files: 'infra/*.yaml', resource: 'AppRole', principal: 'arn:aws:iam::111122223333:role/app' },
        { principal: 'arn:aws:iam::111122223333:user/ci' },
        { principal: 'arn:aws:iam::111122223333:role/x' },
      ],
    );
    assert.deepEqual(problems(text), [
      "6:16 error principal must be a role's or user's ARN (arn:aws:iam::111122223333:role/name)",
      '7:5 error This entry has no principal (the ARN of the role or user its policies belong to)',
      "9:5 warning Unknown key 'role' in a principals entry (it has files, resource and principal).",
    ]);
  });

  test('stacks: the stack each template is deployed as; wrong entries said where', () => {
    const text = `stacks:
  - files: 'templates/orders.yaml'
    stack: orders-service-dev
    region: us-east-1
  - stack: arn:aws:cloudformation:us-east-1:111122223333:stack/app/0a1b
  - stack: 3-starts-with-a-digit
  - files: x.yaml
  - stack: ok
    region: Frankfurt
  - stack: ok
    regoin: eu-west-1
`;
    const { config } = parseProjectFile(text);
    assert.deepEqual(
      config.stacks.map(({ span: _span, ...s }) => s),
      [
        { files: 'templates/orders.yaml', stack: 'orders-service-dev', region: 'us-east-1' },
        { stack: 'arn:aws:cloudformation:us-east-1:111122223333:stack/app/0a1b' },
        { stack: 'ok' },
      ],
    );
    assert.deepEqual(problems(text), [
      "6:12 error stack must be a stack's name (letters, digits and hyphens, starting with a letter) or its id",
      '7:5 error This entry has no stack (the name of the CloudFormation stack these templates are deployed as)',
      "9:13 error region must be an AWS Region such as us-east-1, not 'Frankfurt'",
      "11:5 warning Unknown key 'regoin' in a stacks entry (it has files, stack and region). Did you mean 'region'?",
    ]);
  });

  test('the placeholder reason of the quick fixes counts as none', () => {
    const { config, problems: found } = parseProjectFile(
      'suppressions:\n  - path: a.json\n    rule: wildcard-action\n    reason: TODO reason\n',
    );
    assert.equal(config.suppressions[0]!.reason, undefined);
    assert.equal(found.length, 1);
  });
});

describe('path globs', () => {
  const cases: [string, string, boolean][] = [
    ['vendor', 'vendor/x/p.json', true],
    ['vendor/', 'vendor/p.json', true],
    ['vendor', 'src/vendor/p.json', true],
    ['/vendor', 'src/vendor/p.json', false],
    ['*.generated.json', 'a/b/c.generated.json', true],
    ['*.generated.json', 'a/b/c.json', false],
    ['policies/*.json', 'policies/a.json', true],
    ['policies/*.json', 'policies/sub/a.json', false],
    ['policies/**/*.json', 'policies/a.json', true],
    ['policies/**/*.json', 'policies/sub/deep/a.json', true],
    ['./templates/{a,b}.yaml', 'templates/b.yaml', true],
    ['templates/?.yaml', 'templates/ab.yaml', false],
    ['a.json', 'a.jsonx', false],
    ['a+b.json', 'a+b.json', true],
  ];
  for (const [pattern, file, expected] of cases) {
    test(`${pattern} ${expected ? 'matches' : 'does not match'} ${file}`, () =>
      assert.equal(compilePathGlob(pattern)(file), expected));
  }
});
