import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { Catalog } from '../../../../src/core/catalog';
import { lintText } from '../../../../src/core/lint';
import type { PolicyDocument, PolicySource, Span } from '../../../../src/core/policy/model';
import type { Fix } from '../../../../src/core/rules/types';
import { readPolicySource } from '../../../../src/core/sources';
import { CodeTrees } from '../../../../src/core/sources/code';
import { readTerraform } from '../../../../src/core/sources/code/terraform/read';
import { withTree } from '../../../../src/core/sources/code/trees';
import { repoRoot } from '../../../harness/paths';
import { terraformModule } from '../../../harness/terraformModule';
import { loadGrammars } from '../../helpers/grammars';
import { catalogFile } from '../../helpers/paths';
import { checkSpans, read } from '../invariants';
import { applyFix } from '../../helpers/edits';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'terraform');
const main = readFileSync(path.join(fixtures, 'main.tf'), 'utf8');
const catalog = Catalog.load(catalogFile);

const at = (text: string, span: Span): string => text.slice(span.start, span.end);
const documentAt = (source: PolicySource, path: string): PolicyDocument => {
  const found = source.documents.find((d) => d.path === path);
  assert.ok(found, `no document at ${path}: ${source.documents.map((d) => d.path).join(', ')}`);
  return found;
};

/** The text after applying a fix's edits (from the end, so offsets hold). */

/** True when the HCL parses without ERROR or MISSING nodes. */
function parsesCleanly(text: string): boolean {
  return withTree('terraform', text, (tree) => !tree.rootNode.hasError) ?? false;
}

