import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { Catalog } from '../../../src/core/catalog';
import { lintText } from '../../../src/core/lint';
import type { NotAnalysed, SourceFormat } from '../../../src/core/policy/model';
import { readPolicySource } from '../../../src/core/sources';
import { loadGrammars } from '../helpers/grammars';
import { catalogFile } from '../helpers/paths';

/** What could not be analysed is said in the lint result, with where (as text) when it is one element. */
describe('what the readers could not analyse', () => {
  let catalog: Catalog;
  before(async () => {
    await loadGrammars();
    catalog = Catalog.load(catalogFile);
  });
  const said = (text: string, format: SourceFormat): [string, string | undefined][] =>
    lintText(text, format, catalog).notAnalysed.map((n: NotAnalysed) => [
      n.reason,
      n.span && text.slice(n.span.start, n.span.end),
    ]);

  test('a file that is not text, in any format', () => {
    const nul = '{"Statement": [\u0000\u0001\u0002 "s3:*"]}';
    for (const format of ['json', 'yaml', 'typescript', 'terraform'] as const) {
      assert.deepEqual(
        said(nul, format),
        [['the file is not text (it holds NUL bytes: binary, or UTF-16): not analysed', undefined]],
        format,
      );
    }
    // Mostly characters that did not decode (a binary read as UTF-8), without a NUL.
    const undecoded = `Statement ${'\ufffd\ufffdx'.repeat(200)}`;
    assert.deepEqual(said(undecoded, 'json'), [
      ['the file is not text (most of it is not valid UTF-8): not analysed', undefined],
    ]);
    // A few stray ones in real text are text.
    assert.deepEqual(said('{"Version": "2012-10-17", "Statement": [], "Id": "caf\ufffd"}', 'json'), []);
  });

  test('a file nested too deeply: YAML refused whole; JSON of no policy shape stopped at the limit', () => {
    const yaml = `Statement:\n${'- '.repeat(500)}x`;
    assert.deepEqual(said(yaml, 'yaml'), [['the file nests more than 400 levels deep: not analysed', undefined]]);
    const json = `[{"Statement": ${'['.repeat(500)}${']'.repeat(500)}}]`;
    assert.deepEqual(said(json, 'json'), [['the file nests more than 400 levels deep: not analysed', '[']]);
  });

  test('a file plainly meant as a policy or a template that does not parse into one; other files stay silent', () => {
    const policy = '"Version": "2012-10-17",\n"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]\n';
    const [[reason, at]] = said(policy, 'json') as [[string, string | undefined]];
    assert.match(reason, /^this file looks like a policy but does not parse \(line 1: .+\): not analysed$/);
    assert.ok(at !== undefined && policy.includes(at));
    // A stray dash makes the template a sequence: no template shape, its first error said.
    const template = '- AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Role:\n    Type: AWS::IAM::Role\n';
    assert.equal(readPolicySource(template, 'yaml').shape, 'none');
    assert.deepEqual(said(template, 'yaml'), [
      [
        'this file looks like a CloudFormation template but does not parse (line 2: Unexpected scalar at node end): not analysed',
        'Resources',
      ],
    ]);
    // A template with errors that still reads as one reports them as syntax errors, as before.
    const broken = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Role:\n    Type: AWS::IAM::Role\n  - oops\n';
    assert.deepEqual(said(broken, 'yaml'), []);
    assert.ok(lintText(broken, 'yaml', catalog).findings.some((f) => f.ruleId === 'syntax-error'));
    // A package.json that happens to say "Resources", a broken file that mentions none of it: not ours.
    assert.deepEqual(said('{"name": "x", "Resources": 1, "scripts": {', 'json'), []);
    assert.deepEqual(said('{"name": "x" "version": 1', 'json'), []);
  });

  test('CDK: a construct a syntax error swallowed is said where it is written; one that parses is read', () => {
    const text = `import * as iam from 'aws-cdk-lib/aws-iam';
const a = new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'],
const b = 1 +;
`;
    assert.deepEqual(said(text, 'typescript'), [
      ['the code around this PolicyStatement does not parse: not analysed', 'PolicyStatement'],
    ]);
    // A name in a comment or a string is no construct, even in a file with an error.
    const comment = `import * as iam from 'aws-cdk-lib/aws-iam';\n// new iam.PolicyStatement(\nconst s = 'PolicyStatement(';\nconst b = 1 +;\n`;
    assert.deepEqual(said(comment, 'typescript'), []);
  });
});
