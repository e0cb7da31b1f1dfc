import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { Catalog } from '../../../../src/core/catalog';
import { lintText } from '../../../../src/core/lint';
import type { Fix } from '../../../../src/core/rules/types';
import { readPolicySource } from '../../../../src/core/sources';
import { loadGrammars } from '../../helpers/grammars';
import { catalogFile, repoRoot } from '../../helpers/paths';
import { at, readTs } from './cdkHelpers';
import { applyFix } from '../../helpers/edits';

const FIXTURES = path.join(repoRoot, 'test', 'fixtures', 'cdk', 'lib');
const appStack = readFileSync(path.join(FIXTURES, 'app-stack.ts'), 'utf8');
const aliases = readFileSync(path.join(FIXTURES, 'aliases.ts'), 'utf8');

const apply = applyFix;

describe('CDK fixture app: lint', () => {
  let catalog: Catalog;
  before(async () => {
    await loadGrammars();
    catalog = Catalog.load(catalogFile);
  });

  it("reports the fixture's findings on the code that causes them", () => {
    const result = lintText(appStack, 'typescript', catalog);
    assert.deepEqual(result.internalErrors, []);
    const found = result.findings.map((f) => `${f.ruleId} ${at(appStack, f.span)}`);
    for (const expected of [
      'wildcard-action s3:*',
      'unknown-action s3:GetObjcet',
      'privilege-escalation grantPassRole',
      'cross-account-trust 111122223333',
      'aws-managed-admin-policy AdministratorAccess',
      'bad-mfa-condition aws:MultiFactorAuthPresent',
      'oidc-trust-unpinned https://token.actions.githubusercontent.com',
      'account-root-trust new iam.AccountRootPrincipal()',
      'public-principal new iam.AnyPrincipal()',
      'unconstrained-write addAllResources',
      'oidc-audience-missing arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
      'oidc-github-branch-unpinned repo:acme/app:*',
      'service-principal-without-source sns.amazonaws.com',
      'bucket-secure-transport addToResourcePolicy',
    ]) {
      assert.ok(found.includes(expected), `${expected} in\n${found.join('\n')}`);
    }
    // The escalation joins the role's own statement (addToPolicy) with what a grant adds to it.
    const escalation = result.findings.find((f) => f.ruleId === 'privilege-escalation')!;
    assert.match(escalation.message, /role: iam:PassRole \+ lambda:CreateFunction \+ lambda:InvokeFunction/);
    assert.ok(escalation.span.start > appStack.indexOf('anyRole.grantPassRole'));
  });

  it('reports nothing on values it cannot see, nor on what grants write', () => {
    const result = lintText(appStack, 'typescript', catalog);
    for (const finding of result.findings) {
      const text = at(appStack, finding.span);
      assert.ok(!/props\.|bucket\.|queue\.|\$\{/.test(text), `${finding.ruleId} on ${text}`);
      // Per-document rules skip grants: only principal-wide rules may point at a grant method.
      if (/^grant/.test(text)) assert.equal(finding.ruleId, 'privilege-escalation');
    }
  });

  it('fixes a misspelled action inside its quotes, and writes a wildcard out as TypeScript array items', () => {
    const result = lintText(appStack, 'typescript', catalog);
    const unknown = result.findings.find((f) => f.ruleId === 'unknown-action')!;
    const fixed = apply(appStack, unknown.fixes[0]!);
    assert.ok(
      fixed.includes("actions: ['s3:GetObject'], resources: [`${bucket.bucketArn}/reports/*`]"),
      'replaced inside the quotes',
    );
    const wildcard = result.findings.find((f) => f.ruleId === 'wildcard-action' && at(appStack, f.span) === 's3:*')!;
    const expanded = apply(
      appStack,
      wildcard.fixes.find((f) => /Read and List/.test(f.title))!,
    );
    assert.ok(
      /actions: \['s3:\w+', 's3:\w+', .*'s3:GetObject', /.test(expanded),
      'the items, single-quoted, in the array',
    );
    assert.ok(!expanded.includes('"s3:'), 'no double quotes');
  });

  it('inserts into a construct only CDK code: a conditions entry or prop, never an IAM element; the result parses', async () => {
    const { withTree } = await import('../../../../src/core/sources/code/trees');
    const result = lintText(appStack, 'typescript', catalog);
    const source = result.source;
    const applyHere = (fix: Fix) => applyFix(appStack, fix);
    let inserted = 0;
    for (const finding of result.findings) {
      const document = source.documents.find(
        (d) => d.construct && d.span.start <= finding.span.start && finding.span.end <= d.span.end,
      );
      if (!document) continue;
      const conditions = document.statements.flatMap((s) => (s.condition ? [s.condition.span] : []));
      for (const fix of finding.fixes) {
        for (const e of fix.edits.filter((edit) => edit.span.end === edit.span.start)) {
          inserted++;
          assert.ok(
            e.native || conditions.some((c) => c.start < e.span.start && e.span.start < c.end),
            `${finding.ruleId}: ${fix.title}`,
          );
          assert.ok(!/\b(Condition|Statement|Effect|Principal)\b/.test(e.newText), `${finding.ruleId}: ${e.newText}`);
        }
        const fixed = applyHere(fix);
        assert.equal(
          withTree('typescript', fixed, (tree) => tree.rootNode.hasError),
          false,
          `${finding.ruleId}: ${fix.title}`,
        );
      }
    }
    assert.ok(inserted > 0, 'the fixture has a condition entry to add');
    // The audience condition joins the OIDC principal's own conditions object.
    const audience = result.findings.find((f) => f.ruleId === 'oidc-audience-missing')!;
    assert.match(applyHere(audience.fixes[0]!), /'token\.actions\.githubusercontent\.com:aud': 'sts\.amazonaws\.com'/);
  });

  it('reads aliased imports and half-typed code', () => {
    const result = lintText(aliases, 'typescript', catalog);
    assert.deepEqual(result.internalErrors, []);
    const source = result.source;
    assert.deepEqual(
      source.documents.map((d) => [d.kind, d.path.replace(/ \(line \d+\)/, ''), d.appliesTo?.join()]),
      [
        ['trust', 'auditor.assumedBy', undefined],
        ['identity', 'auditor.addToPolicy', 'auditor'],
        ['identity', 'logs.grantPut(auditor)', 'auditor'],
        ['identity', 'auditor.addToPolicy', 'auditor'],
      ],
    );
    // TypeScript's own syntax errors are VS Code's to report.
    assert.equal(result.findings.filter((f) => f.ruleId === 'syntax-error').length, 0);
  });
});

describe('CDK fixture app: robustness', () => {
  before(loadGrammars);

  it('holds the span invariants on the fixtures', () => {
    assert.ok(readTs(appStack).documents.length > 15);
    readTs(aliases);
  });

  it('never throws on truncated input', () => {
    for (const text of [appStack, aliases]) {
      for (let end = 0; end < text.length; end += 37) readTs(text.slice(0, end));
    }
  });

  it('reads nothing from TypeScript that does not use the CDK', () => {
    assert.equal(
      readPolicySource(
        "import { x } from './x';\nconst statement = new PolicyStatement({ actions: ['s3:*'] });\n",
        'typescript',
      ).shape,
      'none',
    );
    assert.equal(
      readPolicySource(
        "import * as cdk from 'aws-cdk-lib';\nconst s = new PolicyStatement({ actions: ['s3:*'] });\n",
        'typescript',
      ).documents.length,
      0,
    );
  });
});
