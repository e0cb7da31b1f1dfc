import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { Catalog } from '../../../../src/core/catalog';
import { lintText } from '../../../../src/core/lint';
import { targetAt } from '../../../../src/core/policy/cursor';
import type { PolicyDocument, PolicySource, Span, Statement } from '../../../../src/core/policy/model';
import { readPolicySource } from '../../../../src/core/sources';
import type { ReadRelative } from '../../../../src/core/sources/code';
import { loadGrammars } from '../../helpers/grammars';
import { catalogFile } from '../../helpers/paths';
import { checkSpans } from '../invariants';

/** A module folder in memory: the reader the server and the CLI give, with its listing. */
function folder(files: Record<string, string>): ReadRelative {
  return Object.assign((name: string) => files[name], { list: () => Object.keys(files) });
}

function readTf(text: string, files: Record<string, string> = {}): PolicySource {
  return checkSpans(text, readPolicySource(text, 'terraform', { readFile: folder(files) }));
}

const at = (text: string, span: Span): string => text.slice(span.start, span.end);
/** Each statement's actions as [value, text at its span]. */
const actions = (text: string, document: PolicyDocument): [string, string][][] =>
  document.statements.map((s: Statement) => (s.action?.list.values ?? []).map((v) => [v.text, at(text, v.span)]));

