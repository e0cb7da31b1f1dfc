import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  Catalog,
  completionsAt,
  hoverAt,
  inFileSuppression,
  lintText,
  readPolicySource,
  rewritesAt,
  stringsOf,
} from '../../../src/core';
import { valueOffsets } from '../../../src/core/sources/valueOffsets';
import { parseYaml } from '../../../src/core/sources/yaml';
import { catalogFile } from '../helpers/paths';
import { read } from './invariants';

const catalog = Catalog.load(catalogFile);
const at = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);
const findings = (text: string, format: 'json' | 'yaml') =>
  lintText(text, format, catalog).findings.map((f) => `${f.ruleId} ${at(text, f.span)}`);

const template = (document: string) => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Bucket:
    Type: String
Resources:
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: ${document}
`;

/** The value of the first scalar at `key` in a one-entry YAML mapping. */
const scalarAt = (text: string) => {
  const root = parseYaml(text).roots[0];
  assert.equal(root.kind, 'object');
  let value = root.entries[0].value;
  if (value.kind === 'tagged') value = value.value;
  assert.equal(value.kind, 'scalar');
  return value;
};

describe('the characters of a string placed in the file', () => {
  const placed = (text: string) => {
    const node = scalarAt(text);
    const value = String(node.value);
    const offsets = valueOffsets(text, node.span, value);
    assert.ok(offsets, 'aligned');
    // Every character that is not whitespace is the same character in the file.
    for (let i = 0; i < value.length; i++) if (!/\s/.test(value[i])) assert.equal(text[offsets[i]], value[i]);
    return { value, offsets };
  };

  test('a literal block scalar, its header and indentation skipped', () => {
    const text = 'P: |\n  {\n    "A": "x"\n  }\n';
    const { value, offsets } = placed(text);
    assert.equal(offsets[value.indexOf('x')], text.indexOf('x'));
  });

  test('a folded block scalar and a quoted scalar folded over lines', () => {
    placed('P: >\n  {\n    "A": "x",\n    "B": "y"\n  }\n');
    const quoted = `P: '{ "A":\n    ''y'' }'\n`;
    const { value, offsets } = placed(quoted);
    assert.equal(value, `{ "A": 'y' }`);
    assert.equal(offsets[value.indexOf('y')], quoted.indexOf('y'));
  });

  test('a double-quoted scalar with escapes: \\" and \\n', () => {
    const text = 'P: "{\\n  \\"A\\": \\"x\\"\\n}"\n';
    const { value, offsets } = placed(text);
    assert.equal(value, '{\n  "A": "x"\n}');
    assert.equal(offsets[value.indexOf('x')], text.indexOf('x'));
  });

  test('an escape that writes a character otherwise is not aligned', () => {
    const text = 'P: "{\\"A\\": \\"\\u0078\\"}"\n';
    const node = scalarAt(text);
    assert.equal(valueOffsets(text, node.span, String(node.value)), undefined);
  });
});

describe('a policy document in an Fn::Sub string', () => {
  test('a block scalar: read, its placeholders unknown parts, findings at the element', () => {
    const text = template(`!Sub |
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": ["s3:GetObjekt", "s3:*"],
            "Resource": "arn:\${AWS::Partition}:s3:::\${Bucket}/*"
          }]
        }`);
    const source = read(text, 'yaml');
    assert.deepEqual(source.problems, []);
    const doc = source.documents[0];
    assert.equal(at(text, doc.inString!).split('\n')[0], '|');
    assert.equal(doc.coarseSpans, undefined);
    const resource = doc.statements[0].resource!.list.values[0];
    assert.deepEqual(resource.parts, ['arn:', { unknown: 'AWS::Partition' }, ':s3:::', { unknown: 'Bucket' }, '/*']);
    assert.equal(at(text, resource.span), 'arn:${AWS::Partition}:s3:::${Bucket}/*');
    const said = findings(text, 'yaml');
    assert.ok(said.includes('unknown-action s3:GetObjekt'), said.join('\n'));
    assert.ok(said.includes('wildcard-action s3:*'), said.join('\n'));
  });

  test('JSON in a JSON template: aligned through the escapes; variables bound by the second argument', () => {
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '${QueueArn}' }],
    });
    const text = JSON.stringify(
      {
        Resources: {
          Q: { Type: 'AWS::SQS::Queue' },
          P: {
            Type: 'AWS::SQS::QueuePolicy',
            Properties: {
              Queues: [{ Ref: 'Q' }],
              PolicyDocument: { 'Fn::Sub': [policy, { QueueArn: 'arn:aws:sqs:us-east-1:111122223333:q' }] },
            },
          },
        },
      },
      null,
      2,
    );
    const doc = read(text, 'json').documents[0];
    const resource = doc.statements[0].resource!.list.values[0];
    assert.equal(resource.text, 'arn:aws:sqs:us-east-1:111122223333:q');
    assert.equal(at(text, doc.statements[0].action!.list.values[0].span), 'sqs:SendMessage');
  });

  test('a placeholder standing for a whole value: an unknown element, not a syntax error', () => {
    const text = template(
      `!Sub '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": \${BucketArns}}]}'`,
    );
    const source = read(text, 'yaml');
    assert.deepEqual(source.problems, []);
    const resource = source.documents[0].statements[0].resource!.list;
    assert.equal(resource.unknown, true);
    assert.equal(at(text, resource.span), '${BucketArns}');
    assert.deepEqual(findings(text, 'yaml'), []);
  });

  test('no fixes, rewrites or completions inside the string: JSON there would need its quoting', () => {
    const json =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:Get*", "s3:GetObjekt"], "Resource": "*"}]}';
    // The same document, written exactly as its value (editable), and in a block scalar (not).
    const exact = template(`'${json}'`);
    const block = template(`!Sub |\n        ${json}`);
    const offer = (text: string) => {
      const source = readPolicySource(text, 'yaml');
      const offset = text.indexOf('s3:Get*') + 3;
      const findings = lintText(text, 'yaml', catalog).findings;
      return {
        findings: findings.length,
        fixes: findings.flatMap((f) => f.fixes ?? []).length,
        rewrites: rewritesAt(source, text, offset, catalog).length,
        completions: completionsAt(source, text, offset, catalog).length,
        hover: hoverAt(source, offset, catalog)?.markdown.includes('s3:Get*') ?? false,
      };
    };
    const editable = offer(exact);
    assert.ok(editable.fixes > 0 && editable.rewrites > 0 && editable.completions > 0, JSON.stringify(editable));
    assert.deepEqual(offer(block), { findings: editable.findings, fixes: 0, rewrites: 0, completions: 0, hover: true });
  });

  test('a document known only when deployed is said as not analysed, at its place', () => {
    const text = template('!Ref PolicyJson').replace('  Bucket:', '  PolicyJson:\n    Type: String\n  Bucket:');
    const result = lintText(text, 'yaml', catalog);
    assert.deepEqual(
      result.notAnalysed.map((n) => [n.reason, n.span && at(text, n.span)]),
      [['the policy document is `!Ref PolicyJson`, known only when deployed: not analysed', '!Ref PolicyJson']],
    );
    const sub = template("!Sub '${PolicyJson}'");
    assert.deepEqual(
      lintText(sub, 'yaml', catalog).notAnalysed.map((n) => n.reason),
      ['the policy document is `!Sub "${PolicyJson}"`, known only when deployed: not analysed'],
    );
  });
});

describe('suppressing a finding inside a string that holds a policy', () => {
  const text = template(`!Sub |
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::\${Bucket}/*"}]}`);

  test('the comment goes above the line where the string starts, and silences the finding', () => {
    const finding = lintText(text, 'yaml', catalog).findings.find((f) => f.ruleId === 'wildcard-action')!;
    assert.equal(at(text, finding.span), 's3:*');
    const source = readPolicySource(text, 'yaml');
    const suppression = inFileSuppression(finding, {
      text,
      format: 'yaml',
      jsonComments: false,
      shape: 'cloudformation',
      strings: stringsOf(source),
    })!;
    const lineOfString = text.lastIndexOf('\n', text.indexOf('PolicyDocument: !Sub')) + 1;
    assert.equal(suppression.edit.span.start, lineOfString);
    const suppressed =
      text.slice(0, lineOfString) +
      suppression.edit.newText.replace('TODO reason', 'reviewed') +
      text.slice(lineOfString);
    const result = lintText(suppressed, 'yaml', catalog);
    assert.deepEqual(
      result.findings.filter((f) => f.ruleId === 'wildcard-action'),
      [],
    );
    assert.deepEqual(
      result.suppressed.map((s) => [s.finding.ruleId, s.reason]),
      [['wildcard-action', 'reviewed']],
    );
    assert.deepEqual(
      result.findings.filter((f) => f.ruleId === 'unused-suppression'),
      [],
    );
  });
});