describe('Terraform reader', () => {
  before(loadGrammars);

  it('reads every policy of the module, with its kind, path and principals', () => {
    const source = read(main, 'terraform');
    assert.equal(source.shape, 'terraform');
    assert.deepEqual(source.problems, []);
    const summary = source.documents.map((d) => [
      d.path,
      d.kind,
      d.appliesTo?.join(',') ?? '',
      d.resourceService ?? '',
      d.construct ?? '',
      d.inString !== undefined,
    ]);
    assert.deepEqual(summary, [
      ['data.aws_iam_policy_document.github_trust', 'trust', '', '', 'terraform-block', false],
      ['aws_iam_role.deploy.inline_policy[0].policy', 'identity', 'aws_iam_role.deploy', '', '', false],
      ['data.aws_iam_policy_document.deploy', 'identity', 'aws_iam_role.deploy', '', 'terraform-block', false],
      ['aws_iam_policy.readers.policy', 'identity', 'aws_iam_user.ci', '', '', false],
      // A JSON string with escapes: read, each element's span aligned through the escapes.
      ['aws_iam_user_policy.ci_inline.policy', 'identity', 'aws_iam_user.ci', '', '', true],
      ['aws_s3_bucket_policy.logs.policy', 'resource', '', 's3', '', false],
      ['aws_kms_key.main.policy', 'resource', '', 'kms', '', false],
      ['data.aws_iam_policy_document.queue', 'resource', '', 'sqs', 'terraform-block', false],
    ]);
  });

  it('maps document blocks to IAM elements with the spans of the HCL names and strings', () => {
    const source = read(main, 'terraform');
    const deploy = documentAt(source, 'data.aws_iam_policy_document.deploy');
    assert.equal(at(main, deploy.version!.key.span), 'version');
    assert.equal(at(main, deploy.version!.value.span), '2012-10-17');
    const [storage, readStatement, compute, dynamic] = deploy.statements;
    assert.equal(at(main, storage.action!.key.span), 'actions');
    assert.deepEqual(
      storage.action!.list.values.map((v) => at(main, v.span)),
      ['s3:*', 's3:GetObjekt'],
    );
    assert.equal(at(main, storage.action!.list.span), '["s3:*", "s3:GetObjekt"]');
    assert.equal(at(main, storage.sid!.value.span), 'Storage');
    // Interpolations and references are unknown parts.
    assert.deepEqual(
      storage.resource!.list.values.map((v) => v.parts),
      [['arn:aws:s3:::', { unknown: 'var.bucket' }, '/*'], [{ unknown: 'aws_s3_bucket.logs.arn' }]],
    );
    // Two condition blocks with one test: one operator with two keys.
    assert.equal(storage.condition!.blocks.length, 1);
    assert.equal(at(main, storage.condition!.blocks[0].operator.span), 'StringEquals');
    assert.deepEqual(
      storage.condition!.blocks[0].entries.map((e) => at(main, e.key.span)),
      ['aws:RequestedRegion', 'aws:PrincipalAccount'],
    );
    assert.deepEqual(
      storage.condition!.blocks[0].entries[0].values.values.map((v) => at(main, v.span)),
      ['eu-west-1'],
    );
    // No `effect`: Terraform's Allow, on an empty span.
    assert.equal(readStatement.effect!.value.text, 'Allow');
    assert.equal(readStatement.effect!.value.span.start, readStatement.effect!.value.span.end);
    assert.equal(compute.sid!.value.text, 'Compute');
    // A dynamic block over a variable that is not defined: its content read once, what it takes from the iterator unknown.
    assert.equal(dynamic.action!.list.unknown, true);
    assert.deepEqual(
      dynamic.resource!.list.values.map((v) => at(main, v.span)),
      ['*'],
    );
    assert.equal(at(main, dynamic.span).split('\n')[0], 'dynamic "statement" {');
    assert.deepEqual(
      (source.notAnalysed ?? []).map((n) => [n.reason, at(main, n.span!)]),
      [
        [
          'the values this dynamic "statement" block takes from var.extra_statements are not analysed',
          'dynamic "statement"',
        ],
        [
          'the policy in aws_iam_role.computed.assume_role_policy comes from var.trust_policy: not analysed',
          'var.trust_policy',
        ],
      ],
    );

    const trust = documentAt(source, 'data.aws_iam_policy_document.github_trust');
    assert.equal(trust.version!.value.text, '2012-10-17');
    assert.equal(trust.version!.value.span.end - trust.version!.value.span.start, 0);
    const federated = trust.statements[0].principal!;
    assert.equal(at(main, federated.key.span), 'principals');
    assert.equal(at(main, federated.entries[0].key.span), 'Federated');

    // Two `principals` blocks of one type merge.
    const queue = documentAt(source, 'data.aws_iam_policy_document.queue');
    const service = queue.statements[0].principal!.entries;
    assert.equal(service.length, 1);
    assert.deepEqual(
      service[0].values.values.map((v) => at(main, v.span)),
      ['sns.amazonaws.com', 'events.amazonaws.com'],
    );
  });

  it('reads jsonencode objects (bare or quoted keys, = or :) and heredoc JSON with exact spans', () => {
    const source = read(main, 'terraform');
    const inline = documentAt(source, 'aws_iam_role.deploy.inline_policy[0].policy');
    assert.equal(at(main, inline.statementKey!.span), 'Statement');
    assert.equal(at(main, inline.statements[0].action!.list.values[0].span), 'iam:PassRole');
    const kms = documentAt(source, 'aws_kms_key.main.policy');
    assert.equal(at(main, kms.statements[0].principal!.entries[0].key.span), 'AWS');
    assert.deepEqual(kms.statements[0].principal!.entries[0].values.values[0].parts, [
      'arn:aws:iam::',
      { unknown: 'var.account_id' },
      ':root',
    ]);
    const bucket = documentAt(source, 'aws_s3_bucket_policy.logs.policy');
    assert.equal(at(main, bucket.statements[0].principal!.wildcard!.span), '*');

    const readers = documentAt(source, 'aws_iam_policy.readers.policy');
    assert.deepEqual(
      readers.statements[0].action!.list.values.map((v) => at(main, v.span)),
      ['s3:GetObject', 's3:ListBucket'],
    );
    assert.deepEqual(readers.statements[0].resource!.list.values[1].parts, [
      'arn:aws:s3:::',
      { unknown: 'var.bucket' },
      '/*',
    ]);
    // `${var.extra_statement}` in a statement's place: an unknown statement.
    assert.equal(readers.statements[1].unknown, true);
  });

  it('reads heredoc escapes, reports heredoc JSON that does not parse, and ignores computed policies', () => {
    const text = [
      'resource "aws_iam_policy" "a" {',
      '  policy = <<POLICY',
      '{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::$${literal}", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "${var.team}"}}}]}',
      'POLICY',
      '}',
      'resource "aws_iam_policy" "b" {',
      '  policy = <<-EOT',
      '    {"Statement": [{"Effect": "Allow" "Action": "s3:GetObject"}]}',
      '  EOT',
      '}',
      'resource "aws_iam_policy" "c" {',
      '  policy = var.policy',
      '}',
      'resource "aws_iam_policy" "d" {',
      '  policy = jsonencode({ Statement = var.statements })',
      '}',
    ].join('\n');
    const source = read(text, 'terraform');
    const a = documentAt(source, 'aws_iam_policy.a.policy');
    assert.equal(a.statements[0].resource!.list.values[0].text, 'arn:aws:s3:::${literal}');
    assert.deepEqual(a.statements[0].condition!.blocks[0].entries[0].values.values[0].parts, [{ unknown: 'var.team' }]);
    assert.deepEqual(
      source.problems.map((p) => [p.message, at(text, p.span)]),
      [['In the policy document in this heredoc: Expected a comma', '"Action"']],
    );
    assert.equal(
      source.documents.some((d) => d.path === 'aws_iam_policy.c.policy'),
      false,
    );
    assert.equal(documentAt(source, 'aws_iam_policy.d.policy').statements[0].unknown, true);
  });

  it('follows document blocks through source_policy_documents and gives them the kind of their use', () => {
    const text = [
      'data "aws_iam_policy_document" "base" {',
      '  statement {',
      '    actions   = ["iam:PassRole"]',
      '    resources = ["*"]',
      '  }',
      '}',
      'data "aws_iam_policy_document" "combined" {',
      '  source_policy_documents = [data.aws_iam_policy_document.base.json, var.extra]',
      '  statement {',
      '    actions   = ["ec2:RunInstances"]',
      '    resources = ["*"]',
      '  }',
      '}',
      'resource "aws_iam_role_policy" "p" {',
      '  role   = "builder"',
      '  policy = data.aws_iam_policy_document.combined.json',
      '}',
      'resource "aws_iam_role" "builder" {',
      '  name               = "builder"',
      '  assume_role_policy = data.aws_iam_policy_document.unused.json',
      '}',
    ].join('\n');
    const source = read(text, 'terraform');
    assert.deepEqual(documentAt(source, 'data.aws_iam_policy_document.base').appliesTo, ['aws_iam_role.builder']);
    const combined = documentAt(source, 'data.aws_iam_policy_document.combined');
    assert.deepEqual(combined.appliesTo, ['aws_iam_role.builder']);
    // `var.extra` is merged in from elsewhere: one unknown statement.
    assert.deepEqual(
      combined.statements.map((s) => s.unknown ?? false),
      [false, true],
    );
    const escalation = lintText(text, 'terraform', catalog).findings.filter((f) => f.ruleId === 'privilege-escalation');
    assert.equal(
      escalation.length > 0,
      true,
      'iam:PassRole in one block and ec2:RunInstances in another, for one role',
    );
  });

  it('reads policy attachments to several principals, Organizations policies, templatefile and heredoc directives', () => {
    const text = [
      'resource "aws_iam_policy" "shared" {',
      '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })',
      '}',
      'resource "aws_iam_policy_attachment" "shared" {',
      '  name       = "shared"',
      '  policy_arn = aws_iam_policy.shared.arn',
      '  roles      = [aws_iam_role.a.name, "b"]',
      '  users      = [aws_iam_user.u.name]',
      '}',
      'resource "aws_iam_group_policy_attachment" "ops" {',
      '  group      = aws_iam_group.ops.name',
      '  policy_arn = "arn:aws:iam::aws:policy/IAMFullAccess"',
      '}',
      'resource "aws_organizations_policy" "scp" {',
      '  content = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "organizations:LeaveOrganization", Resource = "*" }] })',
      '}',
      'resource "aws_organizations_policy" "tags" {',
      '  type    = "TAG_POLICY"',
      '  content = jsonencode({ tags = {} })',
      '}',
      'resource "aws_sns_topic_policy" "t" {',
      '  arn    = aws_sns_topic.t.arn',
      '  policy = templatefile("${path.module}/topic.json.tftpl", { topic = aws_sns_topic.t.arn })',
      '}',
      'resource "aws_iam_role_policy" "directive" {',
      '  role   = aws_iam_role.a.id',
      '  policy = <<EOF',
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [%{ for a in var.actions }"${a}",%{ endfor }"s3:GetObject"], "Resource": "*"}]}',
      'EOF',
      '}',
    ].join('\n');
    const source = read(text, 'terraform');
    assert.deepEqual(
      source.documents.map((d) => [d.path, d.kind, d.appliesTo?.join(',') ?? '']),
      [
        ['aws_iam_policy.shared.policy', 'identity', 'aws_iam_role.a,b,aws_iam_user.u'],
        ['aws_organizations_policy.scp.content', 'scp', ''],
        ['aws_iam_role_policy.directive.policy', 'identity', 'aws_iam_role.a'],
      ],
    );
    // A `for` directive stands for values: unknown ones, the literal after it kept.
    const directive = documentAt(source, 'aws_iam_role_policy.directive.policy').statements[0].action!.list.values;
    assert.deepEqual(
      directive.map((v) => v.kind),
      ['unknown', 'string'],
    );
    assert.deepEqual(
      source.template!.managedPolicies.map((m) => [m.principal, m.principalType, m.awsManagedName]),
      [['aws_iam_group.ops', 'AWS::IAM::Group', 'IAMFullAccess']],
    );
    const reading = withTree('terraform', text, (tree) => readTerraform(text, tree))!;
    assert.deepEqual(
      reading.externalDocuments?.map((e) => [e.path, e.template, e.kind, e.resourceService]),
      [['topic.json.tftpl', true, 'resource', 'sns']],
    );
    assert.ok(lintText(text, 'terraform', catalog).findings.some((f) => f.ruleId === 'aws-managed-privileged-policy'));
  });

  it('lists attached managed policies, AWS managed ones by name', () => {
    const source = readPolicySource(main, 'terraform');
    assert.deepEqual(
      source.template!.managedPolicies.map((m) => [
        m.principal,
        m.principalType,
        at(main, m.value.span),
        m.awsManagedName,
      ]),
      [
        [
          'aws_iam_role.deploy',
          'AWS::IAM::Role',
          'arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess',
          'AdministratorAccess',
        ],
        ['aws_iam_role.computed', 'AWS::IAM::Role', 'arn:aws:iam::aws:policy/ReadOnlyAccess', 'ReadOnlyAccess'],
      ],
    );
  });

  it('names policies kept in files of the module for the caller to read', () => {
    const reading = withTree('terraform', main, (tree) => readTerraform(main, tree))!;
    assert.deepEqual(
      reading.externalDocuments?.map((e) => [e.path, e.template, e.kind, e.usedAt, at(main, e.span)]),
      [
        [
          'policies/ops.json',
          false,
          'identity',
          'aws_iam_policy.from_file.policy',
          'file("${path.module}/policies/ops.json")',
        ],
      ],
    );
  });

  it('lints the module: findings by rule on the right text, nothing on what is computed', () => {
    const findings = lintText(main, 'terraform', catalog).findings.map((f) => [f.ruleId, at(main, f.span)]);
    const has = (rule: string, text: string): void =>
      assert.ok(
        findings.some(([r, t]) => r === rule && t === text),
        `${rule} on ${text}: ${JSON.stringify(findings)}`,
      );
    has('wildcard-action', 's3:*');
    has('unknown-action', 's3:GetObjekt');
    has('resource-star', '*');
    has('privilege-escalation', 'iam:PassRole');
    has('oidc-trust-unpinned', 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com');
    has('aws-managed-admin-policy', 'arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess');
    has('public-principal', '*');
    // Interpolations, references, dynamic blocks: no finding there.
    for (const [rule, text] of findings)
      assert.ok(
        !text.includes('${var.') && !text.includes('aws_s3_bucket.logs.arn') && !text.includes('statement.value'),
        `${rule} on ${text}`,
      );
  });

  it('reads conditions of document blocks as the trust rules expect: a pinned OIDC trust draws no finding', () => {
    const conditions = [
      '    condition {',
      '      test     = "StringEquals"',
      '      variable = "token.actions.githubusercontent.com:aud"',
      '      values   = ["sts.amazonaws.com"]',
      '    }',
      '    condition {',
      '      test     = "StringLike"',
      '      variable = "token.actions.githubusercontent.com:sub"',
      '      values   = ["repo:acme/deploy:ref:refs/heads/main"]',
      '    }',
    ].join('\n');
    const pinned = main.replace(
      '      identifiers = ["arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"]\n    }\n',
      (m) => `${m}${conditions}\n`,
    );
    assert.notEqual(pinned, main);
    const rules = lintText(pinned, 'terraform', catalog).findings.map((f) => f.ruleId);
    assert.ok(!rules.includes('oidc-trust-unpinned') && !rules.includes('oidc-audience-missing'), rules.join());
  });

  it('fixes: replacements inside quotes and lists keep the HCL valid; insertions as JSON in jsonencode, as blocks in document blocks', () => {
    const result = lintText(main, 'terraform', catalog);
    const fixOf = (rule: string, text: string): Fix => {
      const finding = result.findings.find((f) => f.ruleId === rule && at(main, f.span) === text);
      assert.ok(finding?.fixes[0], `a fix for ${rule} on ${text}`);
      return finding.fixes[0];
    };
    for (const [rule, text] of [
      ['unknown-action', 's3:GetObjekt'],
      ['wildcard-action', 's3:*'],
    ] as const) {
      const fixed = applyFix(main, fixOf(rule, text));
      assert.ok(parsesCleanly(fixed), `${rule}: the fixed HCL parses`);
      assert.ok(
        !lintText(fixed, 'terraform', catalog).findings.some((f) => f.ruleId === rule && at(fixed, f.span) === text),
        `${rule} is gone`,
      );
    }
    // A statement with a condition inserted into a jsonencode object: JSON is HCL object syntax.
    const secure = fixOf('bucket-secure-transport', 'Statement');
    const fixed = applyFix(main, secure);
    assert.ok(parsesCleanly(fixed), fixed.slice(secure.edits[0].span.start - 200, secure.edits[0].span.start + 400));
    assert.ok(!lintText(fixed, 'terraform', catalog).findings.some((f) => f.ruleId === 'bucket-secure-transport'));
    assert.equal(
      documentAt(readPolicySource(fixed, 'terraform'), 'aws_s3_bucket_policy.logs.policy').statements.length,
      2,
    );

    // In document blocks, a fix inserts text only when written as HCL blocks (`native`), never IAM JSON;
    // every fix there leaves HCL that parses and takes its finding away.
    const source = readPolicySource(main, 'terraform');
    const blocks = source.documents.filter((d) => d.construct === 'terraform-block');
    for (const finding of result.findings) {
      if (!blocks.some((d) => d.span.start <= finding.span.start && finding.span.end <= d.span.end)) continue;
      for (const fix of finding.fixes) {
        for (const edit of fix.edits)
          assert.ok(edit.span.end > edit.span.start || edit.native, `${finding.ruleId}: ${fix.title}`);
        const after = applyFix(main, fix);
        assert.ok(parsesCleanly(after), `${finding.ruleId}: ${fix.title}`);
        assert.ok(
          !lintText(after, 'terraform', catalog).findings.some(
            (f) => f.ruleId === finding.ruleId && f.span.start === finding.span.start && f.message === finding.message,
          ),
          `${finding.ruleId}: ${fix.title}`,
        );
      }
    }
  });

  it('reads what it can of half-typed text and never throws on a truncated module', () => {
    const half = readFileSync(path.join(fixtures, 'half-typed.tf'), 'utf8');
    const source = read(half, 'terraform');
    assert.deepEqual(
      source.documents.map((d) => [d.path, d.statements.map((st) => st.action?.list.values.map((v) => v.text))]),
      [['data.aws_iam_policy_document.ok', [['s3:*']]]],
    );
    // A block whose closing brace is missing swallows the next one: it is still read.
    const unclosed = [
      'resource "aws_iam_role" "r" {',
      '  inline_policy {',
      '    policy = jsonencode({ "a" : 1',
      '  }',
      '}',
      'resource "aws_iam_policy" "p" {',
      '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] })',
      '}',
    ].join('\n');
    assert.deepEqual(
      read(unclosed, 'terraform').documents.map((d) => d.path),
      ['aws_iam_role.r.inline_policy[0].policy', 'aws_iam_policy.p.policy'],
    );
    const trees = new CodeTrees();
    try {
      for (let end = 0; end <= main.length; end += 37) {
        const text = main.slice(0, end);
        const result = checkSpans(text, readPolicySource(text, 'terraform', { trees }));
        assert.ok(
          !result.problems.some((p) => p.message.includes('internal error')),
          `truncated at ${end}: ${JSON.stringify(result.problems)}`,
        );
      }
    } finally {
      trees.dispose();
    }
  });
});

