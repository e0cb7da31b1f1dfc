import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Catalog } from '../../../src/core/catalog';
import {
  commentSuppressionEdit,
  metadataSuppressionEdit,
  projectSuppressionEdit,
} from '../../../src/core/config/fixes';
import { parseProjectFile } from '../../../src/core/config/projectFile';
import { lintConfigFor, loadProjectFile } from '../../../src/core/config/resolve';
import { lintText, type LintResult } from '../../../src/core/lint';
import type { TextEdit } from '../../../src/core/rules/types';
import { catalogFile } from '../helpers/paths';
import { applyEdits } from '../helpers/edits';

const catalog = Catalog.load(catalogFile);

const rulesOf = (r: LintResult) => r.findings.map((f) => f.ruleId);
const apply = (text: string, e: TextEdit) => applyEdits(text, [e]);

const yamlPolicy = (comment: string, trailing = '') =>
  [
    'Version: "2012-10-17"',
    'Statement:',
    '  - Effect: Allow',
    ...(comment ? [`    ${comment}`] : []),
    `    Action: s3:*${trailing}`,
    '    Resource: arn:aws:s3:::b/*',
    '',
  ].join('\n');

describe('suppression comments', () => {
  test('a comment alone on the line above silences that rule on the next line, with its reason', () => {
    const r = lintText(yamlPolicy('# cloudwarden-ignore wildcard-action: public mirror'), 'yaml', catalog);
    assert.deepEqual(rulesOf(r), []);
    assert.equal(r.suppressed.length, 1);
    assert.deepEqual(
      [r.suppressed[0]!.finding.ruleId, r.suppressed[0]!.reason, r.suppressed[0]!.kind],
      ['wildcard-action', 'public mirror', 'comment'],
    );
  });

  test('a trailing comment silences its own line; several ids, comma-separated', () => {
    const r = lintText(
      yamlPolicy('', '  # cloudwarden-ignore resource-star, wildcard-action: reviewed'),
      'yaml',
      catalog,
    );
    assert.deepEqual(
      r.suppressed.map((s) => s.finding.ruleId),
      ['wildcard-action'],
    );
    assert.deepEqual(rulesOf(r), ['unused-suppression'], 'resource-star is not on that line');
    assert.match(r.findings[0]!.message, /no 'resource-star' finding on line 4/);
  });

  test('another rule on the line is not silenced; a misspelt id gets a did-you-mean', () => {
    const r = lintText(yamlPolicy('# cloudwarden-ignore wildcard-actoin: x'), 'yaml', catalog);
    assert.deepEqual(rulesOf(r), ['unused-suppression', 'wildcard-action']);
    assert.match(
      r.findings[0]!.message,
      /Unknown rule id 'wildcard-actoin' in a suppression\. Did you mean 'wildcard-action'\?/,
    );
  });

  test('without a reason it still applies, and says so (info, configurable)', () => {
    const r = lintText(yamlPolicy('# cloudwarden-ignore wildcard-action'), 'yaml', catalog);
    assert.deepEqual(rulesOf(r), ['suppression-without-reason']);
    assert.equal(r.findings[0]!.severity, 'info');
    assert.equal(r.suppressed[0]!.reason, undefined);
    const off = lintText(yamlPolicy('# cloudwarden-ignore wildcard-action'), 'yaml', catalog, {
      rules: { 'suppression-without-reason': 'off' },
    });
    assert.deepEqual(rulesOf(off), []);
  });

  test('a suppression of a rule turned off is not reported unused', () => {
    const r = lintText(yamlPolicy('# cloudwarden-ignore wildcard-action: x'), 'yaml', catalog, {
      rules: { 'wildcard-action': 'off' },
    });
    assert.deepEqual(rulesOf(r), []);
    assert.deepEqual(r.suppressed, []);
  });

  test('JSONC: // and /* */ comments; a "//" inside a string is not one', () => {
    const text =
      '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow",\n    // cloudwarden-ignore wildcard-action: legacy\n    "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"},\n    {"Effect": "Allow", "Action": "sqs:*", "Resource": "arn:aws:sqs:eu-west-1:111122223333:q"} /* cloudwarden-ignore wildcard-action: queue admin */\n  ]\n}\n';
    const r = lintText(text, 'json', catalog);
    assert.deepEqual(rulesOf(r), []);
    assert.deepEqual(
      r.suppressed.map((s) => s.reason),
      ['legacy', 'queue admin'],
    );
    const inString = lintText(
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Sid": "x// cloudwarden-ignore wildcard-action: no", "Action": "s3:*", "Resource": "arn:aws:s3:::b"}]}',
      'json',
      catalog,
    );
    assert.deepEqual(
      rulesOf(inString).filter((id) => id === 'wildcard-action'),
      ['wildcard-action'],
    );
  });

  test('syntax errors cannot be suppressed', () => {
    const r = lintText('# cloudwarden-ignore syntax-error: no\nStatement: [\n', 'yaml', catalog);
    assert.ok(rulesOf(r).includes('syntax-error'));
  });
});

const template = (metadata: string) => `{
  "Resources": {
    "Deployer": {
      "Type": "AWS::IAM::Role",${metadata}
      "Properties": {
        "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
        "Policies": [{"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "cloudformation:*", "Resource": "arn:aws:cloudformation:*:*:stack/app/*"}]}}]
      }
    },
    "Other": {
      "Type": "AWS::IAM::ManagedPolicy",
      "Properties": {"PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:*", "Resource": "arn:aws:sqs:*:*:q"}]}}
    }
  }
}
`;

