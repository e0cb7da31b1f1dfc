import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  Catalog,
  hoverAt,
  inFileSuppression,
  lintText,
  projectFileSuppression,
  readPolicySource,
  rewritesAt,
  type Finding,
} from '../../../src/core';
import { catalogFile } from '../helpers/paths';

const catalog = Catalog.load(catalogFile);
const policy = (statement: string) => `{"Version": "2012-10-17", "Statement": [${statement}]}`;
const at = (text: string, needle: string, delta = 1) => text.indexOf(needle) + delta;

describe('core: what a hover says', () => {
  const text = policy(
    '{"Effect": "Allow", "Action": ["s3:GetObject", "ec2:Describe*"], "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-1"}}}',
  );
  const source = readPolicySource(text, 'json');

  test("on an action, its documentation and the action's span", () => {
    const answer = hoverAt(source, at(text, 's3:GetObject'), catalog)!;
    assert.match(answer.markdown, /\*\*s3:GetObject\*\* · Read/);
    assert.equal(text.slice(answer.span.start, answer.span.end), 's3:GetObject');
  });
  test('on a pattern, what it grants; on an ARN, its fields; on a condition key, its type', () => {
    assert.match(
      hoverAt(source, at(text, 'ec2:Describe*'), catalog)!.markdown,
      /ec2:Describe\*`\*\* grants \d+ actions/,
    );
    assert.match(hoverAt(source, at(text, 'arn:aws:s3:::b/*', 3), catalog)!.markdown, /object/i);
    assert.match(hoverAt(source, at(text, 'aws:PrincipalOrgID'), catalog)!.markdown, /aws:PrincipalOrgID/);
  });
  test('nothing between elements, nothing in a file without policies', () => {
    assert.equal(hoverAt(source, 1, catalog), undefined);
    assert.equal(hoverAt(readPolicySource('{"name": "x"}', 'json'), 3, catalog), undefined);
  });
});

describe('core: which rewrite applies', () => {
  test("a wildcard in an Allow's Action: written out, all or only Read and List", () => {
    const text = policy('{"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}');
    const titles = rewritesAt(readPolicySource(text, 'json'), text, at(text, 'sqs:*'), catalog).map((f) => f.title);
    assert.equal(titles.length, 2, titles.join(' | '));
    assert.match(titles.join(' | '), /Read and List level only/);
  });
  test('never where writing out would widen: a Deny, a NotAction', () => {
    for (const statement of [
      '{"Effect": "Deny", "Action": "sqs:Get*", "Resource": "*"}',
      '{"Effect": "Allow", "NotAction": "sqs:Get*", "Resource": "*"}',
    ]) {
      const text = policy(statement);
      assert.deepEqual(rewritesAt(readPolicySource(text, 'json'), text, at(text, 'sqs:Get*'), catalog), [], statement);
    }
  });
});

describe('core: which suppression a finding gets', () => {
  const findingIn = (text: string, format: 'json' | 'yaml', rule: string): Finding =>
    lintText(text, format, catalog).findings.find((f) => f.ruleId === rule)!;

  test('a comment in YAML and JSON with comments; none in plain JSON; never for a syntax error', () => {
    const yaml = 'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action: s3:*\n    Resource: "*"\n';
    const inYaml = inFileSuppression(findingIn(yaml, 'yaml', 'wildcard-action'), {
      text: yaml,
      format: 'yaml',
      jsonComments: false,
      shape: 'policy',
    })!;
    assert.equal(inYaml.title, 'Suppress wildcard-action with a comment');
    assert.match(inYaml.edit.newText, /# cloudwarden-ignore wildcard-action/);
    const json = policy('{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}');
    const finding = findingIn(json, 'json', 'wildcard-action');
    assert.equal(
      inFileSuppression(finding, { text: json, format: 'json', jsonComments: false, shape: 'policy' }),
      undefined,
    );
    assert.match(
      inFileSuppression(finding, { text: json, format: 'json', jsonComments: true, shape: 'policy' })!.edit.newText,
      /\/\/ cloudwarden-ignore wildcard-action/,
    );
    const syntax: Finding = {
      ruleId: 'syntax-error',
      severity: 'error',
      message: 'x',
      span: { start: 0, end: 1 },
      fixes: [],
    };
    assert.equal(
      inFileSuppression(syntax, { text: yaml, format: 'yaml', jsonComments: false, shape: 'policy' }),
      undefined,
    );
  });
  test('the project file entry names the file, the rule and the element', () => {
    const json = policy('{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}');
    const s = projectFileSuppression(findingIn(json, 'json', 'wildcard-action'), json, undefined, 'policies/p.json')!;
    assert.equal(s.title, 'Suppress wildcard-action here in .cloudwarden.yaml');
    assert.match(s.edit.newText, /path: "policies\/p\.json"\n\s+rule: wildcard-action\n\s+match: "s3:\*"/);
  });
});
