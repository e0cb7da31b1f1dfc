import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { summarizeStatements } from '../../../../src/core/docs/statementSummary';
import { Catalog } from '../../../../src/core/catalog';
import { completionsAt } from '../../../../src/core/complete/completions';
import { targetAt } from '../../../../src/core/policy/cursor';
import { readPolicySource } from '../../../../src/core/sources';
import { applyFix } from '../../helpers/edits';
import { loadGrammars } from '../../helpers/grammars';
import { catalogFile } from '../../helpers/paths';

/**
 * Editing help in code: completion of actions, ARNs, operators and condition keys inside a CDK
 * `PolicyStatement` and a Terraform `aws_iam_policy_document`, CodeLens per statement, and nothing offered
 * on what a CDK grant call implies.
 */
const CDK = `import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
export function attach(role: iam.Role, bucket: s3.Bucket): void {
  role.addToPolicy(new iam.PolicyStatement({
    actions: ['s3:', 'kms:Decrypt'],
    resources: [''],
    conditions: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
  }));
  bucket.grantRead(role);
}
`;

const TERRAFORM = `data "aws_iam_policy_document" "reader" {
  statement {
    actions   = ["sqs:", "s3:GetObject"]
    resources = [""]
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAcc"
      values   = ["111122223333"]
    }
  }
}
`;

