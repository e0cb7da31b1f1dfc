import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PolicyDocument, PolicySource, Span } from '../../../src/core/policy/model';
import { read } from './invariants';

const at = (text: string, span: Span): string => text.slice(span.start, span.end);
const only = (source: PolicySource): PolicyDocument => {
  assert.equal(source.documents.length, 1, 'one document');
  return source.documents[0];
};

interface Case {
  name: string;
  format: 'json' | 'yaml';
  text: string;
  kind: PolicyDocument['kind'];
  resourceService?: string;
  statements: number;
  statementIsArray: boolean;
  /** Source text expected at chosen elements' spans. */
  expect?: (doc: PolicyDocument, text: string) => void;
}

const IDENTITY_JSON = `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "arn:aws:s3:::b/*"},
    {"Effect": "Deny", "NotAction": "iam:*", "NotResource": ["*"], "Condition": {
      "Bool": {"aws:MultiFactorAuthPresent": false},
      "NumericLessThan": {"aws:MultiFactorAuthAge": 3600},
      "ForAnyValue:StringLike": {"aws:PrincipalTag/team": ["a*", "b?"]}
    }}
  ]
}`;

const IDENTITY_YAML = `Version: '2012-10-17'
Statement:
  - Sid: Read
    Effect: Allow
    Action: [s3:GetObject, "s3:ListBucket"]
    Resource: arn:aws:s3:::b/*
  - Effect: Deny
    NotAction: iam:*
    NotResource:
      - '*'
    Condition:
      Bool:
        aws:MultiFactorAuthPresent: false
      NumericLessThan: {aws:MultiFactorAuthAge: 3600}
      ForAnyValue:StringLike:
        aws:PrincipalTag/team: [a*, b?]
`;

const checkIdentity = (doc: PolicyDocument, text: string): void => {
  assert.equal(at(text, doc.version!.value.span), '2012-10-17');
  assert.equal(at(text, doc.statementKey!.span), 'Statement');
  const [read, deny] = doc.statements;
  assert.equal(read.sid?.value.text, 'Read');
  assert.deepEqual(
    read.action?.list.values.map((v) => at(text, v.span)),
    ['s3:GetObject', 's3:ListBucket'],
  );
  assert.equal(read.action?.list.isArray, true);
  assert.equal(read.resource?.list.isArray, false);
  assert.equal(at(text, read.resource!.list.values[0].span), 'arn:aws:s3:::b/*');
  assert.equal(deny.notAction?.list.values[0].text, 'iam:*');
  assert.equal(deny.notResource?.list.values[0].text, '*');
  const blocks = deny.condition!.blocks;
  assert.deepEqual(
    blocks.map((b) => at(text, b.operator.span)),
    ['Bool', 'NumericLessThan', 'ForAnyValue:StringLike'],
  );
  const bool = blocks[0].entries[0];
  assert.equal(at(text, bool.key.span), 'aws:MultiFactorAuthPresent');
  assert.deepEqual([bool.values.values[0].kind, bool.values.values[0].text], ['boolean', 'false']);
  const age = blocks[1].entries[0].values.values[0];
  assert.deepEqual([age.kind, age.text, at(text, age.span)], ['number', '3600', '3600']);
  assert.deepEqual(
    blocks[2].entries[0].values.values.map((v) => v.text),
    ['a*', 'b?'],
  );
};

