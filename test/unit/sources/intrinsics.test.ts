import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ArnPart } from '../../../src/core/catalog/types';
import type { ValueList } from '../../../src/core/policy/model';
import { read } from './invariants';

/**
 * Each intrinsic written three ways (YAML short form, YAML long form, JSON long form) as a statement's
 * whole Resource, and what it must read as: one Value, or an unknown list.
 */
type Expected = { kind: 'string' | 'unknown'; text: string; parts?: ArnPart[] } | 'unknown list';

const cases: { name: string; short: string; long: string; expected: Expected }[] = [
  {
    name: 'Ref to a pseudo parameter',
    short: '!Ref AWS::AccountId',
    long: '{"Ref": "AWS::AccountId"}',
    expected: { kind: 'string', text: '${AWS::AccountId}', parts: [{ unknown: 'AWS::AccountId' }] },
  },
  {
    name: 'Ref to a resource',
    short: '!Ref Bucket',
    long: '{"Ref": "Bucket"}',
    expected: { kind: 'string', text: '${Bucket}', parts: [{ unknown: 'Bucket' }] },
  },
  {
    name: 'Ref to a list parameter',
    short: '!Ref BucketArns',
    long: '{"Ref": "BucketArns"}',
    expected: 'unknown list',
  },
  {
    name: 'Sub with pseudo parameters and a resource',
    short: "!Sub 'arn:${AWS::Partition}:s3:::${Bucket}/*'",
    long: '{"Fn::Sub": "arn:${AWS::Partition}:s3:::${Bucket}/*"}',
    expected: {
      kind: 'string',
      text: 'arn:${AWS::Partition}:s3:::${Bucket}/*',
      parts: ['arn:', { unknown: 'AWS::Partition' }, ':s3:::', { unknown: 'Bucket' }, '/*'],
    },
  },
  {
    name: 'Sub with only a ${!Literal}: a plain string',
    short: '!Sub arn:aws:s3:::b/${!Literal}',
    long: '{"Fn::Sub": "arn:aws:s3:::b/${!Literal}"}',
    expected: { kind: 'string', text: 'arn:aws:s3:::b/${Literal}' },
  },
  {
    name: 'Sub with a variables map: literal, Ref, GetAtt, unknown',
    short:
      "!Sub ['arn:aws:s3:::${Name}/${Other}/${Arn}/${Picked}', {Name: fixed, Other: !Ref Param, Arn: !GetAtt B.Arn, Picked: !Select [0, [a]]}]",
    long: '{"Fn::Sub": ["arn:aws:s3:::${Name}/${Other}/${Arn}/${Picked}", {"Name": "fixed", "Other": {"Ref": "Param"}, "Arn": {"Fn::GetAtt": ["B", "Arn"]}, "Picked": {"Fn::Select": [0, ["a"]]}}]}',
    expected: {
      kind: 'string',
      text: 'arn:aws:s3:::fixed/${Param}/${B.Arn}/${Picked}',
      parts: ['arn:aws:s3:::fixed/', { unknown: 'Param' }, '/', { unknown: 'B.Arn' }, '/', { unknown: 'Picked' }],
    },
  },
  {
    name: 'GetAtt, dotted',
    short: '!GetAtt Bucket.Arn',
    long: '{"Fn::GetAtt": "Bucket.Arn"}',
    expected: { kind: 'string', text: '${Bucket.Arn}', parts: [{ unknown: 'Bucket.Arn' }] },
  },
  {
    name: 'GetAtt, a list',
    short: '!GetAtt [Bucket, Arn]',
    long: '{"Fn::GetAtt": ["Bucket", "Arn"]}',
    expected: { kind: 'string', text: '${Bucket.Arn}', parts: [{ unknown: 'Bucket.Arn' }] },
  },
  {
    name: 'Join of literals and a Ref',
    short: "!Join ['', ['arn:aws:s3:::', !Ref Bucket, '/*']]",
    long: '{"Fn::Join": ["", ["arn:aws:s3:::", {"Ref": "Bucket"}, "/*"]]}',
    expected: {
      kind: 'string',
      text: 'arn:aws:s3:::${Bucket}/*',
      parts: ['arn:aws:s3:::', { unknown: 'Bucket' }, '/*'],
    },
  },
  {
    name: 'Join with a delimiter, a pseudo parameter and a Select',
    short: "!Join [':', [arn, !Ref AWS::Partition, s3, '', '', !Select [0, !Ref BucketArns]]]",
    long: '{"Fn::Join": [":", ["arn", {"Ref": "AWS::Partition"}, "s3", "", "", {"Fn::Select": [0, {"Ref": "BucketArns"}]}]]}',
    expected: {
      kind: 'string',
      text: 'arn:${AWS::Partition}:s3:::${Fn::Select}',
      parts: ['arn:', { unknown: 'AWS::Partition' }, ':s3:::', { unknown: 'Fn::Select' }],
    },
  },
  {
    name: 'Join of a list parameter',
    short: "!Join [',', !Ref BucketArns]",
    long: '{"Fn::Join": [",", {"Ref": "BucketArns"}]}',
    expected: { kind: 'unknown', text: '!Join [",", !Ref BucketArns]' },
  },
  {
    name: 'Select',
    short: '!Select [0, !Ref BucketArns]',
    long: '{"Fn::Select": [0, {"Ref": "BucketArns"}]}',
    expected: { kind: 'unknown', text: '!Select [0, !Ref BucketArns]' },
  },
  {
    name: 'ImportValue',
    short: '!ImportValue shared-arn',
    long: '{"Fn::ImportValue": "shared-arn"}',
    expected: { kind: 'unknown', text: '!ImportValue shared-arn' },
  },
  { name: 'Base64', short: '!Base64 x', long: '{"Fn::Base64": "x"}', expected: { kind: 'unknown', text: '!Base64 x' } },
  {
    name: 'FindInMap',
    short: '!FindInMap [Map, !Ref AWS::Region, Arn]',
    long: '{"Fn::FindInMap": ["Map", {"Ref": "AWS::Region"}, "Arn"]}',
    expected: 'unknown list',
  },
  {
    name: 'If',
    short: "!If [IsProd, 'arn:aws:s3:::a', 'arn:aws:s3:::b']",
    long: '{"Fn::If": ["IsProd", "arn:aws:s3:::a", "arn:aws:s3:::b"]}',
    expected: 'unknown list',
  },
  { name: 'Split', short: "!Split [',', 'a,b']", long: '{"Fn::Split": [",", "a,b"]}', expected: 'unknown list' },
  { name: 'GetAZs', short: "!GetAZs ''", long: '{"Fn::GetAZs": ""}', expected: 'unknown list' },
];

