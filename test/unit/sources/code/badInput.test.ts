import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { Catalog } from '../../../../src/core/catalog';
import { lintText } from '../../../../src/core/lint';
import { readPolicySource } from '../../../../src/core/sources';
import { cdkStack } from '../../../harness/cdkStack';
import { terraformModule } from '../../../harness/terraformModule';
import { applyFix } from '../../helpers/edits';
import { loadGrammars } from '../../helpers/grammars';
import { catalogFile } from '../../helpers/paths';
import { checkSpans } from '../invariants';

/**
 * Unusual but valid syntax and generated giants: nothing escapes, what is known is still found, and
 * what cannot be known (loops, conditionals, splats, decorators' arguments) produces no finding.
 */
describe('CDK and Terraform: unusual syntax and generated files', () => {
  let catalog: Catalog;
  before(async () => {
    await loadGrammars();
    catalog = Catalog.load(catalogFile);
  });
  const rules = (text: string, format: 'typescript' | 'terraform') =>
    lintText(text, format, catalog).findings.map((f) => `${f.ruleId} ${text.slice(f.span.start, f.span.end)}`);

  test('CDK: decorators, satisfies, generics, optional chaining and a class field around a statement', () => {
    const text = `import * as iam from 'aws-cdk-lib/aws-iam';
function logged<T>(target: T, key: string): void { void target; void key; }
export class Grants<T extends iam.IRole> {
  private readonly extra = ['s3:GetObjekt'] as const;
  constructor(private readonly role?: T) {}
  @logged
  attach(): void {
    this.role?.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['s3:*'] satisfies string[],
      resources: [\`arn:aws:s3:::\${this.role?.roleName ?? 'x'}/*\`],
    }));
  }
}
`;
    checkSpans(text, readPolicySource(text, 'typescript'));
    const found = rules(text, 'typescript');
    assert.ok(found.includes('wildcard-action s3:*'), found.join('\n'));
    // The template literal's unknown part keeps the ARN from being judged.
    assert.ok(!found.some((f) => f.startsWith('invalid-arn') || f.startsWith('resource-star')), found.join('\n'));
  });

  test('Terraform: for expressions, conditionals, splats and dynamic blocks are unknown, never findings', () => {
    const text = `data "aws_iam_policy_document" "d" {
  statement {
    actions   = [for verb in var.verbs : "s3:\${verb}*"]
    resources = var.public ? ["*"] : aws_s3_bucket.b[*].arn
  }
  dynamic "statement" {
    for_each = var.extra
    content {
      actions   = statement.value.actions
      resources = ["*"]
    }
  }
  statement {
    actions   = ["s3:*"]
    resources = [for b in aws_s3_bucket.all : "\${b.arn}/*"]
  }
}
`;
    checkSpans(text, readPolicySource(text, 'terraform'));
    assert.deepEqual(rules(text, 'terraform'), ['wildcard-action s3:*']);
  });

  test('a 5 MB generated CDK stack and Terraform module are read whole, every span inside the text', () => {
    const cdk = cdkStack(130_000);
    assert.ok(cdk.length > 5_000_000, `${cdk.length} characters`);
    const cdkSource = readPolicySource(cdk, 'typescript');
    assert.ok(cdkSource.documents.length > 5_000, `${cdkSource.documents.length} documents`);
    assert.ok(cdkSource.documents.every((d) => d.span.end <= cdk.length));
    const { text: tf, units } = terraformModule(200_000);
    assert.ok(tf.length > 5_000_000, `${tf.length} characters`);
    const tfSource = readPolicySource(tf, 'terraform');
    // Three policies per generated unit (a trust block, a jsonencode policy, a heredoc policy): none lost at scale.
    assert.equal(tfSource.documents.length, units * 3);
    assert.ok(tfSource.documents.every((d) => d.span.end <= tf.length));
  });
});

describe('CDK: a name is resolved only when nothing else binds it', () => {
  let catalog: Catalog;
  before(async () => {
    await loadGrammars();
    catalog = Catalog.load(catalogFile);
  });
  const found = (text: string) => lintText(text, 'typescript', catalog).findings.map((f) => f.ruleId);

  test('parameters, loop variables, arrow parameters and destructured names shadow a module const', () => {
    const head = "import * as iam from 'aws-cdk-lib/aws-iam';\nconst actions = ['*'];\nconst resources = ['*'];\n";
    for (const body of [
      'export function narrow(role: iam.Role, actions: string[], resources: string[]) {\n  role.addToPolicy(new iam.PolicyStatement({ actions, resources }));\n}\n',
      "export function each(role: iam.Role, list: string[][]) {\n  for (const resources of list) role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources }));\n}\n",
      'export const add = (role: iam.Role) => [["s3:GetObject"]].forEach(actions => role.addToPolicy(new iam.PolicyStatement({ actions, resources: ["arn:aws:s3:::b/*"] })));\n',
      'export function props(role: iam.Role, p: { actions: string[]; resources: string[] }) {\n  const { actions, resources } = p;\n  role.addToPolicy(new iam.PolicyStatement({ actions, resources }));\n}\n',
    ]) {
      assert.deepEqual(found(head + body), [], body);
    }
    // The same const used where nothing shadows it is read.
    const plain =
      'export function wide(role: iam.Role) {\n  role.addToPolicy(new iam.PolicyStatement({ actions, resources }));\n}\n';
    assert.ok(found(head + plain).includes('admin-access'), found(head + plain).join(', '));
  });
});