const cases: Case[] = [
  {
    name: 'identity policy, JSON',
    format: 'json',
    text: IDENTITY_JSON,
    kind: 'identity',
    statements: 2,
    statementIsArray: true,
    expect: checkIdentity,
  },
  {
    name: 'identity policy, YAML',
    format: 'yaml',
    text: IDENTITY_YAML,
    kind: 'identity',
    statements: 2,
    statementIsArray: true,
    expect: checkIdentity,
  },
  {
    name: 'single statement object, string Action',
    format: 'json',
    text: '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}}',
    kind: 'identity',
    statements: 1,
    statementIsArray: false,
    expect: (doc, text) => {
      assert.equal(doc.statements[0].action?.list.isArray, false);
      assert.equal(at(text, doc.statements[0].action!.list.span), 'ec2:Describe*');
      assert.equal(at(text, doc.statements[0].span), '{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}');
    },
  },
  {
    name: 'S3 bucket policy with Principal "*": resource, s3',
    format: 'json',
    text: `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*",
      "Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`,
    kind: 'resource',
    resourceService: 's3',
    statements: 1,
    statementIsArray: true,
    expect: (doc, text) => {
      const principal = doc.statements[0].principal!;
      assert.equal(at(text, principal.wildcard!.span), '*');
      assert.deepEqual(principal.entries, []);
      assert.equal(at(text, principal.key.span), 'Principal');
    },
  },
  {
    name: 'KMS key policy with Principal maps: resource, kms',
    format: 'yaml',
    text: `Version: "2012-10-17"
Id: key-default-1
Statement:
  - Sid: Enable IAM User Permissions
    Effect: Allow
    Principal:
      AWS: arn:aws:iam::111122223333:root
    Action: kms:*
    Resource: "*"
  - Effect: Allow
    Principal:
      AWS:
        - arn:aws:iam::111122223333:role/Admin
        - "444455556666"
      Service: [logs.amazonaws.com]
    Action: [kms:Encrypt, KMS:Decrypt]
    Resource: '*'
`,
    kind: 'resource',
    resourceService: 'kms',
    statements: 2,
    statementIsArray: true,
    expect: (doc, text) => {
      assert.equal(doc.id?.value.text, 'key-default-1');
      const entries = doc.statements[1].principal!.entries;
      assert.deepEqual(
        entries.map((e) => [e.kind, at(text, e.key.span)]),
        [
          ['AWS', 'AWS'],
          ['Service', 'Service'],
        ],
      );
      assert.deepEqual(
        entries[0].values.values.map((v) => at(text, v.span)),
        ['arn:aws:iam::111122223333:role/Admin', '444455556666'],
      );
      assert.equal(entries[0].values.values[1].kind, 'string');
      assert.equal(entries[1].values.isArray, true);
    },
  },
  {
    name: 'trust policy',
    format: 'json',
    text: `{"Version":"2012-10-17","Statement":[
      {"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"},
      {"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::1:oidc-provider/x"},"Action":["sts:AssumeRoleWithWebIdentity","sts:TagSession"]}]}`,
    kind: 'trust',
    statements: 2,
    statementIsArray: true,
  },
  {
    name: 'a principal and other actions: a resource policy, services mixed',
    format: 'json',
    text: '{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["sts:AssumeRole","s3:GetObject"],"Resource":"*"}]}',
    kind: 'resource',
    statements: 1,
    statementIsArray: true,
  },
  {
    name: 'typo keys are unknown keys, at document and statement level',
    format: 'json',
    text: '{"Version":"2012-10-17","Statment":[],"Statement":[{"Effect":"Allow","Actions":"s3:*","Resource":"*"}]}',
    kind: 'identity',
    statements: 1,
    statementIsArray: true,
    expect: (doc, text) => {
      assert.deepEqual(
        doc.unknownKeys.map((k) => at(text, k.span)),
        ['Statment'],
      );
      assert.deepEqual(
        doc.statements[0].unknownKeys.map((k) => at(text, k.span)),
        ['Actions'],
      );
      assert.equal(doc.statements[0].action, undefined);
    },
  },
  {
    name: 'JSON escapes: the span covers the source, the text is the value',
    format: 'json',
    text: '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b\\/k\\u0031"}]}',
    kind: 'identity',
    statements: 1,
    statementIsArray: true,
    expect: (doc, text) => {
      const value = doc.statements[0].resource!.list.values[0];
      assert.equal(value.text, 'arn:aws:s3:::b/k1');
      assert.equal(at(text, value.span), 'arn:aws:s3:::b\\/k\\u0031');
    },
  },
  {
    name: 'YAML: quoted scalars without their quotes, numbers and booleans keep their kind',
    format: 'yaml',
    text: `Statement:
  - Effect: "Allow"
    Action: 's3:Get''Object'
    Resource: "arn:aws:s3:::b"
    Condition:
      StringEquals: {aws:PrincipalAccount: 012345678901, aws:ViaAWSService: true, aws:x: ~}
`,
    kind: 'identity',
    statements: 1,
    statementIsArray: true,
    expect: (doc, text) => {
      const s = doc.statements[0];
      assert.equal(at(text, s.effect!.value.span), 'Allow');
      assert.equal(s.action!.list.values[0].text, "s3:Get'Object");
      const values = s.condition!.blocks[0].entries.map((e) => e.values.values[0]);
      assert.deepEqual(
        values.map((v) => [v.kind, v.text]),
        [
          ['number', '012345678901'],
          ['boolean', 'true'],
          ['null', '~'],
        ],
      );
    },
  },
];

