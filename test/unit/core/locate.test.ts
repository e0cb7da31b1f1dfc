import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findActionAt, type PolicySyntax } from '../../../src/core/policy/locate';

/** `|` marks the cursor; the expected value is the action string around it, or undefined. */
const cases: { name: string; syntax: PolicySyntax; text: string; expected: string | undefined }[] = [
  { name: 'JSON string action', syntax: 'json', text: '{"Action": "s3:Get|Object"}', expected: 's3:GetObject' },
  { name: 'JSON action array element', syntax: 'json', text: '{"Action": ["s3:ListBucket", "s3:Get|Object"]}', expected: 's3:GetObject' },
  { name: 'JSON NotAction', syntax: 'json', text: '{"NotAction": "iam:|*"}', expected: 'iam:*' },
  { name: 'JSON cursor on the key', syntax: 'json', text: '{"Act|ion": "s3:GetObject"}', expected: undefined },
  { name: 'JSON other element', syntax: 'json', text: '{"Resource": "arn:aws:s3:::b|ucket"}', expected: undefined },
  { name: 'JSON nested in a CLI output shape', syntax: 'json', text: '{"PolicyVersion":{"Document":{"Statement":[{"Action":"kms:|Decrypt"}]}}}', expected: 'kms:Decrypt' },
  { name: 'JSON half-typed', syntax: 'json', text: '{"Statement": [{"Action": ["s3:Get|Object", ', expected: 's3:GetObject' },
  { name: 'JSONC with comments and trailing comma', syntax: 'json', text: '{\n// why\n"Action": ["s3:Put|Object",],}', expected: 's3:PutObject' },
  { name: 'YAML plain scalar', syntax: 'yaml', text: 'Action: s3:Get|Object\n', expected: 's3:GetObject' },
  { name: 'YAML quoted scalar', syntax: 'yaml', text: 'Action: "s3:Get|Object"\n', expected: 's3:GetObject' },
  { name: 'YAML block sequence', syntax: 'yaml', text: 'Action:\n  - s3:ListBucket\n  - s3:Get|Object\n', expected: 's3:GetObject' },
  { name: 'YAML flow sequence', syntax: 'yaml', text: 'Action: [s3:ListBucket, "s3:Get|Object"]\n', expected: 's3:GetObject' },
  { name: 'YAML with CloudFormation tags', syntax: 'yaml', text: 'Resource: !Sub arn:${AWS::Partition}:s3:::b\nAction: ec2:Describe|*\n', expected: 'ec2:Describe*' },
  { name: 'YAML other element', syntax: 'yaml', text: 'Effect: Al|low\n', expected: undefined },
  { name: 'YAML on the key', syntax: 'yaml', text: 'Act|ion: s3:GetObject\n', expected: undefined },
  { name: 'YAML broken document', syntax: 'yaml', text: 'Action: [s3:Get|Object\nResource: *\n  bad: : :', expected: 's3:GetObject' },
];

describe('findActionAt', () => {
  for (const c of cases) {
    test(c.name, () => {
      const offset = c.text.indexOf('|');
      const text = c.text.replace('|', '');
      const found = findActionAt(text, c.syntax, offset);
      assert.equal(found?.value, c.expected);
      if (found) assert.equal(text.slice(found.start, found.end), found.value, 'the range covers exactly the value');
    });
  }

  test('never throws on garbage', () => {
    for (const text of ['', '\u0000\u0001', '{{{{', '- - - :', '"unterminated', 'a: b: c: d']) {
      for (const syntax of ['json', 'yaml'] as const) {
        for (let offset = 0; offset <= text.length; offset++) findActionAt(text, syntax, offset);
      }
    }
  });
});