describe('Terraform: variables, locals and dynamic blocks', () => {
  let catalog: Catalog;
  before(async () => {
    await loadGrammars();
    catalog = Catalog.load(catalogFile);
  });

  it("reads a variable's default (of another file) at the reference, says where it comes from, and offers no fix there", () => {
    const main = `data "aws_iam_policy_document" "p" {
  statement {
    actions   = var.actions
    resources = ["*"]
  }
}
`;
    const files = { 'variables.tf': 'variable "actions" {\n  default = ["s3:*"]\n}\n', 'main.tf': main };
    const [document] = readTf(main, files).documents;
    assert.deepEqual(actions(main, document!), [[['s3:*', 'var.actions']]]);
    assert.deepEqual(document!.borrowed, [
      {
        span: { start: main.indexOf('var.actions'), end: main.indexOf('var.actions') + 'var.actions'.length },
        from: 'the default of var.actions in variables.tf',
      },
    ]);
    const wildcard = lintText(main, 'terraform', catalog, {}, { readFile: folder(files) }).findings.find(
      (f) => f.ruleId === 'wildcard-action',
    );
    assert.equal(at(main, wildcard!.span), 'var.actions');
    assert.deepEqual(wildcard!.fixes, []);
    // The text at the finding is only the reference: the message says where the value is written.
    assert.match(wildcard!.message, /\(The value is the default of var\.actions in variables\.tf\.\)$/);
    // Completion and rewrites at the reference would replace it: the cursor finds no action there.
    assert.equal(targetAt(readTf(main, files), main.indexOf('var.actions') + 4), undefined);
    assert.equal(targetAt(readTf(main, files), main.indexOf('"*"') + 1)?.kind, 'resource');
  });

  it('a variable without a default stays unknown; a .tfvars value wins over the default', () => {
    const main =
      'data "aws_iam_policy_document" "p" {\n  statement {\n    actions   = var.actions\n    resources = ["*"]\n  }\n}\n';
    const none = readTf(main, { 'variables.tf': 'variable "actions" {\n  type = list(string)\n}\n' });
    assert.equal(none.documents[0]!.statements[0]!.action!.list.unknown, true);
    // An empty default is a placeholder the caller fills: unknown too, not a policy without actions.
    for (const empty of ['null', '[]', '""']) {
      const source = readTf(main, { 'variables.tf': `variable "actions" {\n  default = ${empty}\n}\n` });
      assert.equal(source.documents[0]!.statements[0]!.action!.list.unknown, true, empty);
      assert.deepEqual(source.problems, [], empty);
    }
    const set = readTf(main, {
      'variables.tf': 'variable "actions" {\n  default = ["s3:*"]\n}\n',
      'terraform.tfvars': 'actions = ["s3:GetObject"]\n',
    });
    assert.deepEqual(actions(main, set.documents[0]!), [[['s3:GetObject', 'var.actions']]]);
    assert.equal(set.documents[0]!.borrowed![0]!.from, 'var.actions as terraform.tfvars sets it');
  });

  it('a local of this file keeps its own spans, so its fix edits the local', () => {
    const main = `locals {
  admin = ["iam:*"]
}

data "aws_iam_policy_document" "p" {
  statement {
    actions   = local.admin
    resources = ["*"]
  }
}
`;
    const [document] = readTf(main).documents;
    assert.deepEqual(actions(main, document!), [[['iam:*', 'iam:*']]]);
    assert.equal(document!.borrowed, undefined);
    const wildcard = lintText(main, 'terraform', catalog).findings.find((f) => f.ruleId === 'wildcard-action');
    assert.equal(wildcard!.span.start, main.indexOf('iam:*'));
    assert.ok(wildcard!.fixes.length > 0);
  });

  it('a local that shows a variable shows it in every document that uses the local', () => {
    const main = `variable "admin" {
  default = "iam:*"
}

locals {
  actions = [var.admin, "s3:GetObject"]
}

data "aws_iam_policy_document" "a" {
  statement {
    actions   = local.actions
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "b" {
  statement {
    actions   = local.actions
    resources = ["arn:aws:s3:::b/*"]
  }
}
`;
    const reference = { start: main.indexOf('var.admin'), end: main.indexOf('var.admin') + 'var.admin'.length };
    const source = readTf(main);
    assert.deepEqual(
      source.documents.map((d) => d.borrowed),
      [
        [{ span: reference, from: 'the default of var.admin' }],
        [{ span: reference, from: 'the default of var.admin' }],
      ],
    );
    assert.deepEqual(actions(main, source.documents[1]!), [
      [
        ['iam:*', 'var.admin'],
        ['s3:GetObject', 's3:GetObject'],
      ],
    ]);
    for (const finding of lintText(main, 'terraform', catalog).findings) {
      for (const fix of finding.fixes)
        for (const edit of fix.edits)
          assert.ok(
            edit.span.end < reference.start || edit.span.start > reference.end,
            `${finding.ruleId}: ${fix.title}`,
          );
    }
  });

  it('expands dynamic statements over literal lists, maps, sets and locals, with iterators, lookup and try', () => {
    const main = `locals {
  readers = {
    Logs = { actions = ["logs:GetLogEvents"] }
    Data = { actions = ["s3:GetObject"], resources = ["arn:aws:s3:::data/*"] }
  }
}

data "aws_iam_policy_document" "p" {
  dynamic "statement" {
    for_each = local.readers
    iterator = r
    content {
      sid       = r.key
      actions   = r.value.actions
      resources = lookup(r.value, "resources", ["*"])
    }
  }
  dynamic "statement" {
    for_each = [{ actions = ["sqs:SendMessage"] }, { actions = ["sns:Publish"], resources = ["arn:aws:sns:eu-west-1:111122223333:t"] }]
    content {
      actions   = statement.value.actions
      resources = try(statement.value.resources, ["*"])
      effect    = "Deny"
    }
  }
  dynamic "statement" {
    for_each = toset(["ec2:StartInstances", "ec2:StopInstances"])
    content {
      actions   = [statement.key]
      resources = ["*"]
    }
  }
}
`;
    const source = readTf(main);
    const [document] = source.documents;
    assert.deepEqual(actions(main, document!), [
      [['logs:GetLogEvents', 'logs:GetLogEvents']],
      [['s3:GetObject', 's3:GetObject']],
      [['sqs:SendMessage', 'sqs:SendMessage']],
      [['sns:Publish', 'sns:Publish']],
      [['ec2:StartInstances', 'ec2:StartInstances']],
      [['ec2:StopInstances', 'ec2:StopInstances']],
    ]);
    const statements = document!.statements;
    assert.deepEqual(
      statements.map((s) => s.sid && [s.sid.value.text, at(main, s.sid.value.span)]),
      [['Logs', 'Logs'], ['Data', 'Data'], undefined, undefined, undefined, undefined],
    );
    // lookup's default where the element has no resources; the element's own where it has.
    assert.deepEqual(
      statements.map((s) => s.resource!.list.values.map((v) => at(main, v.span))),
      [['*'], ['arn:aws:s3:::data/*'], ['*'], ['arn:aws:sns:eu-west-1:111122223333:t'], ['*'], ['*']],
    );
    assert.deepEqual(
      statements.map((s) => s.effect!.value.text),
      ['Allow', 'Allow', 'Deny', 'Deny', 'Allow', 'Allow'],
    );
    // Each statement spans its dynamic block; nothing is said as not analysed.
    assert.ok(at(main, statements[0]!.span).startsWith('dynamic "statement" {'));
    assert.equal(source.notAnalysed, undefined);
  });

  it('reads `cond ? [1] : []` as its statement, and expands dynamic principals and conditions inside statements', () => {
    const main = `data "aws_iam_policy_document" "trust" {
  dynamic "statement" {
    for_each = var.enable_github ? [1] : []
    content {
      actions = ["sts:AssumeRoleWithWebIdentity"]
      dynamic "principals" {
        for_each = ["arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"]
        content {
          type        = "Federated"
          identifiers = [principals.value]
        }
      }
      dynamic "condition" {
        for_each = {
          "token.actions.githubusercontent.com:sub" = ["repo:org/app:ref:refs/heads/main"]
          "token.actions.githubusercontent.com:aud" = ["sts.amazonaws.com"]
        }
        content {
          test     = "StringEquals"
          variable = condition.key
          values   = condition.value
        }
      }
    }
  }
}
`;
    const source = readTf(main);
    const [statement] = source.documents[0]!.statements;
    assert.equal(source.documents[0]!.kind, 'trust');
    assert.deepEqual(
      statement!.principal!.entries.map((e) => [e.key.text, e.values.values.map((v) => at(main, v.span))]),
      [['Federated', ['arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com']]],
    );
    const [block] = statement!.condition!.blocks;
    assert.deepEqual(
      [block!.operator.text, block!.entries.map((e) => [at(main, e.key.span), e.values.values.map((v) => v.text)])],
      [
        'StringEquals',
        [
          ['token.actions.githubusercontent.com:sub', ['repo:org/app:ref:refs/heads/main']],
          ['token.actions.githubusercontent.com:aud', ['sts.amazonaws.com']],
        ],
      ],
    );
    // A pinned GitHub trust: the trust rules find nothing to say.
    const trustFindings = lintText(main, 'terraform', catalog).findings.filter(
      (f) => f.ruleId.includes('oidc') || f.ruleId.includes('trust'),
    );
    assert.deepEqual(trustFindings, []);
  });

  it('says what a dynamic block takes from values it cannot know, once, at its head; its literal parts are still read', () => {
    const main = `data "aws_iam_policy_document" "p" {
  dynamic "statement" {
    for_each = var.statements
    content {
      actions   = statement.value.actions
      resources = ["*"]
      dynamic "principals" {
        for_each = statement.value.principals != null ? statement.value.principals : []
        content {
          type        = principals.value.type
          identifiers = principals.value.identifiers
        }
      }
    }
  }
  dynamic "statement" {
    for_each = var.buckets
    content {
      actions   = ["s3:GetObjekt"]
      resources = ["arn:aws:s3:::\${statement.value}/*"]
    }
  }
  dynamic "statement" {
    for_each = var.extra
    content {
      actions   = ["s3:ListAllMyBuckets"]
      resources = ["*"]
    }
  }
}
`;
    // var.statements has no default; var.buckets' default is empty, so its values are the caller's; the
    // third block takes nothing from its iterator: it is read whole.
    const files = {
      'variables.tf':
        'variable "statements" {}\nvariable "buckets" {\n  default = []\n}\nvariable "extra" {\n  default = []\n}\n',
    };
    const source = readTf(main, files);
    assert.deepEqual(
      source.notAnalysed!.map((n) => [n.reason, at(main, n.span!)]),
      [
        ['the values this dynamic "statement" block takes from var.statements are not analysed', 'dynamic "statement"'],
        ['the values this dynamic "statement" block takes from var.buckets are not analysed', 'dynamic "statement"'],
      ],
    );
    assert.deepEqual(
      source.notAnalysed!.map((n) => n.span!.start),
      [main.indexOf('dynamic'), main.indexOf('dynamic "statement" {\n    for_each = var.buckets')],
    );
    const [unknown, buckets, extra] = source.documents[0]!.statements;
    assert.equal(unknown!.action!.list.unknown, true);
    assert.equal(unknown!.principal!.unknown, true);
    assert.deepEqual(
      buckets!.action!.list.values.map((v) => at(main, v.span)),
      ['s3:GetObjekt'],
    );
    assert.deepEqual(buckets!.resource!.list.values[0]!.parts, ['arn:aws:s3:::', { unknown: 'statement.value' }, '/*']);
    assert.deepEqual(
      extra!.action!.list.values.map((v) => v.text),
      ['s3:ListAllMyBuckets'],
    );
    // The lint result carries the reading's entries.
    const result = lintText(main, 'terraform', catalog, {}, { readFile: folder(files) });
    assert.deepEqual(result.notAnalysed, source.notAnalysed);
    assert.ok(result.findings.some((f) => f.ruleId === 'unknown-action' && at(main, f.span) === 's3:GetObjekt'));
  });

  it('reports a finding once when one text stands for several statements', () => {
    const main = `data "aws_iam_policy_document" "p" {
  dynamic "statement" {
    for_each = ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"]
    content {
      actions   = ["s3:GetObjekt"]
      resources = [statement.value]
    }
  }
}
`;
    const findings = lintText(main, 'terraform', catalog).findings.filter((f) => f.ruleId === 'unknown-action');
    assert.equal(findings.length, 1);
    assert.equal(at(main, findings[0]!.span), 's3:GetObjekt');
  });

  it('says a resource policy that comes from outside the file; reads one a local of the file writes', () => {
    const main = `locals {
  trust = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "*" } }]
  })
}

resource "aws_iam_role" "a" {
  assume_role_policy = local.trust
}

resource "aws_iam_policy" "b" {
  policy = var.policy
}

resource "aws_iam_policy" "c" {
  policy = aws_iam_policy.b.policy
}

resource "aws_iam_role_policy" "d" {
  role   = "r"
  policy = "\${data.aws_iam_policy_document.d.json}"
}

data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
`;
    const source = readTf(main);
    assert.deepEqual(
      source.documents.map((d) => [d.path, d.kind, d.appliesTo]),
      [
        ['aws_iam_role.a.assume_role_policy', 'trust', undefined],
        // Terraform 0.11's "\${data...json}" is the block's use.
        ['data.aws_iam_policy_document.d', 'identity', ['r']],
      ],
    );
    assert.equal(at(main, source.documents[0]!.statements[0]!.principal!.entries[0]!.values.values[0]!.span), '*');
    assert.deepEqual(
      source.notAnalysed!.map((n) => [n.reason, at(main, n.span!)]),
      [['the policy in aws_iam_policy.b.policy comes from var.policy: not analysed', 'var.policy']],
    );
  });
});

