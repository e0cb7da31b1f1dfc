/**
 * Real files nobody here wrote, read in place from ../shared (GPL-3.0 managed policies, Apache-2.0
 * templates: never copied into the project). Skipped when ../shared is absent.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { PolicySource } from '../../../src/core/policy/model';
import { readPolicySource } from '../../../src/core/sources';
import { repoRoot } from '../helpers/paths';
import { checkSpans } from './invariants';

const data = path.join(repoRoot, '..', 'shared', 'data');
const policiesDir = path.join(data, 'managed-policies');
const templatesDir = path.join(data, 'cfn-templates-with-iam');
const absent = (dir: string): string | false =>
  !existsSync(dir) && `${dir} is absent (the shared data is not checked out here)`;

describe('corpus: AWS managed policies (get-policy-version shape)', { skip: absent(policiesDir) }, () => {
  test('every policy: CLI output, one identity document, at least one statement, no problems, spans exact', (t) => {
    const files = readdirSync(policiesDir).filter((f) => f.endsWith('.json'));
    const failures: string[] = [];
    const empty: string[] = [];
    let statements = 0;
    for (const file of files) {
      const text = readFileSync(path.join(policiesDir, file), 'utf8');
      const source = readPolicySource(text, 'json');
      if (text.length === 0) {
        // The corpus holds a few zero-byte files: nothing to read, nothing to report.
        empty.push(file);
        if (source.shape !== 'none' || source.problems.length > 0) failures.push(`${file}: empty, yet ${source.shape}`);
        continue;
      }
      try {
        checkSpans(text, source);
        const doc = source.documents[0];
        assert.deepEqual(source.problems, []);
        assert.equal(source.shape, 'cli-output');
        assert.equal(source.documents.length, 1);
        assert.deepEqual([doc.kind, doc.path], ['identity', 'PolicyVersion.Document']);
        assert.ok(doc.statements.length >= 1, 'at least one statement');
        statements += doc.statements.length;
      } catch (error) {
        failures.push(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    t.diagnostic(
      `${files.length} files, ${files.length - empty.length} read, ${statements} statements; empty files: ${empty.join(', ') || 'none'}`,
    );
    assert.deepEqual(failures, []);
    assert.ok(files.length - empty.length >= 1500, 'the corpus is there');
  });
});

/** Templates that declare IAM resources yet hold no policy document we can read, and why. */
const NO_DOCUMENT_EXPECTED: Readonly<Record<string, string>> = {
  'CloudFormation/MacrosExamples/ExecutionRoleBuilder/example.json':
    "the role's permissions are in the ExecutionRoleBuilder macro's own syntax",
  'CloudFormation/MacrosExamples/ExecutionRoleBuilder/example.yaml':
    "the role's permissions are in the ExecutionRoleBuilder macro's own syntax",
  'CloudFormation/StackSets/common-resources-stackset-pkg.json':
    "the IAM resources are inside a StackSet's TemplateBody string",
  'CloudFormation/StackSets/templates/common-resources-stackset.yaml':
    "the IAM resources are inside a StackSet's TemplateBody string",
};

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

describe('corpus: CloudFormation templates that declare IAM', { skip: absent(templatesDir) }, () => {
  test('every template: a template, no problems, documents wherever IAM is declared, spans exact', (t) => {
    const files = walk(templatesDir).filter((f) => /\.(json|ya?ml)$/.test(f));
    const failures: string[] = [];
    const kinds = new Map<string, number>();
    for (const file of files) {
      const name = path.relative(templatesDir, file).split(path.sep).join('/');
      const text = readFileSync(file, 'utf8');
      let source: PolicySource | undefined;
      try {
        source = checkSpans(text, readPolicySource(text, file.endsWith('.json') ? 'json' : 'yaml'));
        for (const problem of source.problems) t.diagnostic(`${name}: ${problem.message} at ${problem.span.start}`);
        assert.deepEqual(source.problems, []);
        assert.equal(source.shape, 'cloudformation');
        const declaresIam = /AWS::IAM::/.test(text);
        if (declaresIam && !NO_DOCUMENT_EXPECTED[name])
          assert.ok(source.documents.length > 0, 'declares IAM, yields a document');
        if (NO_DOCUMENT_EXPECTED[name])
          assert.equal(source.documents.length, 0, `expected none: ${NO_DOCUMENT_EXPECTED[name]}`);
        for (const doc of source.documents) kinds.set(doc.kind, (kinds.get(doc.kind) ?? 0) + 1);
      } catch (error) {
        failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    t.diagnostic(`${files.length} templates; documents by kind: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    assert.deepEqual(failures, []);
    assert.ok(files.length >= 100, 'the corpus is there');
  });
});
