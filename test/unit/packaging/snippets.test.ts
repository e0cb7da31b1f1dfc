import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Catalog } from '../../../src/core/catalog';
import { lintText } from '../../../src/core/lint';
import { catalogFile, repoRoot } from '../helpers/paths';

const catalog = Catalog.load(catalogFile);

interface Snippet {
  prefix: string;
  body: string[];
}

/** The text a snippet inserts when every placeholder keeps its default (the first choice of a choice). */
function expand(body: string): string {
  let text = body;
  for (let guard = 0; guard < 10 && /\$\{\d+[:|]/.test(text); guard++) {
    text = text.replace(/\$\{\d+:([^${}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1');
  }
  return text.replace(/\\\$/g, '$').replace(/\t/g, '  ');
}

/** A snippet that is a fragment (statements, a trust policy property) placed where it goes. */
function placed(text: string, language: 'json' | 'yaml'): string {
  if (language === 'json')
    return text.startsWith('{\n  "Version"') ? text : `{"Version": "2012-10-17", "Statement": [${text}]}`;
  if (text.startsWith('Version:')) return text;
  const indent = (t: string, n: number) =>
    t
      .split('\n')
      .map((l) => ' '.repeat(n) + l)
      .join('\n');
  const role = [
    'Resources:',
    '  Key:',
    '    Type: AWS::KMS::Key',
    '    Properties: {EnableKeyRotation: true}',
    '  Role:',
    '    Type: AWS::IAM::Role',
    '    Properties:',
  ];
  if (text.startsWith('AssumeRolePolicyDocument:')) return [...role, indent(text, 6)].join('\n');
  return [
    ...role,
    '      AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}',
    '      Policies:',
    '        - PolicyName: p',
    '          PolicyDocument:',
    '            Version: "2012-10-17"',
    '            Statement:',
    indent(text, 14),
  ].join('\n');
}

for (const [file, language] of [
  ['iam-policy.json', 'json'],
  ['iam-policy-yaml.json', 'yaml'],
] as const) {
  const snippets = JSON.parse(readFileSync(path.join(repoRoot, 'snippets', file), 'utf8')) as Record<string, Snippet>;
  for (const [name, snippet] of Object.entries(snippets)) {
    test(`snippet "${name}" (${snippet.prefix}) is a least-privilege policy: no warning or error`, () => {
      const text = placed(expand(snippet.body.join('\n')), language);
      const result = lintText(text, language, catalog);
      assert.ok(result.source.documents.length > 0, `no policy read from:\n${text}`);
      const serious = result.findings.filter((f) => f.severity !== 'info');
      assert.deepEqual(
        serious.map((f) => `${f.ruleId}: ${f.message}`),
        [],
        text,
      );
    });
  }
}