const yamlTemplate = (expr: string): string => `Parameters:
  BucketArns:
    Type: CommaDelimitedList
Resources:
  P:
    Type: AWS::IAM::Policy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: ${expr}
`;

const jsonTemplate = (expr: string): string =>
  `{"Parameters": {"BucketArns": {"Type": "CommaDelimitedList"}}, "Resources": {"P": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ${expr}}]}}}}}`;

function resourceOf(text: string, format: 'json' | 'yaml'): ValueList {
  const source = read(text, format);
  assert.deepEqual(source.problems, []);
  assert.equal(source.shape, 'cloudformation');
  const list = source.documents[0].statements[0].resource?.list;
  assert.ok(list);
  return list;
}

describe('CloudFormation intrinsics as values', () => {
  for (const c of cases) {
    for (const [form, format, text, expr] of [
      ['YAML short form', 'yaml', yamlTemplate(c.short), c.short],
      ['YAML long form', 'yaml', yamlTemplate(c.long), c.long],
      ['JSON long form', 'json', jsonTemplate(c.long), c.long],
    ] as const) {
      test(`${c.name}, ${form}`, () => {
        const list = resourceOf(text, format);
        assert.equal(text.slice(list.span.start, list.span.end), expr, 'the span is the whole expression');
        if (c.expected === 'unknown list') {
          assert.deepEqual(
            { values: list.values, unknown: list.unknown, isArray: list.isArray },
            { values: [], unknown: true, isArray: false },
          );
          return;
        }
        assert.equal(list.unknown, undefined);
        assert.equal(list.values.length, 1);
        const { kind, text: valueText, parts, span } = list.values[0];
        assert.deepEqual({ kind, text: valueText, ...(parts && { parts }) }, c.expected);
        assert.deepEqual(span, list.span);
      });
    }
  }

  test('YAML short forms in block style keep the tag in the span', () => {
    const text = yamlTemplate("!Sub\n              - 'arn:aws:s3:::${Name}'\n              - Name: !Ref Bucket");
    const list = resourceOf(text, 'yaml');
    assert.deepEqual(list.values[0].parts, ['arn:aws:s3:::', { unknown: 'Bucket' }]);
    assert.ok(text.slice(list.span.start, list.span.end).startsWith('!Sub\n'));
    assert.ok(text.slice(list.span.start, list.span.end).endsWith('Name: !Ref Bucket'));
  });

  test('YAML long forms in block style', () => {
    const text = yamlTemplate(
      '\n              Fn::Join:\n                - ""\n                - - "arn:aws:s3:::"\n                  - Ref: Bucket',
    );
    const list = resourceOf(text, 'yaml');
    assert.deepEqual(list.values[0].parts, ['arn:aws:s3:::', { unknown: 'Bucket' }]);
  });

  test('items of a list: intrinsics are values, AWS::NoValue items disappear', () => {
    for (const [format, text] of [
      [
        'yaml',
        yamlTemplate(
          "\n              - !If [IsProd, 'arn:aws:s3:::a', !Ref AWS::NoValue]\n              - !Ref AWS::NoValue\n              - !Sub 'arn:aws:s3:::${Bucket}'\n              - arn:aws:s3:::literal",
        ),
      ],
      [
        'json',
        jsonTemplate(
          '[{"Fn::If": ["IsProd", "arn:aws:s3:::a", {"Ref": "AWS::NoValue"}]}, {"Ref": "AWS::NoValue"}, {"Fn::Sub": "arn:aws:s3:::${Bucket}"}, "arn:aws:s3:::literal"]',
        ),
      ],
    ] as const) {
      const list = resourceOf(text, format);
      assert.equal(list.isArray, true);
      assert.deepEqual(
        list.values.map((v) => [v.kind, v.text]),
        [
          ['unknown', '!If [IsProd, arn:aws:s3:::a, !Ref AWS::NoValue]'],
          ['string', 'arn:aws:s3:::${Bucket}'],
          ['string', 'arn:aws:s3:::literal'],
        ],
        format,
      );
    }
  });
});