describe('CloudFormation Metadata', () => {
  test('an ignore entry silences the rule inside its resource only', () => {
    const r = lintText(
      template(
        '\n      "Metadata": {"cloudwarden": {"ignore": [{"rule": "wildcard-action", "reason": "deploys every stack"}]}},',
      ),
      'json',
      catalog,
    );
    assert.deepEqual(
      r.suppressed.map((s) => [s.finding.ruleId, s.kind, s.reason]),
      [['wildcard-action', 'metadata', 'deploys every stack']],
    );
    assert.deepEqual(rulesOf(r), ['wildcard-action'], "the Other resource's finding stays");
  });

  test('an entry that silences nothing is reported, and one without a rule too', () => {
    const r = lintText(
      template(
        '\n      "Metadata": {"cloudwarden": {"ignore": [{"rule": ["wildcard-action", "public-principal"], "reason": "x"}, {"reason": "y"}]}},',
      ),
      'json',
      catalog,
    );
    assert.deepEqual(rulesOf(r), ['unused-suppression', 'unused-suppression', 'wildcard-action']);
    assert.match(r.findings[0]!.message, /no 'public-principal' finding in resource Deployer/);
  });

  test('the quick-fix edit adds the entry in each of its shapes, and the finding goes', () => {
    for (const metadata of [
      '',
      '\n      "Metadata": {"Owner": "ops"},',
      '\n      "Metadata": {"cloudwarden": {}},',
      '\n      "Metadata": {"cloudwarden": {"ignore": [{"rule": "resource-star", "reason": "x"}]}},',
    ]) {
      const text = template(metadata);
      const at = text.indexOf('cloudformation:*');
      const fixed = apply(text, metadataSuppressionEdit(text, at, 'wildcard-action')!);
      assert.doesNotThrow(() => JSON.parse(fixed), fixed);
      const r = lintText(fixed, 'json', catalog);
      assert.deepEqual(
        r.suppressed.map((s) => s.finding.ruleId),
        ['wildcard-action'],
        fixed,
      );
      assert.ok(rulesOf(r).includes('suppression-without-reason'), 'the placeholder reason is not a reason');
    }
    assert.match(
      apply(
        template(''),
        metadataSuppressionEdit(template(''), template('').indexOf('cloudformation:*'), 'wildcard-action')!,
      ),
      /\{\n {6}"Metadata": \{ "cloudwarden"/,
    );
    assert.equal(metadataSuppressionEdit(template(''), 3, 'wildcard-action'), undefined, 'not inside a resource');
  });
});

describe('comment quick fix', () => {
  test('YAML: a comment line above, indented like the line; JSONC the same with //', () => {
    const text = yamlPolicy('');
    const fixed = apply(text, commentSuppressionEdit(text, text.indexOf('s3:*'), 'wildcard-action', '#'));
    assert.match(fixed, /\n {4}# cloudwarden-ignore wildcard-action: TODO reason\n {4}Action: s3:\*/);
    assert.deepEqual(lintText(fixed, 'yaml', catalog).suppressed.length, 1);
    const json =
      '{"Version": "2012-10-17", "Statement": [\n  {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b"}\n]}';
    const jsonFixed = apply(json, commentSuppressionEdit(json, json.indexOf('s3:*'), 'wildcard-action', '//'));
    assert.equal(lintText(jsonFixed, 'json', catalog).suppressed.length, 1);
  });
});

describe('project-file suppressions', () => {
  const policy =
    '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:*", "sqs:*"], "Resource": ["arn:aws:s3:::b", "arn:aws:sqs:eu-west-1:111122223333:q"]}]}';

  test('path and match select the findings; the origin names the project file line', () => {
    const project = loadProjectFile(
      '/repo/.cloudwarden.yaml',
      'suppressions:\n  - path: policies/*.json\n    rule: wildcard-action\n    match: "s3:*"\n    reason: legacy\n',
    );
    const r = lintText(policy, 'json', catalog, lintConfigFor(project, '/repo/policies/a.json'));
    assert.deepEqual(
      r.suppressed.map((s) => [s.kind, s.origin, s.reason]),
      [['project', '.cloudwarden.yaml:2', 'legacy']],
    );
    assert.deepEqual(rulesOf(r), ['wildcard-action'], 'sqs:* does not match');
    const elsewhere = lintText(policy, 'json', catalog, lintConfigFor(project, '/repo/other/a.json'));
    assert.deepEqual(elsewhere.suppressed, []);
  });

  test('merge order: defaults < settings < project file', () => {
    const project = loadProjectFile('/repo/.cloudwarden.yaml', 'rules:\n  wildcard-action: error\n');
    const config = lintConfigFor(project, '/repo/a.json', { 'wildcard-action': 'off', 'resource-star': 'off' });
    assert.deepEqual(config.rules, { 'wildcard-action': 'error', 'resource-star': 'off' });
  });

  test('the quick-fix edit creates the file, or appends to block and flow lists, or adds the key', () => {
    const entry = { path: 'p/a.json', ruleId: 'wildcard-action', match: 's3:*' };
    for (const existing of [
      undefined,
      '',
      'rules:\n  resource-star: info',
      'suppressions:\n  - path: x.json\n    rule: resource-star\n    reason: y\nrules: {}\n',
      'suppressions: [{path: x.json, rule: resource-star, reason: y}]\n',
      'suppressions:\n',
    ]) {
      const text = apply(existing ?? '', projectSuppressionEdit(existing, entry));
      const { config, problems } = parseProjectFile(text);
      const added = config.suppressions.find((s) => s.path === 'p/a.json');
      assert.deepEqual([added?.rules, added?.match], [['wildcard-action'], 's3:*'], text);
      assert.deepEqual(
        problems.map((p) => p.message),
        ['This suppression has no reason: say why the finding is acceptable (it still applies)'],
        text,
      );
      assert.equal(config.suppressions.length, existing?.includes('x.json') ? 2 : 1, text);
    }
  });
});