describe('CDK: fixes never reach from a list into a const declared elsewhere', () => {
  let catalog: Catalog;
  before(async () => {
    await loadGrammars();
    catalog = Catalog.load(catalogFile);
  });
  const fixesOf = (text: string, rule: string) =>
    lintText(text, 'typescript', catalog)
      .findings.filter((f) => f.ruleId === rule)
      .map((f) => f.fixes.map((x) => x.title));

  test('a duplicate of a const, a spread and a wildcard const: findings, but no list-shaped fix', () => {
    const head = "import * as iam from 'aws-cdk-lib/aws-iam';\n";
    const duplicate = `${head}const READ = 's3:GetObject';\nexport function f(role: iam.Role) {\n  role.addToPolicy(new iam.PolicyStatement({ actions: [READ, 's3:GetObject'], resources: ['arn:aws:s3:::b/*'] }));\n}\n`;
    assert.deepEqual(fixesOf(duplicate, 'redundant-action'), [[]]);
    const spread = `${head}const READS = ['s3:GetObject'];\nexport function f(role: iam.Role) {\n  role.addToPolicy(new iam.PolicyStatement({ actions: [...READS, 's3:Get*'], resources: ['arn:aws:s3:::b/*'] }));\n}\n`;
    assert.ok(
      fixesOf(spread, 'redundant-action').every((titles) => titles.length === 0),
      JSON.stringify(fixesOf(spread, 'redundant-action')),
    );
    const wildcard = `${head}const Q = 'sqs:*';\nexport function f(role: iam.Role) {\n  role.addToPolicy(new iam.PolicyStatement({ actions: [Q], resources: ['arn:aws:sqs:eu-west-1:111122223333:q'] }));\n}\n`;
    const titles = fixesOf(wildcard, 'wildcard-action');
    assert.equal(titles.length, 1, 'the wildcard is still reported');
    assert.ok(!titles[0]!.some((t) => t.startsWith('Replace')), titles[0]!.join(', '));
    // Written in the list itself, the same wildcard gets its expansion.
    const inline = wildcard.replace('[Q]', "['sqs:*']");
    assert.ok(fixesOf(inline, 'wildcard-action')[0]!.some((t) => t.startsWith('Replace')));
  });
});

describe('CDK: what the CDK adds itself is not reported missing', () => {
  test('a bucket with enforceSSL: true has the TLS deny in its policy; without it the rule fires', async () => {
    await loadGrammars();
    const catalog = Catalog.load(catalogFile);
    const stack = (props: string) => `import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
export function share(scope: any): void {
  const b = new s3.Bucket(scope, 'B', ${props});
  b.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AccountPrincipal('111122223333')], actions: ['s3:GetObject'], resources: [b.arnForObjects('*')] }));
}
`;
    const rules = (text: string) => lintText(text, 'typescript', catalog).findings.map((f) => f.ruleId);
    assert.deepEqual(rules(stack('{ enforceSSL: true, versioned: true }')), []);
    assert.deepEqual(rules(stack('{ versioned: true }')), ['bucket-secure-transport']);
    assert.deepEqual(rules(stack('{ enforceSSL: false }')), ['bucket-secure-transport']);
  });

  test('the fix sets enforceSSL: true on the bucket, in any shape of its props, and the finding goes', async () => {
    await loadGrammars();
    const catalog = Catalog.load(catalogFile);
    const { withTree } = await import('../../../../src/core/sources/code/trees');
    const stack = (bucket: string) => `import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
export function share(scope: any): void {
  const b = ${bucket};
  b.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AccountPrincipal('111122223333')], actions: ['s3:GetObject'], resources: [b.arnForObjects('*')] }));
}
`;
    for (const [before, after] of [
      ["new s3.Bucket(scope, 'B')", "new s3.Bucket(scope, 'B', { enforceSSL: true })"],
      ["new s3.Bucket(scope, 'B', {})", "new s3.Bucket(scope, 'B', { enforceSSL: true })"],
      [
        "new s3.Bucket(scope, 'B', { versioned: true })",
        "new s3.Bucket(scope, 'B', { versioned: true, enforceSSL: true })",
      ],
      [
        "new s3.Bucket(scope, 'B', {\n    versioned: true,\n  })",
        "new s3.Bucket(scope, 'B', {\n    versioned: true,\n    enforceSSL: true,\n  })",
      ],
    ]) {
      const text = stack(before);
      const finding = lintText(text, 'typescript', catalog).findings.find(
        (f) => f.ruleId === 'bucket-secure-transport',
      );
      assert.ok(finding, 'bucket-secure-transport');
      assert.ok(finding.fixes[0]?.title.startsWith('Set enforceSSL: true'), JSON.stringify(finding.fixes));
      const fixed = applyFix(text, finding.fixes[0]!);
      assert.equal(fixed, stack(after));
      assert.equal(
        withTree('typescript', fixed, (tree) => tree.rootNode.hasError),
        false,
      );
      assert.deepEqual(lintText(fixed, 'typescript', catalog).findings, []);
    }
  });
});
