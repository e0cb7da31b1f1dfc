import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { Catalog } from '../../../../src/core/catalog';
import { lintText } from '../../../../src/core/lint';
import { readPolicySource } from '../../../../src/core/sources';
import { readRelativeTo } from '../../../../src/core/sources/code/files';
import { loadGrammars } from '../../helpers/grammars';
import { catalogFile, repoRoot } from '../../helpers/paths';

/** Policies a Terraform file keeps in files of their own, read through the caller's file reader. */
describe('Terraform: file() and templatefile() policies', () => {
  let catalog: Catalog;
  before(async () => {
    await loadGrammars();
    catalog = Catalog.load(catalogFile);
  });

  const module = `resource "aws_iam_role" "deploy" {
  name               = "deploy"
  assume_role_policy = file("\${path.module}/trust.json")
}

resource "aws_iam_role_policy" "deploy" {
  role   = aws_iam_role.deploy.id
  policy = templatefile("\${path.module}/deploy.json.tftpl", { bucket = var.bucket })
}
`;
  const files: Record<string, string> = {
    'trust.json':
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sts:AssumeRole"}]}',
    'deploy.json.tftpl':
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:*"], "Resource": "arn:aws:s3:::${bucket}/*"}, {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]}',
  };
  const readFile = (relative: string) => files[relative];
  const at = (span: { start: number; end: number }) => module.slice(span.start, span.end);

  test('each file is read as the document its use says, with findings on the file() call and no fixes', () => {
    const source = readPolicySource(module, 'terraform', { readFile });
    const external = source.documents.filter((d) => d.coarseSpans);
    assert.deepEqual(
      external.map((d) => [d.kind, d.path, d.appliesTo, at(d.span)]),
      [
        [
          'trust',
          'aws_iam_role.deploy.assume_role_policy (trust.json)',
          undefined,
          'file("${path.module}/trust.json")',
        ],
        [
          'identity',
          'aws_iam_role_policy.deploy.policy (deploy.json.tftpl)',
          ['aws_iam_role.deploy'],
          'templatefile("${path.module}/deploy.json.tftpl", { bucket = var.bucket })',
        ],
      ],
    );
    // templatefile's `${bucket}` is an unknown part, never a literal.
    const resource = external[1]!.statements[0]!.resource!.list.values[0]!;
    assert.deepEqual(resource.parts, ['arn:aws:s3:::', { unknown: 'bucket' }, '/*']);
    const findings = lintText(module, 'terraform', catalog, {}, { readFile });
    const rules = findings.findings.map((f) => f.ruleId);
    for (const rule of ['cross-account-trust', 'wildcard-action', 'passrole-star-resource'])
      assert.ok(rules.includes(rule), `${rule} in ${rules.join(', ')}`);
    assert.ok(
      findings.findings.every(
        (f) => f.fixes.length === 0 && (at(f.span).startsWith('file(') || at(f.span).startsWith('templatefile(')),
      ),
    );
  });

  test('without a reader, a missing file, or a file that is not plain JSON: nothing, and nothing thrown', () => {
    assert.equal(readPolicySource(module, 'terraform').documents.length, 0);
    assert.equal(readPolicySource(module, 'terraform', { readFile: () => undefined }).documents.length, 0);
    const directives: Record<string, string> = {
      ...files,
      'deploy.json.tftpl': '{"Statement": [%{ for a in actions }"${a}",%{ endfor }]}',
    };
    assert.equal(
      readPolicySource(module, 'terraform', { readFile: (p) => directives[p] }).documents.filter(
        (d) => d.kind === 'identity',
      ).length,
      0,
    );
    assert.equal(
      readPolicySource(module, 'terraform', {
        readFile: () => {
          throw new Error('EACCES');
        },
      }).documents.length,
      0,
    );
  });

  test('the disk reader reads beside the file and refuses what is missing', () => {
    const read = readRelativeTo(path.join(repoRoot, 'test', 'fixtures', 'terraform'));
    assert.match(read('policies/ops.json') ?? '', /ec2:Describe\*/);
    assert.equal(read('policies/none.json'), undefined);
  });
});

describe('Terraform: aws_lambda_permission judged by the Lambda permission rules', () => {
  let catalog: Catalog;
  before(async () => {
    await loadGrammars();
    catalog = Catalog.load(catalogFile);
  });

  test('open to anyone, a service without a source, and a scoped one; findings on the HCL value, no CloudFormation fix', () => {
    const text = `resource "aws_lambda_permission" "public" {
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.hook.function_name
  principal     = "*"
}

resource "aws_lambda_permission" "s3" {
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.hook.function_name
  principal     = "s3.amazonaws.com"
}

resource "aws_lambda_permission" "scoped" {
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.hook.function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.nightly.arn
}

resource "aws_lambda_permission" "computed" {
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.hook.function_name
  principal     = var.caller
}
`;
    const findings = lintText(text, 'terraform', catalog).findings;
    assert.deepEqual(
      findings.map((f) => [f.ruleId, text.slice(f.span.start, f.span.end), f.fixes.length]),
      [
        ['lambda-permission-public', '*', 0],
        ['lambda-permission-without-source', 's3.amazonaws.com', 0],
      ],
    );
  });
});