describe('Terraform: module inputs', () => {
  let catalog: Catalog;
  before(async () => {
    await loadGrammars();
    catalog = Catalog.load(catalogFile);
  });

  const main = `module "role" {
  source = "terraform-aws-modules/iam/aws//modules/iam-role"

  create                 = true
  description            = "Statement of the deploy role"
  attach_vpc_cni_policy  = true
  mixed_instances_policy = var.mixed
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "*" } }]
  })
  trust_policy_permissions = {
    Assume = {
      actions    = ["sts:AssumeRole"]
      principals = [{ type = "AWS", identifiers = ["arn:aws:iam::111122223333:root"] }]
    }
  }
  inline_policy_permissions = var.inline
  policy_statements = [
    { effect = "Allow", actions = ["s3:GetObjekt"], resources = ["*"] },
    { actions = ["sqs:*"], not_resources = null, resources = ["*"], condition = [{ test = "StringEquals", variable = "aws:SourceVpc", values = ["vpc-1"] }] },
  ]
  node_groups = {
    default = {
      iam_role_policy_statements = [{ actions = ["ec2:DescribeInstances"], resources = ["*"] }]
    }
  }
  source_policy_documents = [data.aws_iam_policy_document.extra.json]
}

data "aws_iam_policy_document" "extra" {
  statement {
    actions   = ["s3:ListBucket"]
    resources = ["*"]
  }
}
`;

  it('reads the policies a module input carries where they are written, by name and content', () => {
    const source = readTf(main);
    assert.deepEqual(
      source.documents.map((d) => [d.path, d.kind, d.construct ?? '']),
      [
        ['module.role.assume_role_policy', 'trust', ''],
        ['module.role.trust_policy_permissions', 'trust', 'terraform-block'],
        ['module.role.policy_statements', 'identity', 'terraform-block'],
        ['module.role.node_groups.default.iam_role_policy_statements', 'identity', 'terraform-block'],
        ['data.aws_iam_policy_document.extra', 'identity', 'terraform-block'],
      ],
    );
    const statements = source.documents[2]!.statements;
    assert.deepEqual(actions(main, source.documents[2]!), [[['s3:GetObjekt', 's3:GetObjekt']], [['sqs:*', 'sqs:*']]]);
    assert.equal(at(main, statements[0]!.action!.key.span), 'actions');
    assert.equal(statements[1]!.notResource, undefined);
    assert.deepEqual(
      statements[1]!.condition!.blocks.map((b) => [b.operator.text, b.entries.map((e) => e.key.text)]),
      [['StringEquals', ['aws:SourceVpc']]],
    );
    const trust = source.documents[1]!.statements[0]!;
    assert.deepEqual(
      trust.principal!.entries.map((e) => [e.key.text, e.values.values.map((v) => v.text)]),
      [['AWS', ['arn:aws:iam::111122223333:root']]],
    );
    const findings = lintText(main, 'terraform', catalog).findings;
    assert.ok(findings.some((f) => f.ruleId === 'unknown-action' && at(main, f.span) === 's3:GetObjekt'));
    assert.ok(
      findings.some((f) => f.ruleId === 'public-principal' || f.ruleId === 'trust-anyone'),
      JSON.stringify(findings.map((f) => f.ruleId)),
    );
  });

  it('says an input that holds a policy by its name and whose value is unknown; not switches, not other inputs', () => {
    const source = readTf(main);
    assert.deepEqual(
      source.notAnalysed!.map((n) => [n.reason, at(main, n.span!)]),
      [['the policy in this module input comes from var.inline: not analysed', 'inline_policy_permissions']],
    );
  });

  it('a document block passed to a trust input takes the trust kind', () => {
    const text = `module "role" {
  source             = "./role"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}
`;
    assert.deepEqual(
      readTf(text).documents.map((d) => [d.path, d.kind]),
      [['data.aws_iam_policy_document.trust', 'trust']],
    );
  });
});