describe('editing help in CDK TypeScript and Terraform', () => {
  let catalog: Catalog;
  before(async () => {
    await loadGrammars();
    catalog = Catalog.load(catalogFile);
  });
  const at = (text: string, needle: string, delta: number) => {
    const i = text.indexOf(needle);
    assert.ok(i >= 0, needle);
    return i + delta;
  };
  const complete = (text: string, format: 'typescript' | 'terraform', offset: number) =>
    completionsAt(readPolicySource(text, format), text, offset, catalog);

  for (const [name, text, format, service] of [
    ['CDK', CDK, 'typescript', "'s3:"],
    ['Terraform', TERRAFORM, 'terraform', '"sqs:'],
  ] as const) {
    test(`${name}: a service prefix in the actions list offers its actions, replacing the string's content`, () => {
      const offset = at(text, service, service.length);
      const entries = complete(text, format, offset);
      const prefix = service.slice(1);
      assert.ok(
        entries.length > 10 && entries.every((e) => e.label.startsWith(prefix)),
        entries
          .slice(0, 3)
          .map((e) => e.label)
          .join(', '),
      );
      assert.deepEqual(entries[0]!.span, { start: offset - prefix.length, end: offset });
    });

    test(`${name}: an empty resource offers the ARN formats of the statement's actions`, () => {
      const quote = format === 'typescript' ? "['" : '["';
      const offset = at(
        text,
        `resources${format === 'typescript' ? ': ' : ' = '}${quote}`,
        `resources${format === 'typescript' ? ': ' : ' = '}${quote}`.length,
      );
      const labels = complete(text, format, offset).map((e) => e.label);
      const expected =
        format === 'typescript'
          ? 'arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}'
          : 'arn:${Partition}:s3:::${BucketName}/${ObjectName}';
      assert.ok(labels.includes(expected), labels.join('\n'));
    });
  }

  test('CDK: the condition operator and the condition key complete in the conditions object', () => {
    const operators = complete(CDK, 'typescript', at(CDK, 'StringEquals', 3)).map((e) => e.label);
    assert.ok(operators.includes('StringLike') && operators.includes('ArnEquals'), operators.join(', '));
    const keys = complete(CDK, 'typescript', at(CDK, "'aws:SourceAccount'", 5)).map((e) => e.label);
    assert.ok(
      keys.includes('aws:SourceAccount') && keys.includes('kms:EncryptionContextKeys'),
      keys.slice(0, 10).join(', '),
    );
  });

  test('Terraform: the condition block takes the operator from `test` and the key from `variable`', () => {
    const operators = complete(TERRAFORM, 'terraform', at(TERRAFORM, 'StringEquals', 3)).map((e) => e.label);
    assert.ok(operators.includes('StringLike'), operators.join(', '));
    const keys = complete(TERRAFORM, 'terraform', at(TERRAFORM, 'aws:SourceAcc', 8)).map((e) => e.label);
    assert.ok(keys.includes('aws:SourceAccount'), keys.slice(0, 10).join(', '));
  });

  test('CDK: a grant call is described by hover, not completed or taken for an action', () => {
    const source = readPolicySource(CDK, 'typescript');
    assert.equal(targetAt(source, at(CDK, 'grantRead', 3)), undefined);
    assert.deepEqual(complete(CDK, 'typescript', at(CDK, 'grantRead', 3)), []);
    const grant = source.documents.find((d) => d.derivedFrom);
    assert.ok(grant, 'the grant is a derived document');
    assert.equal(grant.derivedFrom!.description, 'bucket.grantRead(role)');
    assert.match(grant.derivedFrom!.source ?? '', /^aws-cdk-lib 2\.\d+\.\d+, aws-s3\//);
  });

  test('CDK: a receiver the file only declares with a type (an interface too) is known by its annotation', () => {
    const text = `import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
interface Props { readonly table: dynamodb.ITable; readonly reader: iam.IRole }
export function wire(props: Props): void {
  props.table.grantReadData(props.reader);
}
`;
    const grant = readPolicySource(text, 'typescript').documents.find((d) => d.derivedFrom);
    assert.ok(grant, 'the grant is read');
    const actions = grant.statements.flatMap((s) => s.action?.list.values.map((v) => v.text) ?? []);
    assert.ok(
      actions.includes('dynamodb:GetItem') && actions.every((a) => a.startsWith('dynamodb:')),
      actions.join(', '),
    );
  });

  test('CodeLens: one per statement in both languages, the grant included', () => {
    const cdk = summarizeStatements(readPolicySource(CDK, 'typescript'), catalog).map((s) => s.title);
    assert.ok(
      cdk.some((t) => /^Allow \d+ actions/.test(t)),
      cdk.join(' | '),
    );
    assert.equal(cdk.length, 2, cdk.join(' | '));
    const tf = summarizeStatements(readPolicySource(TERRAFORM, 'terraform'), catalog).map((s) => s.title);
    assert.equal(tf.length, 1, tf.join(' | '));
  });
});

describe("CDK: a condition entry added inside a conditions object, in the file's quotes", () => {
  let catalog: Catalog;
  before(async () => {
    await loadGrammars();
    catalog = Catalog.load(catalogFile);
  });

  test("iam:PassedToService joins the statement's conditions, or comes as a `conditions` prop where there is none", async () => {
    const { lintText } = await import('../../../../src/core/lint');
    const withConditions = `import * as iam from 'aws-cdk-lib/aws-iam';
export function pass(role: iam.Role): void {
  role.addToPolicy(new iam.PolicyStatement({
    actions: ['iam:PassRole', 'lambda:CreateFunction'],
    resources: ['arn:aws:iam::111122223333:role/fn'],
    conditions: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
  }));
}
`;
    const finding = lintText(withConditions, 'typescript', catalog).findings.find(
      (f) => f.ruleId === 'passrole-without-service',
    );
    assert.ok(finding, 'passrole-without-service');
    const fix = finding.fixes.find((f) => f.title.includes('PassedToService'));
    assert.ok(fix, finding.fixes.map((f) => f.title).join(', '));
    const fixed = applyFix(withConditions, fix);
    assert.match(
      fixed,
      /conditions: \{ StringEquals: \{ 'aws:RequestedRegion': 'eu-west-1', 'iam:PassedToService': 'lambda\.amazonaws\.com' \} \}/,
    );
    assert.ok(!lintText(fixed, 'typescript', catalog).findings.some((f) => f.ruleId === 'passrole-without-service'));
    // Without a conditions object the props take one, written as CDK code (not an IAM `Condition`).
    const without = withConditions.replace(/\n {4}conditions: .*\n/, '\n');
    const bare = lintText(without, 'typescript', catalog).findings.find((f) => f.ruleId === 'passrole-without-service');
    const added = bare?.fixes.find((f) => f.title.includes('PassedToService'));
    assert.ok(added, JSON.stringify(bare?.fixes.map((f) => f.title)));
    const withProp = applyFix(without, added);
    assert.ok(
      withProp.includes(
        "    resources: ['arn:aws:iam::111122223333:role/fn'],\n    conditions: {\n      StringEquals: {\n        'iam:PassedToService': 'lambda.amazonaws.com'\n      }\n    },\n  }));",
      ),
      withProp,
    );
    assert.ok(
      !lintText(withProp, 'typescript', catalog).findings.some((f) => f.ruleId === 'passrole-without-service'),
      withProp,
    );
  });
});

describe('Terraform: a condition added to a policy document block is a condition block', () => {
  let catalog: Catalog;
  before(async () => {
    await loadGrammars();
    catalog = Catalog.load(catalogFile);
  });

  test('iam:PassedToService and the OIDC audience are written as `condition {}` blocks that parse and satisfy the rule', async () => {
    const { lintText } = await import('../../../../src/core/lint');
    const { withTree } = await import('../../../../src/core/sources/code/trees');
    const cases: [string, string, string][] = [
      [
        'passrole-without-service',
        'data "aws_iam_policy_document" "deployer" {\n  statement {\n    actions   = ["iam:PassRole", "lambda:CreateFunction"]\n    resources = ["arn:aws:iam::111122223333:role/fn"]\n  }\n}\n',
        '    condition {\n      test     = "StringEquals"\n      variable = "iam:PassedToService"\n      values   = ["lambda.amazonaws.com"]\n    }\n  }\n}\n',
      ],
      [
        'oidc-audience-missing',
        'data "aws_iam_policy_document" "github" {\n  statement {\n    actions = ["sts:AssumeRoleWithWebIdentity"]\n    principals {\n      type        = "Federated"\n      identifiers = ["arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"]\n    }\n    condition {\n      test     = "StringEquals"\n      variable = "token.actions.githubusercontent.com:sub"\n      values   = ["repo:example-org/app:ref:refs/heads/main"]\n    }\n  }\n}\n\nresource "aws_iam_role" "github" {\n  assume_role_policy = data.aws_iam_policy_document.github.json\n}\n',
        '    condition {\n      test     = "StringEquals"\n      variable = "token.actions.githubusercontent.com:aud"\n      values   = ["sts.amazonaws.com"]\n    }\n  }\n}\n',
      ],
    ];
    for (const [rule, text, tail] of cases) {
      const finding = lintText(text, 'terraform', catalog).findings.find((f) => f.ruleId === rule);
      assert.ok(
        finding,
        `${rule}: ${JSON.stringify(lintText(text, 'terraform', catalog).findings.map((f) => f.ruleId))}`,
      );
      const fix = finding.fixes.find((f) => f.edits.some((e) => e.newText.includes('condition {')));
      assert.ok(fix, `${rule}: ${finding.fixes.map((f) => f.title).join(', ')}`);
      const fixed = applyFix(text, fix);
      assert.ok(fixed.includes(tail), fixed);
      assert.equal(
        withTree('terraform', fixed, (tree) => tree.rootNode.hasError),
        false,
        fixed,
      );
      assert.ok(!lintText(fixed, 'terraform', catalog).findings.some((f) => f.ruleId === rule), fixed);
    }
  });
});

describe('Terraform: the TLS deny is added as a statement block', () => {
  let catalog: Catalog;
  before(async () => {
    await loadGrammars();
    catalog = Catalog.load(catalogFile);
  });

  test('bucket-secure-transport appends a Deny statement block with principals and a condition block, copying the resource', async () => {
    const { lintText } = await import('../../../../src/core/lint');
    const { withTree } = await import('../../../../src/core/sources/code/trees');
    const text = `data "aws_iam_policy_document" "logs" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["\${aws_s3_bucket.logs.arn}/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = data.aws_iam_policy_document.logs.json
}
`;
    const finding = lintText(text, 'terraform', catalog).findings.find((f) => f.ruleId === 'bucket-secure-transport');
    assert.ok(finding && finding.fixes.length === 1, JSON.stringify(finding?.fixes));
    const fixed = applyFix(text, finding.fixes[0]!);
    assert.ok(
      fixed.includes(`  }

  statement {
    sid = "DenyInsecureTransport"
    effect = "Deny"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions = ["s3:*"]
    resources = ["\${aws_s3_bucket.logs.arn}/*"]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}`),
      fixed,
    );
    assert.equal(
      withTree('terraform', fixed, (tree) => tree.rootNode.hasError),
      false,
      fixed,
    );
    assert.ok(
      !lintText(fixed, 'terraform', catalog).findings.some((f) => f.ruleId === 'bucket-secure-transport'),
      fixed,
    );
  });
});