describe('readPolicySource: bare policy documents', () => {
  for (const c of cases) {
    test(c.name, () => {
      const source = read(c.text, c.format);
      assert.equal(source.shape, 'policy');
      assert.deepEqual(source.problems, []);
      const doc = only(source);
      assert.equal(doc.kind, c.kind);
      assert.equal(doc.resourceService, c.resourceService);
      assert.equal(doc.path, '');
      assert.equal(doc.statements.length, c.statements);
      assert.equal(doc.statementIsArray, c.statementIsArray);
      assert.deepEqual(doc.span, { start: 0, end: c.text.trimEnd().length }, 'the document is the whole text');
      c.expect?.(doc, c.text);
    });
  }
});

/** Wrong types are problems at the offending value, with an `unknown` placeholder so no rule reports "missing". */
describe('readPolicySource: values of the wrong type', () => {
  const cases: { name: string; text: string; message: RegExp; at: string; check: (doc: PolicyDocument) => void }[] = [
    {
      name: 'Action object',
      text: '{"Statement":[{"Effect":"Allow","Action":{"s3":"Get"},"Resource":"*"}]}',
      message: /"Action" must be a string or an array of strings/,
      at: '{"s3":"Get"}',
      check: (doc) => assert.equal(doc.statements[0].action?.list.unknown, true),
    },
    {
      name: 'an array inside Action',
      text: '{"Statement":[{"Effect":"Allow","Action":["s3:Get*",["x"]],"Resource":"*"}]}',
      message: /Each value of "Action" must be a string/,
      at: '["x"]',
      check: (doc) =>
        assert.deepEqual(
          doc.statements[0].action?.list.values.map((v) => v.kind),
          ['string', 'unknown'],
        ),
    },
    {
      name: 'Statement a string',
      text: '{"Version":"2012-10-17","Statement":"Allow everything"}',
      message: /"Statement" must be an object or an array of objects/,
      at: 'Allow everything',
      check: (doc) => assert.deepEqual(doc.statements, []),
    },
    {
      name: 'a statement that is a string',
      text: '{"Statement":["s3:*",{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
      message: /A statement must be an object/,
      at: 's3:*',
      check: (doc) =>
        assert.deepEqual(
          doc.statements.map((s) => s.index),
          [1],
        ),
    },
    {
      name: 'Principal an ARN string',
      text: '{"Statement":[{"Effect":"Allow","Principal":"arn:aws:iam::1:root","Action":"s3:*","Resource":"*"}]}',
      message: /"Principal" must be "\*" or an object/,
      at: 'arn:aws:iam::1:root',
      check: (doc) => assert.equal(doc.statements[0].principal?.unknown, true),
    },
    {
      name: 'Condition operator with a string',
      text: '{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":"x"}}]}',
      message: /"StringEquals" must be an object of condition keys/,
      at: 'x',
      check: (doc) => assert.equal(doc.statements[0].condition?.unknown, true),
    },
    {
      name: 'Effect an array',
      text: '{"Statement":[{"Effect":["Allow"],"Action":"s3:*","Resource":"*"}]}',
      message: /"Effect" must be a string/,
      at: '["Allow"]',
      check: (doc) => assert.equal(doc.statements[0].effect?.value.kind, 'unknown'),
    },
    {
      name: 'a repeated element: the last is read',
      text: '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Action":"s3:PutObject","Resource":"*"}]}',
      message: /Duplicate "Action": only the last one is read/,
      at: 'Action',
      check: (doc) => assert.equal(doc.statements[0].action?.list.values[0].text, 's3:PutObject'),
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const source = read(c.text, 'json');
      assert.equal(source.shape, 'policy');
      assert.equal(source.problems.length, 1, JSON.stringify(source.problems));
      assert.match(source.problems[0].message, c.message);
      assert.equal(at(c.text, source.problems[0].span), c.at);
      c.check(only(source));
    });
  }
});