describe('Terraform plan JSON', () => {
  const plan = readFileSync(path.join(fixtures, 'plan.json'), 'utf8');

  it('reads the policies of planned resources, by address, with kind and principals', () => {
    const source = read(plan, 'json');
    assert.equal(source.shape, 'terraform-plan');
    assert.deepEqual(
      source.documents.map((d) => [
        d.path,
        d.kind,
        d.appliesTo?.join(',') ?? '',
        d.resourceService ?? '',
        // Policies are JSON strings in the plan: each element's span is aligned through the escapes.
        d.inString !== undefined,
      ]),
      [
        ['aws_iam_role.deploy', 'trust', '', '', true],
        ['aws_iam_role.deploy.inline_policy[0]', 'identity', 'aws_iam_role.deploy', '', true],
        ['aws_iam_role_policy.deploy', 'identity', 'aws_iam_role.deploy', '', true],
        // The attachment's policy_arn is known only after apply: no principal.
        ['aws_iam_policy.readers', 'identity', '', '', true],
        ['module.logs.aws_s3_bucket_policy.logs', 'resource', '', 's3', true],
      ],
    );
  });

  it('lints a plan: privilege escalation across a role, managed admin, trust', () => {
    const rules = new Set(lintText(plan, 'json', catalog).findings.map((f) => f.ruleId));
    for (const rule of [
      'privilege-escalation',
      'aws-managed-admin-policy',
      'oidc-trust-unpinned',
      'wildcard-action',
      'public-principal',
    ])
      assert.ok(rules.has(rule), `${rule}: ${[...rules].join(', ')}`);
  });

  it('reads resource_changes when a plan has no planned values', () => {
    const after = {
      name: 'x',
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }],
      }),
    };
    const text = JSON.stringify({
      format_version: '1.2',
      resource_changes: [
        {
          address: 'aws_iam_policy.x',
          mode: 'managed',
          type: 'aws_iam_policy',
          change: { actions: ['create'], after },
        },
      ],
    });
    const source = read(text, 'json');
    assert.equal(source.shape, 'terraform-plan');
    assert.deepEqual(
      source.documents.map((d) => [d.path, d.statements[0].action?.list.values[0].text]),
      [['aws_iam_policy.x', 'sqs:*']],
    );
  });

  it('leaves other JSON with a format_version alone', () => {
    assert.equal(readPolicySource('{"format_version": "1.0", "provider_schemas": {}}', 'json').shape, 'none');
    assert.equal(
      readPolicySource('{"format_version": "1.2", "planned_values": {"root_module": {}}}', 'json').shape,
      'terraform-plan',
    );
  });
});

describe('Terraform reader at scale', () => {
  before(loadGrammars);

  it('reads a generated 1 MB module: every policy, every span inside the text (timings: bench/terraform.bench.ts)', () => {
    const { text, units } = terraformModule(40_000);
    assert.ok(text.length >= 1_000_000);
    const source = checkSpans(text, readPolicySource(text, 'terraform'));
    assert.deepEqual(source.problems, []);
    assert.equal(source.documents.length, units * 3);
    assert.equal(source.documents.filter((d) => d.kind === 'trust').length, units);
  });
});
