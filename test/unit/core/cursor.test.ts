import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { targetAt, type CursorTarget } from '../../../src/core/policy/cursor';
import { readPolicySource } from '../../../src/core/sources';

/** `|` marks the cursor; `expected` is the target's kind and the text of what it points at. */
const cases: { name: string; format: 'json' | 'yaml'; text: string; expected?: [CursorTarget['kind'], string?] }[] = [
  {
    name: 'JSON action',
    format: 'json',
    text: '{"Statement": [{"Effect": "Allow", "Action": "s3:Get|Object", "Resource": "*"}]}',
    expected: ['action', 's3:GetObject'],
  },
  {
    name: 'JSON action array element',
    format: 'json',
    text: '{"Statement": [{"Action": ["s3:ListBucket", "s3:Get|Object"]}]}',
    expected: ['action', 's3:GetObject'],
  },
  {
    name: 'JSON NotAction',
    format: 'json',
    text: '{"Statement": {"NotAction": "iam:|*"}}',
    expected: ['action', 'iam:*'],
  },
  {
    name: 'JSON empty string in Action',
    format: 'json',
    text: '{"Statement": [{"Action": ["|"]}]}',
    expected: ['action', ''],
  },
  { name: 'JSON cursor on the key is nothing', format: 'json', text: '{"Statement": [{"Act|ion": "s3:GetObject"}]}' },
  {
    name: 'JSON resource',
    format: 'json',
    text: '{"Statement": [{"Action": "s3:GetObject", "Resource": "arn:aws:s3:::b|ucket/*"}]}',
    expected: ['resource', 'arn:aws:s3:::bucket/*'],
  },
  {
    name: 'JSON service principal',
    format: 'json',
    text: '{"Statement": [{"Principal": {"Service": "lambda|.amazonaws.com"}, "Action": "sts:AssumeRole"}]}',
    expected: ['principal', 'lambda.amazonaws.com'],
  },
  {
    name: 'JSON condition key',
    format: 'json',
    text: '{"Statement": [{"Condition": {"StringEquals": {"aws:Source|Account": "1"}}}]}',
    expected: ['condition-key', 'aws:SourceAccount'],
  },
  {
    name: 'JSON half-typed condition key',
    format: 'json',
    text: '{"Statement": [{"Condition": {"StringEquals": {"aws:Sou|"',
    expected: ['condition-key', 'aws:Sou'],
  },
  {
    name: 'JSON condition operator',
    format: 'json',
    text: '{"Statement": [{"Condition": {"String|Equals": {"aws:SourceAccount": "1"}}}]}',
    expected: ['condition-operator', 'StringEquals'],
  },
  {
    name: 'JSON condition value',
    format: 'json',
    text: '{"Statement": [{"Condition": {"StringEquals": {"aws:SourceAccount": "1|"}}}]}',
    expected: ['condition-value', '1'],
  },
  {
    name: 'JSON inside an empty Condition',
    format: 'json',
    text: '{"Statement": [{"Condition": { | }}]}',
    expected: ['condition-operator'],
  },
  {
    name: 'JSON CLI output shape',
    format: 'json',
    text: '{"PolicyVersion":{"Document":{"Statement":[{"Action":"kms:|Decrypt"}]}}}',
    expected: ['action', 'kms:Decrypt'],
  },
  {
    name: 'JSON half-typed',
    format: 'json',
    text: '{"Statement": [{"Action": ["s3:Get|Object", ',
    expected: ['action', 's3:GetObject'],
  },
  {
    name: 'JSONC comments and trailing commas',
    format: 'json',
    text: '{\n// why\n"Statement": [{"Action": ["s3:Put|Object",],}]}',
    expected: ['action', 's3:PutObject'],
  },
  {
    name: 'YAML plain scalar',
    format: 'yaml',
    text: 'Statement:\n  - Action: s3:Get|Object\n',
    expected: ['action', 's3:GetObject'],
  },
  {
    name: 'YAML quoted in a flow sequence',
    format: 'yaml',
    text: 'Statement:\n  - Action: [s3:ListBucket, "s3:Get|Object"]\n',
    expected: ['action', 's3:GetObject'],
  },
  {
    name: 'YAML block sequence',
    format: 'yaml',
    text: 'Statement:\n  - Action:\n      - s3:ListBucket\n      - s3:Get|Object\n',
    expected: ['action', 's3:GetObject'],
  },
  { name: 'YAML Effect is nothing', format: 'yaml', text: 'Statement:\n  - Effect: Al|low\n', expected: undefined },
  {
    name: 'YAML CloudFormation template with tags',
    format: 'yaml',
    text: 'Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: ec2:Describe|*\n            Resource: !Sub arn:${AWS::Partition}:s3:::b\n',
    expected: ['action', 'ec2:Describe*'],
  },
  {
    name: 'YAML partly unknown resource',
    format: 'yaml',
    text: 'Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: s3:GetObject\n            Resource: !Sub arn:${AWS::Partition}:s3:::b|ucket/*\n',
    expected: ['resource', 'arn:${AWS::Partition}:s3:::bucket/*'],
  },
];

function shown(target: CursorTarget): string | undefined {
  switch (target.kind) {
    case 'action':
    case 'resource':
    case 'principal':
    case 'condition-value':
      return target.value?.text;
    case 'condition-key':
      return target.entry?.key.text;
    case 'condition-operator':
      return target.block?.operator.text;
  }
}

describe('targetAt', () => {
  for (const c of cases) {
    test(c.name, () => {
      const offset = c.text.indexOf('|');
      const text = c.text.replace('|', '');
      const target = targetAt(readPolicySource(text, c.format), offset);
      assert.deepEqual(
        target && [target.kind, shown(target)].filter((x) => x !== undefined),
        c.expected?.filter((x) => x !== undefined),
      );
    });
  }

  test('never throws on garbage', () => {
    for (const text of [
      '',
      '\u0000\u0001',
      '{"Statement": {{{{',
      'Statement: - - - :',
      '"unterminated',
      'Statement: b: c: d',
    ]) {
      for (const format of ['json', 'yaml'] as const) {
        const source = readPolicySource(text, format);
        for (let offset = 0; offset <= text.length; offset++) targetAt(source, offset);
      }
    }
  });
});
