import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { Catalog } from '../../../src/core/catalog';
import { lintText } from '../../../src/core/lint';
import {
  appendItem,
  indentUnit,
  insertProperty,
  refTo,
  wrapWithItem,
  yamlScalar,
} from '../../../src/core/rules/insertions';
import type { Span } from '../../../src/core/policy/model';
import type { TextEdit } from '../../../src/core/rules/types';
import { catalogFile } from '../helpers/paths';
import { applyEdits } from '../helpers/edits';

const catalog = Catalog.load(catalogFile);

function apply(text: string, edits: readonly TextEdit[] | TextEdit | undefined): string {
  assert.ok(edits, 'an edit');
  return applyEdits(text, Array.isArray(edits) ? edits : [edits as TextEdit]);
}

/** The span of the `n`th occurrence (from 0) of `needle`. */
function spanOf(text: string, needle: string, n = 0): Span {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} in the text`);
  return { start: at, end: at + needle.length };
}

const whole = (text: string): Span => ({ start: 0, end: text.length });
const CONDITION = { StringEquals: { 'aws:SourceAccount': '111122223333' } };

describe('insertProperty', () => {
  test("JSON on several lines: a line at the properties' indentation, nested values indented by the file's step", () => {
    const text = '{\n    "Effect": "Allow",\n    "Action": [\n        "s3:GetObject"\n    ]\n}';
    const atEnd = apply(text, insertProperty(text, 'json', whole(text), 'Condition', CONDITION, 'end'));
    assert.equal(
      atEnd,
      '{\n    "Effect": "Allow",\n    "Action": [\n        "s3:GetObject"\n    ],\n    "Condition": {\n        "StringEquals": {\n            "aws:SourceAccount": "111122223333"\n        }\n    }\n}',
    );
    assert.deepEqual(JSON.parse(atEnd).Condition, CONDITION);
    const atStart = apply(text, insertProperty(text, 'json', whole(text), 'Sid', 'First', 'start'));
    assert.equal(
      atStart,
      '{\n    "Sid": "First",\n    "Effect": "Allow",\n    "Action": [\n        "s3:GetObject"\n    ]\n}',
    );
  });

  test('JSON on one line stays on one line; an empty object gets the property alone', () => {
    const text = '{"Effect": "Allow", "Action": "s3:GetObject"}';
    assert.equal(
      apply(text, insertProperty(text, 'json', whole(text), 'Condition', CONDITION, 'end')),
      '{"Effect": "Allow", "Action": "s3:GetObject", "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}}',
    );
    assert.equal(
      apply(text, insertProperty(text, 'json', whole(text), 'Sid', 'First', 'start')),
      '{"Sid": "First", "Effect": "Allow", "Action": "s3:GetObject"}',
    );
    assert.equal(apply('{}', insertProperty('{}', 'json', whole('{}'), 'Sid', 'First', 'end')), '{"Sid": "First"}');
  });

  test('JSON with Windows line ends keeps them', () => {
    const text = '{\r\n  "Effect": "Allow"\r\n}';
    assert.equal(
      apply(text, insertProperty(text, 'json', whole(text), 'Condition', CONDITION, 'end')),
      '{\r\n  "Effect": "Allow",\r\n  "Condition": {\r\n    "StringEquals": {\r\n      "aws:SourceAccount": "111122223333"\r\n    }\r\n  }\r\n}',
    );
  });

  test("YAML block mapping: a key at the mapping's column (inside a sequence item too), nested blocks below it", () => {
    const text = 'Statement:\n  - Effect: Allow\n    Action: s3:GetObject # read only\n  - Effect: Deny\n';
    const statement = { start: spanOf(text, 'Effect').start, end: spanOf(text, 's3:GetObject').end };
    const fixed = apply(
      text,
      insertProperty(
        text,
        'yaml',
        statement,
        'Condition',
        { ...CONDITION, Bool: { 'aws:SecureTransport': 'false' } },
        'end',
      ),
    );
    assert.equal(
      fixed,
      'Statement:\n  - Effect: Allow\n    Action: s3:GetObject # read only\n    Condition:\n      StringEquals:\n        aws:SourceAccount: "111122223333"\n      Bool:\n        aws:SecureTransport: "false"\n  - Effect: Deny\n',
    );
    assert.deepEqual(parseYaml(fixed).Statement[0].Condition, {
      ...CONDITION,
      Bool: { 'aws:SecureTransport': 'false' },
    });
    assert.equal(
      apply(text, insertProperty(text, 'yaml', statement, 'Sid', 'First', 'start')),
      'Statement:\n  - Sid: First\n    Effect: Allow\n    Action: s3:GetObject # read only\n  - Effect: Deny\n',
    );
  });

  test('YAML flow mapping: flow style, plain scalars where they read back the same', () => {
    const text = 'Statement:\n  - {Effect: Allow, Action: "s3:*", Resource: "*"}\n';
    const fixed = apply(
      text,
      insertProperty(
        text,
        'yaml',
        spanOf(text, '{Effect: Allow, Action: "s3:*", Resource: "*"}'),
        'Condition',
        { StringEquals: { 'aws:SourceAccount': refTo('AWS::AccountId') } },
        'end',
      ),
    );
    assert.equal(
      fixed,
      'Statement:\n  - {Effect: Allow, Action: "s3:*", Resource: "*", Condition: {StringEquals: {aws:SourceAccount: !Ref AWS::AccountId}}}\n',
    );
  });

  test("a span that is not the object's text gives no edit", () => {
    assert.equal(insertProperty('{"a": 1} ', 'json', whole('{"a": 1} '), 'b', 2, 'end'), undefined);
  });
});

const DENY = {
  Sid: 'Deny',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'],
};

describe('appendItem', () => {
  test('JSON array on several lines: the item on its own line, multi-line like the last item', () => {
    const text = '[\n  {\n    "Effect": "Allow"\n  }\n]';
    const fixed = apply(text, appendItem(text, 'json', [{ start: 4, end: text.length - 2 }], DENY));
    assert.equal(
      fixed,
      '[\n  {\n    "Effect": "Allow"\n  },\n  {\n    "Sid": "Deny",\n    "Effect": "Deny",\n    "Principal": "*",\n    "Action": "s3:*",\n    "Resource": [\n      "arn:aws:s3:::b",\n      "arn:aws:s3:::b/*"\n    ]\n  }\n]',
    );
    assert.deepEqual(JSON.parse(fixed)[1], DENY);
    // One-line items in a multi-line array: the new item on one line too.
    const compact = '[\n    {"Effect": "Allow"},\n    {"Effect": "Deny"}\n]';
    assert.equal(
      apply(
        compact,
        appendItem(
          compact,
          'json',
          [spanOf(compact, '{"Effect": "Allow"}'), spanOf(compact, '{"Effect": "Deny"}')],
          'x',
        ),
      ),
      '[\n    {"Effect": "Allow"},\n    {"Effect": "Deny"},\n    "x"\n]',
    );
  });

  test('JSON array on one line, after a quoted scalar', () => {
    const text = '{"Resource": ["arn:aws:s3:::a", "arn:aws:s3:::b"]}';
    assert.equal(
      apply(
        text,
        appendItem(text, 'json', [spanOf(text, 'arn:aws:s3:::a'), spanOf(text, 'arn:aws:s3:::b')], 'arn:aws:s3:::c'),
      ),
      '{"Resource": ["arn:aws:s3:::a", "arn:aws:s3:::b", "arn:aws:s3:::c"]}',
    );
  });

  test("YAML block sequence: a dash at the dashes' column, a block mapping at the items' column", () => {
    const text = 'Statement:\n  -   Effect: Allow\n      Action: s3:GetObject\nOther: 1\n';
    const item = { start: spanOf(text, 'Effect').start, end: spanOf(text, 's3:GetObject').end };
    const fixed = apply(text, appendItem(text, 'yaml', [item], DENY));
    assert.equal(
      fixed,
      'Statement:\n  -   Effect: Allow\n      Action: s3:GetObject\n  -   Sid: Deny\n      Effect: Deny\n      Principal: "*"\n      Action: s3:*\n      Resource:\n        - arn:aws:s3:::b\n        - arn:aws:s3:::b/*\nOther: 1\n',
    );
    assert.deepEqual(parseYaml(fixed).Statement[1], DENY);
  });

  test('YAML block sequence of flow mappings: the new item is a flow mapping too', () => {
    const text = 'Statement:\n  - {Effect: Allow, Action: s3:GetObject}\n';
    const fixed = apply(text, appendItem(text, 'yaml', [spanOf(text, '{Effect: Allow, Action: s3:GetObject}')], DENY));
    assert.equal(
      fixed,
      'Statement:\n  - {Effect: Allow, Action: s3:GetObject}\n  - {Sid: Deny, Effect: Deny, Principal: "*", Action: s3:*, Resource: [arn:aws:s3:::b, arn:aws:s3:::b/*]}\n',
    );
    assert.deepEqual(parseYaml(fixed).Statement[1], DENY);
  });

  test('YAML flow sequence', () => {
    const text = "Resource: [arn:aws:s3:::a, 'arn:aws:s3:::b']\n";
    const fixed = apply(
      text,
      appendItem(text, 'yaml', [spanOf(text, 'arn:aws:s3:::a'), spanOf(text, 'arn:aws:s3:::b')], 'arn:aws:s3:::c/*'),
    );
    assert.equal(fixed, "Resource: [arn:aws:s3:::a, 'arn:aws:s3:::b', arn:aws:s3:::c/*]\n");
    assert.deepEqual(parseYaml(fixed).Resource, ['arn:aws:s3:::a', 'arn:aws:s3:::b', 'arn:aws:s3:::c/*']);
  });

  test('no items, no edit', () => {
    assert.equal(appendItem('[]', 'json', [], 'x'), undefined);
  });
});

describe('wrapWithItem, yamlScalar, indentUnit', () => {
  test('a lone JSON value becomes an array of two; a YAML block mapping cannot', () => {
    const text = '{"Statement": {"Effect": "Allow"}}';
    assert.equal(
      apply(text, wrapWithItem(text, 'json', spanOf(text, '{"Effect": "Allow"}'), { Effect: 'Deny' })),
      '{"Statement": [{"Effect": "Allow"}, {"Effect": "Deny"}]}',
    );
    const yaml = 'Statement:\n  Effect: Allow\n';
    assert.equal(wrapWithItem(yaml, 'yaml', spanOf(yaml, 'Effect: Allow'), { Effect: 'Deny' }), undefined);
  });

  test('YAML scalars are quoted when plain text would read differently', () => {
    assert.deepEqual(
      [
        's3:*',
        '*',
        'false',
        'True',
        '2012-10-17',
        'arn:aws:s3:::b/*',
        'a: b',
        'aws:SourceAccount',
        'x:[',
        '111122223333',
      ].map((s) => yamlScalar(s, true)),
      [
        's3:*',
        '"*"',
        '"false"',
        '"True"',
        '"2012-10-17"',
        'arn:aws:s3:::b/*',
        '"a: b"',
        'aws:SourceAccount',
        '"x:["',
        '"111122223333"',
      ],
    );
  });

  test('the indentation step is the most common one', () => {
    assert.equal(indentUnit('{\n    "a": {\n        "b": 1\n    }\n}'), '    ');
    assert.equal(indentUnit('a:\n  b:\n    - c\n'), '  ');
    assert.equal(indentUnit('{"a": 1}'), '  ');
    assert.equal(indentUnit('{\n\t"a": 1\n}'), '\t');
  });
});

/** Lints, applies the first fix of the rule's first finding, and checks the result reads and lints clean. */
function fixOnce(text: string, format: 'json' | 'yaml', rule: string): string {
  const finding = lintText(text, format, catalog).findings.find((f) => f.ruleId === rule);
  assert.ok(finding?.fixes[0], `${rule}: a finding with a fix`);
  const fixed = apply(text, finding.fixes[0].edits);
  const after = lintText(fixed, format, catalog).findings;
  assert.deepEqual(
    after.filter((f) => f.ruleId === 'syntax-error').map((f) => f.message),
    [],
    fixed,
  );
  assert.equal(after.filter((f) => f.ruleId === rule).length, 0, `${rule} still found in:\n${fixed}`);
  return fixed;
}

describe("the trust rules' fixes in each style", () => {
  const bucketJson =
    '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": {"AWS": "arn:aws:iam::111122223333:role/reader"},\n      "Action": "s3:GetObject",\n      "Resource": "arn:aws:s3:::reports/*"\n    }\n  ]\n}\n';

  test('bucket-secure-transport: JSON on several lines', () => {
    assert.equal(
      fixOnce(bucketJson, 'json', 'bucket-secure-transport'),
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": {"AWS": "arn:aws:iam::111122223333:role/reader"},\n      "Action": "s3:GetObject",\n      "Resource": "arn:aws:s3:::reports/*"\n    },\n    {\n      "Sid": "DenyInsecureTransport",\n      "Effect": "Deny",\n      "Principal": "*",\n      "Action": "s3:*",\n      "Resource": [\n        "arn:aws:s3:::reports",\n        "arn:aws:s3:::reports/*"\n      ],\n      "Condition": {\n        "Bool": {\n          "aws:SecureTransport": "false"\n        }\n      }\n    }\n  ]\n}\n',
    );
  });

  test('bucket-secure-transport: JSON on one line', () => {
    const text =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/reader"}, "Action": "s3:GetObject", "Resource": "arn:aws-cn:s3:::reports/*"}]}';
    assert.equal(
      fixOnce(text, 'json', 'bucket-secure-transport'),
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/reader"}, "Action": "s3:GetObject", "Resource": "arn:aws-cn:s3:::reports/*"}, {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws-cn:s3:::reports", "arn:aws-cn:s3:::reports/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}',
    );
  });

  const bucketTemplate = (statements: string): string =>
    `Resources:\n  Policy:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref Bucket\n      PolicyDocument:\n        Statement:\n${statements}`;

  test('bucket-secure-transport: YAML block, the bucket from !GetAtt', () => {
    const text = bucketTemplate(
      '          - Effect: Allow\n            Principal: {AWS: !GetAtt Reader.Arn}\n            Action: s3:GetObject\n            Resource: !Sub "${Bucket.Arn}/*"\n',
    );
    assert.equal(
      fixOnce(text, 'yaml', 'bucket-secure-transport'),
      bucketTemplate(
        '          - Effect: Allow\n            Principal: {AWS: !GetAtt Reader.Arn}\n            Action: s3:GetObject\n            Resource: !Sub "${Bucket.Arn}/*"\n' +
          '          - Sid: DenyInsecureTransport\n            Effect: Deny\n            Principal: "*"\n            Action: s3:*\n            Resource:\n              - !Sub "${Bucket.Arn}"\n              - !Sub "${Bucket.Arn}/*"\n            Condition:\n              Bool:\n                aws:SecureTransport: "false"\n',
      ),
    );
  });

  test('bucket-secure-transport: YAML flow, a resource it cannot read is copied as written', () => {
    const text = bucketTemplate(
      '          [{Effect: Allow, Principal: {AWS: !GetAtt Reader.Arn}, Action: s3:GetObject, Resource: !ImportValue ReportsObjects}]\n',
    );
    assert.equal(
      fixOnce(text, 'yaml', 'bucket-secure-transport'),
      bucketTemplate(
        '          [{Effect: Allow, Principal: {AWS: !GetAtt Reader.Arn}, Action: s3:GetObject, Resource: !ImportValue ReportsObjects}, {Sid: DenyInsecureTransport, Effect: Deny, Principal: "*", Action: s3:*, Resource: [!ImportValue ReportsObjects], Condition: {Bool: {aws:SecureTransport: "false"}}}]\n',
      ),
    );
  });

  test('service-principal-without-source: a bare policy gets the placeholder account, a template its own', () => {
    const bare =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::logs/*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]}';
    assert.equal(
      fixOnce(bare, 'json', 'service-principal-without-source'),
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::logs/*", "Condition": {"Bool": {"aws:SecureTransport": "true"}, "StringEquals": {"aws:SourceAccount": "111122223333"}}}]}',
    );
    const finding = lintText(bare, 'json', catalog).findings.find(
      (f) => f.ruleId === 'service-principal-without-source',
    )!;
    assert.match(finding.fixes[0]!.title, /placeholder 111122223333/);
    const yaml =
      'Resources:\n  TopicPolicy:\n    Type: AWS::SNS::TopicPolicy\n    Properties:\n      Topics: [!Ref Topic]\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: {Service: events.amazonaws.com}\n            Action: sns:Publish\n            Resource: !Ref Topic\n';
    assert.equal(
      fixOnce(yaml, 'yaml', 'service-principal-without-source'),
      'Resources:\n  TopicPolicy:\n    Type: AWS::SNS::TopicPolicy\n    Properties:\n      Topics: [!Ref Topic]\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: {Service: events.amazonaws.com}\n            Action: sns:Publish\n            Resource: !Ref Topic\n            Condition:\n              StringEquals:\n                aws:SourceAccount: !Ref AWS::AccountId\n',
    );
    const json =
      '{\n  "Resources": {\n    "TopicPolicy": {\n      "Type": "AWS::SNS::TopicPolicy",\n      "Properties": {\n        "Topics": [{"Ref": "Topic"}],\n        "PolicyDocument": {\n          "Statement": [\n            {\n              "Effect": "Allow",\n              "Principal": {"Service": "events.amazonaws.com"},\n              "Action": "sns:Publish",\n              "Resource": {"Ref": "Topic"}\n            }\n          ]\n        }\n      }\n    }\n  }\n}\n';
    assert.match(
      fixOnce(json, 'json', 'service-principal-without-source'),
      /"Resource": \{"Ref": "Topic"\},\n {14}"Condition": \{\n {16}"StringEquals": \{\n {18}"aws:SourceAccount": \{"Ref": "AWS::AccountId"\}\n {16}\}\n {14}\}\n {12}\}/,
    );
  });

  test("oidc-audience-missing: the audience joins the StringLike block's Condition (YAML block)", () => {
    const text =
      'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Principal:\n      Federated: arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\n    Action: sts:AssumeRoleWithWebIdentity\n    Condition:\n      StringLike:\n        token.actions.githubusercontent.com:sub: repo:my-org/deploy:ref:refs/heads/main\n';
    assert.equal(
      fixOnce(text, 'yaml', 'oidc-audience-missing'),
      text + '      StringEquals:\n        token.actions.githubusercontent.com:aud: sts.amazonaws.com\n',
    );
  });
});