describe('readPolicySource: half-typed and broken text', () => {
  test('JSON cut in the middle of an Action array still yields what is there', () => {
    const text = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:Li';
    const source = read(text, 'json');
    assert.equal(source.shape, 'policy');
    const statement = only(source).statements[0];
    assert.deepEqual(
      statement.action?.list.values.map((v) => v.text),
      ['s3:GetObject', 's3:Li'],
    );
    assert.equal(at(text, statement.action!.list.values[1].span), 's3:Li');
    assert.ok(
      source.problems.some((p) => p.message.startsWith('Unexpected end of file')),
      JSON.stringify(source.problems),
    );
    assert.ok(source.problems.some((p) => /closing quote/.test(p.message)));
  });

  test('JSON with a missing comma and a missing value', () => {
    const text = '{"Statement": [{"Effect": "Allow" "Action": "s3:*", "Resource": }]}';
    const source = read(text, 'json');
    const statement = only(source).statements[0];
    assert.equal(statement.action?.list.values[0].text, 's3:*');
    assert.equal(statement.resource?.list.unknown, true, 'a missing value is unknown, not absent');
    assert.deepEqual(
      source.problems.map((p) => p.message),
      ['Expected a comma', 'Expected a value'],
    );
    assert.equal(at(text, source.problems[0].span), '"Action"');
  });

  test('JSON with comments is read; a trailing comma is a problem', () => {
    const text = '{\n  // why\n  "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject",], "Resource": "*"},]\n}';
    const source = read(text, 'json');
    assert.equal(only(source).statements.length, 1);
    assert.deepEqual(
      source.problems.map((p) => [p.message, at(text, p.span)]),
      [
        ['Trailing comma', ','],
        ['Trailing comma', ','],
      ],
    );
  });

  test('YAML with a bad indentation still yields the statements before and after', () => {
    const text =
      'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action:\n      - s3:GetObject\n   Resource: "*"\n  - Effect: Deny\n    Action: iam:*\n    Resource: "*"\n';
    const source = read(text, 'yaml');
    assert.equal(source.shape, 'policy');
    assert.ok(source.problems.length > 0);
    const doc = only(source);
    assert.ok(doc.statements.some((s) => s.action?.list.values[0]?.text === 's3:GetObject'));
  });

  test('YAML cut inside a flow sequence', () => {
    const text = 'Statement:\n  - Effect: Allow\n    Action: [s3:GetObject, s3:Pu';
    const source = read(text, 'yaml');
    assert.deepEqual(
      only(source).statements[0].action?.list.values.map((v) => v.text),
      ['s3:GetObject', 's3:Pu'],
    );
    assert.equal(source.problems.length, 1);
  });

  test('YAML: a bare * is an alias; the problem says to quote it', () => {
    const text = 'Statement: [{Effect: Allow, Action: s3:*, Resource: *}]\n';
    const source = read(text, 'yaml');
    assert.equal(source.shape, 'policy');
    assert.deepEqual(
      source.problems.map((p) => p.message),
      ['A bare * starts a YAML alias: quote it ("*")'],
    );
  });

  test('JSON with a byte order mark', () => {
    const text = '\ufeff{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}';
    const source = read(text, 'json');
    assert.deepEqual(source.problems, []);
    assert.equal(at(text, only(source).statements[0].action!.list.values[0].span), 's3:*');
  });

  test('YAML with only a Statement key typed so far', () => {
    const source = read('Version: "2012-10-17"\nStatement:\n', 'yaml');
    assert.equal(source.shape, 'policy');
    assert.deepEqual(only(source).statements, []);
  });

  for (const format of ['json', 'yaml'] as const) {
    test(`${format}: empty text, a lone scalar: nothing, no problems; binary garbage: said to be no text`, () => {
      const garbage = ['', '   \n', '"Statement"', '[{"Statement": []}]'];
      for (const text of garbage)
        assert.deepEqual(
          read(text, format),
          { format, shape: 'none', documents: [], problems: [] },
          JSON.stringify(text),
        );
      const binary = [
        '\u0000\u0001\u0002\u00ff\ufffd Statement \u0007{{[[::',
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]).toString('latin1') + 'Statement',
      ];
      const notText = { reason: 'the file is not text (it holds NUL bytes: binary, or UTF-16): not analysed' };
      for (const text of binary)
        assert.deepEqual(
          read(text, format),
          { format, shape: 'none', documents: [], problems: [], notAnalysed: [notText] },
          JSON.stringify(text),
        );
    });
  }

  test('a YAML stream: the document holding a policy is found, its path says which', () => {
    const text =
      'kind: Something\n---\nVersion: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action: s3:*\n    Resource: "*"\n';
    const source = read(text, 'yaml');
    assert.equal(source.shape, 'policy');
    assert.equal(only(source).path, '[1]');
  });
});
